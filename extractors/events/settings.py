"""Settings of the event extractor, with their defaults."""

from __future__ import annotations

from dataclasses import dataclass

SALIENT_TYPES = ("meeting", "call", "statement", "agreement", "protest", "military", "election", "visit")


@dataclass(frozen=True)
class EventSettings:
    """What the extractor emits, how far a date carries and how sure each kind of date is.

    `salient_types`: undated events of these types are still emitted (an "undated" listing); other undated
    events are not. `inherit_window`: how many sentences back a narrative date may carry;
    `report_carry_window`: how many sentences back an undated report continues a dated statement.

    The confidence scale. The warehouse and charts hide events below 0.5 (`EventFilter.min_confidence`), so
    0.5 is the line between what an analyst sees and what is kept only for search and scoring (the corpus
    evaluation counts every emitted event, whatever its confidence).

    - Dated events take the confidence of where the date comes from: a time expression of their own
      (`own_anchor`, 0.9), their clause (`shared`, 0.75), another event of their sentence (`sentence`,
      0.65), an earlier sentence or the report day (`inherited`, 0.6), the publication day given to a
      present-tense event (`present_day`, 0.5). Undated events of a salient type get `undated` (0.5).
    - Untyped ("other") events get `untyped_penalty` less: an untyped event shows only when its date is
      its own or its clause's.
    - Shown at most at `filler` (0.45), so hidden: quote attributions ("he said", "the people said",
      "“…,” Lecornu said") unless they name the speaker and carry a date of their own ("Lavrov said
      Wednesday"); reports with no named speaker dated by the report day.
    - Set to `weak` (0.3), so hidden: state verbs and predicate adjectives; common nouns that are events
      only because a date modifies them; a verb with no subject and no object (a bare "added"); an
      undated event with no subject; an undated hypothetical event noun with no named party ("if there is
      a settlement"); an untyped non-finite verb with no date of its own ("to coordinate"); an untyped noun
      inside another event's clause ("amid American pullback").
    """

    salient_types: tuple[str, ...] = SALIENT_TYPES
    inherit_window: int = 3
    report_carry_window: int = 1
    own_anchor_confidence: float = 0.9
    shared_confidence: float = 0.75
    sentence_confidence: float = 0.65
    inherited_confidence: float = 0.6
    present_day_confidence: float = 0.5
    filler_confidence: float = 0.45
    undated_confidence: float = 0.5
    weak_confidence: float = 0.3
    untyped_penalty: float = 0.2
    max_actors: int = 6
    max_summary_tokens: int = 14
