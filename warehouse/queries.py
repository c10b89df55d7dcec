"""Every read query of the warehouse, by name, with named parameters.

The command line and the charts ask for rows through the functions below (or `run_query(name, …)`); none of
them builds SQL. User input only ever reaches DuckDB as a parameter value, so quotes, `%`, `_` or `--` in a
filter are matched literally (`contains`, never `LIKE`).

Filter semantics (`EventFilter`): a date range keeps events whose interval overlaps it; an open-ended
interval (FUTURE_REF: first day = the DCT, no last day) counts as its first `OPEN_INTERVAL_DAYS` days;
undated events drop out of any date-filtered query. Extractions below `min_confidence` (by default
`DEFAULT_MIN_CONFIDENCE`: the extractor gives weak verbs and bare quote attributions less) are left out; a
cluster's confidence is its most confident mention's. `actor`, `place` and `search` are case-insensitive
substrings; `search` looks in the summaries and evidence sentences (for a cluster: of any of its mentions).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from warehouse.clusters import Mention

OPEN_INTERVAL_DAYS = 30
DEFAULT_MIN_CONFIDENCE = 0.5

ROW_COLUMNS: tuple[str, ...] = (
    "id", "type", "status", "summary", "date_text", "date_value", "first_day", "last_day", "granularity",
    "duration", "actors", "location", "evidence", "sources", "mention_count", "first_reported",
    "last_reported",
)


@dataclass(frozen=True)
class EventFilter:
    """Which events a query keeps; empty fields do not filter."""

    date_from: date | None = None
    date_to: date | None = None
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    actor: str | None = None
    place: str | None = None
    search: str | None = None
    limit: int | None = None
    min_confidence: float = DEFAULT_MIN_CONFIDENCE


# The filter over one row `r` (a cluster or a mention) with first_day, last_day, type, status and actors;
# place and search are checked on the mentions (events rows) behind `r`.
_ROW_FILTER = f"""
    ($date_from IS NULL OR coalesce(r.last_day, r.first_day + {OPEN_INTERVAL_DAYS}) >= $date_from)
    AND ($date_to IS NULL OR r.first_day <= $date_to)
    AND ($types IS NULL OR list_contains($types, r.type))
    AND ($statuses IS NULL OR list_contains($statuses, r.status))
    AND ($actor IS NULL OR len(list_filter(r.actors, lambda a: contains(lower(a), lower($actor)))) > 0)
    AND r.confidence >= $min_confidence
"""


def _mention_filter(alias: str) -> str:
    """The place and search filter over the mention (events) row named `alias`."""
    return f"""
    ($place IS NULL OR contains(lower(coalesce({alias}.location, '')), lower($place)))
    AND ($search IS NULL OR contains(lower({alias}.summary), lower($search))
                         OR contains(lower({alias}.evidence), lower($search)))
"""


_CLUSTER_ROWS = f"""
WITH selected AS (
    SELECT r.*
    FROM event_clusters r
    WHERE {_ROW_FILTER}
      AND ($place IS NULL AND $search IS NULL OR EXISTS (
            SELECT 1 FROM event_cluster_members cm JOIN events m ON m.id = cm.event_id
            WHERE cm.cluster_id = r.id AND {_mention_filter('m')}))
    ORDER BY r.first_day NULLS LAST, r.last_day NULLS LAST, r.type, r.id
    LIMIT $limit
),
cluster_sources AS (
    SELECT cluster_id,
           list({{'title': title, 'url': url, 'published': published}} ORDER BY published, url, title)
               AS sources
    FROM (
        SELECT DISTINCT cm.cluster_id, a.id, a.title, a.url, a.published
        FROM selected s
        JOIN event_cluster_members cm ON cm.cluster_id = s.id
        JOIN events e ON e.id = cm.event_id
        JOIN articles a ON a.id = e.article_id
    )
    GROUP BY cluster_id
)
SELECT r.id, r.type, r.status, r.summary, e.time_text AS date_text, e.time_value AS date_value,
       r.first_day, r.last_day, e.granularity, e.duration, r.actors, r.location, e.evidence,
       coalesce(s.sources, []) AS sources, r.mention_count, r.first_reported, r.last_reported
FROM selected r
JOIN events e ON e.id = r.representative_event_id
LEFT JOIN cluster_sources s ON s.cluster_id = r.id
ORDER BY r.first_day NULLS LAST, r.last_day NULLS LAST, r.type, r.id
"""

_MENTION_ROWS = f"""
SELECT r.id, r.type, r.status, r.summary, r.time_text AS date_text, r.time_value AS date_value,
       r.first_day, r.last_day, r.granularity, r.duration, r.actors, r.location, r.evidence,
       [{{'title': a.title, 'url': a.url, 'published': a.published}}] AS sources,
       1 AS mention_count, a.published AS first_reported, a.published AS last_reported
