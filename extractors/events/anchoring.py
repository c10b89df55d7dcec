"""Anchoring by syntax: each time expression dates the event it modifies, not every event of its sentence."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from extractors.records import TimeExpression

ANCHORING_TYPES = ("DATE", "TIME")
# Dependencies through which an event noun shares the date of the verb it hangs from:
# "held talks on Wednesday", "to be discussed on a virtual call this weekend".
SHARING_DEPS = frozenset({"dobj", "obj", "pobj", "nsubjpass", "attr"})
MAX_CLIMB = 8
# Words that introduce a comparison base: "rose 19% from a year ago", "compared with $3 million a year
# earlier". A date below one of them dates only what sits below it, never the verb above.
COMPARISON_WORDS = frozenset({"from", "than", "compared", "versus", "vs", "vs.", "against"})
# Characters between the two parts of one date the tagger split in two ("June last year", "Friday, 1998").
MAX_SPLIT_GAP = 2
NOUN_IN_CLAUSE_DEPS = frozenset({"dobj", "obj", "pobj", "attr", "dative", "oprd"})


def anchors_events(timex: TimeExpression) -> bool:
    """A DATE or TIME naming a point or period (not a duration-like value such as P1D for "daily")."""
    return timex.type in ANCHORING_TYPES and bool(timex.value) and not timex.value.startswith("P")


def under_comparison(token: Token) -> bool:
    """True for a comparison word or a token below one ("compared with $3 million a year earlier")."""
    while True:
        if token.lower_ in COMPARISON_WORDS:
            return True
        if token.head == token:
            return False
        token = token.head


def timex_span(doc: Doc, timex: TimeExpression) -> Span | None:
    """The tokens covering a time expression (expanded to token boundaries), or None off the text."""
    return doc.char_span(timex.start, timex.end, alignment_mode="expand")


def climb_to_trigger(span: Span, accepts: Callable[[Token], bool]) -> Token | None:
    """The nearest accepted ancestor of a time expression's head, walking up the parse.

    A time expression under a copula ("the meeting is on Tuesday") dates the copula's subject when that
    subject is accepted. The climb stops at a comparison word ("rose 19% from a year ago").
    """
    token = span.root
    for _ in range(MAX_CLIMB):
        if token.head == token:
            return _copula_subject(token, accepts)
        token = token.head
        if token in span:
            continue
        if accepts(token):
            return token
        if token.lower_ in COMPARISON_WORDS:
            return None
        if token.pos_ == "AUX" and token.dep_ == "ROOT":
            return _copula_subject(token, accepts)
    return None


def _copula_subject(token: Token, accepts: Callable[[Token], bool]) -> Token | None:
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass") and accepts(child):
            return child
    return None


def own_anchors(
    doc: Doc,
    timexes: list[TimeExpression],
    accepts: Callable[[Token], bool],
    listed: Callable[[Token], bool],
) -> dict[int, TimeExpression]:
    """Map the token index of each anchored trigger to the time expression that modifies it.

    When the expression hangs from a noun that is not an event noun ("options in the coming days"), it
    dates the event the noun belongs to ("will present options") instead. When two expressions modify one
    trigger, one naming a period inside the other's wins ("in June last year": June), else the nearer.
    """
    anchors: dict[int, TimeExpression] = {}
    distance: dict[int, int] = {}
    for timex in timexes:
        if not anchors_events(timex):
            continue
        span = timex_span(doc, timex)
        if span is None:
            continue
        trigger = climb_to_trigger(span, accepts)
        if trigger is None:
            continue
        targets = [trigger]
        if not listed(trigger) and trigger.dep_ in NOUN_IN_CLAUSE_DEPS:
            owner = climb_to_trigger(doc[trigger.i : trigger.i + 1], listed)
            if owner is not None:
                targets = [owner]
        for target in targets:
            gap = min(abs(target.i - span.start), abs(target.i - (span.end - 1)))
            current = anchors.get(target.i)
            if current is None or _narrows(timex, current) or (
                gap < distance[target.i] and not _narrows(current, timex)
            ):
                anchors[target.i] = timex
                distance[target.i] = gap
    return anchors


def _narrows(inner: TimeExpression, outer: TimeExpression) -> bool:
    """True when `inner` is next to `outer` and names a strictly shorter period inside it: "June" of "June
    last year" ("this year through August" is a range's end, not a narrower date)."""
    adjacent = 0 <= inner.start - outer.end <= MAX_SPLIT_GAP or 0 <= outer.start - inner.end <= MAX_SPLIT_GAP
    if not adjacent or None in (inner.first_day, outer.first_day):
        return False
    inner_last = inner.last_day or inner.first_day
    outer_last = outer.last_day or outer.first_day
    inside = outer.first_day <= inner.first_day and inner_last <= outer_last
    return inside and (inner.first_day, inner_last) != (outer.first_day, outer_last)


