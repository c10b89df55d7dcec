"""Anchoring by syntax: each time expression dates the event it modifies, not every event of its sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterator

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
# A date under "since" starts a period that runs to the present and places no event it modifies ("cut rates
# for the first time since 2019").
PERIOD_START_WORD = "since"
# How a date sits inside a noun phrase: "December's figures", "the 1996 budget".
NOUN_MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
# Characters between the two parts of one date the tagger split in two ("June last year", "Friday, 1998").
MAX_SPLIT_GAP = 2
NOUN_IN_CLAUSE_DEPS = frozenset({"dobj", "obj", "pobj", "attr", "dative", "oprd"})
# Words that put what follows them at another time than the clause above: "rallied since the triumph of the
# revolution", "was arrested after the bombing".
ORDERING_WORDS = frozenset({"since", "until", "till", "before", "after", "following", "prior"})


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


def _anchoring_spans(doc: Doc, timexes: list[TimeExpression]) -> Iterator[tuple[TimeExpression, Span]]:
    """Each time expression that can date an event (`anchors_events`), with the tokens covering it."""
    for timex in timexes:
        if anchors_events(timex) and (span := timex_span(doc, timex)) is not None:
            yield timex, span


def climb_to_trigger(span: Span, accepts: Callable[[Token], bool]) -> Token | None:
    """The nearest accepted ancestor of a time expression's head, walking up the parse.

    A time expression under a main-clause copula dates the copula's subject when that subject is accepted
    ("the meeting is on Tuesday"); under an embedded copula, its predicate or subject, when accepted ("said
    its business was weak in the quarter": weak, not said). The climb stops at a comparison word ("rose
    19% from a year ago") and at "since" ("the first cut since 2019").
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
        if token.lower_ in COMPARISON_WORDS or token.lower_ == PERIOD_START_WORD:
            return None
        if token.pos_ == "AUX" and token.dep_ == "ROOT":
            return _copula_subject(token, accepts)
        if token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass"):
            predicate = _copula_predicate(token, accepts) or _copula_subject(token, accepts)
            if predicate is not None:
                return predicate
    return None


def _copula_subject(token: Token, accepts: Callable[[Token], bool]) -> Token | None:
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass") and accepts(child):
            return child
    return None


def _copula_predicate(token: Token, accepts: Callable[[Token], bool]) -> Token | None:
    for child in token.children:
        if child.dep_ in ("acomp", "attr") and accepts(child):
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
    trigger, one naming a period inside the other's wins ("in June last year": June), else the nearer; the
    other, when it is a date of its own (not a part of the winner's, not inside a noun phrase), dates the
    event it follows in the trigger's phrase ("on Saturday condemned the attacks in Kenya Friday": the
    attacks).
    """
    anchors: dict[int, TimeExpression] = {}
    distance: dict[int, int] = {}
    claimed: list[tuple[int, TimeExpression]] = []
    for timex, span in _anchoring_spans(doc, timexes):
        target = climb_to_trigger(span, accepts)
        if target is None:
            continue
        if not listed(target) and target.dep_ in NOUN_IN_CLAUSE_DEPS:
            target = climb_to_trigger(doc[target.i : target.i + 1], listed) or target
        claimed.append((target.i, timex))
        gap = min(abs(target.i - span.start), abs(target.i - (span.end - 1)))
        current = anchors.get(target.i)
        if current is None or _narrows(timex, current) or (
            gap < distance[target.i] and not _narrows(current, timex)
        ):
            anchors[target.i] = timex
            distance[target.i] = gap
    for index, timex in claimed:
        winner = anchors[index]
        if winner is timex or _adjacent(winner, timex) or _modifies_a_noun(doc, timex):
            continue
        follows = event_before(doc, doc[index], timex, listed)
        if follows is not None and follows.i not in anchors:
            anchors[follows.i] = timex
    return anchors


def event_before(
    doc: Doc, head: Token, timex: TimeExpression, accepts: Callable[[Token], bool]
) -> Token | None:
    """The accepted trigger nearest before a time expression inside `head`'s phrase ("follows two rulings
    last June" → rulings), or None."""
    span = timex_span(doc, timex)
    if span is None:
        return None
    inside = [token for token in head.subtree if head.i < token.i < span.start and accepts(token)]
    return inside[-1] if inside else None


def when_clause_anchors(
    doc: Doc, timexes: list[TimeExpression], accepts: Callable[[Token], bool]
) -> dict[int, TimeExpression]:
    """Map the verb of a "when" clause that follows a date to that date: "in contrast to Thursday, when
    police arrested 40 people", "through the first half of next year, when prices will fall".

    The parser often hangs such a clause on the main verb rather than on the date; the words still say the
    clause happens at the date.
    """
    found: dict[int, TimeExpression] = {}
    for timex, span in _anchoring_spans(doc, timexes):
        following = span.end + 1 if span.end < len(doc) and doc[span.end].text == "," else span.end
        if following >= len(doc) or doc[following].lower_ != "when":
            continue
        verb = doc[following].head
        if verb.i > following and accepts(verb):
            found.setdefault(verb.i, timex)
    return found


def in_when_clause(token: Token) -> bool:
    """True for a trigger of a "when" clause, or of a clause coordinated with one ("when police arrested 40
    people and fired tear gas")."""
    while True:
        if any(child.lower_ == "when" and child.i < token.i for child in token.children):
            return True
        if token.dep_ != "conj" or token.head == token:
            return False
        token = token.head


def _modifies_a_noun(doc: Doc, timex: TimeExpression) -> bool:
    """True for a date inside a noun phrase: "December's figures", "the 1996 budget"."""
    span = timex_span(doc, timex)
    return span is not None and span.root.dep_ in NOUN_MODIFIER_DEPS


def _adjacent(first: TimeExpression, second: TimeExpression) -> bool:
    """True for two parts of one date the tagger split in two ("June last year", "Friday, 1998")."""
    return 0 <= first.start - second.end <= MAX_SPLIT_GAP or 0 <= second.start - first.end <= MAX_SPLIT_GAP


def _narrows(inner: TimeExpression, outer: TimeExpression) -> bool:
    """True when `inner` is next to `outer` and names a strictly shorter period inside it: "June" of "June
    last year" ("this year through August" is a range's end, not a narrower date)."""
    if not _adjacent(inner, outer) or None in (inner.first_day, outer.first_day):
        return False
    inner_last = inner.last_day or inner.first_day
    outer_last = outer.last_day or outer.first_day
    inside = outer.first_day <= inner.first_day and inner_last <= outer_last
    return inside and (inner.first_day, inner_last) != (outer.first_day, outer_last)


def shared_anchors(
    doc: Doc, anchors: dict[int, TimeExpression], accepts_noun: Callable[[Token], bool]
) -> dict[int, TimeExpression]:
    """Dates that event nouns take from the verb they hang from, when they have none of their own.

    "held talks on Wednesday" dates the talks; "discussed on a virtual call this weekend" dates the call;
    "rallied on Friday since the revolution" does not date the revolution.
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
    if child.dep_ == "prep" and child.lower_ not in ORDERING_WORDS:
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
    strikes Thursday") is reached too, and so is an event noun subject, or a participle describing the
    subject ("people fleeing the city drowned on Friday"); a finite adverbial or reported clause is not,
    nor is what follows "since", "after", "before" and the like. A trigger with a dated word of its own
    below it ("the revolution that brought him to power 41 years ago") takes nothing from above.
    """
    spread: dict[int, TimeExpression] = {}
    for token in doc:
        if token.i in dated or not accepts(token) or any(child.i in dated for child in token.children):
            continue
        current = token
        while current.head != current:
            dep = current.dep_
            participle = dep == "advcl" and current.tag_ in PARTICIPLE_TAGS
            if dep not in SPREADING_DEPS and not participle and not _described_subject(token, current):
                break
            if dep == "conj" and current.tag_ != current.head.tag_ and current.pos_ == "VERB":
                break
            if current.lower_ in ORDERING_WORDS:
                break
            current = current.head
            if current.i in dated:
                spread[token.i] = dated[current.i]
                break
    return spread


def _described_subject(token: Token, current: Token) -> bool:
    """True when `current` is the subject `token` is, or that `token` describes ("the bombing killed 12
    people", "people fleeing the city drowned")."""
    described = current == token or (token.dep_ in ("acl", "amod") and token.head == current)
    return described and current.dep_ == "nsubj"


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
