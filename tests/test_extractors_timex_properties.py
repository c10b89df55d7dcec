"""Property tests of the tagger: any text is safe, spans index it, values follow the TIMEX3 grammar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.timex import is_valid_timex_value, tag_text

ARTICLE = Path(__file__).parent / "data" / "paris-defense-talks-2025-03-12.txt"
TIME_WORDS = [
    "Wednesday", "March 12, 2025", "next week", "this weekend", "the coming days", "30-day", "1990s",
    "third quarter", "fiscal 1998", "two days ago", "8 p.m.", "Monday night", "a month", "recent weeks",
    "earlier this month", "in three weeks", "last year", "the 19th century", "nineteen ninety-six",
    "daily", "now", "'80s", "Dec. 31", "12/31/99", "2024-02-29", "at 10:30 a.m. EDT Thursday",
]
texts = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(TIME_WORDS)), max_size=12).map(" ".join)
dcts = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


def _check(text: str, dct: date | None) -> None:
    found = tag_text(text, dct)
    previous_end = 0
    for timex in found:
        assert 0 <= previous_end <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text
        assert is_valid_timex_value(timex.value), timex.value
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")
        if dct is None and "X" in timex.value:
            assert timex.first_day is None and timex.last_day is None
        previous_end = timex.end


@settings(max_examples=300, deadline=None)
@given(texts, dcts)
def test_any_text_and_dct_is_tagged_safely(text, dct):
    _check(text, dct)


@settings(max_examples=100, deadline=None)
@given(st.text(), dcts)
def test_any_unicode_text_never_raises(text, dct):
    _check(text, dct)


def test_a_five_megabyte_text_is_tagged():
    article = ARTICLE.read_text(encoding="utf-8")
    copies = 5_000_000 // (len(article) + 2) + 1
    text = "\n\n".join([article] * copies)
    assert len(text) >= 5_000_000
    found = tag_text(text, date(2025, 3, 12))
    assert len(found) == copies * len(tag_text(article, date(2025, 3, 12)))
    assert all(text[t.start : t.end] == t.text for t in found[-50:])
