"""Cheap tense cues around a time expression: does its clause talk about the past or the future?

No parser: the nearest cue word in the same sentence decides (left of the expression first, then right).
The cue words are the `future_cue` and `past_cue` tables of `extractors/data/timex_words.json`; any
other lower-case word of five letters or more ending in -ed counts as past.
"""

from __future__ import annotations

import re
from typing import Literal

from extractors.timex.words import word_tables

Tense = Literal["past", "future"] | None

_WINDOW = 160
_MAX_TOKENS = 10
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]][.!?])[\"'”’]?\s+|\n\s*\n|[;:]\s")
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


def _cue(word: str) -> Tense:
    lowered = word.lower()
    tables = word_tables()
    if lowered in tables["future_cue"]:
        return "future"
    if lowered in tables["past_cue"] or (word.islower() and len(word) > 4 and word.endswith("ed")):
        return "past"
    return None


def tense_near(text: str, start: int, end: int) -> Tense:
    """The tense suggested by the nearest cue word in the sentence around `text[start:end]`, or None."""
    sentence_start, sentence_end = _sentence_bounds(text, start, end)
    left = _TOKEN.findall(text[sentence_start:start])[-_MAX_TOKENS:]
    for position in range(len(left) - 1, -1, -1):
        tense = _cue(left[position])
        if tense == "past" and position and left[position - 1].lower() in ("be", "being"):
            return "future"
        if tense:
            return tense
    for word in _TOKEN.findall(text[end:sentence_end])[:_MAX_TOKENS]:
        tense = _cue(word)
        if tense:
            return tense
    return None
