"""The aggregated timeline events per day, type and status (counted in DuckDB), as heat strips."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import altair as alt

from charts.describe import day_text
from charts.encodings import STATUSES, type_fill
from charts.ranges import padded
from charts.timeline import WIDTH, as_of_note, as_of_rule
from charts.undated import with_undated_listing
from extractors.records import EVENT_TYPES

LANE_PX = 44


def density_records(counts: list[dict[str, Any]], date_from: date, date_to: date) -> list[dict[str, Any]]:
    """One record per (day, type, status) count inside the range, spanning its day midnight to midnight."""
    return [
        {"start": datetime.combine(row["day"], time()).isoformat(),
         "end": datetime.combine(row["day"] + timedelta(days=1), time()).isoformat(),
         "day": day_text(row["day"]), "type": row["type"], "status": row["status"],
         "count": int(row["count"])}
        for row in counts if date_from <= row["day"] <= date_to
    ]


def density_chart(counts: list[dict[str, Any]], undated_rows: list[dict[str, Any]], *, as_of: date,
                  date_from: date, date_to: date) -> alt.VConcatChart:
    """The timeline of many events as heat strips: one lane per type, one thin row per status inside it.

    Each day is a cell whose opacity grows with the number of events of that type and status (`counts` are
    `warehouse.queries.daily_counts` rows: day, type, status, count), so thousands of events never overlap.
    The undated rows are listed below the chart as on the detailed timeline.
    """
    records = density_records(counts, date_from, date_to)
    start, end = padded(date_from, date_to)
    x_scale = alt.Scale(domain=[datetime.combine(start, time()).isoformat(),
                                datetime.combine(end, time(23, 59)).isoformat()])
    present = [name for name in EVENT_TYPES if any(record["type"] == name for record in records)]
    type_pick = alt.selection_point(fields=["type"], bind="legend", name="type_pick")
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="zoom")
    most = max((record["count"] for record in records), default=1)
    cells = alt.Chart(alt.InlineData(values=records)).mark_rect(clip=True).encode(
        x=alt.X("start:T", scale=x_scale, title=None),
        x2="end:T",
        y=alt.Y("type:N", sort=present, title=None, scale=alt.Scale(domain=present, paddingInner=0.25),
                axis=alt.Axis(ticks=False, domain=False, labelFontSize=12)),
        yOffset=alt.YOffset("status:N", sort=list(STATUSES), scale=alt.Scale(domain=list(STATUSES))),
        fill=type_fill(present, title="Event type (click to filter)"),
        fillOpacity=alt.FillOpacity("count:Q", scale=alt.Scale(domain=[0, most], range=[0.12, 1.0]),
                                    legend=alt.Legend(title="Events per day")),
        opacity=alt.condition(type_pick, alt.value(1.0), alt.value(0.12)),
        tooltip=[alt.Tooltip("day:N", title="Day"), alt.Tooltip("type:N", title="Type"),
                 alt.Tooltip("status:N", title="Status"), alt.Tooltip("count:Q", title="Events")],
    ).add_params(type_pick, zoom)
    total = sum(record["count"] for record in records)
    subtitle = [
        f"{total:,} dated events, {day_text(date_from)} – {day_text(date_to)}: too many to draw one by one, "
        "so each cell counts the events of one type on one day (darker: more).",
        "Inside each type the four thin rows are, top to bottom: past, ongoing, planned, proposed.",
        "Narrow the range (--from/--to) or pick a story (--search, --actor) to see single events. "
        f"{as_of_note(as_of)} Drag to pan, scroll to zoom.",
    ]
    x_axis = alt.Axis(grid=True, gridColor="#e3e3e3")
    chart = alt.layer(cells, as_of_rule(as_of, x_scale, x_axis)).properties(
        width=WIDTH, height=max(len(present), 1) * LANE_PX,
        title=alt.TitleParams("Timeline of reported events (daily counts)", subtitle=subtitle, anchor="start",
                              fontSize=15),
    )
    return with_undated_listing(chart, undated_rows, width=WIDTH, key=False)
