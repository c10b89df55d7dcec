"""Dates carried by the narrative, for events whose sentence gives them none.

- A statement with no date ("officials said", "told a news conference") was made on the report day: the
  day the text names as its publication day, else the day the story's first dated statement gives; right
  after a statement dated to a day of its own, it continues that statement ("X said on Sunday … He said").
- A past-tense event continues the story of the sentences just before it and takes the date their main
  clause sets ("Net income for the third quarter rose 19%. Sales rose 3%.").
- A present or present-perfect event that no date of its sentence reaches ("the department is reviewing",
  "has pleaded innocent") holds on the publication day, when the text names that day.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from extractors.events.anchoring import in_when_clause, under_comparison
from extractors.events.sentence_dates import CONDITIONAL_MARKERS, sentence_starts
from extractors.events.settings import EventSettings
from extractors.events.status import clause_verb
from extractors.records import TimeExpression

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})
REPORT_DAY_WINDOW = timedelta(days=7)


def _auxiliaries(token: Token) -> list[Token]:
    """The verb's auxiliaries, or those of the verb it is coordinated with ("is investigating and
    prosecuting")."""
    own = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
    if not own and token.dep_ == "conj" and token.tag_ == token.head.tag_ and token.head.pos_ == "VERB":
        return _auxiliaries(token.head)
    return own


def _asserted(token: Token) -> bool:
    """Not modal, not negated, not conditional."""
    if any(aux.tag_ == "MD" for aux in _auxiliaries(token)):
        return False
    return not any(
        child.dep_ == "neg" or (child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKERS)
        for child in token.children
    )


def _is_past_event(token: Token) -> bool:
    """A simple-past verb ("rose", "was arrested"), or a participle hanging from one ("walked around the
    pharmacy talking with customers")."""
    auxiliaries = _auxiliaries(token)
    if not _asserted(token):
        return False
    if token.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxiliaries):
        return True
    return (token.tag_ in PARTICIPLE_TAGS and not auxiliaries and token.head != token
            and token.head.pos_ == "VERB" and _is_past_event(token.head))


def _is_present_event(token: Token) -> bool:
    """A present, present-progressive or present-perfect verb of a main or reported clause: "says", "is
    reviewing", "has pleaded" (not "before a deal is agreed", which speaks of the future)."""
    if not _asserted(token) or token.pos_ != "VERB" or any(child.dep_ == "mark" for child in token.children):
        return False
    auxiliaries = _auxiliaries(token)
    if token.tag_ in PRESENT_TAGS and not auxiliaries:
        return True
    return token.tag_ in PARTICIPLE_TAGS and any(aux.tag_ in PRESENT_TAGS for aux in auxiliaries)


def _depth(token: Token) -> int:
    depth = 0
    while token.head != token:
        token = token.head
        depth += 1
    return depth


def _carries(timex: TimeExpression, dct: date | None) -> bool:
    if timex.first_day is None or timex.granularity is None:
        return False
    last_day = timex.last_day or timex.first_day
    return dct is None or last_day <= dct


def main_dates(doc: Doc, dated: dict[int, TimeExpression], dct: date | None) -> dict[int, TimeExpression]:
    """Map a sentence's start token to the date of its main clause: the dated trigger nearest the root
    (the earliest on a tie), when that date is a past calendar date. Comparison bases ("compared with $3
    million in the year-earlier quarter") and "when" clauses ("Thursday, when police fired tear gas") set
    no date."""
    best: dict[int, tuple[int, int, TimeExpression]] = {}
    starts = sentence_starts(doc)
    for index, timex in dated.items():
        token = doc[index]
        if not _carries(timex, dct) or under_comparison(token) or in_when_clause(token):
            continue
        rank = (_depth(token), index)
        start = starts[index]
        if start not in best or rank < best[start][:2]:
            best[start] = (*rank, timex)
    return {start: timex for start, (_, _, timex) in best.items()}


