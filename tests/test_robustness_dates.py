"""Dates that do not exist, DCTs far in the past or future, absurd durations: never an exception, never a
value outside the TIMEX3 grammar, never an interval that runs backwards or leaves the calendar."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.analysis import Analysis, analyze_articles
from extractors.dct import infer_dct, parse_date_text
from extractors.readers_jsonl import article_from_record
from extractors.records import Article, TimeExpression
from extractors.timex import check_dct, is_valid_timex_value, tag_text
from tests.conftest import fuzz_settings

IMPOSSIBLE = [
    "Talks are set for February 30, 2025.", "The vote on 30 February was cancelled.",
    "The file is dated 2025-13-01.", "It was signed on 2025-02-29.", "Troops left on April 31.",
    "Elections follow on 31/04/2025.", "The treaty dates from the year 0.", "It ends in the year 99999.",
    "Prophecies speak of 99999-01-01.", "On 0000-00-00 nothing happened.", "Dec. 32 is the deadline.",
    "The meeting is in week 54 of 2025.", "Results come in Q5 2025.", "The strike began at 25:61 on Monday.",
    "They met on the 45th of March.", "It happened on 12/45/2025 at dawn.", "Year -500 saw the first census.",
]
ABSURD_DURATIONS = [
    "They agreed a 10,000-year ceasefire.", "A 999,999,999-day truce was declared on Monday.",
    "The lease runs for 100000000000000000000 years.", "The talks lasted 1e9 hours.",
    "It will take a million millennia.", "The 0-day ceasefire started yesterday.",
    "A 9999999999999999999999-minute silence.", "He served 300,000 centuries in office.",
    "The plan spans 10 billion decades, starting next week.", "Talks resume in 99999 years.",
    "It happened 100000 years ago, in the 99th century.", "Every 10,000,000 years the council meets.",
]
EXTREME_DCTS = [None, date(1, 1, 1), date(1, 12, 31), date(1582, 10, 10), date(1900, 2, 28),
                date(2000, 2, 29), date(9999, 12, 31), date(9999, 1, 1)]


def assert_valid(timex: TimeExpression, text: str) -> None:
    """A time expression that indexes its text, follows the TIMEX3 grammar and has a forward interval."""
    assert text[timex.start : timex.end] == timex.text
    assert timex.type in ("DATE", "TIME", "DURATION", "SET")
    assert is_valid_timex_value(timex.value), (timex.text, timex.value)
    if timex.first_day is not None and timex.last_day is not None:
        assert timex.first_day <= timex.last_day, (timex.text, timex.value)


@pytest.mark.parametrize("dct", EXTREME_DCTS, ids=str)
@pytest.mark.parametrize("text", IMPOSSIBLE + ABSURD_DURATIONS)
def test_impossible_dates_and_absurd_durations_are_tagged_safely(text: str, dct: date | None) -> None:
    for timex in tag_text(text, dct):
        assert_valid(timex, text)


@pytest.mark.parametrize("dct", EXTREME_DCTS, ids=str)
def test_events_of_absurd_texts_under_extreme_dcts_have_valid_dates(dct: date | None) -> None:
    articles = [Article(id=f"a{number}", text=text, published=dct, dct_origin="given" if dct else "none")
                for number, text in enumerate(IMPOSSIBLE + ABSURD_DURATIONS)]
    results = list(analyze_articles(articles))
    assert all(isinstance(result, Analysis) for result in results), results
    for result in results:
        for timex in result.timexes:
            assert_valid(timex, result.article.text)
        for event in result.events:
            if event.time is not None:
                assert_valid(event.time, result.article.text)
            assert event.duration is None or is_valid_timex_value(event.duration), event.duration


@pytest.mark.parametrize(
    "raw", ["2025-02-30", "2025-13-01", "0000-01-01", "99999-01-01", "2025-2-3", "", "tomorrow", "1e9"]
)
def test_a_bad_dct_on_the_command_line_is_refused_by_name(raw: str) -> None:
    with pytest.raises(ValueError, match=raw or "''") as caught:
        check_dct(raw)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "published", ["2025-02-30", "2025-13-01", "0000-00-00", "99999-12-31", "February 30, 2025", "year 0",
                  "Mon, 32 Mar 2025 10:00:00 GMT", "9" * 200, "-0001-01-01"]
)
def test_an_impossible_publication_date_in_metadata_is_dropped(published: str) -> None:
    assert parse_date_text(published) is None
    article = article_from_record({"text": "Talks were held on Monday.", "published": published},
                                  source="made-up.jsonl:1")
    assert article.published is None and article.dct_origin == "none"


@pytest.mark.parametrize("text", IMPOSSIBLE)
def test_an_impossible_date_in_a_dateline_is_no_dct(text: str) -> None:
    inferred = infer_dct(f"OSLO, {text}\n\n{text}")
    assert inferred is None or date(1, 1, 1) <= inferred <= date(9999, 12, 31)


numbers = st.one_of(st.integers(min_value=-10**30, max_value=10**30).map(str),
                    st.integers(min_value=0, max_value=10**12).map("{:,}".format))
units = st.sampled_from(["day", "days", "week", "month", "year", "years", "decade", "century", "millennium",
                         "hour", "minute", "second", "quarter"])
months = st.sampled_from(["January", "February", "March", "April", "June", "September", "Nov.", "Dec."])
nonsense = st.one_of(
    st.builds("{} {}, {}".format, months, numbers, numbers),
    st.builds("{}-{}-{}".format, numbers, numbers, numbers),
    st.builds("a {}-{} ceasefire".format, numbers, units),
    st.builds("for {} {}".format, numbers, units),
    st.builds("{} {} ago".format, numbers, units),
    st.builds("in {} {}".format, numbers, units),
    st.builds("the {}th century".format, numbers),
    st.builds("week {} of {}".format, numbers, numbers),
)
dcts = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


@fuzz_settings()
@given(st.lists(nonsense, min_size=1, max_size=4).map(lambda parts: "Talks: " + "; ".join(parts) + "."), dcts)
def test_generated_nonsense_dates_never_break_the_tagger(text: str, dct: date | None) -> None:
    for timex in tag_text(text, dct):
        assert_valid(timex, text)
