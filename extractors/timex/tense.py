"""Cheap tense cues around a time expression: does its clause talk about the past or the future?

No parser: the nearest cue word in the same sentence decides (left of the expression first, then right).
The cue words are the `future_cue`, `future_cue_before` (a future cue only before one of the words
listed: "set for") and `past_cue` tables of `extractors/data/timex_words.json`; any
other lower-case word of five letters or more ending in -ed (not -eed, not after a determiner)
counts as past.
"""

from __future__ import annotations

import re
from typing import Literal

from extractors.timex.words import word_tables

Tense = Literal["past", "future"] | None

_WINDOW = 160
_MAX_TOKENS = 10
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]][.!?])[\"'”’]?\s+|\n\s*\n|[;:]\s")
_FUTURE_LEAD = re.compile(
    r"(?:\bas (?:early|soon) as|\bno later than|\bahead of|\bin time for)\s+(?:on\s+)?\Z", re.IGNORECASE
)
_DETERMINERS = frozenset(
    {"a", "an", "the", "this", "that", "its", "his", "her", "their", "our", "no", "still"}
)
_TOKEN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|'ll")



def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The start and end of the sentence around `[start, end)`, looking at most `_WINDOW` chars away."""
    left_from = max(0, start - _WINDOW)
    left = text[left_from:start]
    boundaries = list(_SENTENCE_END.finditer(left))
    sentence_start = left_from + boundaries[-1].end() if boundaries else left_from
    right = text[end : end + _WINDOW]
    boundary = _SENTENCE_END.search(right)
    sentence_end = end + boundary.start() if boundary else end + len(right)
    return sentence_start, sentence_end


def _regular_past(word: str) -> bool:
    """A lower-case -ed word of five letters or more, but not a present tense in -eed (succeed, need)."""
    return word.islower() and len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


def _cue_at(words: list[str], index: int) -> Tense:
    """The tense cue of `words[index]`, read with the words before it: "had planned" and "had been
    scheduled" are past, "be delayed" future, "the proposed plan" no cue at all."""
    word = words[index]
    lowered = word.lower()
    before = [w.lower() for w in words[max(0, index - 2) : index]]
    tables = word_tables()
    following = words[index + 1].lower() if index + 1 < len(words) else ""
    if following in tables["future_cue_before"].get(lowered, ()):  # type: ignore[operator]
        return "future"
    if lowered in tables["future_cue"]:
        return "past" if before[-1:] == ["had"] or before == ["had", "been"] else "future"
    adjective = bool(before) and before[-1] in _DETERMINERS
    if lowered in tables["past_cue"] or (_regular_past(word) and not adjective):
        return "future" if before[-1:] in (["be"], ["being"]) else "past"
    return None


def names_past_event(text: str, end: int) -> bool:
    """A possessive date ("Wednesday's ruling", "Friday's close") names an event that took place."""
    return text.startswith(("'s", "’s"), end)


def tense_near(text: str, start: int, end: int) -> Tense:
    """The tense suggested by the nearest cue word in the sentence around `text[start:end]`, or None.

    A deadline phrase right before the expression ("as early as", "no later than") means the future,
    a possessive ("Wednesday's ruling") the past.
    """
    if _FUTURE_LEAD.search(text, max(0, start - 24), start):
        return "future"
    if names_past_event(text, end):
        return "past"
    sentence_start, sentence_end = _sentence_bounds(text, start, end)
    left = _TOKEN.findall(text[sentence_start:start])[-_MAX_TOKENS:]
    if [word.lower() for word in left] in (["until"], ["till"]):
        left = []  # "Until Thursday, they had not ...": the main clause tells the tense
    for position in range(len(left) - 1, -1, -1):
        tense = _cue_at(left, position)
        if tense:
            return tense
    right = _TOKEN.findall(text[end:sentence_end])[:_MAX_TOKENS]
    for position in range(len(right)):
        tense = _cue_at(right, position)
        if tense:
            return tense
    return None
