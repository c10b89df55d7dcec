"""The agenda: planned events from the as-of date forward, one row each, ordered by date."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import altair as alt

from charts.describe import day_text, describe
from charts.encodings import AS_OF_COLOR, event_layers
from charts.layout import Frame, mark_extent, noon, shorten
from warehouse.queries import OPEN_INTERVAL_DAYS

WIDTH = 520
ROW_PX = 26
ROW_LABEL = "split(datum.value, '|')[1]"
SUMMARY_CHARS = 60


def agenda_rows(rows: list[dict[str, Any]], as_of: date, days: int) -> list[dict[str, Any]]:
    """The planned rows whose dates meet the `days` days from `as_of`, ordered by first day.

    An open-ended row (a start, no end: "in the coming days") counts for its first `OPEN_INTERVAL_DAYS` days,
    as in the warehouse queries, so a vague plan from last year does not stay on the agenda forever.
    """
    window_end = as_of + timedelta(days=days)
    open_reach = timedelta(days=OPEN_INTERVAL_DAYS)
    chosen = [
        row for row in rows
        if row["status"] == "planned" and row.get("first_day") is not None and row["first_day"] <= window_end
        and (row.get("last_day") or row["first_day"] + open_reach) >= as_of
    ]
    return sorted(chosen, key=lambda row: (row["first_day"], row.get("last_day") or date.max, row["id"]))


def agenda_records(rows: list[dict[str, Any]], frame: Frame) -> list[dict[str, Any]]:
    """Mark records (as `charts.layout.place_rows` makes) with one y row per event, labelled date · what."""
    records = []
    for index, row in enumerate(rows):
        kind, start, end = mark_extent(row, frame)
        fields = describe(row)
        records.append({
            **fields, "kind": kind, "start": start.isoformat(), "end": end.isoformat(), "lane": "agenda",
            "row": f"{index:03d}|{fields['dates']} · {shorten(fields['summary'], SUMMARY_CHARS)}",
            "label": "", "label_side": "right",
        })
    return records


def agenda_chart(rows: list[dict[str, Any]], *, as_of: date, days: int = 30) -> alt.LayerChart:
    """The agenda of the planned events among `rows` in the `days` days from `as_of`, one row each."""
    window_end = as_of + timedelta(days=days)
    planned = agenda_rows(rows, as_of, days)
    title = alt.TitleParams(
        f"Agenda: planned events, {day_text(as_of)} – {day_text(window_end)}",
        subtitle=f"{len(planned)} planned event{'' if len(planned) == 1 else 's'}, earliest first. "
                 "Hover for details.",
        anchor="start",
        fontSize=15,
    )
    if not planned:
        empty = alt.InlineData(values=[{"text": f"No planned events between {day_text(as_of)} and "
                                          f"{day_text(window_end)}."}])
        return alt.Chart(empty).mark_text(align="left", fontSize=12, color="#444").encode(
            x=alt.value(0), y=alt.value(12), text="text:N",
        ).properties(width=WIDTH, height=30, title=title)
    frame = Frame(as_of - timedelta(days=1), window_end + timedelta(days=1), WIDTH)
    records = agenda_records(planned, frame)
    keys = [record["row"] for record in records]
    x_scale = alt.Scale(domain=[frame.start_time.isoformat(),
                                datetime.combine(frame.end, time(23, 59)).isoformat()])
    y = alt.Y("row:N", sort=keys, title=None, scale=alt.Scale(domain=keys),
              axis=alt.Axis(labelExpr=ROW_LABEL, ticks=False, domain=False, labelLimit=460, labelFontSize=11))
    present = sorted({record["type"] for record in records})
    base = alt.Chart(alt.InlineData(values=records))
    as_of_rule = alt.Chart(alt.InlineData(values=[{"at": noon(as_of).isoformat()}])).mark_rule(
        color=AS_OF_COLOR, strokeDash=[5, 2], strokeWidth=1.5,
    ).encode(x=alt.X("at:T", scale=x_scale, title=None, axis=alt.Axis(format="%-d %b", grid=True,
                                                                      gridColor="#e3e3e3")))
    layers = [as_of_rule, *event_layers(base, x_scale, y, present, [], None)]
    return alt.layer(*layers).properties(width=WIDTH, height=len(keys) * ROW_PX, title=title)
