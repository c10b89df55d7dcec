"""An event's status and modality: its clause's tense, aspect and modality, then its anchor vs the DCT."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Token

from extractors.events.lexicon import EventLexicon
from extractors.records import TimeExpression

MAX_DEPTH = 4
NOUN_TO_VERB_DEPS = frozenset({
    "pobj", "prep", "dobj", "obj", "nsubj", "nsubjpass", "compound", "conj", "attr", "appos", "npadvmod",
    "poss", "amod", "pcomp", "dative", "oprd",
})
GOVERNED_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr"})


@dataclass(frozen=True)
class Status:
    """An event's status with the word(s) that signalled it (None when it comes from plain tense)."""

    status: str
    cue: str | None = None

    @property
    def negated(self) -> bool:
        """True when the text says the event does not (or did not) happen."""
        return self.status == "negated"


def clause_verb(token: Token) -> Token | None:
    """The verb of the clause a noun sits in ("held talks" → held), or None for a verbless phrase."""
    current = token
    for _ in range(MAX_DEPTH):
        if current.dep_ not in NOUN_TO_VERB_DEPS or current.head == current:
            return None
        current = current.head
        if current.pos_ == "VERB" or (current.pos_ == "AUX" and current.dep_ == "ROOT"):
            return current
    return None


def verb_status(verb: Token, lexicon: EventLexicon, depth: int = 0) -> Status:
    """The status a verb's own clause gives: negation, modal, governing verb, condition, then tense."""
    children = list(verb.children)
    if any(child.dep_ == "neg" for child in children):
        return Status("negated", _words(child for child in children if child.dep_ == "neg"))
    for child in children:
        if child.dep_ == "aux" and child.tag_ == "MD":
            found = lexicon.cue("modal", child.lower_)
            if found:
                return Status(found, child.lower_)
    infinitive = any(child.dep_ == "aux" and child.tag_ == "TO" for child in children)
    if verb.dep_ == "xcomp" or infinitive:
        return _governed_status(verb, lexicon, depth)
    for child in children:
        if child.dep_ == "mark" and lexicon.cue("marker", child.lower_):
            return Status(lexicon.cue("marker", child.lower_) or "proposed", child.lower_)
    tensed = _tense_status(verb, children, lexicon, depth)
    for child in children:
        # A present tense after "before", "until", "after", "when" speaks of the future: "before a deal
        # is agreed".
        if child.dep_ == "mark" and tensed.status == "ongoing" and lexicon.cue("future_marker", child.lower_):
            return Status(lexicon.cue("future_marker", child.lower_) or "proposed", child.lower_)
    return tensed


def _governed_status(verb: Token, lexicon: EventLexicon, depth: int) -> Status:
    governor = verb.head
    lemma = governor.lemma_.lower()
    if lexicon.cue("negator", lemma):
        return Status("negated", f"{governor.lower_} to")
    for kind in ("governor",):
        found = lexicon.cue(kind, lemma)
        if found:
            parent = verb_status(governor, lexicon, depth + 1) if depth < MAX_DEPTH else Status(found)
            if parent.negated:
                return parent
            return Status(found, f"{governor.lower_} to")
    parent_verb = governor if governor.pos_ in ("VERB", "AUX") else clause_verb(governor)
    if parent_verb is not None and parent_verb != verb and depth < MAX_DEPTH:
        parent = verb_status(parent_verb, lexicon, depth + 1)
        if parent.status in ("planned", "proposed"):
            return parent
    return Status("planned")


def _tense_status(verb: Token, children: list[Token], lexicon: EventLexicon, depth: int) -> Status:
    auxiliaries = [child for child in children if child.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VB" and not auxiliaries and verb.dep_ == "conj" and depth < MAX_DEPTH:
        # A bare verb coordinated with another shares its modal or infinitive: "will re-arm and launch".
        return verb_status(verb.head, lexicon, depth + 1)
    if any(aux.lemma_ == "have" for aux in auxiliaries):
        return Status("past")
    if verb.tag_ == "VBD":
        return Status("past")
    finite = [aux for aux in auxiliaries if aux.tag_ in ("VBD", "VBZ", "VBP")]
    if finite:
        return Status("past") if finite[0].tag_ == "VBD" else Status("ongoing")
    if verb.tag_ in ("VBZ", "VBP"):
        return Status("ongoing")
    if verb.tag_ in ("VBN", "VBG") and verb.head != verb and depth < MAX_DEPTH:
        parent_verb = verb.head if verb.head.pos_ in ("VERB", "AUX") else clause_verb(verb.head)
        if parent_verb is not None:
            return verb_status(parent_verb, lexicon, depth + 1)
    return Status("past") if verb.tag_ == "VBN" else Status("ongoing")


def noun_status(noun: Token, event_type: str, lexicon: EventLexicon) -> Status | None:
    """The status of an event noun from its modifiers and its clause; None when nothing in the text says.

    An agreement is past only when a completion verb ("signed", "reached") governs it; otherwise it is
    proposed: an accord, deal or ceasefire merely talked about is not in force.
    """
    for child in noun.children:
        if child.dep_ == "det" and child.lower_ == "no":
            return Status("negated", "no")
        if child.dep_ in ("amod", "compound", "nmod") and lexicon.cue("modifier", child.lower_):
            return Status(lexicon.cue("modifier", child.lower_) or "planned", child.lower_)
    verb = clause_verb(noun)
    status = verb_status(verb, lexicon) if verb is not None else None
    if event_type != "agreement":
        return status
    completed = (
        verb is not None
        and lexicon.cue("completion", verb.lemma_.lower()) is not None
        and _is_argument_of(noun, verb)
    )
    if completed and status is not None:
        return status
    return Status("proposed", status.cue if status else None)


def _is_argument_of(noun: Token, verb: Token) -> bool:
    return noun.head == verb and noun.dep_ in GOVERNED_OBJECT_DEPS | {"nsubj"}


def with_anchor(status: Status | None, anchor: TimeExpression | None, dct: date | None) -> Status:
    """Correct a clause status by where the anchor lies against the DCT.

    A date after the DCT makes a present form (or a noun with no clause) planned ("meets next week"); a day
    on or before the DCT makes a simple present past (captions and reports: "people sing at a rally on
    Wednesday"). Negated and proposed events, and verbs in the past tense ("declared a dividend payable
    Jan. 3"), keep their status.
    """
    current = status or Status("past")
    if anchor is None or current.status in ("negated", "proposed") or (status and status.status == "past"):
        return current
    if anchor.value == "FUTURE_REF":
        return current if current.status == "planned" else Status("planned", current.cue)
    if anchor.value == "PAST_REF":
        return Status("past", current.cue) if current.status == "ongoing" else current
    if dct is None or anchor.first_day is None:
        return current
    if anchor.first_day > dct:
        return current if current.status == "planned" else Status("planned", current.cue)
    last_day = anchor.last_day or anchor.first_day
    if last_day < dct or (last_day == dct and anchor.granularity in ("day", "time")):
        return Status("past", current.cue) if current.status in ("ongoing", "planned") and not current.cue \
            else current
    return current


def _words(tokens) -> str:
    return " ".join(token.lower_ for token in tokens)
