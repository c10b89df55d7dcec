"""Resolvers: a `Partial` value + the DCT -> a complete TIMEX3 value (phase two).

One small function per anchor kind, in `RESOLVERS`. Without a DCT every resolver returns the
underspecified TIMEX3 form (`XXXX-03-12`, `XXXX-WXX-3`, `XXXX-WXX`), never a guess from today.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from extractors.timex.dates import add_months, nth_weekday
from extractors.timex.interval import interval_of
from extractors.timex.partial import Partial
from extractors.timex.tense import Tense

_UNKNOWN = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
            "quarter": "XXXX-QX", "half": "XXXX-HX", "year": "XXXX", "decade": "XXX", "century": "XX",
            "season": "XXXX-XX"}
_HOLIDAY = re.compile(r"(?P<year>[0-9X]{4})-(?P<month>\d\d)-(?P<day>\d\d|(?P<wd>[A-Z]{2})(?P<nth>\d|L))")
_AGAINST_TENSE = 4
_WEEKDAY_CODES = {"MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7}


@dataclass
class Context:
    """What a resolver may look at: the DCT, the tense around the expression, earlier values."""

    dct: date | None
    tense: Tense = None
    previous: list[str] = field(default_factory=list)


def format_at(day: date, unit: str) -> str:
    """The TIMEX3 value of the `unit`-long period containing `day`."""
    if unit in ("week", "weekend"):
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
    formats = {
        "day": f"{day.year:04d}-{day.month:02d}-{day.day:02d}",
        "month": f"{day.year:04d}-{day.month:02d}",
        "quarter": f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}",
        "half": f"{day.year:04d}-H{(day.month - 1) // 6 + 1}",
        "year": f"{day.year:04d}",
        "decade": f"{day.year // 10:03d}",
        "century": f"{day.year // 100:02d}",
    }
    return formats[unit]


def shift(day: date, unit: str, steps: int) -> date:
    """`day` moved by `steps` units of `unit`."""
    if unit == "day":
        return day + timedelta(days=steps)
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=steps)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}[unit]
    first = add_months(day, steps * months)
    return first.replace(day=min(day.day, 28))


def resolve_absolute(p: Partial, ctx: Context) -> str:
    """The value is already complete."""
    return p.value


def _year_candidates(p: Partial, ctx: Context, fill: Callable[[int], str | None]) -> str:
    """Choose the year for a value lacking one, among the DCT's year and its neighbours.

    last/next (`offset`) keep only periods wholly before/after the DCT. Then the closest wins, a
    period on the side the tense speaks against counted `_AGAINST_TENSE` times as far; without a
    tense, coming periods count two (days, months) or four (longer) times as far: news reports
    more of the past than of the future.
    """
    assert ctx.dct is not None
    scored = []
    for year in range(ctx.dct.year - 1, ctx.dct.year + 2):
        value = fill(year)
        if value is None:
            continue
        first, last, granularity = interval_of(value, "DATE", ctx.dct)
        if first is None or last is None:
            continue
        before, after = last < ctx.dct, first > ctx.dct
        if (p.offset < 0 and not before) or (p.offset > 0 and not after):
            continue
        if after:
            weight = _AGAINST_TENSE if ctx.tense == "past" else 1 if ctx.tense == "future" else (
                2 if granularity in ("day", "month") else 4)
            distance = weight * (first - ctx.dct).days
        elif before:
            distance = (_AGAINST_TENSE if ctx.tense == "future" else 1) * (ctx.dct - last).days
        else:
            distance = 0
        scored.append((distance, value))
    if not scored:
        return fill(ctx.dct.year) or p.value
    return min(scored)[1]


def resolve_year(p: Partial, ctx: Context) -> str:
    """XXXX-MM-DD, XXXX-MM, XXXX-Qn, XXXX-SU: the year from the DCT and the tense."""
    if ctx.dct is None:
        return p.value

    def fill(year: int) -> str:
        return f"{year:04d}{p.value[4:]}"

    return _year_candidates(p, ctx, fill)


def resolve_dct_year(p: Partial, ctx: Context) -> str:
    """XXXX-Q1 of next year, XXXX-H2 of last year: the DCT's year moved by `offset` years."""
    if ctx.dct is None:
        return p.value
    return f"{ctx.dct.year + p.offset:04d}{p.value[4:]}"


