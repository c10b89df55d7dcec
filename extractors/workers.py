"""Extraction on every core: this process plus a persistent pool of workers, each loading the model once.

Workers are spawned (not forked), so a pool started from a threaded process — a Prefect flow — is safe. The
pool is reused by every later call until `stop_workers` (or the end of the process); a pool whose worker
died is replaced.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from extractors.nlp import load_nlp

MAX_DEFAULT_PROCESSES = 2

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")


def available_cores() -> int:
    """The number of CPU cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_processes() -> int:
    """Extraction processes when none are asked for: the available cores, at most `MAX_DEFAULT_PROCESSES`;
    1 inside a daemon process (a Dask or multiprocessing worker may not start processes of its own)."""
    if multiprocessing.current_process().daemon:
        return 1
    return max(1, min(MAX_DEFAULT_PROCESSES, available_cores()))


_running: dict[int, ProcessPoolExecutor] = {}
_running_lock = threading.Lock()


def _pool(processes: int, *, replace: bool = False) -> ProcessPoolExecutor:
    """The running pool of `processes` workers, started on first use (or anew when `replace`)."""
    with _running_lock:
        if replace or processes not in _running:
            _running[processes] = ProcessPoolExecutor(
                max_workers=processes, mp_context=multiprocessing.get_context("spawn"), initializer=load_nlp
            )
        return _running[processes]


def stop_workers() -> None:
    """Stop the worker processes (their memory goes back to the system); a later call starts new ones."""
    with _running_lock:
        pools = list(_running.values())
        _running.clear()
    for pool in pools:
        pool.shutdown(wait=True)


def map_in_workers(
    function: Callable[[Chunk], Result], chunks: Sequence[Chunk], processes: int, *, window: int
) -> Iterator[tuple[Chunk, Result | BrokenProcessPool]]:
    """Run `function` on each chunk with `processes` processes at work: this one and a pool of
    `processes - 1` workers, which holds at most `window` chunks at a time (this process takes the next chunk
    whenever the one due is still with the pool). Yield (chunk, result) in the order of `chunks`. When a
    worker dies, the chunks it took down yield the `BrokenProcessPool` error instead of a result and the next
    call starts a new pool. `function` must be importable (not defined in `__main__`)."""
    finished: dict[int, Result | BrokenProcessPool] = {}
    with_pool: dict[int, Future] = {}
    assigned = 0
    for due in range(len(chunks)):
        while due not in finished:
            while assigned < len(chunks) and len(with_pool) < window:
                with_pool[assigned] = _submit(function, chunks[assigned], processes - 1)
                assigned += 1
            if due in with_pool and (with_pool[due].done() or assigned == len(chunks)):
                finished[due] = _outcome(with_pool.pop(due))
            else:
                finished[assigned] = function(chunks[assigned])
                assigned += 1
        yield chunks[due], finished.pop(due)


def _outcome(future: Future) -> Result | BrokenProcessPool:
    """The result of a finished (or awaited) future, or the error of a pool whose worker died."""
    try:
        return future.result()
    except BrokenProcessPool as error:
        return error


def _submit(function: Callable[[Chunk], Result], chunk: Chunk, processes: int) -> Future:
    """Submit to the pool, replacing it first if one of its workers died."""
    try:
        return _pool(processes).submit(function, chunk)
    except BrokenProcessPool:
        return _pool(processes, replace=True).submit(function, chunk)

