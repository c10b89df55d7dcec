"""Scale-out: the pipeline on a real Dask `LocalCluster` of two workers matches the in-process run."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import SAMPLE

EVENT_COLUMNS = "id, type, status, summary, time_value, first_day, last_day, actors, location, duration"


def _events(db_path: Path) -> list[tuple]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY id").fetchall()
    finally:
        con.close()


def test_dask_run_matches_the_in_process_run(prefect_harness, tmp_path: Path) -> None:
    from distributed import LocalCluster

    from flows.pipeline import dateline_pipeline
    from flows.runners import make_task_runner

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for copy in range(3):
        text = SAMPLE.read_text(encoding="utf-8")
        (inputs / f"story-{copy}.txt").write_text(text.replace("Paris", ["Paris", "Lyon", "Brussels"][copy]))

    local_db = tmp_path / "local.duckdb"
    dateline_pipeline(inputs=[str(inputs)], db_path=str(local_db), charts=False, batch_size=1)

    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as cluster:
        runner = make_task_runner("dask", dask_address=cluster.scheduler_address)
        dask_db = tmp_path / "dask.duckdb"
        dateline_pipeline.with_options(task_runner=runner)(
            inputs=[str(inputs)], db_path=str(dask_db), charts=False, batch_size=1
        )

    local, distributed = _events(local_db), _events(dask_db)
    assert len(local) > 10
    assert distributed == local


def test_unknown_task_runner_is_a_clear_error() -> None:
    from flows.runners import make_task_runner

    with pytest.raises(ValueError, match="unknown task runner 'spark'"):
        make_task_runner("spark")

