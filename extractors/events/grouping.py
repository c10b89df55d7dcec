"""One event per happening: words of one clause that name the same event are grouped under one trigger.

- A support verb and its event noun are one event with the noun's type: "held talks", "joined talks",
  and an untyped verb telling of a typed event noun: "sing at a rally", "the talks ended".
- An event noun of the same type as its verb's event restates it and is part of it: "said at a press
  conference", "welcomed the announcement", "in a separate meeting Tuesday … joined talks".
- An untyped noun with no date of its own inside a verb event's clause ("coordinate on support … amid
  pullback") stays an event of its own, marked subordinate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from extractors.events.status import clause_verb
from extractors.events.triggers import hyphenated_start

ARGUMENT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr", "oprd"})
SETTING_PREPOSITIONS = frozenset({"at", "during", "in"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class EventGroup:
    """The tokens of one event: the main trigger (which gives the type), the tokens its trigger span takes
    in (a support verb, a restating noun right after the verb: "held … talks", "said at a press
    conference"), and every word folded into it. A `subordinate` event is an untyped noun inside another
    event's clause ("coordinate on support … amid pullback"): kept, but not one to show on its own."""

    main: Token
    spanned: tuple[Token, ...]
    members: tuple[Token, ...]
    subordinate: bool = False

    def trigger_span(self) -> tuple[int, int]:
        """Character span of the trigger: from its first to its last spanned word, each hyphenated word
        whole ("write-down", "cease-fire")."""
        start = min(hyphenated_start(token).idx for token in self.spanned)
        end = max(token.idx + len(token.text) for token in self.spanned)
        return start, end


def _argument_of(noun: Token, verb: Token) -> bool:
    """A noun the verb takes directly or through one preposition: "held talks", "sing at a rally"."""
    if noun.head == verb:
        return noun.dep_ in ARGUMENT_DEPS
    return noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head == verb


def group_events(
    doc: Doc,
    candidates: list[Token],
    type_of: Callable[[Token], str | None],
    support_noun: Callable[[Token], Token | None],
    dated_own: Callable[[Token], bool],
) -> list[EventGroup]:
    """Group candidate triggers into events, in text order of their main trigger.

    `type_of` gives a token's listed event type (None when untyped), `support_noun` the event noun a light
    verb takes ("held talks" → talks), `dated_own` whether a token has a time expression of its own.
    """
    indexes = {token.i for token in candidates}
    parent: dict[int, int] = {}
    spanned: dict[int, list[Token]] = {}
    for token in candidates:
        if token.pos_ != "VERB":
            continue
        noun = support_noun(token) or next(iter(_typed_settings(token, type_of)), None)
        if noun is not None and noun.i in indexes:
            parent[token.i] = noun.i
            spanned.setdefault(noun.i, [noun]).append(token)
    subordinate = set()
    for token in candidates:
        if token.pos_ == "VERB" or token.i in spanned:
            continue
        verb = clause_verb(token)
        if verb is None or verb.i not in indexes:
            continue
        target = parent.get(verb.i, verb.i)
        own_type = type_of(token)
        if own_type is None:
            if not dated_own(token):
                subordinate.add(token.i)
        elif own_type == type_of(doc[target]) and _argument_of(token, verb):
            parent[token.i] = target
            if token.i > verb.i:
                spanned.setdefault(target, [doc[target]]).append(token)

    def root(index: int) -> int:
        while index in parent:
            index = parent[index]
        return index

    members: dict[int, list[Token]] = {}
    for token in candidates:
        members.setdefault(root(token.i), []).append(token)
    return [
        EventGroup(
            main=doc[main],
            spanned=tuple(spanned.get(main, [doc[main]])),
            members=tuple(tokens),
            subordinate=main in subordinate,
        )
        for main, tokens in sorted(members.items())
    ]


def _typed_settings(verb: Token, type_of: Callable[[Token], str | None]) -> list[Token]:
    """Typed event nouns a verb tells of: the subject of an untyped intransitive verb ("the talks ended",
    "the rally turned violent"), the setting of an untyped verb ("sing at a rally", "arrested during the
    protest"), a call any verb happens on ("to be discussed on a virtual call")."""
    verb_type = type_of(verb)
    intransitive = not any(child.dep_ in ARGUMENT_DEPS for child in verb.children)
    found = [
        child for child in verb.children
        if verb_type is None and intransitive and child.dep_ in SUBJECT_DEPS and child.pos_ == "NOUN"
        and type_of(child)
    ]
    for preposition in verb.children:
        if preposition.dep_ != "prep":
            continue
        for noun in preposition.children:
            noun_type = type_of(noun) if noun.dep_ == "pobj" and noun.pos_ == "NOUN" else None
            if noun_type is None or noun_type == verb_type:
                continue
            if (verb_type is None and preposition.lower_ in SETTING_PREPOSITIONS) or (
                preposition.lower_ == "on" and noun_type == "call"
            ):
                found.append(noun)
    return found
