"""Settings of the event extractor, with their defaults."""

from __future__ import annotations

from dataclasses import dataclass

SALIENT_TYPES = ("meeting", "call", "statement", "agreement", "protest", "military", "election", "visit")


@dataclass(frozen=True)
class EventSettings:
    """What the extractor emits, how far a date carries and how sure each kind of date is.

    `salient_types`: undated events of these types are still emitted (an "undated" listing); other undated
    events are not. `inherit_window`: how many sentences back a narrative date may carry.

    Confidences, by where the date comes from: a time expression of the event's own (`own_anchor`), its
    clause (`shared`), another event of its sentence (`sentence`), an earlier sentence or the report day
    (`inherited`), the publication day given to a present-tense event (`present_day`), the report day given
    to an attribution with no named speaker such as "he said" (`filler`); undated events get `undated`.
    Untyped ("other") events get 0.1 less, and state verbs, predicate adjectives and light verbs whose
    object is the event ("held" in "held talks") get `weak`. Charts should show events of confidence 0.5
    or more: that leaves out weak triggers, quote attributions and untyped present-tense events.
    """

    salient_types: tuple[str, ...] = SALIENT_TYPES
    inherit_window: int = 3
    own_anchor_confidence: float = 0.9
    shared_confidence: float = 0.75
    sentence_confidence: float = 0.65
    inherited_confidence: float = 0.6
    present_day_confidence: float = 0.5
    filler_confidence: float = 0.45
    undated_confidence: float = 0.5
    weak_confidence: float = 0.3
    max_actors: int = 6
    max_summary_tokens: int = 14
