"""Merging event mentions across articles into clusters: one real-world event, every source behind it.

The rule, applied to every pair of mentions (`same_event`):

1. Same event type, and both negated or both not.
2. Both have a closed date interval no longer than `MAX_INTERVAL_DAYS` (a day, a weekend, a week, a
   month), and the two intervals overlap. Undated, open-ended ("in the coming days") and vaguer ("this
   year") mentions never merge: their date says too little to tell two events apart.
3. Their places do not contradict each other: when both name a place, the places must agree.
4. Two independent agreements beyond type and date, from: a shared actor, an agreeing place, similar
   summaries (`summary_similarity` ≥ `SUMMARY_SIMILARITY`). Either actors and place both agree, or one of
   them agrees and the summaries are similar.

Names agree when, after case-folding, stripping accents and punctuation, the words of one are a subset
of the words of the other ("Lecornu" and "Sebastien Lecornu", "Paris" and "Paris, France"). Pronouns and
generic words ("they", "officials", "people") are never a shared actor. Summaries are compared on their
content words, crudely stemmed (overlap coefficient: shared words / words of the shorter summary).

Mentions within one article follow the same rule (two reports of one press conference in one story merge).

Clusters are the connected components of the "same event" graph (union-find), so the result does not depend
on the order of the input. They are computed exactly without testing every pair: mentions join only within a
run of overlapping dates of one (type, negation) block, so a stream ordered by block and first day is cut into
such runs, each clustered on its own; inside a run, mentions with one merge signature (every field
`same_event` reads) behave alike, so the graph is built on distinct signatures, then expanded (real feeds
repeat wire copy word for word). A cluster's id derives from its earliest reported mention (then the smallest
event id), so it stays stable when later articles add mentions. Its summary, date and evidence come from the
mention with the narrowest interval (then the highest confidence, then the smallest id); its status from the
latest report (a planned meeting later reported as held is `past`); its actors are the union of all mentions'
and its place the most frequent one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import islice

import duckdb
import pyarrow as pa

from extractors.records import sha256_hex

MAX_INTERVAL_DAYS = 31
SUMMARY_SIMILARITY = 0.3

# When reports made on the same day disagree, the status that tells more about what happened wins.
_STATUS_PRIORITY = {"past": 0, "ongoing": 1, "planned": 2, "proposed": 3, "negated": 4}
_GENERIC_ACTORS = frozenset({"he", "she", "it", "they", "we", "i", "you", "officials", "people", "reporters"})
_STOPWORDS = frozenset(
    (
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have",
        "he", "her", "his", "in", "into", "is", "it", "its", "not", "of", "on", "or", "our", "over", "said",
        "says", "she", "that", "the", "their", "them", "they", "this", "to", "was", "were", "which", "who",
        "will", "with", "would",
    )
)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Mention:
    """One stored event as the merging sees it."""

    event_id: str
    article_id: str
    type: str
    status: str
    summary: str
    first_day: date | None
    last_day: date | None
    actors: tuple[str, ...]
    location: str | None
    confidence: float
    negated: bool
    published: date | None


@dataclass(frozen=True, slots=True)
class Cluster:
    """One real-world event: its mentions and what they say together."""

    id: str
    event_ids: tuple[str, ...]
    representative_event_id: str
    type: str
    status: str
    summary: str
    first_day: date | None
    last_day: date | None
    actors: tuple[str, ...]
    location: str | None
    mention_count: int
    article_count: int
    first_reported: date | None
    last_reported: date | None
    confidence: float


@lru_cache(maxsize=65536)
def name_words(name: str) -> frozenset[str]:
    """The case-folded, accent-free words of a name, without a leading article ("The U.K." → {"uk"})."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    plain = re.sub(r"(?<=\w)\.(?=\w)|(?<=\w)\.$|'s\b", "", plain)
    words = _WORD.findall(plain)
    if words and words[0] == "the":
        words = words[1:]
    return frozenset(words)


def names_agree(first: str, second: str) -> bool:
    """True when the words of one name are a subset of the words of the other."""
    a, b = name_words(first), name_words(second)
    return bool(a) and bool(b) and (a <= b or b <= a)


def share_an_actor(first: Iterable[str], second: Iterable[str]) -> bool:
    """True when some specific (non-pronoun, non-generic) actor of one agrees with one of the other."""
    left = [words for words in map(name_words, first) if words and not words <= _GENERIC_ACTORS]
    right = [words for words in map(name_words, second) if words and not words <= _GENERIC_ACTORS]
    return any(a <= b or b <= a for a in left for b in right)


