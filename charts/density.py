"""The aggregated timeline for large data: events per day, type and status, counted in DuckDB."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import altair as alt

from charts.describe import day_text
from charts.encodings import (
    STATUSES,
    status_choice,
    status_fill_opacity,
    status_shape,
    type_fill,
    type_stroke,
)
from charts.layout import noon
from charts.ranges import padded
from charts.timeline import WIDTH, as_of_layers
from charts.undated import with_undated_listing
from extractors.records import EVENT_TYPES

LANE_PX = 44


def density_records(counts: list[dict[str, Any]], date_from: date, date_to: date) -> list[dict[str, Any]]:
    """One record per (day, type, status) count inside the range, drawn at noon of the day."""
    return [
        {"at": noon(row["day"]).isoformat(), "day": day_text(row["day"]), "type": row["type"],
         "status": row["status"], "count": int(row["count"])}
        for row in counts if date_from <= row["day"] <= date_to
    ]


def density_chart(counts: list[dict[str, Any]], undated_rows: list[dict[str, Any]], *, as_of: date,
                  date_from: date, date_to: date) -> alt.VConcatChart:
    """The timeline of many events: one mark per day, type and status, its area growing with the count.

    `counts` are `warehouse.queries.daily_counts` rows (day, type, status, count); the undated rows are
    listed below the chart as on the detailed timeline.
    """
    records = density_records(counts, date_from, date_to)
    start, end = padded(date_from, date_to)
    x_scale = alt.Scale(domain=[datetime.combine(start, time()).isoformat(),
                                datetime.combine(end, time(23, 59)).isoformat()])
    present = [name for name in EVENT_TYPES if any(record["type"] == name for record in records)]
    type_pick = alt.selection_point(fields=["type"], bind="legend", name="type_pick")
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="zoom")
    marks = alt.Chart(alt.InlineData(values=records)).transform_calculate(
        fill_opacity=status_choice((0.75, 0.75, 0.25, 0.0)),
    ).mark_point(filled=True, strokeWidth=1.2, clip=True).encode(
        x=alt.X("at:T", scale=x_scale, title=None),
        y=alt.Y("type:N", sort=list(EVENT_TYPES), title=None, axis=alt.Axis(ticks=False, domain=False,
                                                                            labelFontSize=12)),
        yOffset=alt.YOffset("status:N", sort=list(STATUSES), scale=alt.Scale(domain=list(STATUSES))),
        size=alt.Size("count:Q", scale=alt.Scale(range=[15, 500]),
                      legend=alt.Legend(title="Events per mark")),
        fill=type_fill(present, title="Event type (click to filter)"), stroke=type_stroke(),
        shape=status_shape(), fillOpacity=status_fill_opacity(),
        opacity=alt.condition(type_pick, alt.value(1.0), alt.value(0.12)),
        tooltip=[alt.Tooltip("day:N", title="Day"), alt.Tooltip("type:N", title="Type"),
                 alt.Tooltip("status:N", title="Status"), alt.Tooltip("count:Q", title="Events")],
    ).add_params(type_pick, zoom)
    total = sum(record["count"] for record in records)
    subtitle = [
        f"{total:,} dated events, {day_text(date_from)} – {day_text(date_to)}, too many to draw one by one: "
        "each mark counts the events of one type and status on one day.",
        "Narrow the range (--from/--to) or pick a story (--search, --actor) to see single events. "
        "Drag to pan, scroll to zoom.",
    ]
    x_axis = alt.Axis(grid=True, gridColor="#e3e3e3")
    chart = alt.layer(marks, *as_of_layers(as_of, x_scale, x_axis)).properties(
        width=WIDTH, height=max(len(present), 1) * LANE_PX,
        title=alt.TitleParams("Timeline of reported events (daily counts)", subtitle=subtitle, anchor="start",
                              fontSize=15),
    )
    return with_undated_listing(chart, undated_rows, width=WIDTH)
