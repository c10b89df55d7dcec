"""The calendar interval and granularity of a resolved TIMEX3 value."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from extractors.timex.dates import SEASON_MONTHS, add_months, iso_week_monday, month_end

Interval = tuple[date | None, date | None, str | None]
NO_INTERVAL: Interval = (None, None, None)


def _day(m: re.Match, dct: date | None) -> Interval:
    day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    return day, day, "time" if m["t"] else "day"


def _week(m: re.Match, dct: date | None) -> Interval:
    monday = iso_week_monday(int(m["y"]), int(m["w"]))
    if m["we"]:
        return monday + timedelta(days=5), monday + timedelta(days=6), "weekend"
    return monday, monday + timedelta(days=6), "week"


def _month(m: re.Match, dct: date | None) -> Interval:
    year, month = int(m["y"]), int(m["m"])
    return date(year, month, 1), month_end(year, month), "month"


def _quarter(m: re.Match, dct: date | None) -> Interval:
    first = date(int(m["y"]), 3 * int(m["q"]) - 2, 1)
    return first, add_months(first, 3) - timedelta(days=1), "quarter"


def _half(m: re.Match, dct: date | None) -> Interval:
    first = date(int(m["y"]), 6 * int(m["h"]) - 5, 1)
    return first, add_months(first, 6) - timedelta(days=1), "half"


def _season(m: re.Match, dct: date | None) -> Interval:
    year = int(m["y"])
    first_month, last_month = SEASON_MONTHS[m["s"]]
    last_year = year + 1 if last_month < first_month else year
    return date(year, first_month, 1), month_end(last_year, last_month), "season"


def _year(m: re.Match, dct: date | None) -> Interval:
    year = int(m["y"])
    return date(year, 1, 1), date(year, 12, 31), "year"


def _decade(m: re.Match, dct: date | None) -> Interval:
    first = int(m["y"]) * 10
    return date(max(first, 1), 1, 1), date(first + 9, 12, 31), "decade"


def _century(m: re.Match, dct: date | None) -> Interval:
    first = int(m["y"]) * 100
    return date(max(first, 1), 1, 1), date(first + 99, 12, 31), "century"


def _future(m: re.Match, dct: date | None) -> Interval:
    return (dct, None, None) if dct else NO_INTERVAL


def _past(m: re.Match, dct: date | None) -> Interval:
    return (None, dct, None) if dct else NO_INTERVAL


def _present(m: re.Match, dct: date | None) -> Interval:
    return (dct, dct, "day") if dct else NO_INTERVAL


_SHAPES: list[tuple[re.Pattern, Callable[[re.Match, date | None], Interval]]] = [
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?P<t>T.+)?"), _day),
    (re.compile(r"(?P<y>\d{4})-W(?P<w>\d\d?)(?P<we>-WE)?"), _week),
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d\d)"), _month),
    (re.compile(r"(?P<y>\d{4})-Q(?P<q>[1-4])"), _quarter),
    (re.compile(r"(?P<y>\d{4})-H(?P<h>[12])"), _half),
    (re.compile(r"(?P<y>\d{4})-(?P<s>SP|SU|FA|WI)"), _season),
    (re.compile(r"(?P<y>\d{4})"), _year),
    (re.compile(r"(?P<y>\d{3})"), _decade),
    (re.compile(r"(?P<y>\d{2})"), _century),
    (re.compile(r"FUTURE_REF"), _future),
    (re.compile(r"PAST_REF"), _past),
    (re.compile(r"PRESENT_REF"), _present),
]


def interval_of(value: str, timex_type: str, dct: date | None) -> Interval:
    """`(first_day, last_day, granularity)` of a DATE/TIME value; durations, sets and unknowns get none."""
    if timex_type in ("DURATION", "SET"):
        return NO_INTERVAL
    for shape, build in _SHAPES:
        match = shape.fullmatch(value)
        if match:
            try:
                return build(match, dct)
            except ValueError:
                return NO_INTERVAL
    return NO_INTERVAL
