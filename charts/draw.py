"""Drawing every chart of a warehouse into a folder: timeline, agenda and the index page linking them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import duckdb

from charts.agenda import agenda_chart, agenda_rows
from charts.density import density_chart
from charts.index import IndexEntry, IndexSummary, write_index
from charts.layout import LANE_CHOICES
from charts.save import save_chart
from charts.timeline import chart_range, event_days, timeline_chart
from charts.undated import is_undated
from warehouse.queries import EventFilter, daily_counts, event_rows, latest_published, table_counts

DETAIL_LIMIT = 2000


@dataclass
class ChartFiles:
    """What `draw_charts` wrote: the file paths (index last) and the counts shown on the index page."""

    paths: list[Path]
    counts: dict[str, int]
    as_of: date
    date_from: date
    date_to: date
    aggregated: bool


def filter_labels(filters: EventFilter) -> dict[str, str]:
    """The story filters in words for the index page (search, actor, place, types)."""
    labels = {"search": filters.search, "actor": filters.actor, "place": filters.place,
              "types": ", ".join(filters.types)}
    return {name: value for name, value in labels.items() if value}


def draw_charts(con: duckdb.DuckDBPyConnection, directory: Path, *, filters: EventFilter | None = None,
                as_of: date | None = None, lanes: str = "type", agenda_days: int = 30) -> ChartFiles:
    """Draw `timeline.*`, `agenda.*` and `index.html` into `directory` from the warehouse behind `con`.

    The range is `filters.date_from`/`date_to`, else the dense part of the data around `as_of` (default:
    the latest publication date). Past `DETAIL_LIMIT` dated events in the range, the timeline shows daily
    counts per type and status (counted in DuckDB) instead of single events.
    """
    if lanes not in LANE_CHOICES:
        raise ValueError(f"unknown lanes {lanes!r}: choose one of {', '.join(LANE_CHOICES)}")
    filters = filters or EventFilter()
    as_of = as_of or latest_published(con) or date.today()
    story = replace(filters, date_from=None, date_to=None, limit=None)
    counts = daily_counts(con, story)
    dated_total = sum(row["count"] for row in counts)
    all_rows = event_rows(con, story) if dated_total <= DETAIL_LIMIT else None
    days = event_days(all_rows) if all_rows is not None else [row["day"] for row in counts]
    date_from, date_to = chart_range(days, as_of, filters.date_from, filters.date_to)
    in_range = sum(row["count"] for row in counts if date_from <= row["day"] <= date_to)
    aggregated = in_range > DETAIL_LIMIT
    if all_rows is not None:
        rows = all_rows
        undated = [row for row in rows if is_undated(row)]
    else:
        undated = [row for row in event_rows(con, story) if is_undated(row)]
        rows = undated if aggregated else undated + event_rows(
            con, replace(story, date_from=date_from, date_to=date_to))
    if aggregated:
        timeline = density_chart(counts, undated, as_of=as_of, date_from=date_from, date_to=date_to)
    else:
        timeline = timeline_chart(rows, as_of=as_of, date_from=date_from, date_to=date_to, lanes=lanes,
                                  dated_total=dated_total)
    window_end = as_of + timedelta(days=agenda_days)
    window = replace(story, date_from=as_of, date_to=window_end, statuses=("planned",))
    planned = agenda_rows(event_rows(con, window), as_of, agenda_days)
    directory = Path(directory)
    timeline_files = save_chart(timeline, directory, "timeline")
    agenda_files = save_chart(agenda_chart(planned, as_of=as_of, days=agenda_days), directory, "agenda")
    stored = table_counts(con)
    index_counts = {
        "articles in the warehouse": stored.get("articles", 0),
        "events in the warehouse": stored.get("event_clusters", 0),
        "dated events matching": dated_total,
        "dated events in the range": in_range,
        "undated events listed": len(undated),
        f"planned events in the next {agenda_days} days": len(planned),
    }
    entries = [IndexEntry("Timeline", timeline_files), IndexEntry("Agenda", agenda_files)]
    index = write_index(directory, IndexSummary(as_of=as_of, date_from=date_from, date_to=date_to,
                                                counts=index_counts, entries=entries,
                                                filters=filter_labels(filters)))
    return ChartFiles(paths=[*timeline_files, *agenda_files, index], counts=index_counts, as_of=as_of,
                      date_from=date_from, date_to=date_to, aggregated=aggregated)
