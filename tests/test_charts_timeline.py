"""The timeline chart of the Paris story (hand-built rows from the gold file), checked in its rendered scene.

vl-convert renders the chart exactly as the PNG is drawn; the x position of each mark is mapped back to a
calendar day through the chart's own x domain, so the test sees what a reader of the PNG sees.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import vl_convert

from charts.timeline import WIDTH, timeline_chart
from tests.chart_rows import gold_chart_rows, synthetic_chart_rows
from tests.conftest import SAMPLE_GOLD

AS_OF = date(2025, 3, 12)


@pytest.fixture(scope="module")
def paris_rows() -> list[dict[str, Any]]:
    return gold_chart_rows(SAMPLE_GOLD, title="Europe scrambles to bolster Ukraine", url="https://example.org/p")


@pytest.fixture(scope="module")
def paris_spec(paris_rows) -> dict:
    return timeline_chart(paris_rows, as_of=AS_OF, date_from=None, date_to=None).to_dict()


def scene_items(spec: dict, marktype: str) -> list[dict]:
    """Every drawn item of `marktype` in the rendered scene (items carry x, width and a description)."""
    found = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("marktype") == marktype:
                found.extend(item for item in node.get("items", []) if "description" in item)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(vl_convert.vegalite_to_scenegraph(spec))
    return found


def what(item: dict) -> str | None:
    match = re.search(r"What: (.*?); Type:", item["description"])
    return match.group(1) if match else None


def x_to_time(spec: dict):
    """Map an x pixel of the timeline back to a moment, through the x domain of the first view."""
    domain = spec["vconcat"][0]["layer"][1]["encoding"]["x"]["scale"]["domain"]
    start, end = (datetime.fromisoformat(value) for value in domain)
    return lambda x: start + (end - start) * (x / WIDTH)


def test_paris_events_are_drawn_on_their_days(paris_rows, paris_spec):
    spec = paris_spec
    at = x_to_time(spec)
    points = {what(item): at(item["x"]).date() for item in scene_items(spec, "symbol") if what(item)}
    bars = {what(item): (at(item["x"]), at(item["x"] + item["width"])) for item in scene_items(spec, "rect")
            if what(item) and item.get("width")}
    by_id = {row["id"]: row for row in paris_rows}
    for event_id in ("rally-paris", "defense-ministers-talks-paris", "lavrov-statement"):
        assert points[by_id[event_id]["evidence"]] == date(2025, 3, 12)
    assert points[by_id["military-chiefs-meeting-tuesday"]["evidence"]] == date(2025, 3, 11)
    call_start, call_end = bars[by_id["leaders-virtual-call-weekend"]["evidence"]]
    assert call_start.date() == date(2025, 3, 15)
    assert abs(call_end - datetime(2025, 3, 17)) < timedelta(hours=1)
    week_start, week_end = bars[by_id["defense-ministers-meet-next-week"]["evidence"]]
    assert week_start.date() == date(2025, 3, 17)
    assert abs(week_end - datetime(2025, 3, 24)) < timedelta(hours=1)


def test_the_vague_future_is_an_open_ended_line_not_a_day(paris_rows, paris_spec):
    spec = paris_spec
    options = next(row for row in paris_rows if row["date_value"] == "FUTURE_REF")
    rules = [item for item in scene_items(spec, "rule") if what(item) == options["evidence"]]
    assert len(rules) == 1
    at = x_to_time(spec)
    assert at(rules[0]["x"]).date() == AS_OF
    assert at(rules[0]["x2"]).date() > date(2025, 3, 20)
    arrows = [item for item in scene_items(spec, "symbol")
              if what(item) == options["evidence"] and item.get("shape") == "triangle-right"]
    assert len(arrows) == 1


def test_planned_and_past_marks_look_different(paris_rows, paris_spec):
    spec = paris_spec
    by_status = {}
    for item in scene_items(spec, "symbol"):
        status = re.search(r"Status: (\w+)", item["description"])
        if status and item.get("shape") != "triangle-right":
            by_status.setdefault(status.group(1), set()).add((item.get("shape"), item.get("fillOpacity")))
    assert by_status["past"].isdisjoint(by_status["planned"])


def test_the_as_of_rule_and_the_undated_listing(paris_rows, paris_spec):
    spec = paris_spec
    texts = [item.get("text") for item in scene_items(spec, "text")]
    assert "Red dashed line: as of Wed 12 Mar 2025." in str(spec["vconcat"][0]["title"]["subtitle"])
    at = x_to_time(spec)
    rules = [item for item in scene_items(spec, "rule") if "As of" in item["description"]]
    assert [at(item["x"]).date() for item in rules] == [AS_OF]
    assert "Undated events (1)" in str(spec["vconcat"][2]["title"])
    accord = next(row for row in paris_rows if row["first_day"] is None)
    assert accord["evidence"] in texts


def test_an_old_outlier_is_counted_outside_the_default_range(paris_rows):
    old = {**paris_rows[0], "id": "wall", "first_day": date(1989, 11, 9), "last_day": date(1989, 11, 9)}
    spec = timeline_chart([*paris_rows, old], as_of=AS_OF, date_from=None, date_to=None).to_dict()
    domain = spec["vconcat"][0]["layer"][1]["encoding"]["x"]["scale"]["domain"]
    assert domain[0].startswith("2025-03")
    assert "1 more outside this range" in str(spec["vconcat"][0]["title"]["subtitle"])


def test_an_explicit_range_wins_and_an_empty_one_is_refused(paris_rows):
    spec = timeline_chart(paris_rows, as_of=AS_OF, date_from=date(2025, 1, 1),
                          date_to=date(2025, 6, 30)).to_dict()
    assert spec["vconcat"][0]["layer"][1]["encoding"]["x"]["scale"]["domain"][0] < "2025-01-01"
    with pytest.raises(ValueError, match="after"):
        timeline_chart(paris_rows, as_of=AS_OF, date_from=date(2025, 4, 1), date_to=date(2025, 3, 1))


@pytest.mark.parametrize("lanes", ["actor", "place"])
def test_other_lanes(paris_rows, lanes):
    spec = timeline_chart(paris_rows, as_of=AS_OF, date_from=None, date_to=None, lanes=lanes).to_dict()
    lane_names = {key.split("|")[2] for key in spec["vconcat"][0]["layer"][0]["encoding"]["y"]["sort"]}
    expected = {"Paris", "(no place)"} if lanes == "place" else {"(no actor)", "Sergei Lavrov"}
    assert expected <= lane_names


def test_many_actors_share_twelve_lanes_at_most():
    rows = synthetic_chart_rows(300, around=AS_OF)
    for index, row in enumerate(rows):
        row["actors"] = [f"Actor {index % 40}"]
    spec = timeline_chart(rows, as_of=AS_OF, date_from=None, date_to=None, lanes="actor").to_dict()
    lane_names = {key.split("|")[2] for key in spec["vconcat"][0]["layer"][0]["encoding"]["y"]["sort"]}
    assert len(lane_names) <= 12
    assert "other actors" in lane_names
