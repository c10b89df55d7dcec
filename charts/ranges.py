"""The default date range of a timeline: the dense part of the data around the as-of date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

SMALLEST_GAP = timedelta(days=45)
EMPTY_HALF_WIDTH = timedelta(days=7)
PLANNED_HORIZON = timedelta(days=3)


def default_range(days: Iterable[date], as_of: date) -> tuple[date, date]:
    """The range to draw: grow outward from `as_of` over the event days while they stay close together.

    Starting from the as-of date (and the event day nearest to it), the range takes the next nearest day as
    long as the gap to it is at most 45 days or half the range covered so far; a lone mention of 1989 in a
    2025 story is therefore left out. The range always reaches a few days past `as_of`, where the
    open-ended "coming days" marks start. With no event days it is the two weeks around `as_of`.
    """
    ordered = sorted(set(days))
    if not ordered:
        return as_of - EMPTY_HALF_WIDTH, as_of + EMPTY_HALF_WIDTH
    nearest = min(ordered, key=lambda day: abs(day - as_of))
    low, high = min(as_of, nearest), max(as_of, nearest)
    below = [day for day in reversed(ordered) if day < low]
    above = [day for day in ordered if day > high]
    while below or above:
        gap_below = low - below[0] if below else None
        gap_above = above[0] - high if above else None
        take_below = gap_above is None or (gap_below is not None and gap_below <= gap_above)
        gap = gap_below if take_below else gap_above
        if gap > max(SMALLEST_GAP, (high - low) / 2):
            break
        if take_below:
            low = below.pop(0)
        else:
            high = above.pop(0)
    return low, max(high, as_of + PLANNED_HORIZON)


def padded(date_from: date, date_to: date) -> tuple[date, date]:
    """The range widened by about 4% on each side (at least a day) so that edge marks are not clipped."""
    pad = max(timedelta(days=1), timedelta(days=round((date_to - date_from).days * 0.04)))
    return date_from - pad, date_to + pad
