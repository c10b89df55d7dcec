"""The tagging pipeline: recognize spans, normalize them, resolve them against the DCT."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from functools import partial as partial_function

from extractors.records import TimeExpression
from extractors.timex.clock_day import attach_clock_days
from extractors.timex.grammar import is_valid_timex_value
from extractors.timex.interval import interval_of
from extractors.timex.normalize import Groups
from extractors.timex.partial import Partial
from extractors.timex.recognize import Candidate, all_matches, select
from extractors.timex.resolve import DERIVED, NEEDS_TENSE, RESOLVERS, Context
from extractors.timex.tense import Tense, tense_near
from extractors.timex.words import lookup

_DCT_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_dct(value: str) -> date:
    """Parse a DCT given as `YYYY-MM-DD`; anything else raises `ValueError` naming the input."""
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str) and _DCT_SHAPE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"invalid DCT '{value}': expected YYYY-MM-DD")


def _as_date(dct: date | datetime | None) -> date | None:
    if isinstance(dct, datetime):
        return dct.date()
    if dct is None or isinstance(dct, date):
        return dct
    raise ValueError(f"invalid DCT '{dct}': expected YYYY-MM-DD")


def _groups(candidate: Candidate) -> Groups:
    return {name: value for name, value in candidate.match.groupdict().items() if value is not None}


def _mod(partial: Partial, groups: Groups, rule_mod: str | None) -> str | None:
    if groups.get("pmod"):
        return str(lookup("point_mod", groups["pmod"]))
    if groups.get("approx"):
        return str(lookup("approx_mod", groups["approx"]))
    return partial.mod or rule_mod


TenseOf = Callable[[int, int], Tense]


def _expression(
    text: str, candidate: Candidate, dct: date | None, previous: list[str], tense_of: TenseOf
) -> tuple[TimeExpression, Partial] | None:
    groups = _groups(candidate)
    partial = candidate.rule.normalizer.function(groups)
    if partial is None:
        return None
    tense = tense_of(candidate.start, candidate.end) if partial.anchor in NEEDS_TENSE else None
    value = RESOLVERS[partial.anchor](partial, Context(dct, tense, previous))
    if not is_valid_timex_value(value):
        return None
    timex_type = partial.type if partial.type != "DATE" else candidate.rule.type
    first_day, last_day, granularity = interval_of(value, timex_type, dct)
    timex = TimeExpression(
        start=candidate.start,
        end=candidate.end,
        text=text[candidate.start : candidate.end],
        type=timex_type,  # type: ignore[arg-type]
        value=value,
        mod=_mod(partial, groups, candidate.rule.mod),
        first_day=first_day,
        last_day=last_day,
        granularity=granularity,
    )
    return timex, partial


def tag_text(text: str, dct: date | None, tense_of: TenseOf | None = None) -> list[TimeExpression]:
    """Every time expression of `text`, normalized against `dct`, sorted by start, non-overlapping.

    With `dct` None, relative expressions keep an underspecified value (XXXX-XX-XX, XXXX-WXX, ...)
    and no interval. Offsets index `text` exactly. `tense_of(start, end)` gives the tense around an
    expression (default: the cue words of `tense.tense_near`).
    """
    dct = _as_date(dct)
    if tense_of is None:
        tense_of = partial_function(tense_near, text)
    found: list[TimeExpression] = []
    previous: list[str] = []
    floating_clocks: set[int] = set()
    for candidate in select(all_matches(text)):
        try:
            result = _expression(text, candidate, dct, previous, tense_of)
        except (KeyError, ValueError, OverflowError):
            continue
        if result is not None:
            timex, partial = result
            if partial.anchor == "clock":
                floating_clocks.add(len(found))
            found.append(timex)
            if partial.anchor not in DERIVED:
                previous.append(timex.value)
    return attach_clock_days(text, found, floating_clocks, dct)