FROM events r
JOIN articles a ON a.id = r.article_id
WHERE {_ROW_FILTER} AND {_mention_filter('r')}
ORDER BY r.first_day NULLS LAST, r.last_day NULLS LAST, r.type, a.published NULLS LAST, r.id
LIMIT $limit
"""

_DAILY_COUNTS = f"""
SELECT r.first_day AS day, r.type, r.status, count(*) AS count
FROM event_clusters r
WHERE r.first_day IS NOT NULL AND {_ROW_FILTER}
  AND ($place IS NULL AND $search IS NULL OR EXISTS (
        SELECT 1 FROM event_cluster_members cm JOIN events m ON m.id = cm.event_id
        WHERE cm.cluster_id = r.id AND {_mention_filter('m')}))
GROUP BY ALL
ORDER BY day, r.type, r.status
"""

QUERIES: dict[str, str] = {
    "cluster_rows": _CLUSTER_ROWS,
    "mention_rows": _MENTION_ROWS,
    "daily_counts": _DAILY_COUNTS,
    "table_counts": """
        SELECT 'schema_migrations' AS name, count(*) AS count FROM schema_migrations
        UNION ALL SELECT 'sources', count(*) FROM sources
        UNION ALL SELECT 'articles', count(*) FROM articles
        UNION ALL SELECT 'time_expressions', count(*) FROM time_expressions
        UNION ALL SELECT 'events', count(*) FROM events
        UNION ALL SELECT 'event_clusters', count(*) FROM event_clusters
        UNION ALL SELECT 'event_cluster_members', count(*) FROM event_cluster_members
        UNION ALL SELECT 'runs', count(*) FROM runs
        UNION ALL SELECT 'failures', count(*) FROM failures
    """,
    "latest_published": "SELECT max(published) AS published FROM articles",
    "clustering_mentions": """
        SELECT e.id AS event_id, e.article_id, e.type, e.status, e.summary, e.first_day, e.last_day,
               e.actors, e.location, e.confidence, e.negated, a.published
        FROM events e JOIN articles a ON a.id = e.article_id
        ORDER BY e.type, e.negated, e.first_day NULLS LAST, e.id
    """,
}


def iter_query(
    con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None, *, chunk_rows: int = 10_000
) -> Iterator[dict]:
    """Run the named query with named parameters; yield its rows as dicts, fetched `chunk_rows` at a time."""
    result = con.execute(QUERIES[name], params or {})
    columns = [column[0] for column in result.description]
    while rows := result.fetchmany(chunk_rows):
        for row in rows:
            yield dict(zip(columns, row, strict=True))


def run_query(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> list[dict]:
    """Run the named query with named parameters; return its rows as dicts."""
    return list(iter_query(con, name, params))


def filter_params(filters: EventFilter) -> dict:
    """The named parameters of an `EventFilter` (empty values become NULL: no filtering)."""
    return {
        "date_from": filters.date_from,
        "date_to": filters.date_to,
        "types": list(filters.types) or None,
        "statuses": list(filters.statuses) or None,
        "actor": filters.actor or None,
        "place": filters.place or None,
        "search": filters.search or None,
        "limit": filters.limit,
        "min_confidence": filters.min_confidence,
    }


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The row count of every warehouse table."""
    return {row["name"]: row["count"] for row in run_query(con, "table_counts")}


def latest_published(con: duckdb.DuckDBPyConnection) -> date | None:
    """The most recent publication date (DCT) among stored articles, or None."""
    return run_query(con, "latest_published")[0]["published"]


def event_rows(con: duckdb.DuckDBPyConnection, filters: EventFilter, *, mentions: bool = False) -> list[dict]:
    """Events matching `filters` as chart rows (`ROW_COLUMNS`): clusters, or single events with `mentions`."""
    rows = run_query(con, "mention_rows" if mentions else "cluster_rows", filter_params(filters))
    for row in rows:
        row["actors"] = list(row["actors"])
    return rows


def upcoming_rows(
    con: duckdb.DuckDBPyConnection, *, as_of: date, days: int, mentions: bool = False
) -> list[dict]:
    """Planned events whose interval overlaps the `days` days starting at `as_of`, soonest first."""
    window = EventFilter(date_from=as_of, date_to=as_of + timedelta(days=days), statuses=("planned",))
    return event_rows(con, window, mentions=mentions)


def chart_rows(con: duckdb.DuckDBPyConnection, filters: EventFilter) -> list[dict]:
    """Dated clusters matching `filters` as chart rows (undated ones cannot be placed on a timeline)."""
    return [row for row in event_rows(con, filters) if row["first_day"] is not None]


def daily_counts(con: duckdb.DuckDBPyConnection, filters: EventFilter) -> list[dict]:
    """Clusters per first day, type and status (`day`, `type`, `status`, `count`) for aggregated timelines."""
    params = filter_params(filters)
    del params["limit"]
    return run_query(con, "daily_counts", params)


def clustering_mentions(con: duckdb.DuckDBPyConnection) -> Iterator[Mention]:
    """Every stored event as a `Mention` for the cluster merging, in `clusters.block_order`, streamed in
    chunks (so a separate cursor can read while clusters are written)."""
    for row in iter_query(con, "clustering_mentions"):
        yield Mention(**{**row, "actors": tuple(row["actors"])})
