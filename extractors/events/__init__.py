"""Event extraction: who did what, where and when, and whether it happened, is planned or is only proposed.

`extract_events` reads a parsed spaCy `Doc` and the article's time expressions. An event takes its date
from the first of these that applies (each later step only dates events still undated):

1. the time expression that modifies it in the parse (`anchoring.own_anchors`), unless a present-tense
   verb would take a past date;
2. its clause: an event noun under a dated verb, a verb whose subject is dated, a coordinated or embedded
   clause below a dated event (`anchoring`);
3. the nearest dated event of its sentence whose date its tense agrees with (`sentence_dates`);
4. the narrative: the main date of the sentences just before for past-tense events, the report day for
   statements, the publication day for present-tense events (`inheritance`).

Each step has its own confidence (`settings.EventSettings`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from extractors.events.anchoring import (
    durations,
    own_anchors,
    shared_anchors,
    spread_anchors,
    subject_anchors,
)
from extractors.events.arguments import actors, clause_span, location, summary
from extractors.events.inheritance import inherited_anchors, present_day_anchors, report_day_anchors
from extractors.events.lexicon import EventLexicon, default_lexicon
from extractors.events.sentence_dates import STATUS_TENSE, date_tense, sentence_anchors
from extractors.events.settings import EventSettings
from extractors.events.status import Status, clause_verb, noun_status, verb_status, with_anchor
from extractors.events.triggers import (
    event_noun_object,
    is_quote_filler,
    is_weak_trigger,
    noun_is_eventive,
    noun_looks_eventive,
    trigger_type,
    verb_is_candidate,
)
from extractors.records import Event, TimeExpression, event_id

__all__ = ["EventSettings", "extract_events"]


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(span_start <= start and end <= span_end for span_start, span_end in spans)


def extract_events(
    doc: Doc,
    article_id: str,
    dct: date | None,
    timexes: list[TimeExpression],
    skip_spans: Sequence[tuple[int, int]] = (),
    settings: EventSettings | None = None,
    lexicon: EventLexicon | None = None,
) -> list[Event]:
    """The events of one parsed article, in text order.

    Dated events of any type are returned; undated ones only when their type is salient (meeting, call,
    statement, …). Negated events come back with status "negated" and `negated=True`. No event comes from a
    character range in `skip_spans` (boilerplate).
    """
    settings = settings or EventSettings()
    lexicon = lexicon or default_lexicon()
    usable = [timex for timex in timexes if not _inside(timex.start, timex.end, skip_spans)]

    def is_candidate(token: Token) -> bool:
        """An event trigger: a content or state verb, an event noun, a predicate adjective."""
        return verb_is_candidate(token) or noun_is_eventive(token, lexicon) or is_weak_trigger(token)

    def takes_own_date(token: Token) -> bool:
        """A candidate, or any common noun a date modifies directly ("the quarter's loss")."""
        return verb_is_candidate(token) or is_event_noun(token) or is_weak_trigger(token)

    def is_event_noun(token: Token) -> bool:
        if token.pos_ == "VERB":
            return False
        return trigger_type(token, lexicon) is not None or noun_looks_eventive(token)

    timex_spans = [(timex.start, timex.end) for timex in usable]

    def event_tense(token: Token) -> str | None:
        if token.pos_ != "VERB":
            return None
        status = clause_status(token, trigger_type(token, lexicon) or "other", lexicon)
        return STATUS_TENSE.get(status.status) if status is not None else None

    # A simple-present verb does not happen on a past date: such an attachment is a parse error ("White
    # heads a team that is investigating the bombings which killed 224 people on Aug. 7, 1998").
    own = {
        index: timex for index, timex in own_anchors(doc, usable, takes_own_date, is_candidate).items()
        if not (event_tense(doc[index]) == "present" and date_tense(timex, dct) == "past")
    }
    for index in list(own):
        noun = event_noun_object(doc[index], lexicon)
        if noun is not None:
            own.setdefault(noun.i, own[index])
    shared = shared_anchors(doc, own, is_event_noun)
    measured = durations(doc, usable, is_candidate)
    clause = {**shared, **own}
    clause = {**subject_anchors(doc, clause), **clause}
    clause = {**spread_anchors(doc, clause, is_candidate), **clause}

    sentence = sentence_anchors(doc, clause, dct, is_candidate, event_tense)
    dated = {**sentence, **clause}

    def is_report(token: Token) -> bool:
        return trigger_type(token, lexicon) == "statement"

    reports = report_day_anchors(doc, dated, usable, dct, is_report)
    fillers = {index: timex for index, timex in reports.items() if is_quote_filler(doc[index])}
    narrative = {**inherited_anchors(doc, dated, dct, is_candidate, settings), **reports}
    present_day = present_day_anchors(doc, dated, usable, dct, is_candidate)
    anchors: dict[int, Anchor] = {}
    for found, confidence, corrects_status in (
        (present_day, settings.present_day_confidence, False),
        (narrative, settings.inherited_confidence, True),
        (fillers, settings.filler_confidence, True),
        (sentence, settings.sentence_confidence, True),
        (clause, settings.shared_confidence, True),
        (own, settings.own_anchor_confidence, True),
    ):
        anchors.update({index: Anchor(timex, confidence, corrects_status) for index, timex in found.items()})

    events = []
    for token in doc:
        if not (is_candidate(token) or token.i in own) or _inside(token.idx, token.idx + 1, timex_spans):
            continue
        if _inside(token.idx, token.idx + len(token.text), skip_spans):
            continue
        event = _event(token, article_id, dct, anchors.get(token.i), measured.get(token.i), settings, lexicon)
        if event is not None:
            events.append(event)
    return events


@dataclass(frozen=True)
class Anchor:
    """The date an event takes, how sure that is, and whether the date may correct the clause's status (a
    date set by the text does; the publication day given to a present-tense report does not)."""

    timex: TimeExpression
    confidence: float
    corrects_status: bool


def _graded(
    confidence: float, event_type: str, token: Token, settings: EventSettings, lexicon: EventLexicon
) -> float:
    """Lower the confidence of untyped events, and more of state verbs, predicate adjectives, light verbs
    whose event is their object ("held" in "held talks": the talks are the event) and common nouns that are
    events only because a date modifies them ("shares on Friday")."""
    named_event = verb_is_candidate(token) or noun_is_eventive(token, lexicon)
    if is_weak_trigger(token) or event_noun_object(token, lexicon) is not None or not named_event:
        return settings.weak_confidence
    return confidence if event_type != "other" else round(confidence - 0.1, 2)


def clause_status(token: Token, event_type: str, lexicon: EventLexicon) -> Status | None:
    """The status the trigger's own clause gives (tense, aspect, modality), before any anchor."""
    if token.pos_ == "VERB":
        return verb_status(token, lexicon)
    return noun_status(token, event_type, lexicon)


