"""Dates carried by the narrative: a sentence with no time expression of its own continues the story of the
sentences just before it, so its main past-tense events take the date those sentences set."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.tokens import Doc, Token

from extractors.events.settings import EventSettings
from extractors.records import TimeExpression

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _is_past_event(token: Token) -> bool:
    auxiliaries = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
    if any(aux.tag_ == "MD" for aux in auxiliaries):
        return False
    if any(child.dep_ in ("neg", "mark") for child in token.children):
        return False
    return token.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxiliaries)


def inherited_anchors(
    doc: Doc,
    dated: dict[int, TimeExpression],
    timexes: list[TimeExpression],
    dct: date | None,
    accepts: Callable[[Token], bool],
    settings: EventSettings,
) -> dict[int, TimeExpression]:
    """Map undated past-tense events to the last past date that the sentences just before set.

    Only a calendar date on or before the DCT carries, at most `settings.inherit_window` sentences on;
    modal, negated and conditional events take none.
    """
    if settings.inherit_window <= 0:
        return {}
    sentences = list(doc.sents)
    anchor_by_sentence: dict[int, TimeExpression] = {}
    starts = [sentence.start_char for sentence in sentences]
    for index, timex in sorted(dated.items()):
        if _carries(timex, dct):
            anchor_by_sentence[_sentence_number(starts, doc[index].idx)] = timex
    inherited: dict[int, TimeExpression] = {}
    for number, sentence in enumerate(sentences):
        source = next(
            (anchor_by_sentence[back] for back in range(number - 1, number - 1 - settings.inherit_window, -1)
             if back in anchor_by_sentence),
            None,
        )
        if source is None:
            continue
        for token in sentence:
            if token.i not in dated and accepts(token) and _is_past_event(token):
                inherited[token.i] = source
    return inherited


def _sentence_number(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def _carries(timex: TimeExpression, dct: date | None) -> bool:
    if timex.first_day is None or timex.granularity is None or timex.type != "DATE":
        return False
    last_day = timex.last_day or timex.first_day
    return dct is None or last_day <= dct


def report_day_anchors(
    doc: Doc,
    dated: dict[int, TimeExpression],
    timexes: list[TimeExpression],
    dct: date | None,
    is_report: Callable[[Token], bool],
) -> dict[int, TimeExpression]:
    """Date undated reports ("officials said") with the day the text gives as the publication day.

    A news text that says "on Saturday" for its own publication day sets the day its statements were made:
    a report with no date of its own, in the past or present tense, takes the first such expression. Without
    one in the text, reports stay undated.
    """
    if dct is None:
        return {}
    report_day = next(
        (timex for timex in sorted(timexes, key=lambda timex: timex.start)
         if timex.type == "DATE" and timex.first_day == dct and timex.last_day == dct),
        None,
    )
    if report_day is None:
        return {}
    found = {}
    for token in doc:
        if token.i in dated or not is_report(token):
            continue
        auxiliaries = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
        modal = any(aux.tag_ == "MD" for aux in auxiliaries)
        if modal or any(child.dep_ == "neg" for child in token.children):
            continue
        if token.tag_ in FINITE_TAGS or any(aux.tag_ in FINITE_TAGS for aux in auxiliaries):
            found[token.i] = report_day
    return found
