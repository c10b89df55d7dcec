"""Event trigger candidates: content verbs and event nouns, with their event type."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extractors.events.lexicon import EventLexicon

NON_EVENT_VERBS = frozenset({"be", "have", "do", "seem", "become", "remain", "include", "mean", "appear"})
# Verbs that carry no event of their own when an event noun is their object: "held talks", "joined talks".
LIGHT_VERBS = frozenset({
    "hold", "have", "take", "make", "give", "conduct", "stage", "join", "attend", "host", "organize",
    "carry", "lead", "launch", "begin", "start", "continue", "reach", "sign", "strike", "seal",
})
NON_EVENT_NOUNS = frozenset({
    "day", "week", "month", "year", "time", "period", "quarter", "people", "official", "man", "woman",
    "president", "minister", "spokesman", "spokeswoman", "company", "government", "country", "city", "part",
})


def verb_is_candidate(token: Token) -> bool:
    """A content verb (not an auxiliary, copula or verb of being)."""
    return token.pos_ == "VERB" and token.lemma_.lower() not in NON_EVENT_VERBS


def trigger_type(token: Token, lexicon: EventLexicon) -> str | None:
    """The event type of a token from the lexicon (press/news conferences are statements), or None."""
    if token.pos_ == "VERB":
        return lexicon.trigger_type(token.lemma_, "VERB")
    if token.pos_ == "NOUN":
        found = lexicon.trigger_type(token.lemma_, "NOUN") or lexicon.trigger_type(token.text, "NOUN")
        if found == "meeting" and any(child.lower_ in ("press", "news") for child in token.lefts):
            return "statement"
        return found
    return None


def noun_looks_eventive(token: Token) -> bool:
    """A common noun a date can govern ("the quarter's loss", "the 1995 bombing"): an event when dated.

    Nouns for people, places and time units are not events.
    """
    return (
        token.pos_ == "NOUN"
        and not token.ent_type_
        and token.lemma_.lower() not in NON_EVENT_NOUNS
    )


def event_noun_object(verb: Token, lexicon: EventLexicon) -> Token | None:
    """The listed event noun that a light verb takes as object ("held talks" → talks), or None."""
    if verb.lemma_.lower() not in LIGHT_VERBS:
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "obj", "attr") and trigger_type(child, lexicon) is not None:
            return child
    return None


def sentence_candidates(sentence: Span, lexicon: EventLexicon) -> list[Token]:
    """Every content verb and every listed event noun in a sentence, in text order."""
    return [
        token
        for token in sentence
        if verb_is_candidate(token) or (token.pos_ == "NOUN" and trigger_type(token, lexicon))
    ]
