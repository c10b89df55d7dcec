"""The publication date: parsing metadata dates, inferring the DCT from the text, and the resolution order."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from extractors.dct import infer_dct, parse_date_text, resolve_dct
from extractors.readers_article import build_article
from extractors.timeml import read_corpus

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "paris-defense-talks-2025-03-12.txt"
SAMPLE_GOLD = DATA / "paris-defense-talks-2025-03-12.json"


def test_reference_article_dct_comes_from_its_caption_and_weekdays():
    gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
    assert infer_dct(SAMPLE.read_text(encoding="utf-8")) == date.fromisoformat(gold["dct"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # page chrome: labels, lines of their own, bylines, datelines
        ("Published March 3, 2024\n\nThe minister resigned on Sunday.", "2024-03-03"),
        ("Updated 10:32 AM EDT, Wed March 12, 2025\n\nTalks began on Tuesday.", "2025-03-12"),
        ("Published 9:00 AM, March 10, 2025 | Updated March 12, 2025\n\nTalks.", "2025-03-10"),
        ("By Jane Doe | 4 June 2024 | 5 min read\n\nVoters went to the polls.", "2024-06-04"),
        ("LONDON, June 4, 2024 — Voters went to the polls on Tuesday.", "2024-06-04"),
        ("June 4, 2024\n\nVoters went to the polls on Tuesday.", "2024-06-04"),
        ("2024-06-04T10:00:00Z\n\nVoters went to the polls.", "2024-06-04"),
        ("Voters went to the polls.\n" + "More text.\n" * 200 + "Last updated: Sept. 5, 2024", "2024-09-05"),
        # a date with its weekday near the top, the weekday mentioned again on its own
        ("Crowds gathered in Rome on Saturday, June 8, 2024. Police said on Saturday that all was calm.",
         "2024-06-08"),
        ("Leaders met on Wednesday, March 13, 2019 and again spoke on Wednesday.", "2019-03-13"),
        # a yearless dateline dated by the copyright year and a matching weekday
        ("ROME, June 8 (Reuters) - Crowds gathered on Saturday.\n\n© 2024 Reuters", "2024-06-08"),
        # no clear evidence: None rather than a guess
        ("Posted: Tuesday, June 5, 2024\n\nVoters.", None),
        ("The treaty was signed on June 4, 1998. Leaders met on Thursday.", None),
        ("The report was published on June 4, 1998, officials said.", None),
        ("By Jane Doe | Published: June 3, 2024 at 5 pm\n\nVoters.", "2024-06-03"),
        ("Crowds gathered in Rome on Saturday, June 8, 2024.", None),
        ("Crowds gathered in Rome on June 8, 2024. Police said on Saturday that all was calm.", None),
        ("The summit will open on Friday, June 14, 2024, officials said on Friday.", None),
        ("ROME, June 9 (Reuters) - Crowds gathered on Saturday.\n\n© 2024 Reuters", None),
        ("ROME, June 8 (Reuters) - Crowds gathered on Saturday.", None),
        ("Voters.\n" + "More text here.\n" * 200 + "June 4, 2024\n", None),
        ("Nothing to see here on Monday.", None),
        ("Shoppers queued on Black Friday, Nov. 29, 2024, retailers said.", None),
        ("", None),
    ],
)
def test_infer_dct(text, expected):
    assert infer_dct(text) == (date.fromisoformat(expected) if expected else None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-12", "2025-03-12"),
        ("2025-03-12T23:30:00-05:00", "2025-03-12"),
        ("2025-03-12T10:00:00Z", "2025-03-12"),
        ("Wed, 12 Mar 2025 10:00:00 GMT", "2025-03-12"),
        ("March 12, 2025", "2025-03-12"),
        ("Sept. 27, 1989", "1989-09-27"),
        ("yesterday", None),
        ("March 2025", None),
        ("not a date", None),
        ("2025-13-45", None),
        ("", None),
        ("9" * 500, None),
    ],
)
def test_parse_date_text(value, expected):
    assert parse_date_text(value) == (date.fromisoformat(expected) if expected else None)


def _article(text: str, published: date | None = None):
    return build_article(text, source="t.txt", published=published)


def test_resolve_dct_order_metadata_text_given_none():
    given = date(2030, 1, 1)
    with_metadata = _article("Published March 3, 2024\n\nTalks.", date(2024, 3, 4))
    assert (resolve_dct(with_metadata, given).published, resolve_dct(with_metadata, given).dct_origin) == (
        date(2024, 3, 4), "metadata")
    from_text = resolve_dct(_article("Published March 3, 2024\n\nTalks."), given)
    assert (from_text.published, from_text.dct_origin) == (date(2024, 3, 3), "text")
    from_given = resolve_dct(_article("Talks were held on Monday."), given)
    assert (from_given.published, from_given.dct_origin) == (given, "given")
    unknown = resolve_dct(_article("Talks were held on Monday."), None)
    assert (unknown.published, unknown.dct_origin) == (None, "none")


def test_resolve_dct_keeps_everything_else():
    article = _article("Published March 3, 2024\n\nTalks.")
    resolved = resolve_dct(article, None)
    assert replace(resolved, published=None, dct_origin="none") == article


def test_corpus_dct_inference_favours_precision(corpus_dir):
    """On the 256 TempEval-3 texts (gold DCT known), a wrong date is rarer than a right one and below 2%."""
    documents = read_corpus(corpus_dir)
    inferred = [(infer_dct(document.text), document.dct) for document in documents]
    right = sum(1 for found, gold in inferred if found == gold)
    wrong = sum(1 for found, gold in inferred if found is not None and found != gold)
    assert wrong <= right
    assert wrong <= 0.02 * len(documents)
