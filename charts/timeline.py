"""The timeline: events in lanes over time, an as-of rule, and the undated events listed below."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import altair as alt

from charts.describe import day_text
from charts.encodings import AS_OF_COLOR, ROW_KEY_LABEL, event_layers
from charts.layout import Frame, noon, place_rows, row_keys
from charts.ranges import default_range, padded
from charts.undated import is_undated, with_undated_listing

WIDTH = 860
ROW_PX = 24
MIN_ROWS = 3
DAY_LABELS_UP_TO_DAYS = 45
DAY_LABEL = "[timeFormat(datum.value, '%a'), timeFormat(datum.value, '%-d %b')]"


def rows_as_of(rows: list[dict[str, Any]]) -> date:
    """The latest day the rows were reported on, else today: the default as-of date."""
    reported = [row["last_reported"] for row in rows if row.get("last_reported")]
    return max(reported) if reported else date.today()


def event_days(rows: list[dict[str, Any]]) -> list[date]:
    """Every first and last day of the rows (the days the default range is chosen from)."""
    return [day for row in rows for day in (row.get("first_day"), row.get("last_day")) if day is not None]


def chart_range(days: list[date], as_of: date, date_from: date | None,
                date_to: date | None) -> tuple[date, date]:
    """The range asked for, with any missing end taken from the default range around `as_of`."""
    low, high = default_range(days, as_of)
    date_from, date_to = date_from or low, date_to or high
    if date_from > date_to:
        raise ValueError(f"the range is empty: {date_from} is after {date_to}")
    return date_from, date_to


def as_of_rule(as_of: date, x_scale: alt.Scale, x_axis: alt.Axis) -> alt.Chart:
    """A red dashed vertical rule at the as-of day (its tooltip names the day); it carries the x axis.

    The rule is explained in the subtitle (`as_of_note`): a text mark above the plot would be clipped,
    since zooming clips the view.
    """
    data = alt.InlineData(values=[{"at": noon(as_of).isoformat(), "label": as_of_note(as_of)}])
    return alt.Chart(data).mark_rule(color=AS_OF_COLOR, strokeWidth=1.5, strokeDash=[5, 2]).encode(
        x=alt.X("at:T", scale=x_scale, title=None, axis=x_axis),
        tooltip=alt.Tooltip("label:N", title="As of"),
    )


def as_of_note(as_of: date) -> str:
    """The words for the as-of rule."""
    return f"Red dashed line: as of {day_text(as_of)}."


def lane_bands(keys: list[str]) -> alt.Chart:
    """Alternating shaded backgrounds, one per lane, so the rows of a lane read as one band."""
    shades = [{"row": key, "shade": int(key.split("|")[0]) % 2} for key in keys]
    return alt.Chart(alt.InlineData(values=shades)).mark_rect().encode(
        y=alt.Y("row:N", sort=keys),
        color=alt.Color("shade:N", scale=alt.Scale(domain=[0, 1], range=["#f4f6f8", "#ffffff"]), legend=None),
    )


def timeline_chart(rows: list[dict[str, Any]], *, as_of: date | None, date_from: date | None,
                   date_to: date | None, lanes: str = "type",
                   dated_total: int | None = None) -> alt.VConcatChart:
    """The timeline of `rows` (chart rows of `warehouse.queries.chart_rows`) with the undated listing below.

    Time runs along x (zoom and pan with the mouse), one lane per type, actor or place (`lanes`). The range
    defaults to the dense part of the data around `as_of` (default: the latest report day); dated events
    outside it are counted in the subtitle (out of `dated_total` when the caller passes only the rows in
    the range), undated ones listed under the chart.
    """
    as_of = as_of or rows_as_of(rows)
    date_from, date_to = chart_range(event_days(rows), as_of, date_from, date_to)
    frame = Frame(*padded(date_from, date_to), width=WIDTH)
    records, _ = place_rows(rows, frame, lanes=lanes)
    keys = row_keys(records)
    x_scale = alt.Scale(domain=[frame.start_time.isoformat(),
                                datetime.combine(frame.end, time(23, 59)).isoformat()])
    short_range = (frame.end - frame.start).days <= DAY_LABELS_UP_TO_DAYS
    half_day_px = WIDTH / ((frame.end - frame.start).days + 1) / 2
    x_axis = alt.Axis(labelExpr=DAY_LABEL if short_range else alt.Undefined, labelOverlap=True, grid=True,
                      labelOffset=half_day_px if short_range else 0, gridColor="#e3e3e3")
    y = alt.Y("row:N", sort=keys, title=None, scale=alt.Scale(domain=keys),
              axis=alt.Axis(labelExpr=ROW_KEY_LABEL, ticks=False, domain=False, labelFontSize=12,
                            labelLimit=160, labelPadding=6))
    type_pick = alt.selection_point(fields=["type"], bind="legend", name="type_pick")
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="zoom")
    present = sorted({record["type"] for record in records})
    base = alt.Chart(alt.InlineData(values=records))
    layers = [lane_bands(keys), as_of_rule(as_of, x_scale, x_axis),
              *event_layers(base, x_scale, y, present, [type_pick, zoom], type_pick)]
    dated = dated_total if dated_total is not None else sum(1 for row in rows if not is_undated(row))
    shown = len({record["id"] for record in records})
    outside = dated - shown
    subtitle = [f"{shown:,} of {dated:,} dated events, {day_text(date_from)} – {day_text(date_to)}"
                + (f"; {outside:,} more outside this range (widen it with --from/--to)" if outside else ""),
                f"{as_of_note(as_of)} Drag to pan, scroll to zoom; click a legend type to show only it."]
    timeline = alt.layer(*layers).properties(
        width=WIDTH, height=max(len(keys), MIN_ROWS) * ROW_PX,
        title=alt.TitleParams("Timeline of reported events", subtitle=subtitle, anchor="start", fontSize=15),
    )
    return with_undated_listing(timeline, rows, width=WIDTH)
