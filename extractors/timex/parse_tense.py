"""Tense from a parsed spaCy Doc: the tense of the verb that governs a time expression.

Used by `tag_doc` when the Doc has part-of-speech tags and dependencies. A date set by a scheduling verb
("scheduled a meeting Thursday") or right under a bare present verb of action ("talks resume Friday") is
to come; otherwise the verb's tense decides, and when it says nothing clear (no verb, a stative or
reporting present, a modal other than will/shall) the cue-word guess of `tense.tense_near` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractors.timex.tense import Tense, names_past_event, tense_near

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
_MAX_HOPS = 4
_PRESENT = frozenset({"VBP", "VBZ"})
# Present-tense verbs that report or state rather than schedule ("officials say Monday ..." is not future),
# and verbs whose past tense is spelled like the present ("stocks hurt the index Friday" may be past).
_NOT_SCHEDULING = frozenset({
    "say", "tell", "report", "announce", "claim", "add", "note", "insist", "argue", "warn", "write",
    "state", "explain", "believe", "think", "know", "acknowledge", "confirm", "deny", "have", "remain",
    "hurt", "cut", "put", "set", "hit", "let", "cost", "shut", "quit", "spread", "cast", "bet", "split",
    "burst", "read", "bid", "upset", "beat", "broadcast", "forecast",
})
# Verbs that put an event on the calendar: the date right under them is the date set, still to come
# even when the setting is told in the past ("has scheduled a news conference Thursday", "extended
# the deadline until Tuesday").
_SCHEDULING = frozenset({"schedule", "reschedule", "plan", "slate", "postpone", "delay", "extend", "adjourn",
                         "defer"})


def _governing_verb(token: Token) -> Token | None:
    for _ in range(_MAX_HOPS):
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "aux":
            return token
        if token.head == token:
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


def _directly_under(expression: Token, verb: Token) -> bool:
    """The expression modifies `verb` itself ("resume Friday", "resume on Friday"), not a noun on the way."""
    head = expression.head
    return head == verb or (head.dep_ == "prep" and head.head == verb)


def schedules_ahead(expression: Token, verb: Token) -> bool:
    """A bare present verb of action with the date right under it states a schedule: "talks resume on
    Friday", "the team plays Sunday", "the vote is Tuesday" speak of the coming day."""
    if verb.tag_ not in _PRESENT or verb.lemma_ in _NOT_SCHEDULING:
        return False
    if any(child.dep_ in ("aux", "auxpass", "neg") for child in verb.children):
        return False
    return _directly_under(expression, verb)


def doc_tense(doc: Doc, text: str, start: int, end: int) -> Tense:
    """The tense of the verb governing `text[start:end]`, else the cue-word guess. `text` is `doc.text`,
    passed in because spaCy builds that string anew on every access."""
    if names_past_event(text, end):
        return "past"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and doc.has_annotation("DEP") and doc.has_annotation("TAG"):
        verb = _governing_verb(span.root)
        if verb is not None and verb.lemma_ in _SCHEDULING and _directly_under(span.root, verb):
            return "future"
        tense = verb_tense(verb) if verb is not None else None
        if tense is None and verb is not None and schedules_ahead(span.root, verb):
            tense = "future"
        if tense:
            return tense
    return tense_near(text, start, end)
