"""Settings of the event extractor, with their defaults."""

from __future__ import annotations

from dataclasses import dataclass

SALIENT_TYPES = ("meeting", "call", "statement", "agreement", "protest", "military", "election", "visit")


@dataclass(frozen=True)
class EventSettings:
    """What the extractor emits and how far a date carries.

    `salient_types`: undated events of these types are still emitted (an "undated" listing); other undated
    events are not. `inherit_window`: how many sentences back a narrative date may carry to a sentence with
    no time expression of its own. Confidences are for own anchors, dates shared within a clause, dates
    inherited from earlier sentences, and undated events.
    """

    salient_types: tuple[str, ...] = SALIENT_TYPES
    inherit_window: int = 3
    own_anchor_confidence: float = 0.9
    shared_confidence: float = 0.75
    inherited_confidence: float = 0.6
    undated_confidence: float = 0.5
    max_actors: int = 6
    max_summary_tokens: int = 14
