"""Placing dated chart rows on a timeline: mark kind, start and end, lane, and a row inside the lane.

Rows in one lane that would overlap (marks or their labels) go to separate rows of that lane, so labels never
cover each other at the initial zoom. Times are naive ISO strings: a one-day event sits at noon of its day,
a span covers its days from the first midnight to the midnight after the last day.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from charts.describe import describe
from extractors.records import EVENT_TYPES

LANE_CHOICES = ("type", "actor", "place")
MAX_LANES = 12
LABEL_CHARS = 30
CHAR_PX = 6.2
MARK_RADIUS_PX = 7
GAP_PX = 6


@dataclass(frozen=True)
class Frame:
    """The visible window of a chart: the padded date range and the plot width in pixels."""

    start: date
    end: date
    width: int

    @property
    def start_time(self) -> datetime:
        return datetime.combine(self.start, time())

    @property
    def end_time(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time())

    def px(self, moment: datetime) -> float:
        """The x position of `moment` in pixels from the left edge of the plot."""
        return (moment - self.start_time) / (self.end_time - self.start_time) * self.width


def noon(day: date) -> datetime:
    """The moment a one-day event is drawn at."""
    return datetime.combine(day, time(12))


def mark_extent(row: dict[str, Any], frame: Frame) -> tuple[str, datetime, datetime] | None:
    """(kind, start, end) of a dated row inside `frame`, or None when it is undated or wholly outside.

    Kinds: `day`, `span`, `open_end` (a start and no end, e.g. FUTURE_REF), `open_start` (an end only).
    """
    first, last = row.get("first_day"), row.get("last_day")
    if first is None and last is None:
        return None
    if last is None:
        if first > frame.end:
            return None
        return "open_end", max(noon(first), frame.start_time), noon(frame.end)
    if first is None:
        if last < frame.start:
            return None
        return "open_start", noon(frame.start), min(noon(last), frame.end_time)
    if last < frame.start or first > frame.end:
        return None
    if first == last:
        return "day", noon(first), noon(first)
    start = max(datetime.combine(first, time()), frame.start_time)
    end = min(datetime.combine(last + timedelta(days=1), time()), frame.end_time)
    return "span", start, end


def lanes_of(row: dict[str, Any], lanes: str) -> list[str]:
    """The lane names a row belongs to: its type, each of its actors, or its place."""
    if lanes == "type":
        return [row["type"]]
    if lanes == "actor":
        return list(dict.fromkeys(row.get("actors") or [])) or ["(no actor)"]
    if lanes == "place":
        return [row.get("location") or "(no place)"]
    raise ValueError(f"unknown lanes {lanes!r}: choose one of {', '.join(LANE_CHOICES)}")


def lane_order(rows: list[dict[str, Any]], lanes: str) -> dict[str, str]:
    """Map each lane name to the lane it is drawn in: types in their fixed order, else the busiest twelve.

    Actors or places beyond the twelve busiest share one lane named 'other actors' / 'other places'.
    """
    counts = Counter(name for row in rows for name in lanes_of(row, lanes))
    if lanes == "type":
        known = [name for name in EVENT_TYPES if name in counts]
        return {name: name for name in known + sorted(set(counts) - set(known))}
    busiest = [name for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    kept = busiest[:MAX_LANES] if len(busiest) <= MAX_LANES else busiest[: MAX_LANES - 1]
    other = f"other {lanes}s"
    return {name: (name if name in kept else other) for name in busiest}


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """`text` cut to `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def labelled_ids(rows: list[dict[str, Any]], count: int) -> set[str]:
    """The ids of the `count` most reported rows (ties: the earliest first)."""
    def rank(row: dict[str, Any]) -> tuple:
        day = row.get("first_day") or row.get("last_day") or date.max
        return -(row.get("mention_count") or 1), day, row["id"]
    return {row["id"] for row in sorted(rows, key=rank)[:count]}


def place_rows(rows: list[dict[str, Any]], frame: Frame, *, lanes: str = "type",
               label_count: int = 12) -> tuple[list[dict[str, Any]], int]:
    """Mark records for the dated rows inside `frame`, and how many dated rows fall outside it.

    Each record holds the tooltip fields (`charts.describe`), `kind`, `start`, `end`, `lane`, `row` (the
    y key `NNN|slot|lane`, sorted in drawing order), `label` (empty for all but the most reported rows) and
    `label_side` (right of the mark, left of it near the right edge, or above an open-ended line).
    """
    placed = [(row, extent) for row in rows if (extent := mark_extent(row, frame)) is not None]
    outside = sum(1 for row in rows if row.get("first_day") or row.get("last_day")) - len(placed)
    lane_of = lane_order([row for row, _ in placed], lanes)
    lane_index = {lane: index for index, lane in enumerate(dict.fromkeys(lane_of.values()))}
    labelled = labelled_ids([row for row, _ in placed], label_count)
    slot_ends: dict[str, list[float]] = {}
    records = []
    for row, (kind, start, end) in sorted(placed, key=lambda item: (item[1][1], item[0]["id"])):
        label = shorten(row.get("summary") or "") if row["id"] in labelled else ""
        label_px = GAP_PX + len(label) * CHAR_PX if label else 0
        left, right = frame.px(start) - MARK_RADIUS_PX, frame.px(end) + MARK_RADIUS_PX
        label_side = "right" if right + label_px <= frame.width else "left"
        if kind in ("open_end", "open_start"):
            label_side = "above"
        elif label_side == "right":
            right += label_px
        else:
            left -= label_px
        for lane in dict.fromkeys(lane_of[name] for name in lanes_of(row, lanes)):
            ends = slot_ends.setdefault(lane, [])
            slot = next((i for i, last in enumerate(ends) if last + GAP_PX <= left), len(ends))
            if slot == len(ends):
                ends.append(right)
            else:
                ends[slot] = right
            records.append({
                **describe(row),
                "kind": kind,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "lane": lane,
                "row": f"{lane_index[lane]:03d}|{slot}|{lane}",
                "label": label,
                "label_side": label_side,
            })
    return records, outside


def row_keys(records: list[dict[str, Any]]) -> list[str]:
    """Every y key in drawing order, so lanes keep their order and each lane its rows."""
    return sorted({record["row"] for record in records})
