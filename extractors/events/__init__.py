"""Event extraction: who did what, where and when, and whether it happened, is planned or is only proposed.

`extract_events` reads a parsed spaCy `Doc` and the article's time expressions. An event takes its date
from the first of these that applies (each later step only dates events still undated):

1. the time expression that modifies it in the parse (`anchoring.own_anchors`), or the date a "when"
   clause follows ("on Thursday, when police fired tear gas"); a past date the parse hangs on a
   present-tense verb goes to the event before it in the verb's phrase ("follows two rulings last June");
2. its clause: an event noun under a dated verb, a verb whose subject is dated, a coordinated or embedded
   clause below a dated event (`anchoring`);
3. the nearest dated event of its sentence whose date its tense agrees with (`sentence_dates`);
4. the narrative: the main date of the sentences just before for past-tense events, the report day (or
   the day of the dated statement just before) for statements, the publication day for present-tense
   events (`inheritance`); event nouns and clauses below an event dated so share its date.

Words of one clause that name the same happening make one event (`grouping`: "held talks", "said at a
press conference"); headings give no event, actor or summary word (`headings`). Each dating step has its
own confidence, lowered for what an analyst would not want on a timeline (`settings.EventSettings`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from extractors.events.anchoring import (
    durations,
    event_before,
    own_anchors,
    shared_anchors,
    spread_anchors,
    subject_anchors,
    when_clause_anchors,
)
from extractors.events.arguments import (
    actors,
    clause_span,
    has_subject_or_object,
    location,
    named_speaker,
    own_parties,
    subject_of,
    summary,
)
from extractors.events.grouping import EventGroup, group_events
from extractors.events.headings import heading_spans
from extractors.events.inheritance import inherited_anchors, present_day_anchors, report_day_anchors
from extractors.events.lexicon import EventLexicon, default_lexicon
from extractors.events.sentence_dates import STATUS_TENSE, date_tense, sentence_anchors
from extractors.events.settings import EventSettings
from extractors.events.status import Status, clause_verb, noun_status, verb_status, with_anchor
from extractors.events.triggers import (
    event_noun_object,
    is_attribution,
    is_quote_filler,
    is_weak_trigger,
    noun_is_eventive,
    noun_looks_eventive,
    trigger_type,
    verb_is_candidate,
)
from extractors.records import Event, TimeExpression, event_id

__all__ = ["EventSettings", "extract_events"]

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


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
    statement, …). No token is the trigger of two events. Negated events come back with status "negated"
    and `negated=True`. No event comes from a character range in `skip_spans` (boilerplate) or a heading.
    """
    settings = settings or EventSettings()
    lexicon = lexicon or default_lexicon()
    headings = heading_spans(doc.text)
    skip = [*skip_spans, *headings]
    hidden = frozenset(token.i for token in doc if _inside(token.idx, token.idx + 1, headings))
    usable = [timex for timex in timexes if not _inside(timex.start, timex.end, skip)]

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

    def takes_past_date(token: Token) -> bool:
        return is_candidate(token) and (token.pos_ != "VERB" or event_tense(token) == "past")

    def present_verb_with_past_date(token: Token, timex: TimeExpression) -> bool:
        present = is_present_form(token) and event_tense(token) == "present"
        return present and date_tense(timex, dct) == "past"

    # A simple-present verb does not happen on a past date: such an attachment is a parse error ("White
    # heads a team that is investigating the bombings which killed 224 people on Aug. 7, 1998"). The date
    # goes to the event it follows in the verb's phrase, if any ("follows two rulings last June").
    own: dict[int, TimeExpression] = {}
    misattached: dict[int, TimeExpression] = {}
    for index, timex in own_anchors(doc, usable, takes_own_date, is_candidate).items():
        if present_verb_with_past_date(doc[index], timex):
            below = event_before(doc, doc[index], timex, takes_past_date)
            if below is not None:
                misattached[below.i] = timex
        else:
            own[index] = timex
    own = {**misattached, **own}
    for index, timex in when_clause_anchors(doc, usable, is_candidate).items():
        own.setdefault(index, timex)
    for index in list(own):
        noun = event_noun_object(doc[index], lexicon)
        if noun is not None:
            own.setdefault(noun.i, own[index])
    shared = shared_anchors(doc, own, is_event_noun)
    measured = durations(doc, usable, is_candidate)
    clause = {**shared, **own}
    clause = {**subject_anchors(doc, clause), **clause}
    clause = {**spread_anchors(doc, clause, is_candidate), **clause}

    def is_report(token: Token) -> bool:
        return trigger_type(token, lexicon) == "statement"

    sentence = sentence_anchors(doc, clause, dct, is_candidate, event_tense, is_report)
    dated = {**sentence, **clause}

    reports = report_day_anchors(
        doc, dated, usable, dct, is_report, own, settings.report_carry_window
    )
    fillers = {index: timex for index, timex in reports.items() if is_quote_filler(doc[index])}
    narrative = {**inherited_anchors(doc, dated, dct, is_candidate, settings), **reports}
    present_day = present_day_anchors(doc, dated, usable, dct, is_candidate)
    narrative = {**spread_anchors(doc, {**narrative, **dated}, is_candidate), **narrative}
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

    candidates = [
        token for token in doc
        if (is_candidate(token) or token.i in own) and not _inside(token.idx, token.idx + 1, timex_spans)
        and not _inside(token.idx, token.idx + len(token.text), skip)
    ]
    groups = group_events(
        doc,
        candidates,
        type_of=lambda token: _named_type(token, lexicon),
        support_noun=lambda token: event_noun_object(token, lexicon),
        dated_own=lambda token: token.i in own,
    )
    events = []
    for group in groups:
        found = [(anchors[member.i], member.i in own) for member in group.members if member.i in anchors]
        anchor, own_date = max(found, key=lambda pair: pair[0].confidence, default=(None, False))
        duration = next((measured[member.i] for member in group.members if member.i in measured), None)
        event = _event(group, article_id, dct, anchor, own_date, duration, settings, lexicon, hidden)
        if event is not None:
            events.append(event)
    return events


