"""A normalizer's output: a TIMEX3 value that may still need the DCT to be complete."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Partial:
    """An underspecified TIMEX3 value and the anchor kind that completes it.

    `anchor` names a resolver (`absolute`, `year`, `weekday`, `offset`, `period`, ...; `clock` is a
    time of day on the DCT's day unless a date next to it gives the day); `unit` is the
    granularity of offsets (day, week, weekend, month, quarter, half, year, decade, century);
    `suffix` is a time-of-day part appended to a resolved day (`TNI`, `T20:00`).
    """

    type: str
    value: str = ""
    anchor: str = "absolute"
    unit: str = "day"
    offset: int = 0
    weekday: int = 0
    suffix: str = ""
    mod: str | None = None
