"""The publication date of an article (the document creation time, DCT).

Order: metadata (set by the readers) → inferred from the text → given on the command line → none. Text
inference favours precision: it returns None rather than a guess. Evidence, strongest first:
1. a full date (with year) written as page chrome: after a label ("Published", "Updated", "Posted" …), as a
   line of its own or a byline line ("By Jane Doe | March 12, 2025"), or in a dateline ("PARIS, March 12,
   2025 —"); labelled "Published"/"Posted" dates win, then the most recent;
2. a full date near the top written with its weekday ("Wednesday, March 12, 2025", the weekday must match)
   whose weekday the text also mentions on its own ("on Wednesday"), and whose sentence has no future cue;
3. a yearless dateline ("BRUSSELS, February 10 (Xinhua) --") whose year is the copyright year or else the
   latest year the text mentions, accepted only when the text mentions that date's weekday on its own.
A weekday written next to a date must match it, or the date is no candidate.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime

import dateparser

from extractors.records import Article

TOP_REGION_CHARS = 2000
CHROME_LINE_CHARS = 300

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?P<weekday>(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?)\.?,?\s+"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_FULL_DATE = re.compile(
    rf"\b(?:{_WEEKDAY})?(?:{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"
    rf"|{_DAY.replace('day>', 'day2>')}\s+(?:of\s+)?{_MONTH.replace('month>', 'month2>')},?\s+"
    rf"{_YEAR.replace('year>', 'year2>')}\b"
    rf"|(?P<iso_year>(?:19|20)\d\d)-(?P<iso_month>[01]\d)-(?P<iso_day>[0-3]\d)(?:\b|(?=T\d)))",
    re.IGNORECASE,
)
_BARE_WEEKDAY = re.compile(
    r"(?<!Good )(?<!Black )(?<!Super )(?<!Ash )(?<!Holy )(?<!Cyber )(?<!Maundy )"
    r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"
    r"(?!,?\s+(?:the\s+)?(?:[0-3]?\d\b|" + _MONTH.replace("(?P<month>", "(?:") + "))",
)
_LABEL = re.compile(  # the label opens the line or follows a separator ("By Jane Doe | Published …")
    r"(?:^|[|•·]\s*)\W*(?P<label>first published|published|posted|last updated|updated|last modified"
    r"|modified|dated|date)\b[^\n.!?|•·]{0,50}$",
    re.IGNORECASE,
)
_ORIGINAL_LABELS = frozenset({"first published", "published", "posted"})
_CHROME_WORDS = frozenset(
    {"by", "and", "at", "on", "am", "pm", "a.m", "p.m", "min", "mins", "read", "of", "edt", "est", "cdt",
     "cst", "pdt", "pst", "gmt", "utc", "bst", "cet", "cest"}
)
_DATELINE_PREFIX = re.compile(r"^\s*[A-Z][A-Z.'\- ]+(?:,\s*[A-Z][A-Za-z.\- ]+)?,\s*$")
_DATELINE_SUFFIX = re.compile(r"^\s*(?:\(|--|—|–|-|_)")
_YEARLESS_DATELINE = re.compile(
    rf"^\s*[A-Z][A-Z.'\- ]+(?:,\s*[A-Z][A-Za-z.\- ]+)?,\s*{_MONTH}\s+{_DAY}\s*(?:\(|--|—|–|-|_)",
    re.MULTILINE,
)
_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?P<year>(?:19|20)\d\d)", re.IGNORECASE)
_ANY_YEAR = re.compile(r"(?<![\d$.,/-])(?P<year>(?:19|20)\d\d)(?![\d%/-]|,\d)")
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|scheduled|planned|plans?|due|expected|next|until|deadline|upcoming|set to)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_YEAR_FIRST = re.compile(r"(?P<year>[+-]?\d{4,})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)")

_METADATA_DATE_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
    "DATE_ORDER": "MDY",
}


def parse_date_text(value: str) -> date | None:
    """Normalize a date string from metadata ("2025-03-12", "Wed, 12 Mar 2025 10:00 GMT" …) to a date.

    Only absolute dates with day, month and year count; anything else gives None. A date written year first
    ("2025-13-01") is read year-month-day or not at all, never with its day and month swapped.
    """
    value = value.strip()
    if not value or len(value) > 100:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    year_first = _YEAR_FIRST.match(value)
    if year_first:
        try:
            return date(*(int(year_first.group(part)) for part in ("year", "month", "day")))
        except ValueError:
            return None
    try:
        parsed = dateparser.parse(value, languages=["en"], settings=_METADATA_DATE_SETTINGS)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed else None


@dataclass(frozen=True)
class _Candidate:
    """A full date found in the text, with where it stands."""

    day: date
    start: int
    end: int
    weekday_given: bool


def _full_dates(text: str) -> list[_Candidate]:
    """Every full date (day, month, year) in `text` whose written weekday, if any, matches it."""
    found = []
    for match in _FULL_DATE.finditer(text):
        groups = match.groupdict()
        try:
            if groups["iso_year"]:
                day = date(int(groups["iso_year"]), int(groups["iso_month"]), int(groups["iso_day"]))
            else:
                month = groups["month"] or groups["month2"]
                day = date(
                    int(groups["year"] or groups["year2"]),
                    _MONTHS[month.lower()[:3]],
                    int(groups["day"] or groups["day2"]),
                )
        except ValueError:
            continue
        weekday = groups["weekday"]
        if weekday and _WEEKDAYS[day.weekday()][:3] != weekday.lower()[:3]:
            continue
        found.append(_Candidate(day, match.start(), match.end(), bool(weekday)))
    return found


def _line_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of the line before and after the span [start, end), each cut to `CHROME_LINE_CHARS`
    (a `…` marks a cut: the line is too long to be page chrome, and scanning it whole per date would make
    long single-line texts quadratic)."""
    window_start = max(0, start - CHROME_LINE_CHARS)
    line_start = text.rfind("\n", window_start, start) + 1 or window_start
    line_end = text.find("\n", end, end + CHROME_LINE_CHARS)
    if line_end < 0:
        line_end = min(len(text), end + CHROME_LINE_CHARS)
    before = ("…" if line_start > 0 and text[line_start - 1] != "\n" else "") + text[line_start:start]
    after = text[end:line_end] + ("…" if line_end < len(text) and text[line_end] != "\n" else "")
    return before, after