def _named_type(token: Token, lexicon: EventLexicon) -> str | None:
    """The token's event type when the lexicon names one other than "other"."""
    found = trigger_type(token, lexicon)
    return None if found == "other" else found


@dataclass(frozen=True)
class Anchor:
    """The date an event takes, how sure that is, and whether the date may correct the clause's status (a
    date set by the text does; the publication day given to a present-tense report does not)."""

    timex: TimeExpression
    confidence: float
    corrects_status: bool


def _graded(
    confidence: float,
    event_type: str,
    group: EventGroup,
    dating: tuple[bool, bool],
    status: Status,
    settings: EventSettings,
    lexicon: EventLexicon,
    hidden: frozenset[int],
) -> float:
    """Lower the confidence of what an analyst would not want on a timeline (`EventSettings` gives the
    scale). `dating` says whether the event is dated at all and whether by a time expression of its own."""
    dated, own_date = dating
    token = group.main
    named_event = verb_is_candidate(token) or noun_is_eventive(token, lexicon)
    verb = token if token.pos_ == "VERB" else clause_verb(token)
    bare_verb = token.pos_ == "VERB" and not has_subject_or_object(token)
    if is_weak_trigger(token) or not named_event or bare_verb or group.subordinate:
        return settings.weak_confidence
    if not dated and (verb is None or subject_of(verb, hidden) is None):
        return settings.weak_confidence
    if token.pos_ != "VERB" and not dated and status.status == "proposed" and not own_parties(token):
        return settings.weak_confidence
    if event_type == "other" and not own_date and not is_finite(token):
        return settings.weak_confidence
    if is_attribution(token) and not (own_date and named_speaker(token, hidden)):
        return min(confidence, settings.filler_confidence)
    return confidence if event_type != "other" else round(confidence - settings.untyped_penalty, 2)


def is_present_form(verb: Token) -> bool:
    """A verb in the present tense by its own form or its auxiliary's ("heads", "is investigating"), not a
    bare participle that takes its tense from the clause above ("the treaty signed last May")."""
    tags = [verb.tag_, *(child.tag_ for child in verb.children if child.dep_ in ("aux", "auxpass"))]
    return any(tag in ("VBZ", "VBP") for tag in tags)


def is_simple_present(verb: Token) -> bool:
    """A verb in the simple present with no auxiliary: "the ministry says" (a report, made before it is
    published)."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    return verb.tag_ in ("VBZ", "VBP") and not auxiliaries


def is_finite(token: Token) -> bool:
    """A verb in a tensed form, by itself or through its auxiliary ("rose", "has risen", "will meet")."""
    if token.pos_ != "VERB":
        return True
    tags = [token.tag_, *(child.tag_ for child in token.children if child.dep_ in ("aux", "auxpass"))]
    return any(tag in FINITE_TAGS for tag in tags)


def clause_status(token: Token, event_type: str, lexicon: EventLexicon) -> Status | None:
    """The status the trigger's own clause gives (tense, aspect, modality), before any anchor."""
    if token.pos_ == "VERB":
        return verb_status(token, lexicon)
    return noun_status(token, event_type, lexicon)


def _event(
    group: EventGroup,
    article_id: str,
    dct: date | None,
    anchor: Anchor | None,
    own_date: bool,
    duration: str | None,
    settings: EventSettings,
    lexicon: EventLexicon,
    hidden: frozenset[int],
) -> Event | None:
    token = group.main
    event_type = trigger_type(token, lexicon) or "other"
    if anchor is None and event_type not in settings.salient_types:
        return None
    confidence = anchor.confidence if anchor else settings.undated_confidence
    timex = anchor.timex if anchor else None
    verb = token if token.pos_ == "VERB" else clause_verb(token)
    status = clause_status(token, event_type, lexicon)
    if anchor is None or anchor.corrects_status:
        status = with_anchor(status, timex, dct)
    status = status or Status("ongoing")
    if event_type == "statement" and status == Status("ongoing") and is_simple_present(token):
        status = Status("past")
    place = next(
        (found for member in group.members if (found := location(member, verb)) is not None), None
    )
    evidence_start, evidence_end = clause_span(token, verb)
    trigger_start, trigger_end = group.trigger_span()
    words = sorted(group.spanned, key=lambda word: word.i)
    sentence = token.sent
    return Event(
        id=event_id(article_id, trigger_start, trigger_end),
        article_id=article_id,
        type=event_type,
        status=status.status,
        summary=summary(token, verb, place, settings.max_summary_tokens, hidden, group.spanned),
        trigger_start=trigger_start,
        trigger_end=trigger_end,
        trigger_text=token.doc.char_span(trigger_start, trigger_end).text,
        trigger_lemma=" ".join(word.lemma_.lower() for word in words),
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
        evidence_start=min(evidence_start, trigger_start),
        evidence_end=max(evidence_end, trigger_end),
        actors=actors(token, verb, settings.max_actors, hidden),
        location=place,
        time=timex,
        duration=duration,
        modality=status.cue,
        confidence=_graded(
            confidence, event_type, group, (anchor is not None, own_date), status, settings, lexicon, hidden
        ),
        negated=status.negated,
    )
