"""Scoring events on TimeML: which TLINKs count, how found/right is decided, and the corpus targets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from extractors.events_eval import (
    calendar_interval,
    dating_links,
    evaluate_events,
    score_document,
    status_links,
)
from extractors.records import Event, TimeExpression, event_id
from extractors.timeml import canonical_value, read_timeml
from tests.conftest import DATA

MADEUP = DATA / "timeml" / "madeup_links.tml"


def made_event(text: str, word: str, value: str | None, status: str = "past") -> Event:
    start = text.index(word)
    timex = None
    if value is not None:
        first, last, granularity = calendar_interval(value) or (None, None, None)
        timex = TimeExpression(0, 1, "x", "DATE", value, None, first, last, granularity)
    return Event(
        id=event_id("doc", start, start + len(word)), article_id="doc", type="other", status=status,
        summary=word, trigger_start=start, trigger_end=start + len(word), trigger_text=word,
        trigger_lemma=word, sentence_start=0, sentence_end=len(text), evidence_start=0,
        evidence_end=len(text), time=timex,
    )


def test_dating_links_count_each_event_once_from_event_sourced_links() -> None:
    document = read_timeml(MADEUP)
    links = {link.text: link.expected for link in dating_links(document)}
    # "vote" is dated FUTURE_REF (no year), "strike" only by a duration and the DCT, and "summit" only by a
    # link written from the timex: none of them counts.
    assert links == {"met": {"2024-05-08"}, "said": {"2024-05-08", "2024-05-08T15:00"}}


def test_status_links_are_event_to_dct_before_or_after_only() -> None:
    document = read_timeml(MADEUP)
    links = [(link.text, sorted(link.expected)) for link in status_links(document)]
    assert links == [("met", ["past"]), ("said", ["past"]), ("vote", ["planned", "proposed"])]


def test_scores_found_right_and_status() -> None:
    document = read_timeml(MADEUP)
    text = document.text
    events = [
        made_event(text, "met", "2024-05-08"),
        made_event(text, "said", "2024-05-09"),
        made_event(text, "vote", None, status="past"),
    ]
    misses: list[str] = []
    tally = score_document(document, events, misses)
    assert (tally.dated_links, tally.dated_found, tally.dated_checked, tally.dated_right) == (2, 1, 2, 1)
    assert (tally.status_links, tally.status_covered, tally.status_right) == (3, 3, 2)
    assert len(misses) == 2 and any("'said'" in miss for miss in misses)


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("2000-W7", "2000-W07"), ("2000-W7-WE", "2000-W07-WE"), ("2000-W12", "2000-W12"),
        ("1989-10-27T24", "1989-10-27T24:00"), ("1989-10-27T24:00", "1989-10-27T24:00"),
        ("1989-WXX", "1989-WXX"),
    ],
)
def test_values_are_compared_in_one_notation(value: str, canonical: str) -> None:
    assert canonical_value(value) == canonical


def test_a_trigger_spanning_a_support_verb_and_its_noun_counts_for_both() -> None:
    document = read_timeml(MADEUP)
    text = document.text
    start = text.index("met")
    end = text.index("said") + len("said")
    event = made_event(text, "met", "2024-05-08")
    both = replace(event, trigger_start=start, trigger_end=end, trigger_text=text[start:end])
    tally = score_document(document, [both], [])
    assert (tally.dated_links, tally.dated_found) == (2, 2)


def test_a_time_value_counts_for_its_day() -> None:
    assert calendar_interval("2024-05-08T15:00") == (date(2024, 5, 8), date(2024, 5, 8), "time")
    assert calendar_interval("2025-W11-WE") == (date(2025, 3, 15), date(2025, 3, 16), "weekend")
    assert calendar_interval("FUTURE_REF") is None


@pytest.mark.slow
def test_corpus_targets_with_gold_time_expressions(corpus_dir: Path) -> None:
    report = evaluate_events(corpus_dir, gold_timex=True)
    total = report.overall()
    assert (total.documents, total.dated_links, total.status_links) == (256, 1059, 1235)
    scores = report.scores()
    assert scores["dating_recall"] >= 80
    assert scores["dating_precision"] >= 85
    assert scores["status_accuracy"] >= 90
