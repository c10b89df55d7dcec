"""The fast cluster merging (runs of overlapping dates, distinct signatures) finds exactly the connected
components of `same_event` over every pair, as a straightforward reference computes them."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_warehouse_madeup import load_madeup
from warehouse.clusters import (
    Mention,
    block_order,
    cluster_mentions,
    clusters_in_block_order,
    same_event,
    store_clusters,
)
from warehouse.load import update_clusters
from warehouse.queries import clustering_mentions

DAY_ZERO = date(2031, 5, 1)
# Small vocabularies, so that random mentions often agree, often repeat a signature, and sometimes cannot
# merge even with themselves (no place, no specific actor).
PLACES = (None, "Paris", "Paris, France", "London", "—")
ACTOR_NAMES = ("Lena Sorel", "Sorel", "Nordavia", "officials", "Arvid Holm")
SUMMARIES = ("ministers held talks", "talks in Paris", "a strike was called", "")


def reference_partition(mentions: list[Mention]) -> set[frozenset[str]]:
    """Connected components of `same_event`, testing every pair of mentions."""
    parent = {mention.event_id: mention.event_id for mention in mentions}

    def root(event_id: str) -> str:
        while parent[event_id] != event_id:
            event_id = parent[event_id]
        return event_id

    for index, first in enumerate(mentions):
        for second in mentions[index + 1 :]:
            if same_event(first, second):
                parent[root(first.event_id)] = root(second.event_id)
    groups: dict[str, set[str]] = {}
    for event_id in parent:
        groups.setdefault(root(event_id), set()).add(event_id)
    return {frozenset(group) for group in groups.values()}


@st.composite
def signatures(draw) -> dict:
    """The fields `same_event` reads, drawn from the small vocabularies."""
    first = draw(st.one_of(st.none(), st.integers(0, 60)))
    width = draw(st.sampled_from([0, 0, 1, 6, 30, 31, 200]))
    return {
        "type": draw(st.sampled_from(["meeting", "call"])),
        "negated": draw(st.booleans()),
        "first_day": None if first is None else DAY_ZERO + timedelta(days=first),
        "last_day": None if first is None else DAY_ZERO + timedelta(days=first + width),
        "location": draw(st.sampled_from(PLACES)),
        "actors": tuple(draw(st.lists(st.sampled_from(ACTOR_NAMES), max_size=2))),
        "summary": draw(st.sampled_from(SUMMARIES)),
    }


@st.composite
def mention_sets(draw) -> list[Mention]:
    """Mentions whose signatures come from a few drawn ones, so twins are common."""
    pool = draw(st.lists(signatures(), min_size=1, max_size=8))
    picks = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=40))
    return [
        Mention(event_id=f"e{number:03d}", article_id=f"a{number % 7}", status="past", confidence=0.5,
                published=DAY_ZERO + timedelta(days=number % 5), **fields)
        for number, fields in enumerate(picks)
    ]


@settings(max_examples=300, deadline=None)
@given(mention_sets())
def test_clusters_are_exactly_the_components_of_every_pair(mentions):
    clusters = cluster_mentions(mentions)
    assert {frozenset(cluster.event_ids) for cluster in clusters} == reference_partition(mentions)
    assert sum(cluster.mention_count for cluster in clusters) == len(mentions)


@settings(max_examples=100, deadline=None)
@given(mention_sets())
def test_streaming_in_block_order_gives_the_same_clusters(mentions):
    streamed = sorted(clusters_in_block_order(sorted(mentions, key=block_order)), key=lambda c: c.id)
    assert streamed == cluster_mentions(mentions)


def test_twins_that_cannot_merge_with_each_other_stay_apart():
    lonely = Mention(event_id="e1", article_id="a1", type="meeting", status="past", summary="talks",
                     first_day=DAY_ZERO, last_day=DAY_ZERO, actors=("officials",), location=None,
                     confidence=0.5, negated=False, published=DAY_ZERO)
    twin = dataclasses.replace(lonely, event_id="e2", article_id="a2")
    assert not same_event(lonely, twin)
    assert [cluster.event_ids for cluster in cluster_mentions([lonely, twin])] in (
        [("e1",), ("e2",)], [("e2",), ("e1",)]
    )


def test_a_mention_out_of_block_order_is_refused():
    early = Mention(event_id="e1", article_id="a1", type="meeting", status="past", summary="talks",
                    first_day=DAY_ZERO, last_day=DAY_ZERO, actors=(), location="Paris", confidence=0.5,
                    negated=False, published=DAY_ZERO)
    late = dataclasses.replace(early, event_id="e2", first_day=DAY_ZERO + timedelta(days=3),
                               last_day=DAY_ZERO + timedelta(days=3))
    with pytest.raises(ValueError, match="e1 is out of block order"):
        list(clusters_in_block_order([late, early]))


def test_streamed_clusters_stored_in_chunks_match_the_clusters_of_all_mentions(tmp_path):
    con, _ = load_madeup(tmp_path / "madeup.duckdb")
    try:
        expected = cluster_mentions(clustering_mentions(con))
        assert update_clusters(con) == len(expected)
        mentions = sorted(clustering_mentions(con), key=block_order)
        assert store_clusters(con, clusters_in_block_order(mentions), chunk_size=2) == len(expected)
        stored = con.execute(
            "SELECT id, representative_event_id, status, first_day, last_day, actors, location, "
            "mention_count "
            "FROM event_clusters ORDER BY id"
        ).fetchall()
        assert stored == [(c.id, c.representative_event_id, c.status, c.first_day, c.last_day, list(c.actors),
                           c.location, c.mention_count) for c in expected]
        members = con.execute("SELECT event_id, cluster_id FROM event_cluster_members ORDER BY event_id")
        assert members.fetchall() == sorted((e, c.id) for c in expected for e in c.event_ids)
    finally:
        con.close()
