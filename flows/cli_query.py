"""`dateline events` and `dateline upcoming`: query the warehouse; print a table, CSV, JSON or Parquet."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from extractors.records import EVENT_STATUSES, EVENT_TYPES
from flows.output import FORMATS, write_rows
from flows.settings import default_db_path
from warehouse.db import WarehouseError, open_warehouse
from warehouse.queries import DEFAULT_MIN_CONFIDENCE, ROW_COLUMNS, EventFilter, event_rows, upcoming_rows

TABLE_COLUMNS = [
    "first_day", "last_day", "type", "status", "summary", "location", "actors", "mention_count",
]

_DB_HELP = "DuckDB warehouse file (default: $DATELINE_DB, else output/dateline.duckdb)."
_FORMAT_HELP = "Output format: a table for people; csv, json or parquet (needs --output) for programs."
_OUTPUT_HELP = "Write to this file instead of standard output (required for parquet)."
_MENTIONS_HELP = "List every single report (event mention) instead of merged events (clusters)."
_DAY = click.DateTime(formats=["%Y-%m-%d"])


def _as_date(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def _check_output(fmt: str, output: Path | None) -> None:
    """Parquet is binary: refuse to write it to the terminal."""
    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs --output FILE")


def _print_rows(rows: list[dict], fmt: str, output: Path | None) -> None:
    """Print rows in the chosen format: a compact table, or every column for the machine formats."""
    columns = TABLE_COLUMNS if fmt == "table" else list(ROW_COLUMNS)
    write_rows(rows, columns, fmt, output)


def _query(db: Path | None, run) -> list[dict]:
    """Open the warehouse read-only, run `run(con)`, and turn known warehouse errors into a clean message."""
    try:
        con = open_warehouse(db or default_db_path(), read_only=True)
    except WarehouseError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        return run(con)
    finally:
        con.close()


@click.command("events", help="List stored events, merged across articles (single reports with --mentions).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None, help=_DB_HELP)
@click.option(
    "--from", "date_from", type=_DAY, default=None,
    help="Only events whose dates overlap the range starting on this day (YYYY-MM-DD).",
)
@click.option(
    "--to", "date_to", type=_DAY, default=None,
    help="Only events whose dates overlap the range ending on this day (YYYY-MM-DD).",
)
@click.option(
    "--type", "types", type=click.Choice(EVENT_TYPES), multiple=True,
    help="Only this event type (repeat the option for several).",
)
@click.option(
    "--status", "statuses", type=click.Choice(EVENT_STATUSES), multiple=True,
    help="Only this status (repeat the option for several).",
)
@click.option("--actor", default=None, help="Only events with an actor containing this text (any case).")
@click.option("--place", default=None, help="Only events whose location contains this text (any case).")
@click.option("--search", default=None, help="Only events whose summary or evidence contains this text.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Print at most this many events.")
@click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=DEFAULT_MIN_CONFIDENCE, show_default=True,
    help="Leave out weaker extractions (0 lists everything the extractor found).",
)
@click.option("--mentions", is_flag=True, help=_MENTIONS_HELP)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help=_FORMAT_HELP
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help=_OUTPUT_HELP)
def events_command(
    db: Path | None,
    date_from: datetime | None,
    date_to: datetime | None,
    types: tuple[str, ...],
    statuses: tuple[str, ...],
    actor: str | None,
    place: str | None,
    search: str | None,
    limit: int | None,
    min_confidence: float,
    mentions: bool,
    fmt: str,
    output: Path | None,
) -> None:
    """List stored events matching the filters."""
    filters = EventFilter(
        date_from=_as_date(date_from),
        date_to=_as_date(date_to),
        types=types,
        statuses=statuses,
        actor=actor,
        place=place,
        search=search,
        limit=limit,
        min_confidence=min_confidence,
    )
    _check_output(fmt, output)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise click.UsageError(f"--from {filters.date_from} is after --to {filters.date_to}")
    rows = _query(db, lambda con: event_rows(con, filters, mentions=mentions))
    _print_rows(rows, fmt, output)


@click.command("upcoming", help="List planned events in the days ahead, soonest first.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None, help=_DB_HELP)
@click.option(
    "--days", type=click.IntRange(min=0), default=14, show_default=True, help="How many days ahead to look."
)
@click.option("--as-of", "as_of", type=_DAY, default=None, help="Look ahead from this day (default: today).")
@click.option("--mentions", is_flag=True, help=_MENTIONS_HELP)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help=_FORMAT_HELP
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help=_OUTPUT_HELP)
def upcoming_command(
    db: Path | None, days: int, as_of: datetime | None, mentions: bool, fmt: str, output: Path | None
) -> None:
    """List planned events from --as-of through the next --days days."""
    _check_output(fmt, output)
    start = _as_date(as_of) or date.today()
    rows = _query(db, lambda con: upcoming_rows(con, as_of=start, days=days, mentions=mentions))
    _print_rows(rows, fmt, output)
