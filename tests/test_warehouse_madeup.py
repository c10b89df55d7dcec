"""Cross-article merging on the MADE-UP multi-article set (tests/data/madeup_border_story.json).

The set is fictional (invented countries, people and 2031 dates); it also supplies records to the other
warehouse and CLI tests through `madeup_items()`.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import duckdb
import pytest

from extractors.records import Article, Event, TimeExpression, event_id
from warehouse.clusters import cluster_mentions
from warehouse.db import open_warehouse
from warehouse.load import load_articles, start_run, update_clusters
from warehouse.queries import EventFilter, clustering_mentions, event_rows

MADEUP_SET = Path(__file__).parent / "data" / "madeup_border_story.json"

EXPECTED_MERGES = [
    {"talks-a1", "talks-a2", "talks-a3"},
    {"rally-a2", "protest-a4"},
    {"call-a3", "call-a4", "call-a5"},
]
EXPECTED_SINGLETONS = {
    "treaty-a1", "unions-a2", "statement-a3", "fuel-protest-a4", "dockers-a4", "treaty-a5", "not-met-a5",
}


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _event(article: Article, spec: dict) -> Event:
    """Build one Event from its made-up spec, locating its sentence, trigger and date in the text."""
    sentence_start = article.text.index(spec["sentence"])
    sentence_end = sentence_start + len(spec["sentence"])
    trigger_start = article.text.index(spec["trigger"], sentence_start)
    trigger_end = trigger_start + len(spec["trigger"])
    time = None
    if spec["date"] is not None:
        date_spec = spec["date"]
        time_start = article.text.index(date_spec["text"], sentence_start)
        time = TimeExpression(
            start=time_start,
            end=time_start + len(date_spec["text"]),
            text=date_spec["text"],
            type="DATE",
            value=date_spec["value"],
            first_day=_day(date_spec["first_day"]),
            last_day=_day(date_spec["last_day"]),
            granularity=date_spec["granularity"],
        )
    return Event(
        id=event_id(article.id, trigger_start, trigger_end),
        article_id=article.id,
        type=spec["type"],
        status=spec["status"],
        summary=spec["summary"],
        trigger_start=trigger_start,
        trigger_end=trigger_end,
        trigger_text=spec["trigger"],
        trigger_lemma=spec["trigger"].lower(),
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        evidence_start=sentence_start,
        evidence_end=sentence_end,
        actors=tuple(spec["actors"]),
        location=spec["location"],
        time=time,
        confidence=0.8,
        negated=spec.get("negated", False),
    )


def madeup_items() -> tuple[list[tuple[Article, list[TimeExpression], list[Event]]], dict[str, str]]:
    """The made-up articles as (article, timexes, events) items, and a map from event id to its label."""
    data = json.loads(MADEUP_SET.read_text(encoding="utf-8"))
    items = []
    labels: dict[str, str] = {}
    for spec in data["articles"]:
        article = Article(
            id=spec["id"],
            text=spec["text"],
            url=spec["url"],
            title=spec["title"],
            source=spec["source"],
            published=date.fromisoformat(spec["published"]),
            dct_origin="given",
        )
        events = [_event(article, event_spec) for event_spec in spec["events"]]
        pairs = zip(events, spec["events"], strict=True)
        labels.update({event.id: event_spec["label"] for event, event_spec in pairs})
        timexes = [event.time for event in events if event.time is not None]
        items.append((article, timexes, events))
    return items, labels


def load_madeup(path: Path) -> tuple[duckdb.DuckDBPyConnection, dict[str, str]]:
    """A warehouse at `path` holding the made-up set, its clusters merged; and the event labels."""
    items, labels = madeup_items()
    con = open_warehouse(path)
    load_articles(con, items, run_id=start_run(con, flow_run_id=None, inputs=["madeup"]))
    update_clusters(con)
    return con, labels


def _labelled(clusters, labels: dict[str, str]) -> list[set[str]]:
    return [{labels[event_id] for event_id in cluster.event_ids} for cluster in clusters]


def test_the_madeup_set_is_marked_as_made_up():
    data = json.loads(MADEUP_SET.read_text(encoding="utf-8"))
    assert data["note"].startswith("MADE UP")
    assert all(article["text"].startswith("MADE UP TEST ARTICLE") for article in data["articles"])


@pytest.fixture
def loaded(tmp_path):
    con, labels = load_madeup(tmp_path / "madeup.duckdb")
    yield con, labels
    con.close()


def test_merging_finds_exactly_the_expected_clusters(loaded):
    con, labels = loaded
    clusters = _labelled(cluster_mentions(clustering_mentions(con)), labels)
    merged = sorted((c for c in clusters if len(c) > 1), key=sorted)
    singletons = {label for c in clusters if len(c) == 1 for label in c}
    assert merged == sorted(EXPECTED_MERGES, key=sorted)
    assert singletons == EXPECTED_SINGLETONS


def test_merging_does_not_depend_on_input_order(loaded):
    con, _ = loaded
    mentions = list(clustering_mentions(con))
    expected = cluster_mentions(mentions)
    for seed in range(5):
        shuffled = mentions[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster_mentions(shuffled) == expected


def test_cluster_rows_carry_counts_sources_and_latest_status(loaded):
    con, _ = loaded
    rows = event_rows(con, EventFilter(types=("call",)))
    assert len(rows) == 1
    call = rows[0]
    assert call["mention_count"] == 3
    assert call["status"] == "past"  # planned in two reports, held according to the latest one
    assert (call["first_day"], call["last_day"]) == (date(2031, 5, 18), date(2031, 5, 18))
    assert (call["first_reported"], call["last_reported"]) == (date(2031, 5, 15), date(2031, 5, 19))
    assert [source["url"] for source in call["sources"]] == [
        "https://example.invalid/madeup/talks-end",
        "https://example.invalid/madeup/lindgard-protest",
        "https://example.invalid/madeup/leaders-spoke",
    ]
    assert set(call["actors"]) == {"Arvid Holm", "Lena Sorel", "Nordavia", "Estrovia"}


def test_every_event_belongs_to_exactly_one_stored_cluster(loaded):
    con, _ = loaded
    members = con.execute(
        "SELECT count(*), count(DISTINCT event_id) FROM event_cluster_members"
    ).fetchone()
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert members == (events, events)
    clusters = con.execute("SELECT count(*), sum(mention_count) FROM event_clusters").fetchone()
    assert clusters == (len(EXPECTED_MERGES) + len(EXPECTED_SINGLETONS), events)
