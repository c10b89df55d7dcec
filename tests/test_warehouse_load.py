"""Loads: runs, failures, idempotent reloads, article versions replaced atomically, per-article fallback."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from extractors.records import Article, ReadFailure, event_id
from tests.test_warehouse_madeup import madeup_items
from warehouse.db import open_warehouse
from warehouse.load import (
    article_is_stored,
    finish_run,
    load_article,
    load_articles,
    record_failure,
    start_run,
    update_clusters,
)
from warehouse.queries import table_counts

CONTENT_TABLES = (
    "sources", "articles", "time_expressions", "events", "event_clusters", "event_cluster_members",
)


@pytest.fixture
def con(tmp_path):
    connection = open_warehouse(tmp_path / "dateline.duckdb")
    yield connection
    connection.close()


def _run(con) -> str:
    return start_run(con, flow_run_id=None, inputs=["tests/data/madeup_border_story.json"])


def _content(con) -> dict[str, list]:
    """Every row of the content tables, minus load timestamps and run ids (which say when, not what)."""
    queries = {
        "articles": "SELECT * EXCLUDE (first_loaded_at, loaded_at, run_id) FROM articles ORDER BY id",
        "time_expressions": "SELECT * FROM time_expressions ORDER BY ALL",
        "events": "SELECT * FROM events ORDER BY id",
        "event_clusters": "SELECT * FROM event_clusters ORDER BY id",
        "event_cluster_members": "SELECT * FROM event_cluster_members ORDER BY ALL",
        "sources": "SELECT name FROM sources ORDER BY name",
    }
    return {table: con.execute(sql).fetchall() for table, sql in queries.items()}


def test_runs_record_start_end_status_and_counts(con):
    run_id = start_run(con, flow_run_id="flow-1", inputs=["a", "b"])
    row = con.execute("SELECT flow_run_id, inputs, status, finished_at FROM runs WHERE id = $id",
                      {"id": run_id}).fetchone()
    assert row == ("flow-1", ["a", "b"], "running", None)
    finish_run(con, run_id, status="Completed", counts={"articles": 3, "events": 7})
    status, counts, finished = con.execute(
        "SELECT status, counts, finished_at FROM runs WHERE id = $id", {"id": run_id}
    ).fetchone()
    assert status == "Completed" and finished is not None
    assert json.loads(counts) == {"articles": 3, "events": 7}


def test_failures_name_the_input_stage_error_and_run(con):
    run_id = _run(con)
    record_failure(con, run_id, ReadFailure(input="feeds/broken.xml", stage="read", error="not a feed"))
    assert con.execute("SELECT run_id, input, stage, error FROM failures").fetchall() == [
        (run_id, "feeds/broken.xml", "read", "not a feed")
    ]


def test_loading_the_same_articles_twice_changes_nothing(con):
    items, _ = madeup_items()
    first = load_articles(con, items, run_id=_run(con))
    update_clusters(con)
    counts, content = table_counts(con), _content(con)
    assert first == {"new": 5, "unchanged": 0, "replaced": 0, "failed": 0}

    second = load_articles(con, items, run_id=_run(con))
    update_clusters(con)
    assert second == {"new": 0, "unchanged": 5, "replaced": 0, "failed": 0}
    assert _content(con) == content
    after = table_counts(con)
    for table in CONTENT_TABLES:
        assert after[table] == counts[table], table
    assert after["runs"] == counts["runs"] + 1
    for article, timexes, events in items:
        assert load_article(con, article, timexes, events, run_id=_run(con)) == "unchanged"
        assert article_is_stored(con, article.id, article.content_hash)
    assert _content(con) == content


def test_a_batch_with_the_same_article_twice_keeps_the_last_copy(con):
    items, _ = madeup_items()
    article, timexes, events = items[0]
    older = dataclasses.replace(article, text=article.text + " An earlier draft.")
    counts = load_articles(con, [(older, [], []), (article, timexes, events)], run_id=_run(con))
    assert counts["new"] == 1
    assert article_is_stored(con, article.id, article.content_hash)
    assert table_counts(con)["events"] == len(events)


def _new_version(article: Article, events):
    """The article with a changed text: one event fewer and a rewritten sentence (offsets moved)."""
    kept = events[0]
    text = "UPDATED. " + article.text
    shift = len("UPDATED. ")
    moved = dataclasses.replace(
        kept,
        id=event_id(article.id, kept.trigger_start + shift, kept.trigger_end + shift),
        trigger_start=kept.trigger_start + shift,
        trigger_end=kept.trigger_end + shift,
        sentence_start=kept.sentence_start + shift,
        sentence_end=kept.sentence_end + shift,
        evidence_start=kept.evidence_start + shift,
        evidence_end=kept.evidence_end + shift,
        summary=kept.summary + " (updated)",
        time=None,
    )
    return dataclasses.replace(article, text=text), moved


def test_a_changed_article_replaces_its_expressions_and_events(con):
    items, _ = madeup_items()
    load_articles(con, items, run_id=_run(con))
    article, _, events = items[0]
    by_id = {"id": article.id}
    first_loaded = con.execute("SELECT first_loaded_at FROM articles WHERE id = $id", by_id).fetchone()
    changed, moved = _new_version(article, events)

    assert load_article(con, changed, [], [moved], run_id=_run(con)) == "replaced"
    stored = con.execute("SELECT id, summary FROM events WHERE article_id = $id", by_id).fetchall()
    assert stored == [(moved.id, moved.summary)]
    assert con.execute("SELECT count(*) FROM time_expressions WHERE article_id = $id",
                       {"id": article.id}).fetchone() == (0,)
    assert con.execute("SELECT version, first_loaded_at, content_hash FROM articles WHERE id = $id",
                       {"id": article.id}).fetchone() == (2, first_loaded[0], changed.content_hash)
    other_events = sum(len(item[2]) for item in items[1:])
    assert table_counts(con)["events"] == other_events + 1


def test_a_new_id_at_a_stored_url_replaces_the_old_article(con):
    items, _ = madeup_items()
    article, timexes, events = items[0]
    load_article(con, article, timexes, events, run_id=_run(con))
    renamed = dataclasses.replace(article, id="madeup-a1-v2", text=article.text + " Corrected.")
    assert load_article(con, renamed, [], [], run_id=_run(con), source="madeup-corrections") == "replaced"
    assert con.execute("SELECT id, source, version FROM articles").fetchall() == [
        ("madeup-a1-v2", "madeup-corrections", 2)
    ]
    assert table_counts(con)["events"] == 0


def test_a_replacement_that_fails_midway_leaves_the_old_version_whole(con):
    items, _ = madeup_items()
    load_articles(con, items, run_id=_run(con))
    article, _, events = items[0]
    before = _content(con)
    changed, moved = _new_version(article, events)
    broken = dataclasses.replace(moved, trigger_start="not an offset")  # fails after the old rows are deleted
    with pytest.raises(Exception, match="not an offset"):
        load_article(con, changed, [], [moved, broken], run_id=_run(con))
    assert _content(con) == before
    assert not article_is_stored(con, changed.id, changed.content_hash)


def test_a_bad_article_in_a_batch_costs_only_itself(con):
    items, _ = madeup_items()
    article, timexes, events = items[1]
    bad_event = dataclasses.replace(events[0], trigger_start="not an offset")
    batch = [items[0], (article, timexes, [*events[1:], bad_event]), *items[2:]]
    run_id = _run(con)
    assert load_articles(con, batch, run_id=run_id) == {"new": 4, "unchanged": 0, "replaced": 0, "failed": 1}
    stored = {row[0] for row in con.execute("SELECT id FROM articles").fetchall()}
    assert stored == {item[0].id for item in items} - {article.id}
    failure = con.execute("SELECT run_id, input, stage, error FROM failures").fetchone()
    assert failure[:3] == (run_id, article.url, "load")
    assert article.url in failure[3] and "\n" not in failure[3]


def test_sources_are_recorded_once_each(con):
    items, _ = madeup_items()
    load_articles(con, items, run_id=_run(con))
    assert [row[0] for row in con.execute("SELECT name FROM sources ORDER BY name").fetchall()] == [
        "madeup-daily", "madeup-wire",
    ]


def test_stored_events_keep_their_evidence_text_and_interval(con):
    items, _ = madeup_items()
    load_articles(con, items, run_id=_run(con))
    article, _, events = items[2]
    call = next(event for event in events if event.type == "call")
    row = con.execute(
        "SELECT evidence, time_text, time_value, first_day, last_day, granularity, actors FROM events "
        "WHERE id = $id", {"id": call.id}
    ).fetchone()
    assert row == (
        article.text[call.evidence_start:call.evidence_end], "this weekend", "2031-W20-WE",
        date(2031, 5, 17), date(2031, 5, 18), "weekend", list(call.actors),
    )


def test_repeated_records_within_an_article_are_stored_once(con):
    items, _ = madeup_items()
    article, timexes, events = items[2]
    assert load_article(con, article, timexes * 2, events * 3, run_id=_run(con)) == "new"
    unique = con.execute(
        "SELECT count(*), count(DISTINCT id) FROM events UNION ALL "
        "SELECT count(*), count(DISTINCT (article_id, start_char, end_char)) FROM time_expressions"
    ).fetchall()
    assert unique == [(len(events), len(events)), (len(timexes), len(timexes))]


def test_evidence_offsets_count_characters_beyond_ascii(con):
    items, _ = madeup_items()
    article, _, events = items[0]
    prefix = "Œuvre 🇫🇷 «naïve» — "
    shifted = dataclasses.replace(article, text=prefix + article.text)
    event = events[0]
    moved = dataclasses.replace(
        event,
        evidence_start=len("Œuvre "),
        evidence_end=event.evidence_end + len(prefix),
        time=None,
    )
    load_article(con, shifted, [], [moved], run_id=_run(con))
    stored = con.execute("SELECT evidence FROM events").fetchone()[0]
    assert stored == shifted.text[moved.evidence_start:moved.evidence_end]
    assert stored.startswith("🇫🇷 «naïve» — MADE UP") and stored.endswith("border dispute.")
