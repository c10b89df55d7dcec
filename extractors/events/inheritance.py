"""Dates carried by the narrative, for events whose sentence gives them none.

- A statement with no date ("officials said") was made on the report day: the day the story's dated
  statements give ("said Friday"), else the day the text names as its publication day.
- A past-tense event continues the story of the sentences just before it and takes the date their main
  clause sets ("Net income for the third quarter rose 19%. Sales rose 3%.").
- A present-tense report ("the alliance says", "the department is reviewing") holds on the publication day,
  when the text names that day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from extractors.events.settings import EventSettings
from extractors.records import TimeExpression

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
REPORT_DAY_WINDOW = timedelta(days=7)


def _auxiliaries(token: Token) -> list[Token]:
    return [child for child in token.children if child.dep_ in ("aux", "auxpass")]


def _asserted(token: Token) -> bool:
    """Not modal, not negated, not conditional."""
    if any(aux.tag_ == "MD" for aux in _auxiliaries(token)):
        return False
    return not any(child.dep_ in ("neg", "mark") for child in token.children)


def _is_past_event(token: Token) -> bool:
    auxiliaries = _auxiliaries(token)
    return _asserted(token) and (token.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxiliaries))


def _is_present_event(token: Token) -> bool:
    """A present-tense or present-progressive verb: "says", "is reviewing" (not "has said")."""
    if not _asserted(token) or token.pos_ != "VERB":
        return False
    auxiliaries = _auxiliaries(token)
    if any(aux.lemma_ == "have" for aux in auxiliaries):
        return False
    if token.tag_ in PRESENT_TAGS and not auxiliaries:
        return True
    return token.tag_ == "VBG" and any(aux.tag_ in PRESENT_TAGS for aux in auxiliaries)


def _depth(token: Token) -> int:
    depth = 0
    while token.head != token:
        token = token.head
        depth += 1
    return depth


def _carries(timex: TimeExpression, dct: date | None) -> bool:
    if timex.first_day is None or timex.granularity is None or timex.type != "DATE":
        return False
    last_day = timex.last_day or timex.first_day
    return dct is None or last_day <= dct


def main_dates(doc: Doc, dated: dict[int, TimeExpression], dct: date | None) -> dict[int, TimeExpression]:
    """Map a sentence's start token to the date of its main clause: the dated trigger nearest the root
    (the earliest on a tie), when that date is a past calendar date."""
    best: dict[int, tuple[int, int, TimeExpression]] = {}
    for index, timex in dated.items():
        if not _carries(timex, dct):
            continue
        token = doc[index]
        rank = (_depth(token), index)
        start = token.sent.start
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
    """Map undated past-tense events of a sentence with no date of its own to the main date of the nearest
    sentence before it that has one, at most `settings.inherit_window` sentences back.

    Modal, negated and conditional events take none.
    """
    if settings.inherit_window <= 0:
        return {}
    mains = main_dates(doc, dated, dct)
    dated_sentences = {doc[index].sent.start for index in dated}
    sentences: list[Span] = list(doc.sents)
    inherited: dict[int, TimeExpression] = {}
    for number, sentence in enumerate(sentences):
        if sentence.start in dated_sentences:
            continue
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
    """The day the story's statements were made: the date of its first statement dated to a single day in
    the week up to the DCT ("said Friday"), else the day the text names as its publication day."""
    if dct is None:
        return None
    for index in sorted(dated):
        timex = dated[index]
        if (is_report(doc[index]) and timex.granularity in ("day", "time") and timex.first_day is not None
                and dct - REPORT_DAY_WINDOW <= timex.first_day <= dct):
            return timex
    return _publication_day(timexes, dct)


def report_day_anchors(
    doc: Doc,
    dated: dict[int, TimeExpression],
    timexes: list[TimeExpression],
    dct: date | None,
    is_report: Callable[[Token], bool],
) -> dict[int, TimeExpression]:
    """Date undated finite reports ("officials said", "the alliance says") with the report day."""
    day = report_day(doc, dated, timexes, dct, is_report)
    if day is None:
        return {}
    found = {}
    for token in doc:
        if token.i in dated or not is_report(token) or not _asserted(token):
            continue
        if token.tag_ in FINITE_TAGS or any(aux.tag_ in FINITE_TAGS for aux in _auxiliaries(token)):
            found[token.i] = day
    return found


def present_day_anchors(
    doc: Doc,
    dated: dict[int, TimeExpression],
    timexes: list[TimeExpression],
    dct: date | None,
    accepts: Callable[[Token], bool],
) -> dict[int, TimeExpression]:
    """Date undated present-tense events of sentences with no date of their own with the publication day,
    when the text names it ("The Justice Department is reviewing whether …")."""
    if dct is None:
        return {}
    day = _publication_day(timexes, dct)
    if day is None:
        return {}
    dated_sentences = {doc[index].sent.start for index in dated}
    return {
        token.i: day for token in doc
        if token.i not in dated and token.sent.start not in dated_sentences and accepts(token)
        and _is_present_event(token)
    }