@lru_cache(maxsize=65536)
def summary_words(summary: str) -> frozenset[str]:
    """Content words of a summary, crudely stemmed so that "talks" and "talk" match."""
    words = (word for word in _WORD.findall(summary.lower()) if word not in _STOPWORDS and len(word) > 2)
    return frozenset(_stem(word) for word in words)


def summary_similarity(first: str, second: str) -> float:
    """Overlap coefficient of the summaries' content words: shared words / words of the shorter summary."""
    a, b = summary_words(first), summary_words(second)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def mergeable(mention: Mention) -> bool:
    """A mention can merge only with a closed date interval of at most `MAX_INTERVAL_DAYS` days."""
    if mention.first_day is None or mention.last_day is None:
        return False
    return 0 <= (mention.last_day - mention.first_day).days < MAX_INTERVAL_DAYS


def same_event(first: Mention, second: Mention) -> bool:
    """The pairwise rule of the module docstring: do these two mentions report one real-world event?"""
    if first.type != second.type or first.negated != second.negated:
        return False
    if not (mergeable(first) and mergeable(second)):
        return False
    if first.first_day > second.last_day or second.first_day > first.last_day:
        return False
    both_placed = first.location is not None and second.location is not None
    places_agree = both_placed and names_agree(first.location, second.location)
    if both_placed and not places_agree:
        return False
    actors_agree = share_an_actor(first.actors, second.actors)
    if actors_agree and places_agree:
        return True
    return (actors_agree or places_agree) and summary_similarity(
        first.summary, second.summary
    ) >= SUMMARY_SIMILARITY


def cluster_mentions(mentions: Iterable[Mention]) -> list[Cluster]:
    """Group mentions into clusters (connected components of `same_event`), sorted by cluster id."""
    unique = {mention.event_id: mention for mention in mentions}
    ordered = sorted(unique.values(), key=block_order)
    return sorted(clusters_in_block_order(ordered), key=lambda cluster: cluster.id)


def block_order(mention: Mention) -> tuple:
    """The order `clusters_in_block_order` reads mentions in: type, negation, first day (undated last), id."""
    return (mention.type, mention.negated, mention.first_day is None, mention.first_day or date.min,
            mention.event_id)


def clusters_in_block_order(mentions: Iterable[Mention]) -> Iterator[Cluster]:
    """The clusters of mentions with distinct event ids, given in `block_order` (as a warehouse query can
    stream them), holding only one run of overlapping dates in memory at a time. Raises ValueError when a
    mergeable mention comes out of order."""
    run: list[Mention] = []
    reach = date.min
    for mention in mentions:
        if not mergeable(mention):
            yield _summarize([mention])
            continue
        block = (mention.type, mention.negated)
        if run:
            last = (run[-1].type, run[-1].negated, run[-1].first_day)
            if (*block, mention.first_day) < last:
                raise ValueError(f"mention {mention.event_id} is out of block order")
            if block != last[:2] or mention.first_day > reach:
                yield from _run_clusters(run)
                run = []
        reach = mention.last_day if not run else max(reach, mention.last_day)
        run.append(mention)
    if run:
        yield from _run_clusters(run)


def _signature(mention: Mention) -> tuple:
    """Every field `same_event` reads: mentions with one signature merge with exactly the same mentions."""
    return (mention.type, mention.negated, mention.first_day, mention.last_day, mention.location,
            mention.actors, mention.summary)


