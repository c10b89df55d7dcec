"""The visual vocabulary every Dateline chart shares: type colours, status shapes and the event mark layers.

Type is colour (the legend filters types on click); status is shape, fill and dash: past events are filled,
planned ones half-empty with dashed spans, proposed ones hollow with dotted spans.
"""

from __future__ import annotations

import altair as alt

from extractors.records import EVENT_TYPES

TYPE_COLORS = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2", "#9d755d", "#eeca3b",
               "#79706e")
STATUSES = ("past", "ongoing", "planned", "proposed")
STATUS_SHAPES = ("circle", "square", "triangle-up", "diamond")
STATUS_FILL = (0.9, 0.9, 0.25, 0.0)
STATUS_DASH = ([1, 0], [1, 0], [6, 3], [2, 2])
STATUS_MEANING = ("happened", "under way", "announced, to come", "not agreed, not in force")
MARK_KINDS = ("Marks: a point is one day; a bar spans its days; a dashed line with an arrow starts on a day "
              "and has no known end (\"the coming days\"); the red dashed rule is the as-of date.")
AS_OF_COLOR = "#c0392b"
ROW_KEY_LABEL = "split(datum.value, '|')[1] == '0' ? split(datum.value, '|')[2] : ''"

TOOLTIP = [
    alt.Tooltip("summary:N", title="What"),
    alt.Tooltip("type:N", title="Type"),
    alt.Tooltip("status:N", title="Status"),
    alt.Tooltip("when:N", title="Date expression"),
    alt.Tooltip("value:N", title="TIMEX3 value"),
    alt.Tooltip("dates:N", title="Dates"),
    alt.Tooltip("duration:N", title="Duration"),
    alt.Tooltip("actors:N", title="Actors"),
    alt.Tooltip("place:N", title="Place"),
    alt.Tooltip("evidence:N", title="Evidence"),
    alt.Tooltip("sources:N", title="Sources"),
    alt.Tooltip("links:N", title="Links"),
    alt.Tooltip("mentions:Q", title="Mentions"),
]


def type_fill(present: list[str], *, title: str = "Event type") -> alt.Fill:
    """Fill by event type with a fixed palette; the legend lists the types present."""
    return alt.Fill(
        "type:N",
        scale=alt.Scale(domain=list(EVENT_TYPES), range=list(TYPE_COLORS)),
        legend=alt.Legend(title=title, values=present, orient="right"),
    )


def type_stroke() -> alt.Stroke:
    """Stroke by event type, same palette as the fill, no legend of its own."""
    return alt.Stroke("type:N", scale=alt.Scale(domain=list(EVENT_TYPES), range=list(TYPE_COLORS)),
                      legend=None)


def status_shape() -> alt.Shape:
    """Shape by status (explained in the drawn key, `status_key`)."""
    return alt.Shape("status:N", scale=alt.Scale(domain=list(STATUSES), range=list(STATUS_SHAPES)),
                     legend=None)


def status_choice(values: tuple) -> str:
    """A Vega expression giving, for `datum.status`, the value at the same position in `values`."""
    expression = str(values[0])
    for status, value in reversed(list(zip(STATUSES[1:], values[1:], strict=True))):
        expression = f"datum.status == '{status}' ? {value} : ({expression})"
    return expression


def status_fill_opacity() -> alt.FillOpacity:
    """Fill opacity by status: filled past, half-empty planned, hollow proposed."""
    return alt.FillOpacity("fill_opacity:Q", scale=None)


def status_dash() -> alt.StrokeDash:
    """Dash pattern of spans by status: solid past, dashed planned, dotted proposed."""
    return alt.StrokeDash("status:N", scale=alt.Scale(domain=list(STATUSES), range=list(STATUS_DASH)),
                          legend=None)


