"""Repeated timings: each figure is the median of several runs, with the min and max.

The component systems are timed warm, in this one process: models and rule tables are loaded by an untimed
warm-up call first, then every run repeats the same work. That is the steady-state throughput a long-running
`dateline run` sees; loading is a one-off cost reported apart. The end-to-end figure is timed in fresh
processes (see `endtoend`), since that is what a user who types `dateline run` waits for.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds of each run of one measurement."""

    seconds: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def min(self) -> float:
        return min(self.seconds)

    @property
    def max(self) -> float:
        return max(self.seconds)

    def to_dict(self) -> dict[str, object]:
        """The figures as JSON-ready numbers (seconds, rounded to the millisecond)."""
        return {
            "median": round(self.median, 3),
            "min": round(self.min, 3),
            "max": round(self.max, 3),
            "runs": [round(value, 3) for value in self.seconds],
        }


def time_once(work: Callable[[], object]) -> float:
    """Seconds taken by one call of `work`."""
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def time_runs(work: Callable[[], object], runs: int) -> Timing:
    """Time `runs` calls of `work`, one after another in this process."""
    if runs < 1:
        raise ValueError(f"runs must be at least 1, got {runs}")
    return Timing(tuple(time_once(work) for _ in range(runs)))
