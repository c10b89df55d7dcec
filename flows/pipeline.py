"""The Prefect flow `dateline-pipeline`: read sources, extract, load into DuckDB, draw the charts.

Each task is a thin wrapper over one plain function of `extractors/`, `warehouse/` or `charts/`, and handles a
batch of articles. Extraction batches go to the flow's task runner (by default one worker thread, so
extracting the next batch overlaps loading the last one; with Dask, many processes) while the flow process
alone writes. With the thread runner, each batch is shared between the worker thread and extraction worker
processes (one process per core in all, at most 2), which load the model once for the whole run.
Tasks take paths, ids and records, never connections: the flow's one DuckDB connection is kept in
`_open_connections` under its path for the length of the run.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from contextlib import suppress
from datetime import date
from pathlib import Path

import duckdb
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.states import Failed
from prefect.task_runners import ThreadPoolTaskRunner

from charts.draw import draw_charts
from charts.save import ChartsFolderError, writable_folder
from extractors.analysis import Analysis, analyze_articles
from extractors.records import Article, ReadFailure
from extractors.sources import read_inputs
from extractors.workers import stop_workers
from flows.artifacts import publish_run_artifacts
from flows.config import load_config
from flows.progress import progress
from flows.report import RunSummary
from flows.sources_flow import read_configured_sources, save_fetch_state
from warehouse.db import WarehouseError, open_warehouse
from warehouse.load import finish_run, load_articles, record_failure, start_run, update_clusters
from warehouse.queries import table_counts

_open_connections: dict[str, duckdb.DuckDBPyConnection] = {}


def _warehouse(db_path: str) -> duckdb.DuckDBPyConnection:
    return _open_connections[db_path]


def _hold(db_path: str) -> duckdb.DuckDBPyConnection:
    """Open the warehouse for the run. (The flow reaches the registry only through functions, so pickling
    the flow for Dask workers never captures a connection.)"""
    con = open_warehouse(Path(db_path))
    _open_connections[db_path] = con
    return con


def _release(db_path: str) -> None:
    _open_connections.pop(db_path).close()


@task(name="read-sources", cache_policy=NO_CACHE)
def read_sources(inputs: list[str]) -> list[Article | ReadFailure]:
    """Read every input file or folder into articles, or failures naming the input."""
    return list(read_inputs([Path(item) for item in inputs]))


@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_batch(
    articles: list[Article], given_dct: date | None, processes: int | None = None
) -> list[Analysis | ReadFailure]:
    """Time expressions and events of a batch of articles, shared among `processes` processes."""
    return list(analyze_articles(articles, given_dct=given_dct, processes=processes))


@task(name="load-batch", cache_policy=NO_CACHE)
def load_batch(db_path: str, analyses: list[Analysis], run_id: str) -> dict[str, int]:
    """Store a batch in bulk; count new, unchanged, replaced and failed articles (failures are recorded)."""
    items = [(analysis.article, analysis.timexes, analysis.events) for analysis in analyses]
    return load_articles(_warehouse(db_path), items, run_id=run_id)


@task(name="record-failures", cache_policy=NO_CACHE)
def store_failures(db_path: str, failures: list[ReadFailure], run_id: str) -> None:
    """Record inputs that could not be read or extracted in the `failures` table."""
    con = _warehouse(db_path)
    for failure in failures:
        record_failure(con, run_id, failure)


@task(name="merge-clusters", cache_policy=NO_CACHE)
def merge_clusters(db_path: str) -> int:
    """Merge events reported by several articles into clusters."""
    return update_clusters(_warehouse(db_path))


@task(name="draw-charts", cache_policy=NO_CACHE)
def draw(db_path: str, charts_dir: str) -> list[str]:
    """Redraw the timeline, agenda and index from the warehouse."""
    files = draw_charts(_warehouse(db_path), Path(charts_dir))
    return [str(path) for path in files.paths]


def _split(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _extract_in_window(
    batches: list[list[Article]], dct: date | None, window: int, processes: int | None
) -> Iterator[tuple[list[Article], list[Analysis | ReadFailure]]]:
    """Submit extraction batches to the flow's task runner, at most `window` at a time, yielding in order.

    The window bounds memory on big inputs while the runner (threads, or Dask workers) keeps busy; the flow
    itself loads each finished batch, so only this process writes to DuckDB.
    """
    pending: deque = deque()
    for batch in batches:
        pending.append((batch, extract_batch.submit(batch, dct, processes)))
        if len(pending) >= window:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


@flow(name="dateline-pipeline", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=1))
def dateline_pipeline(
    inputs: list[str],
    db_path: str = "output/dateline.duckdb",
    charts_dir: str = "output/charts",
    dct: date | None = None,
    batch_size: int = 64,
    charts: bool = True,
    window: int = 2,
    sources: list[str] | None = None,
    config_path: str | None = None,
    processes: int | None = None,
) -> RunSummary:
    """Read the inputs and the configured `sources` (names in the `dateline.toml` at `config_path`), extract
    time expressions and events, load them into DuckDB and draw the charts.

    `processes`: processes sharing each extraction batch, the task's own and `processes - 1` workers (None:
    the available cores, at most 2, or 1 inside a Dask worker; 1: the task's process alone)."""
    logger = get_run_logger()
    try:
        if charts:
            writable_folder(Path(charts_dir))
        con = _hold(db_path)
    except (WarehouseError, ChartsFolderError) as error:  # the CLI prints the one-line message, no traceback
        return Failed(message=str(error), data=error)
    summary = RunSummary(inputs=inputs, db_path=db_path)
    run_id = start_run(con, flow_run_id=flow_run.get_id(), inputs=[*inputs, *(sources or [])])
    try:
        read = read_sources(inputs)
        articles = [item for item in read if isinstance(item, Article)]
        failures = [item for item in read if isinstance(item, ReadFailure)]
        for failure in failures:
            logger.error("%s: %s", failure.input, failure.error)
        fetched = None
        if sources:
            config = load_config(Path(config_path) if config_path else None)
            fetched = read_configured_sources(con, sources, config)
            articles += fetched.articles
            failures += fetched.failures
            summary.outcomes["unchanged"] += fetched.already_stored
            summary.source_counts = fetched.counts()
        summary.articles_read = len(articles)
        try:
            with progress(len(articles), "Extracting", logger) as advance:
                for batch, results in _extract_in_window(_split(articles, batch_size), dct, window,
                                                         processes):
                    analyses = [item for item in results if isinstance(item, Analysis)]
                    for failure in (item for item in results if isinstance(item, ReadFailure)):
                        logger.error("%s: %s", failure.input, failure.error)
                        failures.append(failure)
                    outcomes = load_batch(db_path, analyses, run_id)
                    summary.add_batch(analyses, outcomes)
                    advance(len(batch))
        finally:
            stop_workers()  # merging and drawing need their memory more than an idle model
        if fetched is not None:
            save_fetch_state(config, fetched)
        store_failures(db_path, failures, run_id)
        summary.failures = failures
        summary.clusters = merge_clusters(db_path)
        if charts:
            summary.chart_files = draw(db_path, charts_dir)
        nothing_read = not articles and (fetched is None or fetched.sources_read == 0)
        summary.status = "Failed" if failures and nothing_read else "Completed"
        summary.table_counts = table_counts(con)
        finish_run(con, run_id, status=summary.status, counts=summary.counts())
        publish_run_artifacts(summary)
        if summary.status == "Failed":
            return Failed(message=f"nothing could be read: {len(failures)} failed inputs", data=summary)
        return summary
    except (WarehouseError, ChartsFolderError) as error:  # full disk, read-only folder: stored data is kept
        with suppress(duckdb.Error):
            finish_run(con, run_id, status="Failed", counts=summary.counts())
        return Failed(message=str(error), data=error)
    except Exception:
        finish_run(con, run_id, status="Failed", counts=summary.counts())
        raise
    finally:
        _release(db_path)
