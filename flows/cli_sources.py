"""`dateline sources`: the configured sources, their schedules, and their last run from the warehouse."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from cronsim import CronSim

from flows.config import Config, ConfigError, load_config
from flows.output import write_rows
from warehouse.db import WarehouseError, WarehouseMissing, open_warehouse

COLUMNS = [
    "name", "kind", "enabled", "schedule", "next_run", "tags", "location", "last_run", "last_status",
    "last_failures", "articles",
]
SHORT_LOCATION = 60
NEVER_RUN = "never run"
# The latest run that read each source (scheduled runs list the source names in `runs.inputs`), the failures
# recorded for that source in that run, and the articles stored from it.
SOURCE_STATUS_QUERY = """
WITH wanted AS (SELECT unnest($names) AS name),
ranked AS (
    SELECT w.name, r.id, r.started_at, r.status,
           row_number() OVER (PARTITION BY w.name ORDER BY r.started_at DESC) AS rank
    FROM wanted w JOIN runs r ON list_contains(r.inputs, w.name)
)
SELECT w.name, lr.started_at AS last_run, lr.status AS last_status,
       (SELECT count(*) FROM failures f
        WHERE f.run_id = lr.id AND json_extract_string(f.details, '$.source') = w.name) AS last_failures,
       (SELECT count(*) FROM articles a WHERE a.source = w.name) AS articles
FROM wanted w LEFT JOIN ranked lr ON lr.name = w.name AND lr.rank = 1
"""


def _next_run(cron: str, timezone: str) -> datetime:
    """The next time `cron` (read in `timezone`) fires, in UTC like the warehouse's run times."""
    now = datetime.now(ZoneInfo(timezone)).replace(second=0, microsecond=0)
    return next(CronSim(cron, now)).astimezone(UTC).replace(tzinfo=None)


def _location(source_locations: tuple[str, ...]) -> str:
    """The source's location, shortened for a table; '(+N more)' for URL lists."""
    first = source_locations[0]
    if len(first) > SHORT_LOCATION:
        first = first[: SHORT_LOCATION - 1] + "…"
    more = len(source_locations) - 1
    return f"{first} (+{more} more)" if more else first


def _run_status(db_path: Path, names: list[str]) -> dict[str, dict]:
    """Last run, its status and failures, and stored articles per source name (empty with no database)."""
    try:
        con = open_warehouse(db_path, read_only=True, wait_seconds=2.0)
    except WarehouseMissing:
        return {}
    try:
        rows = con.execute(SOURCE_STATUS_QUERY, {"names": names}).fetchall()
    finally:
        con.close()
    return {
        name: {"last_run": run, "last_status": status or NEVER_RUN, "last_failures": failures,
               "articles": articles}
        for name, run, status, failures, articles in rows
    }


def source_rows(config: Config, db_path: Path) -> list[dict]:
    """One row per configured source: its settings, next scheduled run and last run in the warehouse."""
    names = [source.name for source in config.sources]
    status = _run_status(db_path, names) if names else {}
    rows = []
    for source in config.sources:
        schedule = config.schedule_of(source)
        rows.append({
            "name": source.name,
            "kind": source.kind,
            "enabled": source.enabled,
            "schedule": schedule,
            "next_run": _next_run(schedule, config.timezone) if source.enabled else None,
            "tags": list(source.tags),
            "location": _location(source.locations),
            **status.get(source.name, {"last_run": None, "last_status": NEVER_RUN, "last_failures": 0,
                                       "articles": 0}),
        })
    return rows


@click.command("sources", help="List the configured sources, their schedules and last run (times in UTC).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The config file (default: $DATELINE_CONFIG, else ./dateline.toml).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="DuckDB warehouse file (default: the config's paths.db, $DATELINE_DB or "
                   "output/dateline.duckdb).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format: a table for people; csv or json for programs.")
def sources_command(config_path: Path | None, db: Path | None, fmt: str) -> None:
    """List the configured sources with their kind, schedule, tags and last run."""
    try:
        config = load_config(config_path)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    if not config.sources:
        where = config.path or "no dateline.toml found"
        click.echo(f"No sources configured ({where}); see dateline.example.toml.", err=True)
        return
    try:
        rows = source_rows(config, db or config.paths.db)
    except WarehouseError as error:
        raise click.ClickException(str(error)) from None
    write_rows(rows, COLUMNS, fmt, None)