def resolve_week_of(p: Partial, ctx: Context) -> str:
    """the week of March 6: the ISO week of the day, its year chosen as for `resolve_year`."""
    day = resolve_year(p, ctx) if p.value.startswith("X") else p.value
    if day.startswith("X"):
        return _UNKNOWN["week"]
    return format_at(date.fromisoformat(day), "week")


def resolve_year_ago(p: Partial, ctx: Context) -> str:
    """the year-ago third quarter: the period `resolve_year` picks, one year earlier."""
    value = resolve_year(p, ctx)
    return value if value.startswith("X") else f"{int(value[:4]) - 1:04d}{value[4:]}"


def resolve_holiday(p: Partial, ctx: Context) -> str:
    """A holiday (XXXX-12-25, XXXX-11-TH4): fixed or nth-weekday dates, the year as for `resolve_year`."""
    match = _HOLIDAY.fullmatch(p.value)
    assert match is not None

    def fill(year: int) -> str:
        month = int(match["month"])
        if match["wd"]:
            nth = -1 if match["nth"] == "L" else int(match["nth"])
            day = nth_weekday(year, month, _WEEKDAY_CODES[match["wd"]], nth)
            return day.isoformat()
        return f"{year:04d}-{month:02d}-{match['day']}"

    if match["year"] != "XXXX":
        return fill(int(match["year"]))
    if ctx.dct is None:
        return f"XXXX-{match['month']}-XX" if match["wd"] else p.value
    return _year_candidates(p, ctx, fill)


def resolve_weekday(p: Partial, ctx: Context) -> str:
    """A weekday: last/next move strictly away from the DCT; otherwise the tense picks past or coming."""
    if ctx.dct is None:
        return f"XXXX-WXX-{p.weekday}{p.suffix}"
    delta = p.weekday - ctx.dct.isoweekday()
    if p.offset > 0 or (p.offset == 0 and ctx.tense == "future"):
        days = delta % 7
        if p.offset > 0 and days == 0:
            days = 7
    else:
        days = -((-delta) % 7)
        if p.offset < 0 and days == 0:
            days = -7
    return (ctx.dct + timedelta(days=days)).isoformat() + p.suffix


def resolve_this_weekday(p: Partial, ctx: Context) -> str:
    """this Friday: the coming one (today included), unless a past-tense clause speaks of the last one."""
    if ctx.dct is None:
        return f"XXXX-WXX-{p.weekday}{p.suffix}"
    delta = p.weekday - ctx.dct.isoweekday()
    days = -((-delta) % 7) if ctx.tense == "past" else delta % 7
    return (ctx.dct + timedelta(days=days)).isoformat() + p.suffix


def resolve_anaphoric_weekday(p: Partial, ctx: Context) -> str:
    """the following Monday / the previous Friday: the nearest such weekday strictly after (offset > 0)
    or before (offset < 0) the reference time (the last day named, else the DCT)."""
    if ctx.dct is None:
        return f"XXXX-WXX-{p.weekday}"
    anchor = reference_day(ctx.previous, "day", ctx.dct)
    delta = p.weekday - anchor.isoweekday()
    days = (delta % 7 or 7) if p.offset > 0 else -((-delta) % 7 or 7)
    return (anchor + timedelta(days=days)).isoformat()


def resolve_offset(p: Partial, ctx: Context) -> str:
    """A period `offset` units of `unit` from the DCT (today, next week, two years ago)."""
    if ctx.dct is None:
        return _UNKNOWN[p.unit] + p.suffix
    return format_at(shift(ctx.dct, p.unit, p.offset), p.unit) + p.suffix


def resolve_weekend(p: Partial, ctx: Context) -> str:
    """the weekend: the last one in past-tense clauses, else the one of the DCT's week."""
    if ctx.dct is None:
        return _UNKNOWN["weekend"]
    saturday = ctx.dct + timedelta(days=6 - ctx.dct.isoweekday())
    if ctx.tense == "past" and saturday > ctx.dct:
        saturday -= timedelta(weeks=1)
    return format_at(saturday, "weekend")


