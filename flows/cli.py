"""The `dateline` command line: one group, each command a thin call into a plain function.

Exit status: 0 on success, 1 on an error (a clear one-line message, no traceback), 2 when `dateline run`
finished but some inputs could not be read or extracted (they are listed and stored in `failures`).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from rich.console import Console

from flows.cli_chart import chart_command
from flows.cli_extract import eval_events_command, extract_command
from flows.cli_query import events_command, upcoming_command
from flows.cli_serve import serve_command
from flows.cli_sources import sources_command
from flows.cli_tag import eval_timex_command, tag_command
from flows.config import ConfigError, load_config, select_sources
from flows.docs import iter_commands
from flows.options import parse_dct_option
from flows.runners import TASK_RUNNERS
from flows.settings import quiet_prefect_defaults

EXIT_INPUT_FAILURES = 2
HELP_OPTION_NAMES = ["-h", "--help"]


@click.group(context_settings={"help_option_names": HELP_OPTION_NAMES})
@click.version_option(package_name="dateline")
def main() -> None:
    """Dateline: turn news articles into dated events in DuckDB and timeline charts."""


@main.command("run")
@click.argument("sources", nargs=-1, required=False)
@click.option("--source", "source_names", multiple=True, metavar="NAME",
              help="Also read this source of dateline.toml (repeat the option for several).")
@click.option("--all-sources", is_flag=True, help="Also read every enabled source of dateline.toml.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The config file (default: $DATELINE_CONFIG, else ./dateline.toml if present).")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="DuckDB file (default: $DATELINE_DB or output/dateline.duckdb).")
@click.option("--charts-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the chart files (default: $DATELINE_CHARTS_DIR or output/charts).")
@click.option("--dct", callback=parse_dct_option,
              help="Publication date (YYYY-MM-DD) for articles whose metadata and text give none.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=64, show_default=True,
              help="Articles per extraction task.")
@click.option("--no-charts", is_flag=True, help="Load the warehouse without redrawing the charts.")
@click.option("--task-runner", type=click.Choice(TASK_RUNNERS), default="threads", show_default=True,
              help="Where extraction batches run: a worker thread here, or a Dask cluster.")
@click.option("--dask-address", metavar="tcp://HOST:PORT",
              help="Scheduler of a Dask cluster for --task-runner dask (default: a local cluster).")
@click.option("--processes", type=click.IntRange(1, 64), default=None,
              help="Processes sharing the extraction: this one and worker processes (default: the "
                   "available cores, at most 2; 1 within each Dask worker).")
def run_command(sources: tuple[str, ...], db_path: Path | None, charts_dir: Path | None, dct: date | None,
                batch_size: int, no_charts: bool, task_runner: str, dask_address: str | None,
                processes: int | None, source_names: tuple[str, ...], all_sources: bool,
                config_path: Path | None) -> None:
    """Run the pipeline once on SOURCES (files or folders) and configured sources: read, extract, load,
    draw."""
    if not sources and not source_names and not all_sources:
        raise click.UsageError("give SOURCES (files or folders), --source NAME or --all-sources")
    try:
        config = load_config(config_path)
        names = select_sources(config, source_names, all_sources)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    quiet_prefect_defaults()
    from charts.save import ChartsFolderError
    from flows.pipeline import dateline_pipeline
    from flows.runners import make_task_runner
    from warehouse.db import WarehouseError

    runner = make_task_runner(task_runner, dask_address=dask_address)
    try:
        state = dateline_pipeline.with_options(task_runner=runner)(
            inputs=list(sources),
            db_path=str(db_path or config.paths.db),
            charts_dir=str(charts_dir or config.paths.charts),
            dct=dct,
            batch_size=batch_size,
            charts=not no_charts,
            sources=names,
            config_path=str(config.path.resolve()) if config.path else None,
            processes=processes,
            return_state=True,
        )
        summary = state.result(raise_on_failure=False)
        if isinstance(summary, BaseException):
            raise summary
    except (WarehouseError, ChartsFolderError) as error:
        raise click.ClickException(str(error)) from None
    console = Console() if sys.stdout.isatty() else Console(width=140)
    summary.render(console)
    if summary.had_failures:
        raise SystemExit(EXIT_INPUT_FAILURES)


@main.group("eval")
def eval_group() -> None:
    """Score Dateline on TimeML corpora (TempEval-3)."""


main.add_command(tag_command, "tag")
main.add_command(extract_command, "extract")
main.add_command(events_command, "events")
main.add_command(upcoming_command, "upcoming")
main.add_command(chart_command, "chart")
main.add_command(sources_command, "sources")
main.add_command(serve_command, "serve")
eval_group.add_command(eval_timex_command, "timex")
eval_group.add_command(eval_events_command, "events")
for _name, _command in iter_commands(main):
    # `-h` works on every command, however it is invoked (from `dateline` or on its own in a test).
    _command.context_settings.setdefault("help_option_names", HELP_OPTION_NAMES)
