"""Who and where: an event's actors (agent first), its location and a one-clause summary."""

from __future__ import annotations

from spacy.tokens import Span, Token

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "attr"})
COMPANION_PREPOSITIONS = frozenset({"with", "between", "among", "of", "from", "by"})
PRONOUNS = frozenset({"PRON"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "xcomp"})
# How a verb with no subject of its own reaches the verb whose subject it shares.
SHARING_DEPS = frozenset({"xcomp", "conj", "advcl"})
MAX_SHARING_STEPS = 4
RELATIVE_TAGS = frozenset({"WDT", "WP"})
NON_FINITE_TAGS = frozenset({"VB", "VBG", "VBN"})


def _entity_span(token: Token) -> Span:
    """The named entity a token belongs to, found from its IOB tags (no scan of `doc.ents`)."""
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _entity_of(token: Token) -> Span | None:
    """The actor entity of a token; a parenthesized credit such as "(Reuters)" or "(AP)" is none."""
    if token.ent_type_ not in ACTOR_LABELS:
        return None
    entity = _entity_span(token)
    doc = token.doc
    credit = (entity.start > 0 and entity.end < len(doc) and doc[entity.start - 1].text == "("
              and doc[entity.end].text == ")")
    return None if credit else entity


def _phrase_entities(head: Token) -> list[str]:
    """The named actors inside a noun phrase, the head's own entity first; clauses inside are skipped."""
    names: list[str] = []
    own = _entity_of(head)
    if own is not None:
        names.append(own.text)
    stack = [child for child in head.children if _leads_to_actor(child, own)]
    while stack:
        token = stack.pop(0)
        entity = _entity_of(token)
        if entity is not None and entity.text not in names:
            names.append(entity.text)
        stack.extend(child for child in token.children if _leads_to_actor(child, entity))
    return names


def _leads_to_actor(child: Token, head_entity: Span | None) -> bool:
    """Clauses, places ("in Paris") and a person's title words ("French Defense Minister") hold no actor."""
    if child.dep_ in CLAUSE_DEPS or (child.dep_ == "prep" and child.lower_ in ("in", "at")):
        return False
    return not (head_entity is not None and head_entity.label_ == "PERSON" and child.i < head_entity.start)


def _common_noun_actor(head: Token) -> str | None:
    """A common-noun actor such as "Defense ministers": the head noun with its compounds."""
    if head.pos_ != "NOUN" or head.ent_type_:
        return None
    compounds = [child for child in head.lefts if child.dep_ == "compound"]
    tokens = sorted([*compounds, head], key=lambda token: token.i)
    return " ".join(token.text for token in tokens)


def _argument_heads(predicate: Token, hidden: frozenset[int]) -> list[Token]:
    """Subjects (and passive agents) first, then objects and with/between companions."""
    subjects, agents, others = [], [], []
    for child in predicate.children:
        if child.dep_ in SUBJECT_DEPS:
            subjects.append(child)
        elif child.dep_ == "agent":
            agents.extend(grandchild for grandchild in child.children if grandchild.dep_ == "pobj")
        elif child.dep_ in OBJECT_DEPS or child.dep_ == "poss" or child.dep_ == "compound":
            others.append(child)
        elif child.dep_ == "prep" and child.lower_ in COMPANION_PREPOSITIONS:
            others.extend(grandchild for grandchild in child.children if grandchild.dep_ == "pobj")
    if not subjects or any(subject.i in hidden for subject in subjects):
        shared = subject_of(predicate, hidden)
        subjects = [shared] if shared is not None else []
    passive = any(child.dep_ == "nsubjpass" for child in predicate.children)
    return agents + subjects + others if passive else subjects + agents + others


def subject_of(verb: Token, hidden: frozenset[int] = frozenset()) -> Token | None:
    """The verb's subject, or the one it shares: its controller's ("ministers held talks to coordinate"),
    its first conjunct's ("Pistorius welcomed … but added"), a relative clause's antecedent ("those that
    ruled out"), the noun an -ing participle modifies ("people carrying flags"). A passive infinitive
    shares none ("options … to be discussed"). A subject in a heading (`hidden`) gives way to the named
    entity nearest before its verb."""
    current = verb
    for _ in range(MAX_SHARING_STEPS):
        if any(child.dep_ == "expl" for child in current.children):
            return None
        own = _own_subject(current)
        if own is not None:
            if own.tag_ in RELATIVE_TAGS and current.dep_ == "relcl":
                return current.head
            return _entity_before(current, hidden) if own.i in hidden else own
        if current.dep_ == "relcl" or (current.dep_ == "acl" and current.tag_ == "VBG"):
            return current.head
        passive = any(child.dep_ == "auxpass" for child in current.children)
        finite_adverbial = current.dep_ == "advcl" and current.tag_ not in NON_FINITE_TAGS
        shares = current.dep_ in SHARING_DEPS and current.head.pos_ in ("VERB", "AUX")
        if not shares or finite_adverbial or (passive and current.dep_ != "conj"):
            return None
        current = current.head
    return None


