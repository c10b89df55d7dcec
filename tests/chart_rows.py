"""Chart rows (as `warehouse.queries.chart_rows` gives them) built from a gold JSON file, and synthetic ones.

They let the chart tests run without the warehouse: every required gold event becomes one row, with its
date expression text taken from the gold time expression of the same value.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from extractors.records import EVENT_TYPES, Article, Event, TimeExpression, event_id, sha256_hex

GRANULARITY_BY_VALUE_SHAPE = {10: "day", 8: "week", 11: "weekend"}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _granularity(value: str | None) -> str | None:
    if not value or not value[:4].isdigit():
        return None
    return GRANULARITY_BY_VALUE_SHAPE.get(len(value))


def gold_chart_rows(gold_path: Path, *, title: str, url: str) -> list[dict[str, Any]]:
    """One chart row per required event of the gold file, reported once by the article `title` at `url`."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    dct = date.fromisoformat(gold["dct"])
    expression_text = {timex["value"]: timex["text"] for timex in reversed(gold["timexes"])}
    rows = []
    for event in gold["events"]:
        if not event["required"]:
            continue
        when = event["date"]
        rows.append({
            "id": event["id"],
            "type": event["type"],
            "status": event["status"],
            "summary": event["evidence"],
            "date_text": expression_text.get(when["value"]),
            "date_value": when["value"],
            "first_day": _day(when["start"]),
            "last_day": _day(when["end"]),
            "granularity": _granularity(when["value"]),
            "duration": event.get("duration"),
            "actors": event.get("actors_any", [])[:3],
            "location": event.get("location"),
            "evidence": event["evidence"],
            "sources": [{"title": title, "url": url, "published": dct}],
            "mention_count": 1,
            "first_reported": dct,
            "last_reported": dct,
        })
    return rows


def synthetic_chart_rows(count: int, *, around: date, seed: int = 7) -> list[dict[str, Any]]:
    """`count` varied random chart rows within about a year of `around` (days, spans, open ends, undated)."""
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        first = around + timedelta(days=rng.randint(-300, 60))
        shape = rng.random()
        last = first if shape < 0.6 else first + timedelta(days=rng.randint(1, 20)) if shape < 0.85 else None
        if shape > 0.95:
            first = last = None
        status = "planned" if first and first > around else rng.choice(["past", "past", "proposed"])
        rows.append({
            "id": f"synthetic-{index}",
            "type": rng.choice(EVENT_TYPES),
            "status": status,
            "summary": f"Synthetic event number {index} with a longer summary text",
            "date_text": "some day",
            "date_value": first.isoformat() if first else None,
            "first_day": first,
            "last_day": last,
            "granularity": "day",
            "duration": None,
            "actors": [rng.choice(["France", "Germany", "Ukraine", "Russia", "NATO"])],
            "location": rng.choice(["Paris", "Kyiv", None]),
            "evidence": f"Evidence sentence {index}.",
            "sources": [{"title": f"Story {index % 50}", "url": f"https://example.org/{index % 50}",
                         "published": around}],
            "mention_count": rng.randint(1, 5),
            "first_reported": around,
            "last_reported": around,
        })
    return rows


def gold_article_items(gold_path: Path, text_path: Path, *, title: str, url: str) -> list[tuple]:
    """The gold article as one warehouse item (Article, time expressions, events) for `load_articles`.

    Each required gold event becomes an Event whose trigger and evidence are its gold evidence span, with the
    gold time expression inside that span (if any) as its time.
    """
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = text_path.read_text(encoding="utf-8")
    article = Article(id=sha256_hex(url), text=text, url=url, title=title, source=str(text_path),
                      published=date.fromisoformat(gold["dct"]), dct_origin="given")
    row_by_id = {row["id"]: row for row in gold_chart_rows(gold_path, title=title, url=url)}
    events = []
    for event in gold["events"]:
        if event["id"] not in row_by_id:
            continue
        row, (start, end) = row_by_id[event["id"]], event["evidence_span"]
        timex = next((timex for timex in gold["timexes"]
                      if start <= timex["start"] < end and timex["value"] == row["date_value"]), None)
        time = None if timex is None and row["first_day"] is None else TimeExpression(
            start=timex["start"] if timex else start, end=timex["end"] if timex else start,
            text=timex["text"] if timex else "", type="DATE", value=row["date_value"],
            first_day=row["first_day"], last_day=row["last_day"], granularity=row["granularity"])
        events.append(Event(
            id=event_id(article.id, start, end), article_id=article.id, type=row["type"],
            status=row["status"], summary=row["summary"], trigger_start=start, trigger_end=end,
            trigger_text=text[start:end], trigger_lemma=text[start:end].lower(), sentence_start=start,
            sentence_end=end, evidence_start=start, evidence_end=end, actors=tuple(row["actors"]),
            location=row["location"], time=time, duration=row["duration"], confidence=0.9,
        ))
    timexes = [event.time for event in events if event.time is not None]
    return [(article, timexes, events)]
