"""Dates a sentence sets for its other events: an undated trigger takes the date of the nearest dated trigger
of its sentence in the parse tree, when its tense agrees with that date.

"GM closed down $1.875 in trading yesterday" dates the trading; "Lavrov said Wednesday that NATO troops are a
threat" does not date the threat (a present-tense state is not on a past day).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.tokens import Doc, Token

from extractors.records import TimeExpression

# Subordinators of a hypothetical clause: "if there's a settlement" is not on the day of the report.
CONDITIONAL_MARKERS = frozenset({"if", "unless", "whether", "once", "until"})
# How an event's clause places it against the DCT: the status of its clause (see `status`), mapped to tense.
STATUS_TENSE = {"past": "past", "ongoing": "present", "planned": "future", "proposed": "future"}


def date_tense(timex: TimeExpression, dct: date | None) -> str | None:
    """Where a date lies against the DCT: past (before the DCT's day), future, present (the DCT's day or a
    span containing it), or None when unknown."""
    if timex.value == "FUTURE_REF":
        return "future"
    if timex.value == "PAST_REF":
        return "past"
    if timex.value == "PRESENT_REF":
        return "present"
    if dct is None or timex.first_day is None:
        return None
    last_day = timex.last_day or timex.first_day
    if timex.first_day > dct:
        return "future"
    if last_day < dct:
        return "past"
    return "present"


def tense_agrees(event_tense: str | None, timex_tense: str | None) -> bool:
    """A past date takes past (or tenseless) events; a future date future or present ones; a span around the
    DCT takes any."""
    if timex_tense is None or event_tense is None or timex_tense == "present":
        return True
    if timex_tense == "past":
        return event_tense == "past"
    return event_tense in ("future", "present")


def sentence_starts(doc: Doc) -> list[int]:
    """The index of the first token of each token's sentence (one pass, instead of `token.sent` per token)."""
    starts = [0] * len(doc)
    for sentence in doc.sents:
        starts[sentence.start:sentence.end] = [sentence.start] * len(sentence)
    return starts


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head != chain[-1]:
        chain.append(chain[-1].head)
    return chain


def tree_path(first: Token, second: Token) -> tuple[int, list[Token]]:
    """Number of dependency arcs between two tokens of one sentence, and the tokens climbed from `first`
    up to (not including) their lowest common ancestor."""
    first_chain = _ancestors(first)
    second_depth = {token.i: depth for depth, token in enumerate(_ancestors(second))}
    for depth, token in enumerate(first_chain):
        if token.i in second_depth:
            return depth + second_depth[token.i], first_chain[:depth]
    return len(first_chain) + len(second_depth), first_chain


def _is_conditional(token: Token) -> bool:
    return any(child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKERS for child in token.children)


def _in_complement_clause(token: Token, ancestor: Token) -> bool:
    """True when `token` sits in a complement clause of `ancestor`: "said the economy grew in the quarter"
    (grew, for said)."""
    while token != ancestor and token.head != token:
        if token.dep_ == "ccomp":
            return True
        token = token.head
    return False


def sentence_anchors(
    doc: Doc,
    dated: dict[int, TimeExpression],
    dct: date | None,
    accepts: Callable[[Token], bool],
    event_tense: Callable[[Token], str | None],
    is_report: Callable[[Token], bool],
) -> dict[int, TimeExpression]:
    """Map undated triggers to the date of the nearest dated trigger of their sentence whose date their
    tense agrees with; ties go to a trigger below it in the parse ("the revolution that brought him to power
    41 years ago": the date of "power", not of "revolution"), then to the earlier trigger.

    A reported clause whose verb is not in the past does not take the date of the report ("said Wednesday
    that NATO troops are a threat"), nor does a conditional clause ("will meet if there's a settlement") or
    a phrase under "since" ("rallied on Friday since the revolution"); a report does not take a date of
    what it or its verb reports ("said the economy grew in the third quarter", "in a statement, the council
    said the project would resume next month").
    """
    found: dict[int, TimeExpression] = {}
    starts = sentence_starts(doc)
    by_sentence: dict[int, list[int]] = {}
    for index in sorted(dated):
        by_sentence.setdefault(starts[index], []).append(index)
    for sentence in doc.sents:
        sources = by_sentence.get(sentence.start)
        if not sources:
            continue
        for token in sentence:
            if token.i in dated or not accepts(token):
                continue
            tense = event_tense(token)
            candidates = []
            for index in sources:
                if not tense_agrees(tense, date_tense(dated[index], dct)):
                    continue
                distance, climbed = tree_path(token, doc[index])
                if any(step.dep_ == "ccomp" and event_tense(step) != "past" for step in climbed):
                    continue
                if any(_is_conditional(step) or step.lower_ == "since" for step in climbed):
                    continue
                common = climbed[-1].head if climbed else token
                if is_report(token) and _in_complement_clause(doc[index], common):
                    continue
                candidates.append((distance, bool(climbed), index))
            if candidates:
                found[token.i] = dated[min(candidates)[2]]
    return found