def shared_anchors(
    doc: Doc, anchors: dict[int, TimeExpression], accepts_noun: Callable[[Token], bool]
) -> dict[int, TimeExpression]:
    """Dates that event nouns take from the verb they hang from, when they have none of their own.

    "held talks on Wednesday" dates the talks; "discussed on a virtual call this weekend" dates the call.
    """
    shared: dict[int, TimeExpression] = {}
    for index, timex in anchors.items():
        verb = doc[index]
        if verb.pos_ != "VERB":
            continue
        for child in verb.children:
            for noun in _object_nouns(child):
                if noun.i not in anchors and accepts_noun(noun):
                    shared.setdefault(noun.i, timex)
    return shared


def _object_nouns(child: Token) -> list[Token]:
    if child.dep_ in SHARING_DEPS:
        return [child]
    if child.dep_ == "prep":
        return [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
    return []


def durations(
    doc: Doc, timexes: list[TimeExpression], accepts: Callable[[Token], bool]
) -> dict[int, str]:
    """Map the token index of a trigger to the DURATION value that measures it ("a 30-day halt" → P30D)."""
    found: dict[int, str] = {}
    for timex in timexes:
        if timex.type != "DURATION" or not timex.value.startswith("P"):
            continue
        span = timex_span(doc, timex)
        if span is None:
            continue
        trigger = climb_to_trigger(span, accepts)
        if trigger is not None:
            found.setdefault(trigger.i, timex.value)
    return found


# A clause a date reaches down into: coordinated verbs, infinitive complements, participles, relative
# clauses and prepositional phrases. Reported clauses (ccomp) are not reached: "Lavrov said Wednesday
# that NATO troops are a threat" dates the statement, not the threat.
SPREADING_DEPS = frozenset({"conj", "xcomp", "relcl", "acl", "prep", "pobj", "pcomp", "dobj", "obj",
                            "nsubjpass", "attr", "appos", "compound", "npadvmod", "dative", "oprd"})
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})


def spread_anchors(
    doc: Doc, dated: dict[int, TimeExpression], accepts: Callable[[Token], bool]
) -> dict[int, TimeExpression]:
    """Dates that undated triggers take from the nearest dated trigger above them in the same clause.

    "raided two homes and searched for a suspect on Sept. 2", "planned on Friday to pay the claims", "the
    1996 bombing that killed one person". A participial adverbial clause ("Retaliating …, forces launched
    strikes Thursday") is reached too; a finite adverbial or reported clause is not.
    """
    spread: dict[int, TimeExpression] = {}
    for token in doc:
        if token.i in dated or not accepts(token):
            continue
        current = token
        while current.head != current:
            dep = current.dep_
            if dep not in SPREADING_DEPS and not (dep == "advcl" and current.tag_ in PARTICIPLE_TAGS):
                break
            if dep == "conj" and current.tag_ != current.head.tag_ and current.pos_ == "VERB":
                break
            current = current.head
            if current.i in dated:
                spread[token.i] = dated[current.i]
                break
    return spread


def subject_anchors(doc: Doc, dated: dict[int, TimeExpression]) -> dict[int, TimeExpression]:
    """Past-tense verbs whose dated subject carries the date: "net income for the quarter declined"."""
    found: dict[int, TimeExpression] = {}
    for index, timex in dated.items():
        subject = doc[index]
        verb = subject.head
        if subject.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ != "VERB" or verb.i in dated:
            continue
        if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in verb.children if child.dep_ == "aux"):
            found.setdefault(verb.i, timex)
    return found