def _own_subject(verb: Token) -> Token | None:
    """The verb's subject, also when the parser hung it on the verb's auxiliary ("Starmer are leading")."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    for aux in verb.children:
        if aux.dep_ in ("aux", "auxpass"):
            for child in aux.children:
                if child.dep_ in SUBJECT_DEPS:
                    return child
    return None


def actors(
    trigger: Token, clause_verb: Token | None, limit: int, hidden: frozenset[int] = frozenset()
) -> tuple[str, ...]:
    """People, organisations and countries taking part, the agent first where the parse shows it.

    An event noun takes the arguments of the verb it hangs from ("ministers held talks") before its own.
    Tokens in `hidden` (headings) are never actors; when the parse took its subject from there, the named
    entity nearest before the verb stands in ("‘Step in rapidly’ Defense Minister Boris Pistorius
    welcomed").
    """
    predicates = [trigger]
    if trigger.pos_ != "VERB" and clause_verb is not None:
        predicates.insert(0, clause_verb)
    names: list[str] = []
    for predicate in predicates:
        for head in _argument_heads(predicate, hidden):
            if head == trigger or head.pos_ in PRONOUNS or head.i in hidden:
                continue
            found = _phrase_entities(head)
            common = _common_noun_actor(head) if not found and head.dep_ in SUBJECT_DEPS else None
            for name in ([common] if common else []) + found:
                if name not in names:
                    names.append(name)
    return tuple(names[:limit])


def _entity_before(verb: Token, hidden: frozenset[int]) -> Token | None:
    """The last token of the nearest actor entity before a verb in its sentence, outside `hidden`."""
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.i not in hidden and _entity_of(token) is not None:
            return token
    return None


def location(trigger: Token, clause_verb: Token | None) -> str | None:
    """A place under a locative preposition ("in Paris") in the event's phrase or its clause.

    Prepositional phrases nested in the event's phrase count ("a rally in support of Ukraine in Paris");
    embedded clauses do not.
    """
    for predicate in (trigger, clause_verb):
        if predicate is None:
            continue
        stack = list(predicate.children)
        while stack:
            child = stack.pop(0)
            if child.dep_ in CLAUSE_DEPS or child.dep_ in SUBJECT_DEPS:
                continue
            if child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPOSITIONS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.ent_type_ in PLACE_LABELS:
                        return _place_text(pobj)
            stack.extend(child.children)
    return None


def _place_text(token: Token) -> str:
    return _entity_span(token).text if token.ent_type_ else token.text


def clause_span(trigger: Token, clause_verb: Token | None) -> tuple[int, int]:
    """Character span of the clause that states the event: the verb's subtree, or the noun phrase."""
    head = trigger if trigger.pos_ == "VERB" or clause_verb is None else clause_verb
    sentence = trigger.sent
    start = max(head.left_edge.idx, sentence.start_char)
    right = head.right_edge
    end = min(right.idx + len(right.text), sentence.end_char)
    return start, end


def summary(
    trigger: Token,
    clause_verb: Token | None,
    place: str | None,
    limit: int,
    hidden: frozenset[int] = frozenset(),
    restating: tuple[Token, ...] = (),
) -> str:
    """One short clause: subject, verb group, objects and place ("Defense ministers held talks in Paris").

    Nouns that restate the event (`restating`: "said at a press conference") come along. A verb with no
    subject of its own takes the one it shares ("… but added" → "Pistorius added"); an event
    noun below its verb's objects comes with its preposition ("People sing at a rally"). Words keep their
    own spacing ("Europe’s", "U.S.-Ukraine"); heading words (`hidden`) are left out.
    """
    head = trigger if trigger.pos_ == "VERB" or clause_verb is None else clause_verb
    if head.pos_ != "VERB" or (trigger != head and not _close_argument(trigger, head)):
        return _joined(_compact_phrase(trigger), limit)
    chosen: list[Token] = [head]
    subject = subject_of(head, hidden)
    if subject is not None:
        chosen.extend(_subject_words(subject))
    for child in head.children:
        if child.dep_ in OBJECT_DEPS:
            chosen.extend(_subject_words(child))
        elif child.dep_ in ("aux", "auxpass", "neg", "prt", "expl"):
            chosen.append(child)
    for noun in {trigger, *restating} - {head}:
        if noun not in chosen:
            chosen.extend(_core(noun))
            if noun.dep_ == "pobj" and (noun.head.head == head or noun.head.head in chosen):
                chosen.append(noun.head)
    words = _joined([token for token in chosen if token.i not in hidden], limit)
    if place and place not in words:
        words = f"{words} in {place}"
    return words


def _close_argument(noun: Token, verb: Token) -> bool:
    """A noun the verb takes as subject or object, directly, through one preposition ("at a rally") or in
    an of-phrase of its object ("held a round of talks")."""
    if noun.head == verb:
        return noun.dep_ in SUBJECT_DEPS | OBJECT_DEPS
    if noun.dep_ != "pobj":
        return False
    preposition = noun.head
    if preposition.head == verb:
        return True
    holder = preposition.head
    return preposition.lower_ == "of" and holder.head == verb and holder.dep_ in SUBJECT_DEPS | OBJECT_DEPS


def has_subject_or_object(summary_verb: Token) -> bool:
    """True when a verb's summary can name who or what: it has (or shares) a subject, or has an object."""
    if any(child.dep_ in SUBJECT_DEPS | OBJECT_DEPS | {"expl"} for child in summary_verb.children):
        return True
    return subject_of(summary_verb) is not None


def _subject_words(subject: Token) -> list[Token]:
    """A subject or object cut to its names: "Keir Starmer and Emmanuel Macron", "Europe’s two nuclear
    powers"."""
    heads = [subject, *(child for child in subject.children if child.dep_ == "conj")]
    words: list[Token] = []
    for number, head in enumerate(heads):
        entity = _entity_of(head)
        words.extend(entity if entity is not None and head.ent_type_ == "PERSON" else _core(head))
        if number < len(heads) - 1:
            words.extend(child for child in subject.children if child.dep_ == "cc")
    return words


def _joined(tokens: list[Token], limit: int) -> str:
    """Tokens in text order with the text's own spacing between neighbours, cut to `limit` tokens."""
    ordered = sorted(set(tokens), key=lambda token: token.i)[:limit]
    parts = []
    for number, token in enumerate(ordered):
        parts.append(token.text)
        following = ordered[number + 1] if number + 1 < len(ordered) else None
        if following is not None:
            parts.append(token.whitespace_ if following.i == token.i + 1 else " ")
    return " ".join("".join(parts).split())


def _core(head: Token) -> list[Token]:
    """A noun phrase cut to its head, compounds, possessives and determiners (no clauses, no PPs); a
    hyphenated head stays whole ("a write-down")."""
    keep = [head]
    for child in head.lefts:
        if child.dep_ in ("compound", "det", "poss", "amod", "nummod", "case"):
            keep.extend(child.subtree if child.dep_ in ("poss", "compound", "det") else [child])
        elif child.text == "-" and not child.whitespace_ and child.i == head.i - 1:
            keep.append(child)
    return keep


def _compact_phrase(noun: Token) -> list[Token]:
    tokens = _core(noun)
    for child in noun.rights:
        if child.dep_ == "prep":
            tokens.append(child)
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    tokens.extend(_core(pobj))
            break
    return tokens


def named_speaker(verb: Token, hidden: frozenset[int] = frozenset()) -> bool:
    """True when the verb's subject (own or shared) names a person, organisation or country: "Lavrov
    said", not "he said" or "the people said". A proper noun the entity recognizer missed counts."""
    subject = subject_of(verb, hidden)
    if subject is None or subject.pos_ in PRONOUNS:
        return False
    return subject.pos_ == "PROPN" or bool(_phrase_entities(subject))


def own_parties(noun: Token) -> list[str]:
    """The named parties inside an event noun's own phrase: "a U.S.-Ukraine accord", "its war with Russia".

    Besides the entities, a capitalized modifier the entity recognizer missed ("U.S.-Ukraine") names a party.
    """
    names = _phrase_entities(noun)
    modifiers = [
        child.text for child in noun.children
        if child.dep_ in ("compound", "amod") and (child.pos_ == "PROPN" or child.text[:1].isupper())
    ]
    return names + [name for name in modifiers if name not in names]