def _chrome_label(before: str, after: str) -> str | None:
    """How a date is presented as page chrome: its label, "line", "dateline", or None for running text."""
    label = _LABEL.search(before)
    if label and not (before.startswith("…") and label.start() == 0):
        return label.group("label").lower()
    if _DATELINE_PREFIX.match(before) and _DATELINE_SUFFIX.match(after):
        return "dateline"
    if before.startswith("…") or after.endswith("…"):
        return None
    words = re.findall(r"[A-Za-z][A-Za-z.']*", before + " " + after)
    if all(word[0].isupper() or word.lower().rstrip(".") in _CHROME_WORDS for word in words):
        return "line"
    return None


def _bare_weekdays(text: str) -> Counter[int]:
    """How often each weekday (0 = Monday) is mentioned on its own, not as part of a date."""
    return Counter(_WEEKDAYS.index(m.group("weekday").lower()) for m in _BARE_WEEKDAY.finditer(text))


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding the span [start, end)."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else max(0, start - 400) : after.start() if after else len(text)]


def _from_chrome(text: str, candidates: list[_Candidate]) -> date | None:
    """Rule 1: the date the page itself gives as its publication date."""
    labelled: list[tuple[str, date]] = []
    for candidate in candidates:
        before, after = _line_around(text, candidate.start, candidate.end)
        label = _chrome_label(before, after)
        if label is None or (label in {"line", "dateline"} and candidate.start >= TOP_REGION_CHARS):
            continue
        labelled.append((label, candidate.day))
    original = [day for label, day in labelled if label in _ORIGINAL_LABELS]
    if original:
        return min(original)
    return max((day for _, day in labelled), default=None)


def _from_weekday_dates(text: str, candidates: list[_Candidate], weekdays: Counter[int]) -> date | None:
    """Rule 2: a date near the top written with its weekday, which the text mentions again on its own."""
    supported = [
        candidate.day
        for candidate in candidates
        if candidate.start < TOP_REGION_CHARS
        and candidate.weekday_given
        and weekdays[candidate.day.weekday()] > 0
        and not _FUTURE_CUE.search(_sentence_around(text, candidate.start, candidate.end))
    ]
    return max(supported, default=None)


def _from_yearless_dateline(text: str, weekdays: Counter[int]) -> date | None:
    """Rule 3: a dateline without year, dated by the copyright year or the latest year mentioned."""
    match = _YEARLESS_DATELINE.search(text[:TOP_REGION_CHARS])
    if match is None:
        return None
    copyright_years = [int(m.group("year")) for m in _COPYRIGHT_YEAR.finditer(text)]
    years = copyright_years or [int(m.group("year")) for m in _ANY_YEAR.finditer(text)]
    if not years:
        return None
    month = _MONTHS[match.group("month").lower()[:3]]
    try:
        day = date(max(years), month, int(match.group("day")))
    except ValueError:
        return None
    return day if weekdays[day.weekday()] > 0 else None


def infer_dct(text: str) -> date | None:
    """The publication date the text itself gives, or None when there is no clear evidence."""
    candidates = _full_dates(text)
    weekdays = _bare_weekdays(text)
    return (
        _from_chrome(text, candidates)
        or _from_weekday_dates(text, candidates, weekdays)
        or _from_yearless_dateline(text, weekdays)
    )


def resolve_dct(article: Article, given: date | None) -> Article:
    """Set the article's DCT: metadata, else inferred from the text, else `given`, else none."""
    if article.published is not None:
        return replace(article, dct_origin="metadata")
    inferred = infer_dct(article.text)
    if inferred is not None:
        return replace(article, published=inferred, dct_origin="text")
    if given is not None:
        return replace(article, published=given, dct_origin="given")
    return replace(article, dct_origin="none")
