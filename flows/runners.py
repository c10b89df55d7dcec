"""Where extraction batches run: worker threads in this process, or a Dask cluster through prefect-dask."""

from __future__ import annotations

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

TASK_RUNNERS = ("threads", "dask")


def make_task_runner(kind: str, *, dask_address: str | None = None, workers: int = 2) -> TaskRunner:
    """A task runner by name.

    `threads`: one worker thread, so extraction overlaps loading. `dask`: the cluster at `dask_address`
    (tcp://HOST:PORT), or a local cluster of `workers` single-threaded processes when no address is given.
    """
    if kind == "threads":
        return ThreadPoolTaskRunner(max_workers=1)
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        cluster = {"n_workers": workers, "threads_per_worker": 1, "processes": True}
        return DaskTaskRunner(cluster_kwargs=cluster)
    raise ValueError(f"unknown task runner {kind!r}: expected one of {', '.join(TASK_RUNNERS)}")
