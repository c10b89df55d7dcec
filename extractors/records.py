"""The records every Dateline package shares: articles, time expressions and events.

They are plain dataclasses. Offsets (`start`, `end`) are character offsets into `Article.text`,
end-exclusive, so `article.text[start:end]` is the span's text.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Literal

DctOrigin = Literal["metadata", "text", "given", "none"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
EventType = Literal[
    "meeting", "call", "statement", "agreement", "protest", "military", "election", "visit", "other"
]
EventStatus = Literal["past", "ongoing", "planned", "proposed", "negated"]

EVENT_TYPES: tuple[str, ...] = (
    "meeting", "call", "statement", "agreement", "protest", "military", "election", "visit", "other",
)
EVENT_STATUSES: tuple[str, ...] = ("past", "ongoing", "planned", "proposed", "negated")


def sha256_hex(text: str) -> str:
    """Return the hex SHA-256 of `text` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """One news article: its text and what is known about where and when it was published."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    source: str = ""
    published: date | None = None
    dct_origin: DctOrigin = "none"
    language: str = "en"

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: tells two versions of the article at one URL apart."""
        return sha256_hex(self.text)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A TIMEX3 time expression found in a text and normalized against the DCT.

    `first_day`/`last_day` is the resolved calendar interval (either may be None for open-ended
    values such as FUTURE_REF, whose interval starts at the DCT and has no end); `granularity` is
    day, week, weekend, month, quarter, half, season, year, decade, century, time or None.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    first_day: date | None = None
    last_day: date | None = None
    granularity: str | None = None

    def to_json(self) -> dict:
        """The JSON form of the JSONL contract (dates as ISO strings)."""
        data = asdict(self)
        data["first_day"] = self.first_day.isoformat() if self.first_day else None
        data["last_day"] = self.last_day.isoformat() if self.last_day else None
        return data


@dataclass(frozen=True, slots=True)
class Event:
    """A dated (or undated) event: who did what, where and when, with its status."""

    id: str
    article_id: str
    type: EventType
    status: EventStatus
    summary: str
    trigger_start: int
    trigger_end: int
    trigger_text: str
    trigger_lemma: str
    sentence_start: int
    sentence_end: int
    evidence_start: int
    evidence_end: int
    actors: tuple[str, ...] = ()
    location: str | None = None
    time: TimeExpression | None = None
    duration: str | None = None
    modality: str | None = None
    confidence: float = 0.5
    negated: bool = False

    def to_json(self) -> dict:
        """The JSON form of the JSONL contract (DESIGN.md)."""
        date_part = None
        if self.time is not None:
            date_part = {
                "value": self.time.value,
                "text": self.time.text,
                "start": self.time.first_day.isoformat() if self.time.first_day else None,
                "end": self.time.last_day.isoformat() if self.time.last_day else None,
                "granularity": self.time.granularity,
                "span": [self.time.start, self.time.end],
            }
        return {
            "id": self.id,
            "trigger": {
                "start": self.trigger_start,
                "end": self.trigger_end,
                "text": self.trigger_text,
                "lemma": self.trigger_lemma,
            },
            "type": self.type,
            "status": self.status,
            "modality": self.modality,
            "summary": self.summary,
            "actors": list(self.actors),
            "location": self.location,
            "duration": self.duration,
            "date": date_part,
            "confidence": self.confidence,
            "negated": self.negated,
            "evidence": {"start": self.evidence_start, "end": self.evidence_end},
        }


def event_id(article_id: str, trigger_start: int, trigger_end: int) -> str:
    """Deterministic event id: the same trigger in the same article always gets the same id."""
    return sha256_hex(f"{article_id}:{trigger_start}:{trigger_end}")[:32]


@dataclass
class ReadFailure:
    """An input that could not be read: which input, at which stage, and why (one line)."""

    input: str
    stage: str
    error: str
    details: dict = field(default_factory=dict)
