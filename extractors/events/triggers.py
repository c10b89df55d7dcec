"""Event trigger candidates: content verbs and event nouns, with their event type."""

from __future__ import annotations

from spacy.tokens import Token

from extractors.events.lexicon import EventLexicon

NON_EVENT_VERBS = frozenset({"be", "have", "do", "seem", "become", "remain", "include", "mean", "appear"})
# Verbs of state and possession ("had earnings of $1.4 million in the quarter"): events only when a date
# anchors them, and of low confidence. Copulas are never events.
WEAK_VERBS = NON_EVENT_VERBS - {"be"}
# Light verbs: when an event noun is their object ("held talks", "joined talks") the noun is the event and
# the verb is kept only as a low-confidence trigger.
LIGHT_VERBS = frozenset({
    "hold", "have", "take", "make", "give", "conduct", "stage", "join", "attend", "host", "organize",
    "carry", "lead", "launch", "begin", "start", "continue", "reach", "sign", "strike", "seal",
})
# Verbs that attribute a quote or a report to its source ("he said", "the people cautioned").
ATTRIBUTION_VERBS = frozenset({
    "say", "tell", "add", "note", "caution", "explain", "write", "insist", "reply", "comment", "continue",
    "tweet", "post",
})
NON_EVENT_NOUNS = frozenset({
    "day", "week", "month", "year", "time", "period", "quarter", "people", "official", "man", "woman",
    "president", "minister", "spokesman", "spokeswoman", "company", "government", "country", "city", "part",
})


def _is_word(token: Token) -> bool:
    """A word that can name an event: it starts with a letter ("’s" does not) and is not a preposition in
    verb form ("according to", "including")."""
    return token.text[:1].isalpha() and token.dep_ != "prep"


def verb_is_candidate(token: Token) -> bool:
    """A content verb (not an auxiliary, copula or verb of being)."""
    return token.pos_ == "VERB" and token.lemma_.lower() not in NON_EVENT_VERBS and _is_word(token)


def is_weak_trigger(token: Token) -> bool:
    """A verb of state or possession, or a predicate adjective ("payable Jan. 3"): a low-confidence event."""
    if token.pos_ == "VERB":
        return token.lemma_.lower() in WEAK_VERBS and _is_word(token)
    return token.pos_ == "ADJ" and token.dep_ == "acomp"


def trigger_type(token: Token, lexicon: EventLexicon) -> str | None:
    """The event type of a token from the lexicon (press/news conferences are statements), or None. A
    hyphenated noun is looked up whole ("cease-fire")."""
    if token.pos_ == "VERB":
        return lexicon.trigger_type(token.lemma_, "VERB")
    if token.pos_ == "NOUN":
        start = hyphenated_start(token)
        words = [token.lemma_, token.text]
        if start != token:
            words.insert(0, token.doc[start.i : token.i + 1].text)
        found = next((kind for word in words if (kind := lexicon.trigger_type(word, "NOUN"))), None)
        if found == "meeting" and any(child.lower_ in ("press", "news") for child in token.lefts):
            return "statement"
        return found
    return None


def noun_is_eventive(token: Token, lexicon: EventLexicon) -> bool:
    """A common noun that names an event: listed in the lexicon, a nominalization or gerund by shape that
    heads its phrase ("the shooting", not "a peacekeeping force"), the object of an aspectual verb
    ("resumed work", "delayed the vote"), or a hyphenated phrasal noun ("a write-down", "the sell-off")."""
    if token.pos_ != "NOUN":
        return False
    if trigger_type(token, lexicon) is not None or is_aspectual_object(token, lexicon):
        return True
    if token.lower_ in lexicon.phrasal_particles and hyphenated_start(token) != token:
        return True
    return token.dep_ != "compound" and lexicon.noun_has_event_shape(token.lemma_)


def hyphenated_start(token: Token) -> Token:
    """The first word of the hyphenated word a token ends ("write" for the "down" of "write-down"), or the
    token itself."""
    doc = token.doc
    while (token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
           and not doc[token.i - 2].whitespace_ and doc[token.i - 2].is_alpha):
        token = doc[token.i - 2]
    return token


def is_aspectual_object(token: Token, lexicon: EventLexicon) -> bool:
    """A common noun that an aspectual verb takes as its object: "resumed work", "suspended production"."""
    return (token.pos_ == "NOUN" and token.dep_ in ("dobj", "obj") and not token.ent_type_
            and token.head.lemma_.lower() in lexicon.aspectual_verbs)


def noun_looks_eventive(token: Token) -> bool:
    """A common noun a date can govern ("the quarter's loss", "the 1995 bombing"): an event when dated.

    Nouns for people, places and time units are not events.
    """
    return (
        token.pos_ == "NOUN"
        and not token.ent_type_
        and token.lemma_.lower() not in NON_EVENT_NOUNS
    )


def is_quote_filler(verb: Token) -> bool:
    """An attribution with no named speaker: "he said", "the people said", "officials told reporters"."""
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    return all(
        subject.pos_ == "PRON" or not any(token.ent_type_ for token in subject.subtree)
        for subject in subjects
    )


def is_attribution(verb: Token) -> bool:
    """A verb of saying that attributes reported words to their source: "“…,” Lecornu said", "the people
    said", "Lavrov said Wednesday that …"."""
    return (
        verb.pos_ == "VERB"
        and verb.lemma_.lower() in ATTRIBUTION_VERBS
        and any(child.dep_ in ("ccomp", "parataxis") for child in verb.children)
    ) or (verb.dep_ == "parataxis" and verb.lemma_.lower() in ATTRIBUTION_VERBS)


def event_noun_object(verb: Token, lexicon: EventLexicon) -> Token | None:
    """The listed event noun that a light verb takes as object, or None: "held talks" → talks, "no
    ceasefire was reached" → ceasefire, "held a second round of talks" → talks."""
    if verb.lemma_.lower() not in LIGHT_VERBS:
        return None
    for child in verb.children:
        if child.dep_ not in ("dobj", "obj", "attr", "nsubjpass"):
            continue
        if trigger_type(child, lexicon) is not None:
            return child
        for of_phrase in child.children:
            if of_phrase.dep_ == "prep" and of_phrase.lower_ == "of":
                for noun in of_phrase.children:
                    if noun.dep_ == "pobj" and trigger_type(noun, lexicon) is not None:
                        return noun
    return None
