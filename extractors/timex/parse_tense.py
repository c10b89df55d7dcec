"""Tense from a parsed spaCy Doc: the tense of the verb that governs a time expression.

Used by `tag_doc` when the Doc has part-of-speech tags and dependencies; when the governing verb says
nothing clear (no verb, a bare present, a modal other than will/shall) the cue-word guess of
`tense.tense_near` decides instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractors.timex.tense import Tense, names_past_event, tense_near

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
_MAX_HOPS = 4


def _governing_verb(token: Token) -> Token | None:
    for _ in range(_MAX_HOPS):
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "aux":
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def verb_tense(verb: Token) -> Tense:
    """past (VBD, or an auxiliary in the past / have + participle), future (will/shall), else None."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if any(child.lower_ in _FUTURE_AUX for child in auxiliaries):
        return "future"
    if any(child.tag_ == "MD" for child in auxiliaries):
        return None
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and any(child.lemma_ == "have" for child in auxiliaries):
        return "past"
    return None


def doc_tense(doc: Doc, start: int, end: int) -> Tense:
    """The tense of the verb governing `doc.text[start:end]`, else the cue-word guess."""
    if names_past_event(doc.text, end):
        return "past"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and doc.has_annotation("DEP") and doc.has_annotation("TAG"):
        verb = _governing_verb(span.root)
        tense = verb_tense(verb) if verb is not None else None
        if tense:
            return tense
    return tense_near(doc.text, start, end)
