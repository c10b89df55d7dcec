"""Two processes on one warehouse: a `dateline run` holds it; a second run and `dateline events` started
meanwhile wait their bounded time (`DATELINE_LOCK_WAIT`) and exit 1 with the one-line lock message, while a
second run given a long enough wait runs after the first; nothing is corrupted."""

from __future__ import annotations

import random
import time
from pathlib import Path

import duckdb
import pytest

from tests.test_robustness_crash import (
    assert_no_duplicates,
    dateline_env,
    made_up_text,
    prefect_api_url,  # noqa: F401 (a fixture)
    run_dateline,
    start_dateline,
    wait_for_log,
    write_articles,
)

ARTICLES = 600
SHORT_WAIT = 2
FLOW_STARTED = "Beginning flow run"
LOCK_MESSAGE = "is in use by another Dateline process"


def _assert_lock_refusal(returncode: int, output: str, seconds: float, db: Path) -> None:
    assert returncode == 1, output[-3000:]
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if LOCK_MESSAGE in line]
    assert lines[-1] == f"Error: database {db} {LOCK_MESSAGE}; waited {SHORT_WAIT:g} s — try again when it finishes"
    assert seconds >= SHORT_WAIT


@pytest.mark.slow
def test_a_second_run_and_a_query_wait_then_exit_with_the_lock_message(
    prefect_api_url: str, tmp_path: Path  # noqa: F811
) -> None:
    rng = random.Random(7)
    write_articles(tmp_path / "many.jsonl", {number: made_up_text(rng) for number in range(ARTICLES)})
    write_articles(tmp_path / "few.jsonl", {number: made_up_text(rng) for number in range(ARTICLES, ARTICLES + 5)})
    db = tmp_path / "dateline.duckdb"
    env = dateline_env(prefect_api_url)
    log = tmp_path / "first.log"
    first = start_dateline(["run", "many.jsonl", "--db", str(db), "--no-charts", "--batch-size", "4"],
                           tmp_path, env, log)
    wait_for_log(first, log, FLOW_STARTED)
    short = {**env, "DATELINE_LOCK_WAIT": str(SHORT_WAIT)}
    began = time.monotonic()
    contenders = {
        "run": start_dateline(["run", "few.jsonl", "--db", str(db), "--no-charts"], tmp_path, short,
                              tmp_path / "second.log"),
        "events": start_dateline(["events", "--db", str(db), "--format", "json"], tmp_path, short,
                                 tmp_path / "events.log"),
    }
    patient = start_dateline(["run", "few.jsonl", "--db", str(db), "--no-charts"], tmp_path,
                             {**env, "DATELINE_LOCK_WAIT": "600"}, tmp_path / "patient.log")
    for name, process in contenders.items():
        returncode = process.wait(timeout=300)
        _assert_lock_refusal(returncode, (tmp_path / f"{'second' if name == 'run' else name}.log").read_text(),
                             time.monotonic() - began, db)
    assert first.poll() is None, "the first run ended before the others gave up: the test proved nothing"

    assert first.wait(timeout=600) == 0, log.read_text()[-3000:]
    assert patient.wait(timeout=600) == 0, (tmp_path / "patient.log").read_text()[-3000:]
    assert "(0 new, 5 unchanged" not in (tmp_path / "patient.log").read_text()
    assert_no_duplicates(db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (ARTICLES + 5,)
        statuses = con.execute("SELECT status FROM runs ORDER BY started_at").fetchall()
    finally:
        con.close()
    assert statuses == [("Completed",), ("Completed",)]
    after = run_dateline(["events", "--db", str(db), "--format", "json"], tmp_path, short)
    assert after.returncode == 0, after.stderr[-2000:]
