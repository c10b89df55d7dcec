"""The extraction worker pool: results in order, a dead worker fails only its chunk, workers can stop."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool

from extractors.workers import map_in_workers, stop_workers


def test_results_come_in_the_order_of_the_chunks():
    chunks = [-number for number in range(12)]
    assert list(map_in_workers(abs, chunks, 2, window=3)) == [(chunk, -chunk) for chunk in chunks]


def test_a_worker_that_dies_fails_its_chunk_and_the_next_call_gets_a_new_pool():
    ((chunk, outcome),) = map_in_workers(os._exit, [3], 2, window=1)
    assert chunk == 3 and isinstance(outcome, BrokenProcessPool)
    assert list(map_in_workers(abs, [-5], 2, window=1)) == [(-5, 5)]


def test_stopped_workers_start_again_when_needed():
    assert list(map_in_workers(abs, [-1], 2, window=1)) == [(-1, 1)]
    stop_workers()
    assert list(map_in_workers(abs, [-2], 2, window=1)) == [(-2, 2)]
    stop_workers()