def _event(
    token: Token,
    article_id: str,
    dct: date | None,
    anchor: Anchor | None,
    duration: str | None,
    settings: EventSettings,
    lexicon: EventLexicon,
) -> Event | None:
    event_type = trigger_type(token, lexicon) or "other"
    if anchor is None and event_type not in settings.salient_types:
        return None
    confidence = anchor.confidence if anchor else settings.undated_confidence
    timex = anchor.timex if anchor else None
    verb = token if token.pos_ == "VERB" else clause_verb(token)
    status = clause_status(token, event_type, lexicon)
    event_noun = event_noun_object(token, lexicon)
    if event_noun is not None and noun_status(event_noun, event_type, lexicon) == Status("negated", "no"):
        status = Status("negated", "no")
    if anchor is None or anchor.corrects_status:
        status = with_anchor(status, timex, dct)
    status = status or Status("ongoing")
    place = location(token, verb)
    evidence_start, evidence_end = clause_span(token, verb)
    sentence = token.sent
    return Event(
        id=event_id(article_id, token.idx, token.idx + len(token.text)),
        article_id=article_id,
        type=event_type,
        status=status.status,
        summary=summary(token, verb, place, settings.max_summary_tokens),
        trigger_start=token.idx,
        trigger_end=token.idx + len(token.text),
        trigger_text=token.text,
        trigger_lemma=token.lemma_.lower(),
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
        evidence_start=evidence_start,
        evidence_end=evidence_end,
        actors=actors(token, verb, settings.max_actors),
        location=place,
        time=timex,
        duration=duration,
        modality=status.cue,
        confidence=_graded(confidence, event_type, token, settings, lexicon),
        negated=status.negated,
    )