def inherited_anchors(
    doc: Doc,
    dated: dict[int, TimeExpression],
    dct: date | None,
    accepts: Callable[[Token], bool],
    settings: EventSettings,
) -> dict[int, TimeExpression]:
    """Map undated past-tense events to the main date of the nearest sentence before theirs that has one,
    at most `settings.inherit_window` sentences back.

    Modal, negated and conditional events take none.
    """
    if settings.inherit_window <= 0:
        return {}
    mains = main_dates(doc, dated, dct)
    sentences: list[Span] = list(doc.sents)
    inherited: dict[int, TimeExpression] = {}
    for number, sentence in enumerate(sentences):
        earlier = sentences[max(0, number - settings.inherit_window):number]
        source = next((mains[back.start] for back in reversed(earlier) if back.start in mains), None)
        if source is None:
            continue
        for token in sentence:
            if token.i not in dated and accepts(token) and _is_past_event(token):
                inherited[token.i] = source
    return inherited


def _publication_day(timexes: list[TimeExpression], dct: date) -> TimeExpression | None:
    return next(
        (timex for timex in sorted(timexes, key=lambda timex: timex.start)
         if timex.type == "DATE" and timex.first_day == dct and timex.last_day == dct),
        None,
    )


def report_day(
    doc: Doc,
    dated: dict[int, TimeExpression],
    timexes: list[TimeExpression],
    dct: date | None,
    is_report: Callable[[Token], bool],
) -> TimeExpression | None:
    """The day the story's statements were made: the day the text names as its publication day, else the
    day of its first statement dated to a single day in the week up to the DCT ("said Friday")."""
    if dct is None:
        return None
    publication = _publication_day(timexes, dct)
    if publication is not None:
        return publication
    for index in sorted(dated):
        timex = dated[index]
        if is_report(doc[index]) and _recent_day(timex, dct):
            return timex
    return None


def report_day_anchors(
    doc: Doc,
    dated: dict[int, TimeExpression],
    timexes: list[TimeExpression],
    dct: date | None,
    is_report: Callable[[Token], bool],
    own: Collection[int],
    carry_window: int = 1,
) -> dict[int, TimeExpression]:
    """Date undated finite reports with the report day: statement verbs ("officials said", "the alliance
    says") and statement nouns whose clause is a finite report ("told a news conference", "in a statement
    read on television").

    A report at most `carry_window` sentences after a statement dated by a time expression of its own
    (`own`) to a day of the week before the DCT continues it and takes its day instead ("Gonzalez said on
    Sunday that … He said …")."""
    day = report_day(doc, dated, timexes, dct, is_report)
    if day is None:
        return {}
    found = {}
    latest: tuple[int, TimeExpression] | None = None
    sentence_number = {sentence.start: number for number, sentence in enumerate(doc.sents)}
    starts = sentence_starts(doc)
    for token in doc:
        number = sentence_number[starts[token.i]]
        if token.i in dated:
            if token.i in own and is_report(token) and _recent_day(dated[token.i], dct):
                latest = (number, dated[token.i])
            continue
        if not is_report(token):
            continue
        verb = token if token.pos_ == "VERB" else clause_verb(token)
        if verb is None or not _asserted(verb) or (verb != token and verb.i in dated):
            continue
        if verb.tag_ in FINITE_TAGS or any(aux.tag_ in FINITE_TAGS for aux in _auxiliaries(verb)):
            found[token.i] = latest[1] if latest and number - latest[0] <= carry_window else day
    return found


def _recent_day(timex: TimeExpression, dct: date | None) -> bool:
    """A single day in the week up to the DCT (compared as a difference: no date arithmetic can leave the
    calendar)."""
    return (dct is not None and timex.granularity in ("day", "time") and timex.first_day is not None
            and timedelta(0) <= dct - timex.first_day <= REPORT_DAY_WINDOW)


def present_day_anchors(
    doc: Doc,
    dated: dict[int, TimeExpression],
    timexes: list[TimeExpression],
    dct: date | None,
    accepts: Callable[[Token], bool],
) -> dict[int, TimeExpression]:
    """Date undated present-tense events with the publication day, when the text names it ("The Justice
    Department is reviewing whether …", "White heads a team that is investigating the bombings of Aug. 7,
    1998": the past date of its sentence is not theirs)."""
    if dct is None:
        return {}
    day = _publication_day(timexes, dct)
    if day is None:
        return {}
    return {
        token.i: day for token in doc
        if token.i not in dated and accepts(token) and _is_present_event(token)
    }