def status_key(width: int) -> alt.LayerChart:
    """The drawn key: each status as a point and a span exactly as the chart draws them, then the mark kinds.

    Vega-Lite legends cannot show fill and dash together per status, so the key is a small chart.
    """
    step = width // 4
    entries = [
        {"x": index * step, "status": status, "fill_opacity": fill, "label": f"{status}: {meaning}"}
        for index, (status, fill, meaning)
        in enumerate(zip(STATUSES, STATUS_FILL, STATUS_MEANING, strict=True))
    ]
    base = alt.Chart(alt.InlineData(values=entries)).encode(y=alt.value(9))
    grey = "#666666"
    points = base.mark_point(filled=True, size=90, strokeWidth=1.6, color=grey, stroke=grey).encode(
        x=alt.X("x:Q", scale=None), shape=status_shape(), fillOpacity=status_fill_opacity())
    spans = base.transform_calculate(x1="datum.x + 12", x2="datum.x + 40").mark_bar(
        height=10, strokeWidth=1.5, color=grey, stroke=grey, cornerRadius=2,
    ).encode(x=alt.X("x1:Q", scale=None), x2="x2:Q", fillOpacity=status_fill_opacity(),
             strokeDash=status_dash())
    labels = base.transform_calculate(at="datum.x + 46").mark_text(align="left", fontSize=11).encode(
        x=alt.X("at:Q", scale=None), text="label:N")
    kinds = alt.Chart(alt.InlineData(values=[{"text": MARK_KINDS}])).mark_text(
        align="left", fontSize=11, color="#444",
    ).encode(x=alt.value(0), y=alt.value(30), text="text:N")
    return alt.layer(points, spans, labels, kinds).properties(width=width, height=36)


def event_layers(base: alt.Chart, x_scale: alt.Scale, y: alt.Y, present_types: list[str],
                 params: list[alt.Parameter], faded: alt.Parameter | None) -> list[alt.Chart]:
    """The layers that draw placed events (records from `charts.layout.place_rows`).

    Spans are bars from start to end; one-day events are points; open-ended events are a dashed line from
    their known day to the edge of the range with an arrow head, never a false day. Labels go right of the
    mark (left of it near the right edge, above the dashed line of an open end). `params` are added to the
    span layer, the first that draws the type legend (Vega-Lite wires a legend-bound selection only when
    its layer comes first among the merged legends); `faded` (that legend selection) dims the other types.
    """
    opacity = alt.condition(faded, alt.value(1.0), alt.value(0.12)) if faded is not None else alt.value(1.0)
    fill = type_fill(present_types,
                     title="Event type (click to filter)" if faded is not None else "Event type")
    base = base.transform_calculate(fill_opacity=status_choice(STATUS_FILL))
    x = alt.X("start:T", scale=x_scale, title=None)
    spans = base.transform_filter(alt.datum.kind == "span").mark_bar(
        height=12, strokeWidth=1.5, clip=True, cornerRadius=2,
    ).encode(x=x, x2="end:T", y=y, fill=fill, stroke=type_stroke(),
             fillOpacity=status_fill_opacity(), strokeDash=status_dash(), opacity=opacity,
             tooltip=TOOLTIP, href="href:N").add_params(*params)
    open_lines = base.transform_filter("indexof(datum.kind, 'open') == 0").mark_rule(
        strokeWidth=2, strokeDash=[4, 3], clip=True,
    ).encode(x=x, x2="end:T", y=y, stroke=type_stroke(), opacity=opacity, tooltip=TOOLTIP)
    arrows = base.transform_filter("indexof(datum.kind, 'open') == 0").transform_calculate(
        arrow_at="datum.kind == 'open_end' ? datum.end : datum.start",
        arrow="datum.kind == 'open_end' ? 'triangle-right' : 'triangle-left'",
    ).mark_point(filled=True, size=70, clip=True).encode(
        x=alt.X("arrow_at:T", scale=x_scale, title=None), y=y, shape=alt.Shape("arrow:N", scale=None),
        fill=fill, opacity=opacity, tooltip=TOOLTIP,
    )
    points = base.transform_filter(alt.datum.kind != "span").transform_calculate(
        at="datum.kind == 'open_start' ? datum.end : datum.start",
    ).mark_point(filled=True, size=120, strokeWidth=1.8, clip=True).encode(
        x=alt.X("at:T", scale=x_scale, title=None), y=y, fill=fill, stroke=type_stroke(),
        shape=status_shape(), fillOpacity=status_fill_opacity(), opacity=opacity, tooltip=TOOLTIP,
        href="href:N",
    )
    labels = [
        base.transform_filter(f"datum.label != '' && datum.label_side == '{side}'").transform_calculate(
            label_at=at,
        ).mark_text(align=align, baseline="middle", dx=dx, dy=dy, fontSize=11, color="#222",
                    clip=True).encode(
            x=alt.X("label_at:T", scale=x_scale, title=None), y=y, text="label:N", opacity=opacity,
            tooltip=TOOLTIP,
        )
        for side, align, dx, dy, at in (
            ("right", "left", 9, 0, "datum.kind == 'day' ? datum.start : datum.end"),
            ("left", "right", -9, 0, "datum.kind == 'open_start' ? datum.end : datum.start"),
            ("above", "left", 7, -8, "datum.kind == 'open_end' ? datum.start : datum.end"),
        )
    ]
    return [spans, open_lines, arrows, points, *labels]
