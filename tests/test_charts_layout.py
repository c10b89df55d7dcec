"""Placing chart rows: mark kinds, lanes, and rows that keep marks and labels from overlapping."""

from __future__ import annotations

from datetime import date, datetime
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from charts.layout import CHAR_PX, GAP_PX, MARK_RADIUS_PX, MAX_ROWS_PER_LANE, Frame, mark_extent, place_rows
from tests.chart_rows import synthetic_chart_rows

FRAME = Frame(date(2025, 3, 1), date(2025, 3, 31), width=860)


def _row(first, last, **extra):
    return {"id": extra.pop("id", f"{first}-{last}"), "type": "meeting", "status": "past", "summary": "talks",
            "first_day": first, "last_day": last, **extra}


def test_mark_kinds_follow_the_interval():
    assert mark_extent(_row(date(2025, 3, 12), date(2025, 3, 12)), FRAME)[0] == "day"
    assert mark_extent(_row(date(2025, 3, 15), date(2025, 3, 16)), FRAME)[0] == "span"
    assert mark_extent(_row(date(2025, 3, 12), None), FRAME)[0] == "open_end"
    assert mark_extent(_row(None, date(2025, 3, 12)), FRAME)[0] == "open_start"
    assert mark_extent(_row(None, None), FRAME) is None
    assert mark_extent(_row(date(1989, 11, 9), date(1989, 11, 9)), FRAME) is None


def test_a_span_covers_its_days_from_midnight_to_midnight():
    _, start, end = mark_extent(_row(date(2025, 3, 15), date(2025, 3, 16)), FRAME)
    assert (start.isoformat(), end.isoformat()) == ("2025-03-15T00:00:00", "2025-03-17T00:00:00")


def test_an_open_end_runs_to_the_edge_not_to_a_false_day():
    _, start, end = mark_extent(_row(date(2025, 3, 12), None), FRAME)
    assert start.date() == date(2025, 3, 12)
    assert end.date() == FRAME.end


def test_rows_outside_the_frame_are_counted_not_drawn():
    rows = [_row(date(2025, 3, 12), date(2025, 3, 12), id="in"),
            _row(date(1989, 1, 1), date(1989, 1, 1), id="old"), _row(None, None, id="undated")]
    records, outside = place_rows(rows, FRAME)
    assert [record["id"] for record in records] == ["in"]
    assert outside == 1


def test_actor_lanes_draw_an_event_once_per_actor():
    rows = [_row(date(2025, 3, 12), date(2025, 3, 12), actors=["France", "Germany"]),
            _row(date(2025, 3, 13), date(2025, 3, 13), actors=[])]
    records, _ = place_rows(rows, FRAME, lanes="actor")
    assert sorted(record["lane"] for record in records) == ["(no actor)", "France", "Germany"]


def test_only_the_most_reported_rows_get_labels():
    rows = [_row(date(2025, 3, day), date(2025, 3, day), id=f"e{day}", mention_count=day)
            for day in range(1, 21)]
    records, _ = place_rows(rows, FRAME, label_count=3)
    assert {record["id"] for record in records if record["label"]} == {"e20", "e19", "e18"}


def _extent(record: dict) -> tuple[float, float]:
    """Pixels a placed record occupies in its row: its mark plus its label on the side it is drawn."""
    left = FRAME.px(datetime.fromisoformat(record["start"])) - MARK_RADIUS_PX
    right = FRAME.px(datetime.fromisoformat(record["end"])) + MARK_RADIUS_PX
    label = GAP_PX + len(record["label"]) * CHAR_PX if record["label"] else 0
    if record["label_side"] == "right":
        right += label
    elif record["label_side"] == "left":
        left -= label
    return left, right


@settings(max_examples=40, deadline=None)
@given(count=st.integers(min_value=1, max_value=120), seed=st.integers(min_value=0, max_value=10_000),
       lanes=st.sampled_from(["type", "actor", "place"]))
def test_marks_and_labels_in_one_row_never_overlap(count, seed, lanes):
    rows = synthetic_chart_rows(count, around=date(2025, 3, 20), seed=seed)
    frame_rows = [row for row in rows if row["first_day"] is None or row["first_day"] >= date(2025, 2, 1)]
    records, _ = place_rows(frame_rows, FRAME, lanes=lanes, label_count=40)
    by_row: dict[str, list[tuple[float, float]]] = {}
    for record in records:
        if not record["stacked"]:
            by_row.setdefault(record["row"], []).append(_extent(record))
    for extents in by_row.values():
        extents.sort()
        for (_, right), (left, _) in pairwise(extents):
            assert right <= left, extents


def test_a_crowded_day_stacks_marks_in_a_bounded_lane():
    rows = [_row(date(2025, 3, 12), date(2025, 3, 12), id=f"same-day-{index}", mention_count=index % 3 + 1)
            for index in range(30)]
    records, _ = place_rows(rows, FRAME, label_count=5)
    assert len(records) == 30
    assert len({record["row"] for record in records}) == MAX_ROWS_PER_LANE
    stacked = [record for record in records if record["stacked"]]
    assert len(stacked) == 30 - MAX_ROWS_PER_LANE
    assert all(record["label"] == "" for record in stacked)
    assert sum(1 for record in records if record["label"]) == 5
