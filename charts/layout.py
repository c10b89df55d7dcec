"""Placing dated chart rows on a timeline: mark kind, start and end, lane, and a row inside the lane.

Rows in one lane that would overlap (marks or their labels) go to separate rows of that lane, so labels never
cover each other at the initial zoom. Times are naive ISO strings: a one-day event sits at noon of its day,
a span covers its days from the first midnight to the midnight after the last day.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from charts.describe import describe
from extractors.records import EVENT_TYPES

LANE_CHOICES = ("type", "actor", "place")
MAX_LANES = 12
MAX_ROWS_PER_LANE = 6
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
    """The ids of the `count` most reported rows (ties: the latest first, as news puts the latest first)."""
    def rank(row: dict[str, Any]) -> tuple:
        day = row.get("first_day") or row.get("last_day") or date.min
        return -(row.get("mention_count") or 1), -day.toordinal(), row["id"]
    return {row["id"] for row in sorted(rows, key=rank)[:count]}


class LaneRow:
    """The pixel intervals taken in one row of a lane, kept sorted and disjoint."""

    def __init__(self) -> None:
        self.lefts: list[float] = []
        self.rights: list[float] = []
        self.labels: list[tuple[float, float]] = []

    def fits(self, left: float, right: float) -> bool:
        """True when [left, right] keeps a gap to every interval already taken."""
        index = bisect_left(self.lefts, left)
        if index > 0 and self.rights[index - 1] + GAP_PX > left:
            return False
        return index == len(self.lefts) or right + GAP_PX <= self.lefts[index]

    def take(self, left: float, right: float, label: tuple[float, float] | None) -> None:
        """Take [left, right]; `label` is the part of it where a label is written."""
        index = bisect_left(self.lefts, left)
        self.lefts.insert(index, left)
        self.rights.insert(index, right)
        if label is not None:
            self.labels.append(label)

    def labels_hit(self, left: float, right: float) -> int:
        """How many labels of this row [left, right] would cover."""
        return sum(1 for start, end in self.labels if start < right and left < end)


def label_geometry(kind: str, left: float, right: float, label: str,
                   width: int) -> tuple[str, float, float, tuple[float, float] | None]:
    """(side, left, right, label span): where the label goes, what mark and label take, the label's part."""
    if not label:
        return "above", left, right, None
    label_px = GAP_PX + len(label) * CHAR_PX
    if kind in ("open_end", "open_start"):
        return "above", left, right, (left, left + label_px)
    if right + label_px <= width:
        return "right", left, right + label_px, (right, right + label_px)
    return "left", left - label_px, right, (left - label_px, left)


def place_rows(rows: list[dict[str, Any]], frame: Frame, *, lanes: str = "type",
               label_count: int = 16) -> tuple[list[dict[str, Any]], int]:
    """Mark records for the dated rows inside `frame`, and how many dated rows fall outside it.

    Each record holds the tooltip fields (`charts.describe`), `kind`, `start`, `end`, `lane`, `row` (the
    y key `NNN|slot|lane`, sorted in drawing order), `label` (empty for all but the most reported rows),
    `label_side` (right of the mark, left of it near the right edge, or above an open-ended line) and
    `stacked`. Labelled rows are placed first, each where neither its mark nor its label touches another;
    a lane has at most `MAX_ROWS_PER_LANE` rows, and a mark that finds no free place there (many events on
    one day) is drawn over others, in the row where it covers the fewest labels, marked `stacked`.
    """
    placed = [(row, extent) for row in rows if (extent := mark_extent(row, frame)) is not None]
    outside = sum(1 for row in rows if row.get("first_day") or row.get("last_day")) - len(placed)
    lane_of = lane_order([row for row, _ in placed], lanes)
    lane_index = {lane: index for index, lane in enumerate(dict.fromkeys(lane_of.values()))}
    labelled = labelled_ids([row for row, _ in placed], label_count)
    lane_rows: dict[str, list[LaneRow]] = {lane: [] for lane in lane_index}
    records = []
    ordered = sorted(placed, key=lambda item: (item[0]["id"] not in labelled, item[1][1], item[0]["id"]))
    for row, (kind, start, end) in ordered:
        left, right = frame.px(start) - MARK_RADIUS_PX, frame.px(end) + MARK_RADIUS_PX
        label = shorten(row.get("summary") or "") if row["id"] in labelled else ""
        for lane in dict.fromkeys(lane_of[name] for name in lanes_of(row, lanes)):
            slot, shown, side, stacked = _free_place(lane_rows[lane], kind, left, right, label, frame.width)
            records.append({
                **describe(row),
                "kind": kind,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "lane": lane,
                "row": f"{lane_index[lane]:03d}|{slot}|{lane}",
                "label": shown,
                "label_side": side,
                "stacked": stacked,
            })
    return records, outside


def _free_place(rows: list[LaneRow], kind: str, left: float, right: float, label: str,
                width: int) -> tuple[int, str, str, bool]:
    """(row index, label shown, label side, stacked) for one mark in a lane, taking its place there."""
    for shown in dict.fromkeys([label, ""]):
        side, taken_left, taken_right, label_span = label_geometry(kind, left, right, shown, width)
        free = next((index for index, lane_row in enumerate(rows) if lane_row.fits(taken_left, taken_right)),
                    None)
        if free is None and len(rows) < MAX_ROWS_PER_LANE:
            rows.append(LaneRow())
            free = len(rows) - 1
        if free is not None:
            rows[free].take(taken_left, taken_right, label_span)
            return free, shown, side, False
    least_hit = min(range(len(rows)), key=lambda index: (rows[index].labels_hit(left, right), -index))
    return least_hit, "", "above", True


def row_keys(records: list[dict[str, Any]]) -> list[str]:
    """Every y key in drawing order, so lanes keep their order and each lane its rows."""
    return sorted({record["row"] for record in records})
