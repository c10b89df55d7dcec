"""Times of day that take their day from a date written next to them.

"5 p.m. EST Nov. 9", "10:35 a.m. (0735 GMT) Friday", "Friday at 10 p.m.": a clock time with no day
of its own is on the day of an adjacent day-precise date, not on the DCT's day.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from extractors.records import TimeExpression
from extractors.timex.interval import interval_of

_GAP_AFTER_CLOCK = re.compile(r"\s*,?\s*(?:\([^()\n]{1,30}\)\s*,?\s*)?(?:on\s+)?")
_GAP_BEFORE_CLOCK = re.compile(r"\s*,?\s*(?:at|by|around|about|from|until|till)?\s*")
_DAY_VALUE = re.compile(r"[0-9X]{4}-[0-9X]{2}-[0-9X]{2}")


def _day_of(timex: TimeExpression) -> str | None:
    match = _DAY_VALUE.match(timex.value)
    return match[0] if match and timex.type in ("DATE", "TIME") else None


def _on_day(clock: TimeExpression, day: str, dct: date | None) -> TimeExpression:
    value = day + clock.value[10:]
    first_day, last_day, granularity = interval_of(value, clock.type, dct)
    return replace(clock, value=value, first_day=first_day, last_day=last_day, granularity=granularity)


def attach_clock_days(text: str, found: list[TimeExpression], floating: set[int],
                      dct: date | None) -> list[TimeExpression]:
    """`found` with each floating clock time (indexes in `floating`) moved to the day of the date right
    after it, else of the date right before it."""
    result = list(found)
    for index in sorted(floating):
        day = _adjacent_day(text, found, index)
        if day:
            result[index] = _on_day(found[index], day, dct)
    return result


def _adjacent_day(text: str, found: list[TimeExpression], index: int) -> str | None:
    clock = found[index]
    if index + 1 < len(found):
        after = found[index + 1]
        if _GAP_AFTER_CLOCK.fullmatch(text, clock.end, after.start) and _day_of(after):
            return _day_of(after)
    if index:
        before = found[index - 1]
        if _GAP_BEFORE_CLOCK.fullmatch(text, before.end, clock.start):
            return _day_of(before)
    return None
