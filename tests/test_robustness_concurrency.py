"""Two processes on one warehouse: two `dateline run` started together, one loads while the other waits its
bounded time (`DATELINE_LOCK_WAIT`) and exits 1 with the one-line lock message; `dateline events` during the
load does the same; a third run given a long enough wait runs after the first; nothing is corrupted."""

from __future__ import annotations

import random
import time
from pathlib import Path

import duckdb
import pytest

from tests.test_robustness_crash import (
    LOADING_STARTED,
    assert_no_duplicates,
    dateline_env,
    made_up_text,
    prefect_api_url,  # noqa: F401 (a fixture)
    start_dateline,
    write_articles,
)

ARTICLES = 600
SHORT_WAIT = 2
LOCK_MESSAGE = "is in use by another Dateline process"


def _assert_lock_refusal(returncode: int, output: str, seconds: float, db: Path) -> None:
    assert returncode == 1, output[-3000:]
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if LOCK_MESSAGE in line]
    expected = f"Error: database {db} {LOCK_MESSAGE}; waited {SHORT_WAIT:g} s — try again when it finishes"
    assert lines[-1] == expected
    assert seconds >= SHORT_WAIT


@pytest.mark.slow
def test_of_two_runs_one_loads_and_the_other_and_a_query_wait_then_exit_with_the_lock_message(
    prefect_api_url: str, tmp_path: Path  # noqa: F811
) -> None:
    rng = random.Random(7)
    write_articles(tmp_path / "many.jsonl", {number: made_up_text(rng) for number in range(ARTICLES)})
    extra = range(ARTICLES, ARTICLES + 5)
    write_articles(tmp_path / "few.jsonl", {number: made_up_text(rng) for number in extra})
    db = tmp_path / "dateline.duckdb"
    env = dateline_env(prefect_api_url)
    short = {**env, "DATELINE_LOCK_WAIT": str(SHORT_WAIT)}
    logs = {name: tmp_path / f"{name}.log" for name in ("a", "b", "events", "patient")}
    began = time.monotonic()
    # Extraction stays in each run's own process: the two runs must contend for the database lock, not for
    # the cores (with worker processes the first run could finish before the second one even started).
    runs = {name: start_dateline(["run", "many.jsonl", "--db", str(db), "--no-charts", "--batch-size", "4",
                                  "--processes", "1"],
                                 tmp_path, short, logs[name]) for name in ("a", "b")}
    while not any(LOADING_STARTED in logs[name].read_text(errors="replace") for name in runs):
        assert all(run.poll() is None or run.returncode == 1 for run in runs.values())
        assert time.monotonic() - began < 300, "no run started loading"
        time.sleep(0.1)
    (holder,) = [name for name in runs if LOADING_STARTED in logs[name].read_text(errors="replace")]
    (waiter,) = set(runs) - {holder}
    query_began = time.monotonic()
    query = start_dateline(["events", "--db", str(db), "--format", "json"], tmp_path, short, logs["events"])
    patient = start_dateline(["run", "few.jsonl", "--db", str(db), "--no-charts"], tmp_path,
                             {**env, "DATELINE_LOCK_WAIT": "600"}, logs["patient"])
    _assert_lock_refusal(query.wait(timeout=300), logs["events"].read_text(), time.monotonic() - query_began,
                         db)
    _assert_lock_refusal(runs[waiter].wait(timeout=300), logs[waiter].read_text(), time.monotonic() - began,
                         db)
    assert runs[holder].poll() is None, "the loading run ended before the others gave up: nothing was proved"

    assert runs[holder].wait(timeout=600) == 0, logs[holder].read_text()[-3000:]
    assert patient.wait(timeout=600) == 0, logs["patient"].read_text()[-3000:]
    assert "(5 new, 0 unchanged" in logs["patient"].read_text()
    assert_no_duplicates(db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (ARTICLES + 5,)
        statuses = con.execute("SELECT status FROM runs ORDER BY started_at").fetchall()
    finally:
        con.close()
    assert statuses == [("Completed",), ("Completed",)]
