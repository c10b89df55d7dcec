"""Boilerplate spans: the patterns' own examples, the reference article, page chrome, and the corpus."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.boilerplate import boilerplate_spans, inline_boilerplate, is_boilerplate_line, load_patterns
from extractors.timeml import read_corpus

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "paris-defense-talks-2025-03-12.txt"
SAMPLE_GOLD = DATA / "paris-defense-talks-2025-03-12.json"

PATTERNS = load_patterns()


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(span_start <= start and end <= span_end for span_start, span_end in spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(span_start < end and start < span_end for span_start, span_end in spans)


def test_every_pattern_has_an_example():
    assert PATTERNS and all(pattern.examples for pattern in PATTERNS)


@pytest.mark.parametrize(
    ("pattern", "example"),
    [(p, e) for p in PATTERNS for e in p.examples],
    ids=lambda v: getattr(v, "name", v),
)
def test_pattern_examples_match(pattern, example):
    if pattern.scope == "line":
        assert pattern.regex.fullmatch(example) and is_boilerplate_line(example)
    else:
        assert pattern.regex.search(example) and inline_boilerplate(example) is not None


@pytest.mark.parametrize(
    ("pattern", "sentence"),
    [(p, s) for p in PATTERNS for s in p.counter_examples],
    ids=lambda v: getattr(v, "name", v),
)
def test_pattern_counter_examples_stay_content(pattern, sentence):
    if pattern.scope == "line":
        assert not is_boilerplate_line(sentence)
    else:
        assert inline_boilerplate(sentence) is None


def test_reference_article_tail_and_chrome_are_boilerplate_but_no_event_evidence():
    text = SAMPLE.read_text(encoding="utf-8")
    gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
    spans = boilerplate_spans(text)
    assert _covered(gold["boilerplate_from"], len(text), spans)
    assert _covered(0, len("Subscribe"), spans)
    for event in gold["events"]:
        assert not _overlaps(*event["evidence_span"], spans), event["id"]
    credit = "(Bastien Ohier/Hans Lucas/AFP/Getty Images/TNS)"
    credit_start = text.index(credit)
    assert _covered(credit_start, credit_start + len(credit), spans)
    assert not _overlaps(text.index("People carrying"), credit_start - 1, spans)
    flagged = sum(end - start for start, end in spans)
    assert flagged == len("Subscribe") + len(credit) + len(text) - gold["boilerplate_from"]


PAGE = """Skip to content
Menu
World

Ministers agree on grain corridor

Share
Copy link

Agriculture ministers agreed on Tuesday to open a grain corridor, officials said.

Advertisement

The corridor will open next month. (AP Photo/Jane Doe)

Exporters welcomed the decision.
Read more: Wheat prices fall after the deal
Related coverage
Grain exports hit record
Follow us on Facebook and X
Copyright 2024 Example News. All rights reserved.
"""


def _flagged_lines(text: str) -> list[str]:
    spans = boilerplate_spans(text)
    offsets, start = [], 0
    for line in text.split("\n"):
        offsets.append((line, start, start + len(line)))
        start += len(line) + 1
    return [line for line, s, e in offsets if line.strip() and _covered(s, e, spans)]


def test_page_chrome_lines_and_the_trailing_run_are_flagged():
    assert _flagged_lines(PAGE) == [
        "Skip to content", "Menu", "Share", "Copy link", "Advertisement",
        "Read more: Wheat prices fall after the deal", "Related coverage", "Grain exports hit record",
        "Follow us on Facebook and X", "Copyright 2024 Example News. All rights reserved.",
    ]
    spans = boilerplate_spans(PAGE)
    credit = PAGE.index("(AP Photo/Jane Doe)")
    assert _covered(credit, credit + len("(AP Photo/Jane Doe)"), spans)
    assert not _overlaps(PAGE.index("The corridor"), credit - 1, spans)


def test_a_text_ending_with_content_has_no_tail():
    text = "Talks were held.\n\nSubscribe\n\nThe ministers will meet again next week"
    assert boilerplate_spans(text) == [(18, 27)]


def test_lines_quoting_someone_are_never_boilerplate():
    assert not is_boilerplate_line("Sign up for the draft will resume in May, the ministry said.")
    assert not is_boilerplate_line("Related talks broke down on Monday.")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ©()/\n.Sign upSubscribeRead more:")), max_size=300))
def test_spans_are_sorted_disjoint_and_inside_the_text(text):
    spans = boilerplate_spans(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(previous[1] < following[0] for previous, following in itertools.pairwise(spans))


def test_corpus_news_bodies_are_almost_untouched(corpus_dir):
    """On the 256 TempEval-3 texts: under 0.1% of the characters flagged, no document losing over 2%."""
    documents = read_corpus(corpus_dir)
    total = flagged = 0
    for document in documents:
        spans = boilerplate_spans(document.text)
        share = sum(end - start for start, end in spans)
        assert share <= 0.02 * len(document.text), document.name
        total += len(document.text)
        flagged += share
    assert flagged <= 0.001 * total
