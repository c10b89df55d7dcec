"""Progress for long work: a rich progress bar on a terminal, counts in the log otherwise."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def progress(total: int, description: str, logger: logging.Logger | logging.LoggerAdapter) -> Iterator[
    Callable[[int], None]
]:
    """Yield `advance(n)`: draws a bar when stderr is a terminal, else logs the count about every 10%."""
    if sys.stderr.isatty():
        bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        with bar:
            task_id = bar.add_task(description, total=total)
            yield lambda n: bar.advance(task_id, n)
        return
    done = 0
    step = max(1, total // 10)
    next_report = step

    def advance(n: int) -> None:
        nonlocal done, next_report
        done += n
        if done >= next_report or done == total:
            logger.info("%s: %d/%d", description, done, total)
            next_report = done + step

    yield advance
