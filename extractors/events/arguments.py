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
        stack.extend(child for child in token.children if _leads_to_actor(child, None))
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


def _argument_heads(predicate: Token) -> list[Token]:
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
    passive = any(child.dep_ == "nsubjpass" for child in predicate.children)
    return agents + subjects + others if passive else subjects + agents + others


def actors(trigger: Token, clause_verb: Token | None, limit: int) -> tuple[str, ...]:
    """People, organisations and countries taking part, the agent first where the parse shows it.

    An event noun takes the arguments of the verb it hangs from ("ministers held talks") before its own.
    """
    predicates = [trigger]
    if trigger.pos_ != "VERB" and clause_verb is not None:
        predicates.insert(0, clause_verb)
    names: list[str] = []
    for predicate in predicates:
        for head in _argument_heads(predicate):
            if head == trigger or head.pos_ in PRONOUNS:
                continue
            found = _phrase_entities(head)
            common = _common_noun_actor(head) if not found and head.dep_ in SUBJECT_DEPS else None
            for name in ([common] if common else []) + found:
                if name not in names:
                    names.append(name)
    return tuple(names[:limit])


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


def summary(trigger: Token, clause_verb: Token | None, place: str | None, limit: int) -> str:
    """One short clause: subject, verb group, object and place ("Defense ministers held talks in Paris")."""
    head = trigger if trigger.pos_ == "VERB" or clause_verb is None else clause_verb
    if head.pos_ != "VERB":
        return _compact_phrase(trigger, limit)
    chosen: list[Token] = [head]
    for child in head.children:
        if child.dep_ in SUBJECT_DEPS or child.dep_ in OBJECT_DEPS:
            chosen.extend(_core(child))
        elif child.dep_ in ("aux", "auxpass", "neg", "prt", "expl"):
            chosen.append(child)
    if trigger != head and trigger not in chosen:
        chosen.extend(_core(trigger))
        if trigger.dep_ == "pobj" and trigger.head.head == head:
            chosen.append(trigger.head)
    words = " ".join(token.text for token in sorted(set(chosen), key=lambda token: token.i)[:limit])
    if place and place not in words:
        words = f"{words} in {place}"
    return words


def _core(head: Token) -> list[Token]:
    """A noun phrase cut to its head, compounds, possessives and determiners (no clauses, no PPs)."""
    keep = [head]
    for child in head.lefts:
        if child.dep_ in ("compound", "det", "poss", "amod", "nummod", "case"):
            keep.extend(child.subtree if child.dep_ == "poss" else [child])
    return keep


def _compact_phrase(noun: Token, limit: int) -> str:
    tokens = _core(noun)
    for child in noun.rights:
        if child.dep_ == "prep":
            tokens.append(child)
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    tokens.extend(_core(pobj))
            break
    return " ".join(token.text for token in sorted(set(tokens), key=lambda token: token.i)[:limit])
