"""Event extraction: who did what, where and when, and whether it happened, is planned or is only proposed.

`extract_events` reads a parsed spaCy `Doc` and the article's time expressions. Each time expression dates
the event it modifies in the parse; an event noun hanging from a dated verb shares its date; a sentence
with no time expression of its own takes the date its narrative sets (see `inheritance`).
"""

from __future__ import annotations

from collections.abc import Sequence
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
from extractors.events.sentence_dates import STATUS_TENSE, sentence_anchors
from extractors.events.settings import EventSettings
from extractors.events.status import Status, clause_verb, noun_status, verb_status, with_anchor
from extractors.events.triggers import (
    event_noun_object,
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

    def is_trigger(token: Token) -> bool:
        return verb_is_candidate(token) or is_event_noun(token)

    def is_listed(token: Token) -> bool:
        return verb_is_candidate(token) or trigger_type(token, lexicon) is not None

    def is_event_noun(token: Token) -> bool:
        if token.pos_ == "VERB":
            return False
        return trigger_type(token, lexicon) is not None or noun_looks_eventive(token)

    timex_spans = [(timex.start, timex.end) for timex in usable]
    own = own_anchors(doc, usable, is_trigger, is_listed)
    for index in list(own):
        noun = event_noun_object(doc[index], lexicon)
        if noun is not None:
            own.setdefault(noun.i, own[index])
    shared = shared_anchors(doc, own, is_event_noun)
    measured = durations(doc, usable, is_listed)
    dated = {**shared, **own}
    dated = {**subject_anchors(doc, dated), **dated}
    dated = {**spread_anchors(doc, dated, is_listed), **dated}

    def event_tense(token: Token) -> str | None:
        status = clause_status(token, trigger_type(token, lexicon) or "other", lexicon)
        return STATUS_TENSE.get(status.status) if status is not None else None

    dated = {**sentence_anchors(doc, dated, dct, is_listed, event_tense), **dated}
    def is_report(token: Token) -> bool:
        return token.pos_ == "VERB" and trigger_type(token, lexicon) == "statement"

    inherited = {
        **present_day_anchors(doc, dated, usable, dct, is_listed),
        **inherited_anchors(doc, dated, dct, is_listed, settings),
        **report_day_anchors(doc, dated, usable, dct, is_report),
    }

    events = []
    for token in doc:
        if not (is_listed(token) or token.i in own) or _inside(token.idx, token.idx + 1, timex_spans):
            continue
        if event_noun_object(token, lexicon) is not None:
            continue
        if _inside(token.idx, token.idx + len(token.text), skip_spans):
            continue
        event = _event(token, article_id, dct, own, dated, inherited, measured, settings, lexicon)
        if event is not None:
            events.append(event)
    return events


def clause_status(token: Token, event_type: str, lexicon: EventLexicon) -> Status | None:
    """The status the trigger's own clause gives (tense, aspect, modality), before any anchor."""
    if token.pos_ == "VERB":
        return verb_status(token, lexicon)
    return noun_status(token, event_type, lexicon)


def _event(
    token: Token,
    article_id: str,
    dct: date | None,
    own: dict[int, TimeExpression],
    dated: dict[int, TimeExpression],
    inherited: dict[int, TimeExpression],
    measured: dict[int, str],
    settings: EventSettings,
    lexicon: EventLexicon,
) -> Event | None:
    event_type = trigger_type(token, lexicon) or "other"
    if token.i in own:
        anchor = own[token.i]
        confidence = settings.own_anchor_confidence
    elif token.i in dated:
        anchor = dated[token.i]
        confidence = settings.shared_confidence
    elif token.i in inherited:
        anchor = inherited[token.i]
        confidence = settings.inherited_confidence
    else:
        if event_type not in settings.salient_types:
            return None
        anchor = None
        confidence = settings.undated_confidence
    verb = token if token.pos_ == "VERB" else clause_verb(token)
    status = with_anchor(clause_status(token, event_type, lexicon), anchor, dct)
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
        time=anchor,
        duration=measured.get(token.i),
        modality=status.cue,
        confidence=confidence if event_type != "other" else round(confidence - 0.1, 2),
        negated=status.negated,
    )
