"""`dateline chart`: redraw the timeline, agenda and index page from the warehouse."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from charts.draw import draw_charts
from charts.layout import LANE_CHOICES
from charts.save import ChartsFolderError
from extractors.records import EVENT_TYPES
from flows.settings import default_charts_dir, default_db_path
from warehouse.db import WarehouseError, open_warehouse
from warehouse.queries import EventFilter

_DAY = click.DateTime(formats=["%Y-%m-%d"])


def _as_date(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


@click.command("chart", help="Draw the timeline, agenda and index page (HTML, PNG, SVG) from the warehouse.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="DuckDB warehouse file (default: $DATELINE_DB, else output/dateline.duckdb).")
@click.option("--charts-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the chart files (default: $DATELINE_CHARTS_DIR, else output/charts).")
@click.option("--from", "date_from", type=_DAY, default=None,
              help="First day of the timeline (YYYY-MM-DD; default: the dense part of the data).")
@click.option("--to", "date_to", type=_DAY, default=None,
              help="Last day of the timeline (YYYY-MM-DD; default: the dense part of the data).")
@click.option("--as-of", "as_of", type=_DAY, default=None,
              help="Day of the as-of rule and start of the agenda (default: the latest publication date).")
@click.option("--lanes", type=click.Choice(LANE_CHOICES), default="type", show_default=True,
              help="One timeline lane per event type, per actor or per place.")
@click.option("--search", default=None, help="Only events whose summary or evidence contains this text.")
@click.option("--actor", default=None, help="Only events with an actor containing this text (any case).")
@click.option("--type", "types", type=click.Choice(EVENT_TYPES), multiple=True,
              help="Only this event type (repeat the option for several).")
@click.option("--agenda-days", type=click.IntRange(min=1), default=30, show_default=True,
              help="How many days from the as-of date the agenda covers.")
def chart_command(db: Path | None, charts_dir: Path | None, date_from: datetime | None,
                  date_to: datetime | None, as_of: datetime | None, lanes: str, search: str | None,
                  actor: str | None, types: tuple[str, ...], agenda_days: int) -> None:
    """Draw the charts of the warehouse into the charts folder and print the files written."""
    filters = EventFilter(date_from=_as_date(date_from), date_to=_as_date(date_to), types=types,
                          actor=actor, search=search)
    directory = charts_dir or default_charts_dir()
    try:
        con = open_warehouse(db or default_db_path(), read_only=True)
    except WarehouseError as error:
        raise click.ClickException(str(error)) from None
    try:
        files = draw_charts(con, directory, filters=filters, as_of=_as_date(as_of), lanes=lanes,
                            agenda_days=agenda_days)
    except (ValueError, ChartsFolderError) as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"cannot write the charts to {directory}: {error}") from None
    finally:
        con.close()
    drawn = "daily counts" if files.aggregated else "single events"
    click.echo(f"Charts as of {files.as_of}, {files.date_from} – {files.date_to} ({drawn}):")
    for name, count in files.counts.items():
        click.echo(f"  {name}: {count:,}")
    for path in files.paths:
        click.echo(f"  {path}")
