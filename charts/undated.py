"""The listing of undated events drawn beside the timeline, so that no event is silently dropped."""

from __future__ import annotations

from typing import Any

import altair as alt

from charts.describe import describe
from charts.encodings import TOOLTIP, status_key, type_fill
from charts.layout import shorten

MAX_LISTED = 25
ROW_PX = 18
SUMMARY_CHARS = 90


def is_undated(row: dict[str, Any]) -> bool:
    """True when a chart row has neither a first nor a last day."""
    return row.get("first_day") is None and row.get("last_day") is None


def undated_listing(rows: list[dict[str, Any]], *, width: int = 860) -> alt.LayerChart:
    """A table of the undated rows among `rows` (most reported first, at most 25, then a count of the rest).

    Columns: type, status, summary, duration, mentions; the tooltip has every detail. With no undated rows
    the listing says so, so a reader knows nothing was left out.
    """
    undated = sorted((row for row in rows if is_undated(row)),
                     key=lambda row: (-(row.get("mention_count") or 1), row.get("summary") or ""))
    records = [
        {**describe(row), "line": index, "short": shorten(row.get("summary") or "", SUMMARY_CHARS)}
        for index, row in enumerate(undated[:MAX_LISTED])
    ]
    notes = []
    if not undated:
        notes.append({"line": 0, "note": "No undated events."})
    elif len(undated) > MAX_LISTED:
        notes.append({"line": MAX_LISTED, "note": f"… and {len(undated) - MAX_LISTED} more undated events "
                                                  "(list them with: dateline events)"})
    lines = max(len(records) + len(notes), 1)
    y = alt.Y("line:O", axis=None, scale=alt.Scale(domain=list(range(lines))))
    base = alt.Chart(alt.InlineData(values=records)).encode(y=y, tooltip=TOOLTIP)
    present = sorted({record["type"] for record in records})
    columns = [
        base.mark_point(filled=True, size=60, shape="square").encode(
            x=alt.value(6), fill=type_fill(present).legend(None)),
        base.mark_text(align="left", fontSize=11, color="#333").encode(x=alt.value(16), text="type:N"),
        base.mark_text(align="left", fontSize=11, color="#333", fontStyle="italic").encode(
            x=alt.value(90), text="status:N"),
        base.mark_text(align="left", fontSize=11, color="#111", limit=width - 330).encode(
            x=alt.value(160), text="short:N"),
        base.mark_text(align="left", fontSize=11, color="#333").encode(
            x=alt.value(width - 160), text="duration:N"),
        base.mark_text(align="right", fontSize=11, color="#333").encode(
            x=alt.value(width - 10), text=alt.Text("mentions:Q", format="d")),
    ]
    layers = columns
    if notes:
        layers.append(alt.Chart(alt.InlineData(values=notes)).mark_text(
            align="left", fontSize=11, color="#666", fontStyle="italic",
        ).encode(x=alt.value(16), y=y, text="note:N"))
    title = alt.TitleParams(
        f"Undated events ({len(undated)})",
        subtitle="Reported without a date, so not placed on the timeline. Columns: type, status, what, "
                 "duration, mentions.",
        anchor="start", fontSize=13,
    )
    return alt.layer(*layers).properties(width=width, height=lines * ROW_PX, title=title)


def with_undated_listing(chart: alt.TopLevelMixin, rows: list[dict[str, Any]], *, width: int,
                         key: bool = True) -> alt.VConcatChart:
    """`chart` above the drawn status key (unless `key` is False) and the listing of the undated rows."""
    parts = [chart, status_key(width)] if key else [chart]
    return alt.vconcat(*parts, undated_listing(rows, width=width), spacing=24).resolve_scale(
        fill="independent", y="independent", size="independent",
    ).configure_view(stroke=None)