def _run_clusters(run: list[Mention]) -> Iterator[Cluster]:
    """Clusters of one run of mergeable mentions of one block, sorted by first day, whose dates chain.

    The "same event" graph is built on distinct signatures. A signature linked to another one takes all its
    mentions into that component; an unlinked one keeps its mentions together when it merges with itself,
    else each of them is a cluster of its own.
    """
    twins: dict[tuple, list[Mention]] = {}
    for mention in run:
        twins.setdefault(_signature(mention), []).append(mention)
    groups = list(twins.values())  # in order of first day, as the run is
    parent = list(range(len(groups)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for index, group in enumerate(groups):
        first = group[0]
        for later in range(index + 1, len(groups)):
            second = groups[later][0]
            if second.first_day > first.last_day:
                break
            a, b = root(index), root(later)
            if a != b and same_event(first, second):
                parent[max(a, b)] = min(a, b)
    components: dict[int, list[int]] = {}
    for index in range(len(groups)):
        components.setdefault(root(index), []).append(index)
    for members in components.values():
        alone = groups[members[0]]
        if len(members) > 1 or same_event(alone[0], alone[0]):
            yield _summarize([mention for index in members for mention in groups[index]])
        else:
            yield from (_summarize([mention]) for mention in alone)


def _summarize(group: list[Mention]) -> Cluster:
    """Build the cluster record of one group of mentions (rules in the module docstring)."""
    never = date.max
    founder = min(group, key=lambda m: (m.published or never, m.event_id))
    representative = min(group, key=_precision_key)
    latest = min(group, key=lambda m: (-(m.published or date.min).toordinal(), _STATUS_PRIORITY[m.status]))
    published = [m.published for m in group if m.published is not None]
    locations = Counter(m.location for m in group if m.location)
    return Cluster(
        id=sha256_hex(f"cluster:{founder.event_id}")[:32],
        event_ids=tuple(sorted(m.event_id for m in group)),
        representative_event_id=representative.event_id,
        type=representative.type,
        status=latest.status,
        summary=representative.summary,
        first_day=representative.first_day,
        last_day=representative.last_day,
        actors=_merged_actors(group),
        location=min(locations, key=lambda place: (-locations[place], place)) if locations else None,
        mention_count=len(group),
        article_count=len({m.article_id for m in group}),
        first_reported=min(published) if published else None,
        last_reported=max(published) if published else None,
        confidence=max(m.confidence for m in group),
    )


def _precision_key(mention: Mention) -> tuple:
    """Sort key putting first the mention with the narrowest date, then the most confident one."""
    if mention.first_day is not None and mention.last_day is not None:
        width = (mention.last_day - mention.first_day).days
    else:
        width = 10**9 if mention.first_day is None else 10**8
    return (width, -mention.confidence, mention.event_id)


def _merged_actors(group: list[Mention]) -> tuple[str, ...]:
    """Every actor named by the mentions, most frequent first; a name contained in a longer one is dropped."""
    counts = Counter(actor for mention in group for actor in dict.fromkeys(mention.actors))
    ordered = sorted(counts, key=lambda actor: (-counts[actor], actor))
    kept: list[str] = []
    for actor in sorted(ordered, key=lambda actor: (-len(name_words(actor)), actor)):
        if not any(name_words(actor) <= name_words(longer) for longer in kept):
            kept.append(actor)
    return tuple(actor for actor in ordered if actor in kept)


def _stem(word: str) -> str:
    """Strip one common English suffix (a crude stemmer, enough for comparing short summaries)."""
    for suffix in ("ings", "ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


_CLUSTER_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("type", pa.string()),
        ("status", pa.string()),
        ("summary", pa.string()),
        ("representative_event_id", pa.string()),
        ("first_day", pa.date32()),
        ("last_day", pa.date32()),
        ("actors", pa.list_(pa.string())),
        ("location", pa.string()),
        ("mention_count", pa.int32()),
        ("article_count", pa.int32()),
        ("first_reported", pa.date32()),
        ("last_reported", pa.date32()),
        ("confidence", pa.float64()),
    ]
)
_MEMBER_SCHEMA = pa.schema([("event_id", pa.string()), ("cluster_id", pa.string())])


def store_clusters(con: duckdb.DuckDBPyConnection, clusters: Iterable[Cluster], *,
                   chunk_size: int = 20_000) -> int:
    """Replace `event_clusters` and `event_cluster_members` with `clusters`, in one transaction, inserting
    Arrow tables of `chunk_size` clusters at a time; return the number of clusters stored."""
    stored = 0
    remaining = iter(clusters)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM event_cluster_members")
        con.execute("DELETE FROM event_clusters")
        while chunk := tuple(islice(remaining, chunk_size)):
            cluster_rows, member_rows = _cluster_tables(chunk)
            con.register("new_event_clusters", cluster_rows)
            con.register("new_event_cluster_members", member_rows)
            try:
                con.execute("INSERT INTO event_clusters BY NAME SELECT * FROM new_event_clusters")
                con.execute(
                    "INSERT INTO event_cluster_members BY NAME SELECT * FROM new_event_cluster_members"
                )
            finally:
                con.unregister("new_event_clusters")
                con.unregister("new_event_cluster_members")
            stored += len(chunk)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return stored


def _cluster_tables(clusters: tuple[Cluster, ...]) -> tuple[pa.Table, pa.Table]:
    """The Arrow tables of some clusters and of their members."""
    cluster_rows = pa.table(
        [pa.array([getattr(cluster, field.name) for cluster in clusters], field.type)
         for field in _CLUSTER_SCHEMA],
        schema=_CLUSTER_SCHEMA,
    )
    member_rows = pa.table(
        {
            "event_id": pa.array([event_id for c in clusters for event_id in c.event_ids], pa.string()),
            "cluster_id": pa.array([c.id for c in clusters for _ in c.event_ids], pa.string()),
        },
        schema=_MEMBER_SCHEMA,
    )
    return cluster_rows, member_rows
