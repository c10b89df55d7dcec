"""The agenda: planned events from the as-of date forward, one row each, by date."""

from __future__ import annotations

from datetime import date

from charts.agenda import agenda_chart, agenda_rows
from tests.chart_rows import gold_chart_rows
from tests.conftest import SAMPLE_GOLD

AS_OF = date(2025, 3, 12)


def _rows():
    return gold_chart_rows(SAMPLE_GOLD, title="Paris", url="https://example.org/p")


def test_the_agenda_lists_the_planned_paris_events_by_date():
    rows = agenda_rows(_rows(), AS_OF, 30)
    assert [row["date_value"] for row in rows] == ["FUTURE_REF", "2025-W11-WE", "2025-W12"]
    assert all(row["status"] == "planned" for row in rows)


def test_the_window_leaves_out_what_is_past_or_too_far():
    rows = _rows()
    assert agenda_rows(rows, date(2025, 3, 18), 30)[-1]["date_value"] == "2025-W12"
    assert "2025-W11-WE" not in [row["date_value"] for row in agenda_rows(rows, date(2025, 3, 18), 30)]
    assert [row["date_value"] for row in agenda_rows(rows, date(2025, 3, 1), 5)] == []


def test_one_agenda_row_per_event_in_date_order():
    spec = agenda_chart(_rows(), as_of=AS_OF).to_dict()
    keys = spec["layer"][1]["encoding"]["y"]["sort"]
    assert len(keys) == 3
    assert keys == sorted(keys)
    assert "Sat 15 Mar 2025 – Sun 16 Mar 2025" in keys[1]


def test_a_vague_plan_leaves_the_agenda_after_a_month():
    rows = _rows()
    assert "FUTURE_REF" in [row["date_value"] for row in agenda_rows(rows, date(2025, 4, 1), 30)]
    assert "FUTURE_REF" not in [row["date_value"] for row in agenda_rows(rows, date(2025, 5, 1), 30)]


def test_an_empty_agenda_says_so():
    spec = agenda_chart(_rows(), as_of=date(2026, 1, 1)).to_dict()
    texts = [value["text"] for values in spec["datasets"].values() for value in values]
    assert texts == ["No planned events between Thu 1 Jan 2026 and Sat 31 Jan 2026."]
