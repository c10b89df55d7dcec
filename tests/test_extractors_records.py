"""The shared records: Article ids, event ids, and the JSON shapes of the JSONL contract."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from extractors.readers_article import build_article
from extractors.records import Article, Event, ReadFailure, TimeExpression, event_id, sha256_hex

TIMEX = TimeExpression(
    start=10, end=19, text="next week", type="DATE", value="2025-W12",
    first_day=date(2025, 3, 17), last_day=date(2025, 3, 23), granularity="week",
)


def _event(time: TimeExpression | None) -> Event:
    return Event(
        id=event_id("a" * 64, 4, 8), article_id="a" * 64, type="meeting", status="planned",
        summary="ministers meet next week", trigger_start=4, trigger_end=8, trigger_text="meet",
        trigger_lemma="meet", sentence_start=0, sentence_end=30, evidence_start=0, evidence_end=19,
        actors=("France", "Poland"), location="Paris", time=time, modality="will", confidence=0.8,
    )


def test_article_id_is_deterministic_and_follows_url_else_text():
    first = build_article("Talks  were held.", source="a.txt")
    again = build_article("Talks were\nheld.", source="b.txt")
    assert first.id == again.id == sha256_hex("Talks were held.")
    by_url = build_article("Other text.", source="c.txt", url="https://Example.org/x/?utm_source=feed")
    assert by_url.id == sha256_hex("https://example.org/x")
    assert by_url.id == build_article("Changed text.", source="d.txt", url="https://example.org/x").id


def test_content_hash_tells_versions_apart():
    one = build_article("Version one.", source="a", url="https://example.org/x")
    two = build_article("Version two.", source="a", url="https://example.org/x")
    assert one.id == two.id and one.content_hash != two.content_hash


def test_article_is_frozen_with_defaults():
    article = Article(id="x", text="t")
    assert (article.url, article.title, article.source, article.published) == (None, None, "", None)
    assert (article.dct_origin, article.language) == ("none", "en")
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.text = "changed"  # type: ignore[misc]


def test_time_expression_to_json_uses_iso_dates():
    assert TIMEX.to_json() == {
        "start": 10, "end": 19, "text": "next week", "type": "DATE", "value": "2025-W12", "mod": None,
        "first_day": "2025-03-17", "last_day": "2025-03-23", "granularity": "week",
    }
    open_ended = TimeExpression(start=0, end=15, text="the coming days", type="DATE", value="FUTURE_REF",
                                first_day=date(2025, 3, 12))
    assert open_ended.to_json()["last_day"] is None and open_ended.to_json()["first_day"] == "2025-03-12"


def test_event_to_json_shape():
    data = _event(TIMEX).to_json()
    assert set(data) == {"id", "trigger", "type", "status", "modality", "summary", "actors", "location",
                         "duration", "date", "confidence", "negated", "evidence"}
    assert data["trigger"] == {"start": 4, "end": 8, "text": "meet", "lemma": "meet"}
    assert data["date"] == {"value": "2025-W12", "text": "next week", "start": "2025-03-17",
                            "end": "2025-03-23", "granularity": "week", "span": [10, 19]}
    assert data["actors"] == ["France", "Poland"] and data["evidence"] == {"start": 0, "end": 19}
    assert json.loads(json.dumps(data)) == data


def test_undated_event_has_null_date():
    assert _event(None).to_json()["date"] is None


def test_event_id_is_deterministic_per_trigger():
    assert event_id("a", 1, 5) == event_id("a", 1, 5)
    assert len(event_id("a", 1, 5)) == 32
    assert len({event_id("a", 1, 5), event_id("a", 1, 6), event_id("b", 1, 5)}) == 3


def test_read_failures_do_not_share_details():
    first, second = ReadFailure("a", "read", "empty file"), ReadFailure("b", "read", "empty file")
    first.details["line"] = 3
    assert second.details == {}
