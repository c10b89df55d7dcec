"""Checking extracted events against the gold events of the reference article."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def load_gold(path: Path) -> dict[str, Any]:
    """The gold JSON of an article."""
    return json.loads(path.read_text(encoding="utf-8"))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def gold_event_problems(gold_event: dict[str, Any], events: list[dict[str, Any]]) -> list[str]:
    """Why no extracted event (in the JSONL contract shape) matches `gold_event`; empty when one does.

    An extracted event matches when its trigger lies inside the gold evidence span and its type, status,
    date (value, first and last day), duration, location and actors agree with what the gold gives.
    """
    span = tuple(gold_event["evidence_span"])
    candidates = [
        event for event in events
        if _overlaps((event["trigger"]["start"], event["trigger"]["end"]), span)
    ]
    if not candidates:
        return [f"{gold_event['id']}: no event with a trigger inside {gold_event['evidence']!r}"]
    problems_per_candidate = [_differences(gold_event, event) for event in candidates]
    best = min(problems_per_candidate, key=len)
    return [f"{gold_event['id']}: {problem}" for problem in best]


def _differences(gold_event: dict[str, Any], event: dict[str, Any]) -> list[str]:
    problems = []
    trigger = event["trigger"]["text"]
    if event["type"] != gold_event["type"]:
        problems.append(f"type {event['type']} != {gold_event['type']} (trigger {trigger!r})")
    if event["status"] != gold_event["status"]:
        problems.append(f"status {event['status']} != {gold_event['status']} (trigger {trigger!r})")
    gold_date = gold_event["date"]
    date = event["date"] or {"value": None, "start": None, "end": None}
    for key in ("value", "start", "end"):
        if date.get(key) != gold_date[key]:
            problems.append(f"date {key} {date.get(key)} != {gold_date[key]} (trigger {trigger!r})")
    if "duration" in gold_event and event["duration"] != gold_event["duration"]:
        problems.append(f"duration {event['duration']} != {gold_event['duration']}")
    if "location" in gold_event and event["location"] != gold_event["location"]:
        problems.append(f"location {event['location']} != {gold_event['location']}")
    if "actors_any" in gold_event and not set(event["actors"]) & set(gold_event["actors_any"]):
        problems.append(f"actors {event['actors']} share none of {gold_event['actors_any']}")
    return problems


def required_event_problems(gold: dict[str, Any], events: list[dict[str, Any]], text: str) -> list[str]:
    """Every problem with the required gold events, plus any event taken from the boilerplate.

    The boilerplate is the tail from the gold `boilerplate_from` offset and the page chrome of the first line.
    """
    problems = []
    for gold_event in gold["events"]:
        if gold_event["required"]:
            problems.extend(gold_event_problems(gold_event, events))
    first_line_end = text.index("\n")
    for event in events:
        start = event["evidence"]["start"]
        if start >= gold["boilerplate_from"] or event["trigger"]["start"] < first_line_end:
            problems.append(f"event from boilerplate: {event['trigger']['text']!r} at {start}")
    return problems
