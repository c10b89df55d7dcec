"""Named queries: filters (dates, type, status, actor, place, search, limit), mentions, upcoming, counts.

Also: hostile strings in every filter are matched as plain data.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_warehouse_madeup import load_madeup
from warehouse.queries import (
    ROW_COLUMNS,
    EventFilter,
    chart_rows,
    daily_counts,
    event_rows,
    latest_published,
    table_counts,
    upcoming_rows,
)

HOSTILE = [
    "'; DROP TABLE events; --",
    "' OR '1'='1",
    "%",
    "_",
    "\\",
    '" OR 1=1 --',
    "Valmora') OR TRUE --",
]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection, _ = load_madeup(tmp_path_factory.mktemp("queries") / "dateline.duckdb")
    yield connection
    connection.close()


def _summaries(rows) -> set[str]:
    return {row["summary"] for row in rows}


def test_rows_have_exactly_the_chart_columns(con):
    for mentions in (False, True):
        rows = event_rows(con, EventFilter(), mentions=mentions)
        assert rows and all(tuple(row) == ROW_COLUMNS for row in rows)
        assert all(isinstance(row["actors"], list) and isinstance(row["sources"], list) for row in rows)
        assert all(set(source) == {"title", "url", "published"} for row in rows for source in row["sources"])


def test_clusters_by_default_mentions_on_request(con):
    assert len(event_rows(con, EventFilter())) == 10
    mentions = event_rows(con, EventFilter(), mentions=True)
    assert len(mentions) == 15
    assert {row["mention_count"] for row in mentions} == {1}


def test_a_date_range_keeps_events_whose_interval_overlaps_it(con):
    rows = event_rows(con, EventFilter(date_from=date(2031, 5, 18), date_to=date(2031, 5, 18)))
    assert {row["type"] for row in rows} == {"call", "agreement"}
    # the weekend call (17-18 May) and the year-long treaty overlap the 18th; the 14 May talks do not
    assert all(row["first_day"] <= date(2031, 5, 18) for row in rows)
    only_before = event_rows(con, EventFilter(date_to=date(2031, 5, 12)))
    assert _summaries(only_before) == {
        "A smaller group protested in Lindgard against fuel prices",  # 12 May
        "Nordavia and Estrovia sign a border treaty",  # this year
        "The two countries sign a border treaty",  # the coming months, from 10 May
    }


def test_an_open_ended_interval_counts_for_its_first_days(con):
    soon = event_rows(con, EventFilter(date_from=date(2031, 6, 1), date_to=date(2031, 6, 2)))
    assert "The two countries sign a border treaty" in _summaries(soon)  # FUTURE_REF from 10 May
    later = event_rows(con, EventFilter(date_from=date(2031, 7, 1), date_to=date(2031, 7, 2)))
    assert "The two countries sign a border treaty" not in _summaries(later)


def test_type_status_actor_place_and_search_filters(con):
    two_types = event_rows(con, EventFilter(types=("protest", "call")))
    assert {row["type"] for row in two_types} == {"protest", "call"}
    assert {row["status"] for row in event_rows(con, EventFilter(statuses=("negated",)))} == {"negated"}
    holm = event_rows(con, EventFilter(actor="HOLM"))
    assert [row["type"] for row in holm] == ["call"]
    valmora = event_rows(con, EventFilter(place="valmora"))
    assert {row["type"] for row in valmora} == {"meeting"} and len(valmora) == 3
    # search looks at every mention of a cluster: "ended without a deal" is only in the third report
    deal = event_rows(con, EventFilter(search="without a DEAL"))
    assert len(deal) == 1 and deal[0]["mention_count"] == 3
    evidence_only = event_rows(con, EventFilter(search="despite earlier reports"), mentions=True)
    assert [row["status"] for row in evidence_only] == ["negated"]


def test_limit_keeps_the_earliest_rows(con):
    everything = event_rows(con, EventFilter())
    assert event_rows(con, EventFilter(limit=3)) == everything[:3]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_strings_in_every_filter_are_data(con, hostile):
    counts = table_counts(con)
    for filters in (
        EventFilter(types=(hostile,)),
        EventFilter(statuses=(hostile,)),
        EventFilter(actor=hostile),
        EventFilter(place=hostile),
        EventFilter(search=hostile),
    ):
        for mentions in (False, True):
            assert event_rows(con, filters, mentions=mentions) == []
        assert daily_counts(con, filters) == []
    assert table_counts(con) == counts


def test_a_filter_text_with_quotes_matches_literally(con):
    rows = event_rows(con, EventFilter(search="Nordavia's Foreign Minister"), mentions=True)
    assert len(rows) == 1 and rows[0]["type"] == "meeting"
    assert event_rows(con, EventFilter(actor="Dock workers' unions"))[0]["location"] == "Valmora"


def test_upcoming_lists_planned_events_in_the_window(con):
    rows = upcoming_rows(con, as_of=date(2031, 5, 16), days=3)
    assert {row["summary"] for row in rows} == {"Nordavia and Estrovia sign a border treaty"}
    # the call was planned in two reports, but the latest report says it happened: not upcoming any more
    mentions = upcoming_rows(con, as_of=date(2031, 5, 16), days=3, mentions=True)
    assert {row["type"] for row in mentions} == {"call", "agreement"}
    assert all(row["status"] == "planned" for row in mentions)
    assert upcoming_rows(con, as_of=date(2032, 1, 1), days=14) == []


def test_chart_rows_leave_out_undated_events(con):
    rows = chart_rows(con, EventFilter())
    assert rows and all(row["first_day"] is not None for row in rows)
    assert [row["first_day"] for row in rows] == sorted(row["first_day"] for row in rows)


def test_daily_counts_group_clusters_by_day_type_and_status(con):
    rows = daily_counts(con, EventFilter())
    assert all(set(row) == {"day", "type", "status", "count"} for row in rows)
    may_14 = {(row["type"], row["status"]): row["count"] for row in rows if row["day"] == date(2031, 5, 14)}
    assert may_14 == {("meeting", "past"): 3, ("meeting", "negated"): 1}
    assert sum(row["count"] for row in rows) == len(chart_rows(con, EventFilter()))


def test_counts_and_latest_publication(con):
    counts = table_counts(con)
    assert counts["articles"] == 5 and counts["events"] == 15 and counts["event_clusters"] == 10
    assert set(counts) >= {"schema_migrations", "sources", "time_expressions", "runs", "failures"}
    assert latest_published(con) == date(2031, 5, 19)

