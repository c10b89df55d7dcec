"""The pairwise merging rule and its parts, on hand-made mentions."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from warehouse.clusters import (
    Mention,
    cluster_mentions,
    mergeable,
    names_agree,
    same_event,
    share_an_actor,
    summary_similarity,
)

BASE = Mention(
    event_id="e1",
    article_id="a1",
    type="meeting",
    status="past",
    summary="Defense ministers held talks in Paris on Ukraine",
    first_day=date(2025, 3, 12),
    last_day=date(2025, 3, 12),
    actors=("Sebastien Lecornu", "France"),
    location="Paris",
    confidence=0.7,
    negated=False,
    published=date(2025, 3, 12),
)


def _other(**changes) -> Mention:
    return dataclasses.replace(BASE, event_id="e2", article_id="a2", **changes)


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        ("Lecornu", "Sebastien Lecornu", True),
        ("U.K.", "the UK", True),
        ("Paris", "Paris, France", True),
        ("Sébastien Lecornu", "sebastien lecornu", True),
        ("Healey", "Lecornu", False),
        ("Paris", "London", False),
        ("", "Paris", False),
    ],
)
def test_names_agree_when_one_is_contained_in_the_other(first, second, agree):
    assert names_agree(first, second) is agree


def test_pronouns_and_generic_words_are_not_shared_actors():
    assert not share_an_actor(["officials"], ["Officials"])
    assert not share_an_actor(["They"], ["they"])
    assert share_an_actor(["Lecornu", "officials"], ["Sebastien Lecornu"])


def test_summary_similarity_compares_content_words():
    assert summary_similarity("Ministers held talks in Paris", "Talks in Paris of the ministers") == 1.0
    assert summary_similarity("Ministers held talks in Paris", "Unions planned a strike") == 0.0
    assert summary_similarity("", "anything") == 0.0


@pytest.mark.parametrize(
    ("first_day", "last_day", "expected"),
    [
        (date(2025, 3, 12), date(2025, 3, 12), True),
        (date(2025, 3, 1), date(2025, 3, 31), True),
        (date(2025, 1, 1), date(2025, 12, 31), False),
        (date(2025, 3, 12), None, False),
        (None, None, False),
    ],
)
def test_only_closed_precise_intervals_can_merge(first_day, last_day, expected):
    assert mergeable(dataclasses.replace(BASE, first_day=first_day, last_day=last_day)) is expected


def test_same_type_overlapping_dates_and_two_agreements_merge():
    assert same_event(BASE, _other(summary="Europe's defence chiefs met", actors=("Lecornu",)))


@pytest.mark.parametrize(
    "changes",
    [
        {"type": "statement"},
        {"negated": True, "status": "negated"},
        {"first_day": date(2025, 3, 13), "last_day": date(2025, 3, 13)},
        {"location": "London"},
        {"actors": ("Healey",), "summary": "Unions planned a strike"},
        {"first_day": None, "last_day": None},
    ],
    ids=["other type", "negated", "other day", "other place", "one agreement only", "undated"],
)
def test_a_single_difference_that_matters_keeps_events_apart(changes):
    assert not same_event(BASE, _other(**changes))


def test_one_agreement_plus_a_similar_summary_merges():
    assert same_event(BASE, _other(actors=(), summary="Talks of defense ministers in Paris"))
    assert same_event(BASE, _other(location=None, summary="Lecornu hosted defense ministers' talks"))


def test_a_week_overlapping_a_day_merges():
    assert same_event(BASE, _other(first_day=date(2025, 3, 10), last_day=date(2025, 3, 16)))


def test_clusters_take_the_latest_status_the_narrowest_date_and_a_stable_id():
    planned = dataclasses.replace(
        BASE, event_id="e0", status="planned", published=date(2025, 3, 5),
        first_day=date(2025, 3, 10), last_day=date(2025, 3, 16),
    )
    held = _other(published=date(2025, 3, 13))
    alone = cluster_mentions([planned, BASE])
    together = cluster_mentions([planned, BASE, held])
    assert len(together) == 1
    cluster = together[0]
    assert cluster.status == "past"
    assert (cluster.first_day, cluster.last_day) == (date(2025, 3, 12), date(2025, 3, 12))
    assert cluster.mention_count == 3 and cluster.article_count == 2
    assert (cluster.first_reported, cluster.last_reported) == (date(2025, 3, 5), date(2025, 3, 13))
    assert cluster.id == alone[0].id  # a later report does not rename the cluster
    assert cluster.actors == ("France", "Sebastien Lecornu")