_PERIOD_SHAPES = {"quarter": re.compile(r"\d{4}-Q[1-4]"), "half": re.compile(r"\d{4}-H[12]"),
                  "month": re.compile(r"\d{4}-\d\d"), "year": re.compile(r"\d{4}")}


def resolve_period(p: Partial, ctx: Context) -> str:
    """The period under discussion (the quarter, the latest period, the year-ago quarter): the last
    complete one before the DCT; a given year (`value`) replaces its year; `offset` moves it by years."""
    if ctx.dct is None:
        return _UNKNOWN[p.unit]
    named = format_at(shift(ctx.dct, p.unit, -1) if p.unit != "year" else ctx.dct, p.unit)
    if p.value:
        named = f"{p.value}{named[4:]}"
    if p.offset:
        named = f"{int(named[:4]) + p.offset:04d}{named[4:]}"
    return named


_FINENESS = {"time": 0, "day": 0, "weekend": 1, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 4,
             "year": 5, "decade": 6, "century": 7}


def reference_day(previous: list[str], unit: str, dct: date) -> date:
    """The reference time of an anaphoric expression of granularity `unit`: the first day of the last
    value named at that granularity or finer ("that day" needs a day, "that year" any date), else
    the DCT."""
    for value in reversed(previous):
        first, _, granularity = interval_of(value, "DATE", dct)
        if first is not None and granularity is not None and _FINENESS[granularity] <= _FINENESS[unit]:
            return first
    return dct


def resolve_anaphoric(p: Partial, ctx: Context) -> str:
    """that day, the following month, the previous year, three days later: `offset` units from the
    reference time (the last date named, else the DCT)."""
    if ctx.dct is None:
        return _UNKNOWN[p.unit] + p.suffix
    anchor = reference_day(ctx.previous, p.unit, ctx.dct)
    return format_at(shift(anchor, p.unit, p.offset), p.unit) + p.suffix


def _current_period(ctx: Context) -> str | None:
    """The quarter or half just discussed (one of the last two values) when it ended within the year
    before the DCT or is still running: the period a "year-ago" figure is compared with."""
    assert ctx.dct is not None
    for value in reversed(ctx.previous[-2:]):
        if _PERIOD_SHAPES["quarter"].fullmatch(value) or _PERIOD_SHAPES["half"].fullmatch(value):
            _, last, _ = interval_of(value, "DATE", ctx.dct)
            if last is not None and (ctx.dct - last).days < 366:
                return value
    return None


def resolve_anaphoric_year(p: Partial, ctx: Context) -> str:
    """N years ago/earlier: that many years before the quarter or half just discussed, else before the DCT."""
    if ctx.dct is None:
        return _UNKNOWN["year"]
    period = _current_period(ctx)
    if period:
        return f"{int(period[:4]) + p.offset:04d}{period[4:]}"
    return format_at(shift(ctx.dct, "year", p.offset), "year")


def resolve_years_from_reference(p: Partial, ctx: Context) -> str:
    """N years earlier/later: from the quarter or half just discussed, else from the year of the
    reference time (the last date named, else the DCT)."""
    if ctx.dct is None:
        return _UNKNOWN["year"]
    period = _current_period(ctx)
    if period:
        return f"{int(period[:4]) + p.offset:04d}{period[4:]}"
    return f"{reference_day(ctx.previous, 'year', ctx.dct).year + p.offset:04d}"


RESOLVERS: dict[str, Callable[[Partial, Context], str]] = {
    "absolute": resolve_absolute,
    "year": resolve_year,
    "year_ago": resolve_year_ago,
    "dct_year": resolve_dct_year,
    "week_of": resolve_week_of,
    "holiday": resolve_holiday,
    "weekday": resolve_weekday,
    "this_weekday": resolve_this_weekday,
    "anaphoric_weekday": resolve_anaphoric_weekday,
    "offset": resolve_offset,
    "clock": resolve_offset,
    "period": resolve_period,
    "weekend": resolve_weekend,
    "anaphoric": resolve_anaphoric,
    "anaphoric_year": resolve_anaphoric_year,
    "years_from_reference": resolve_years_from_reference,
}

NEEDS_TENSE = frozenset({"year", "year_ago", "holiday", "weekday", "this_weekday", "weekend", "week_of"})
DERIVED = frozenset({"anaphoric_year", "years_from_reference"})

