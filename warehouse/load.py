"""Writing to the warehouse: runs, failures, articles with their time expressions and events, clusters.

Article identity: an article is its `id` (sha256 of the canonical URL, else of the text). Loading it again
with the same content hash writes nothing ("unchanged"). A different hash at the same id, or a new id at a
URL already stored, is a new version: the old article row, its time expressions, events and cluster
memberships are deleted and the new ones written in the same transaction ("replaced").

Writes go through Arrow tables (`INSERT … BY NAME SELECT * FROM arrow_table`), never row by row.
`load_articles` writes a whole batch in one transaction; if that fails it rolls the batch back and loads
each article in its own transaction, so one bad article costs only itself (it is recorded in `failures`).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from operator import attrgetter
from uuid import uuid4

import duckdb
import pyarrow as pa

from extractors.records import Article, Event, ReadFailure, TimeExpression
from warehouse.clusters import clusters_in_block_order, store_clusters
from warehouse.db import storage_failure
from warehouse.queries import clustering_mentions

ArticleItem = tuple[Article, list[TimeExpression], list[Event]]

_ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("source", pa.string()),
        ("published", pa.date32()),
        ("dct_origin", pa.string()),
        ("language", pa.string()),
        ("text", pa.string()),
        ("run_id", pa.string()),
        ("first_loaded_at", pa.timestamp("us")),
        ("version", pa.int32()),
    ]
)
_TIMEX_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("start_char", pa.int32()),
        ("end_char", pa.int32()),
        ("text", pa.string()),
        ("type", pa.string()),
        ("value", pa.string()),
        ("mod", pa.string()),
        ("first_day", pa.date32()),
        ("last_day", pa.date32()),
        ("granularity", pa.string()),
    ]
)
_EVENT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("type", pa.string()),
        ("status", pa.string()),
        ("summary", pa.string()),
        ("trigger_start", pa.int32()),
        ("trigger_end", pa.int32()),
        ("trigger_text", pa.string()),
        ("trigger_lemma", pa.string()),
        ("sentence_start", pa.int32()),
        ("sentence_end", pa.int32()),
        ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()),
        ("location", pa.string()),
        ("duration", pa.string()),
        ("modality", pa.string()),
        ("confidence", pa.float64()),
        ("negated", pa.bool_()),
        ("article_id", pa.string()),
        ("actors", pa.list_(pa.string())),
        ("time_start", pa.int32()),
        ("time_end", pa.int32()),
        ("time_text", pa.string()),
        ("time_type", pa.string()),
        ("time_value", pa.string()),
        ("time_mod", pa.string()),
        ("first_day", pa.date32()),
        ("last_day", pa.date32()),
        ("granularity", pa.string()),
    ]
)
# Column name → record attribute, for the columns copied straight from a record.
_TIMEX_COLUMNS = {
    "start_char": "start", "end_char": "end", "text": "text", "type": "type", "value": "value", "mod": "mod",
    "first_day": "first_day", "last_day": "last_day", "granularity": "granularity",
}
_EVENT_OWN_COLUMNS = (
    "id", "type", "status", "summary", "trigger_start", "trigger_end", "trigger_text", "trigger_lemma",
    "sentence_start", "sentence_end", "evidence_start", "evidence_end", "actors", "location", "duration",
    "modality", "confidence", "negated",
)
_EVENT_TIME_COLUMNS = {
    "time_start": "start", "time_end": "end", "time_text": "text", "time_type": "type", "time_value": "value",
    "time_mod": "mod", "first_day": "first_day", "last_day": "last_day", "granularity": "granularity",
}
# Stands in for the time expression of an undated event: every attribute None.
_NO_TIME = TimeExpression(start=None, end=None, text=None, type=None, value=None)  # type: ignore[arg-type]
_LOAD_ERRORS = (duckdb.Error, pa.ArrowException, ValueError, TypeError, AttributeError)


def _now() -> datetime:
    """The current UTC time as a naive timestamp (the warehouse stores UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def start_run(con: duckdb.DuckDBPyConnection, *, flow_run_id: str | None, inputs: list[str]) -> str:
    """Record the start of a flow run; return its run id.

    Runs still marked 'running' are marked 'interrupted' first: only one process can hold the warehouse, so
    they belong to a process that died (killed, out of memory, power cut) before it could finish them.
    """
    run_id = uuid4().hex
    try:
        con.execute(
            "UPDATE runs SET status = 'interrupted', finished_at = $now WHERE status = 'running'",
            {"now": _now()},
        )
        con.execute(
            "INSERT INTO runs (id, flow_run_id, inputs, started_at, status) "
            "VALUES ($id, $flow_run_id, $inputs, $started_at, 'running')",
            {"id": run_id, "flow_run_id": flow_run_id, "inputs": list(inputs), "started_at": _now()},
        )
    except duckdb.Error as error:
        raise storage_failure(error) or error from None
    return run_id


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, *, status: str, counts: dict[str, int]) -> None:
    """Record the end of a run: its status (completed, failed, …) and its counts."""
    con.execute(
        "UPDATE runs SET finished_at = $finished_at, status = $status, counts = $counts WHERE id = $id",
        {"id": run_id, "finished_at": _now(), "status": status, "counts": json.dumps(counts, sort_keys=True)},
    )


def record_failure(con: duckdb.DuckDBPyConnection, run_id: str, failure: ReadFailure) -> None:
    """Record an input that failed at some stage of a run."""
    con.execute(
        "INSERT INTO failures (run_id, input, stage, error, details, recorded_at) "
        "VALUES ($run_id, $input, $stage, $error, $details, $recorded_at)",
        {
            "run_id": run_id,
            "input": failure.input,
            "stage": failure.stage,
            "error": failure.error,
            "details": json.dumps(failure.details, sort_keys=True, default=str),
            "recorded_at": _now(),
        },
    )


def article_is_stored(con: duckdb.DuckDBPyConnection, article_id: str, content_hash: str) -> bool:
    """True when this exact version of the article (id and content hash) is already stored."""
    row = con.execute(
        "SELECT count(*) FROM articles WHERE id = $id AND content_hash = $content_hash",
        {"id": article_id, "content_hash": content_hash},
    ).fetchone()
    return row[0] > 0


def load_article(
    con: duckdb.DuckDBPyConnection,
    article: Article,
    timexes: list[TimeExpression],
    events: list[Event],
    *,
    run_id: str,
    source: str | None = None,
) -> str:
    """Store one article with its time expressions and events in one transaction.

    `source` (the input it was read from) overrides `article.source` when given. Returns "new",
    "unchanged" (same id and content hash: nothing written) or "replaced" (a new version).
    """
    if source is not None:
        article = dataclasses.replace(article, source=source)
    outcome = _write_batch(con, [(article, timexes, events)], run_id)
    return outcome[article.id]


def load_articles(con: duckdb.DuckDBPyConnection, items: list[ArticleItem], *, run_id: str) -> dict[str, int]:
    """Store a batch of articles; return counts of new, unchanged, replaced and failed articles.

    The batch is one transaction. If it fails, it is rolled back and each article is loaded in its own
    transaction; an article that still fails is recorded in `failures` (stage "load") and counted as failed.
    A failure of the storage itself (full disk, read-only file system) raises `WarehouseUnwritable`.
    """
    counts = {"new": 0, "unchanged": 0, "replaced": 0, "failed": 0}
    try:
        outcomes = list(_write_batch(con, items, run_id).values())
    except _LOAD_ERRORS as error:
        if (unwritable := storage_failure(error)) is not None:
            raise unwritable from None
        outcomes = [_load_alone(con, item, run_id) for item in _deduplicated(items)]
    for outcome in outcomes:
        counts[outcome] += 1
    counts["unchanged"] += len(items) - len(outcomes)  # repeats of an article within the batch
    return counts


def update_clusters(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute every event cluster from the stored events (deterministic); return the cluster count.

    The events stream in block order from a second cursor while the clusters are written in chunks, so
    memory holds one run of overlapping dates at a time, not the whole warehouse.
    """
    reader = con.cursor()
    try:
        return store_clusters(con, clusters_in_block_order(clustering_mentions(reader)))
    finally:
        reader.close()


def _load_alone(con: duckdb.DuckDBPyConnection, item: ArticleItem, run_id: str) -> str:
    """Load one article of a failed batch on its own; record a failure instead of raising."""
    article = item[0]
    try:
        return _write_batch(con, [item], run_id)[article.id]
    except _LOAD_ERRORS as exc:
        if (unwritable := storage_failure(exc)) is not None:
            raise unwritable from None
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        label = article.url or article.id
        record_failure(con, run_id, ReadFailure(input=label, stage="load", error=f"{label}: {message}"))
        return "failed"


def _deduplicated(items: list[ArticleItem]) -> list[ArticleItem]:
    """One item per article id (the last one given wins), in first-seen order."""
    latest: dict[str, ArticleItem] = {}
    for item in items:
        latest.pop(item[0].id, None)
        latest[item[0].id] = item
    return list(latest.values())


def _write_batch(con: duckdb.DuckDBPyConnection, items: list[ArticleItem], run_id: str) -> dict[str, str]:
    """Write a deduplicated batch in one transaction; return the outcome of each article id."""
    items = _deduplicated(items)
    keys = pa.table(
        {
            "id": pa.array([article.id for article, _, _ in items], pa.string()),
            "url": pa.array([article.url for article, _, _ in items], pa.string()),
            "content_hash": pa.array([article.content_hash for article, _, _ in items], pa.string()),
        }
    )
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("batch_keys", keys)
        outcomes, stale_ids, history = _classify(con)
        changed = [item for item in items if outcomes[item[0].id] != "unchanged"]
        if changed:
            _delete_articles(con, stale_ids)
            now = _now()
            _insert_tables(con, _batch_tables(changed, run_id, now, history), now)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("batch_keys")
    con.execute("COMMIT")
    return outcomes


def _classify(
    con: duckdb.DuckDBPyConnection,
) -> tuple[dict[str, str], list[str], dict[str, tuple[datetime, int]]]:
    """Compare the registered batch keys with the stored articles.

    Returns the outcome per article id, the stored article ids to delete, and for each replaced article
    the first time its identity was loaded and its last version number.
    """
    rows = con.execute(
        """
        WITH matches AS (
            SELECT b.id AS batch_id, a.id, a.content_hash = b.content_hash AS same_text,
                   a.first_loaded_at, a.version
            FROM batch_keys b JOIN articles a ON a.id = b.id
            UNION
            SELECT b.id, a.id, FALSE, a.first_loaded_at, a.version
            FROM batch_keys b JOIN articles a ON a.url = b.url
            WHERE a.id <> b.id
        )
        SELECT b.id,
               coalesce(bool_or(m.same_text AND m.id = b.id), FALSE) AS same,
               count(m.id) AS stored,
               list(m.id) FILTER (WHERE m.id IS NOT NULL) AS stored_ids,
               min(m.first_loaded_at) AS first_loaded_at,
               max(m.version) AS version
        FROM batch_keys b
        LEFT JOIN matches m ON m.batch_id = b.id
        GROUP BY b.id
        """
    ).fetchall()
    outcomes: dict[str, str] = {}
    stale_ids: list[str] = []
    history: dict[str, tuple[datetime, int]] = {}
    for article_id, same, stored, stored_ids, first_loaded_at, version in rows:
        if same:
            outcomes[article_id] = "unchanged"
        elif stored:
            outcomes[article_id] = "replaced"
            stale_ids.extend(stored_ids)
            history[article_id] = (first_loaded_at, version)
        else:
            outcomes[article_id] = "new"
    return outcomes, sorted(set(stale_ids)), history


def _delete_articles(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    """Delete stored articles with everything derived from them (inside the caller's transaction)."""
    if not article_ids:
        return
    params = {"ids": article_ids}
    con.execute(
        "DELETE FROM event_cluster_members WHERE event_id IN "
        "(SELECT id FROM events WHERE list_contains($ids, article_id))",
        params,
    )
    con.execute("DELETE FROM events WHERE list_contains($ids, article_id)", params)
    con.execute("DELETE FROM time_expressions WHERE list_contains($ids, article_id)", params)
    con.execute("DELETE FROM articles WHERE list_contains($ids, id)", params)


def _batch_tables(
    items: list[ArticleItem], run_id: str, now: datetime, history: dict[str, tuple[datetime, int]]
) -> dict[str, pa.Table]:
    """The Arrow tables of a batch, keyed by the name they are registered under."""
    return {
        "batch_articles": _article_table(items, run_id, now, history),
        "batch_timexes": _timex_table(items),
        "batch_events": _event_table(items),
    }


def _insert_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], now: datetime) -> None:
    """Insert new and replaced articles, their expressions and events, and upsert their sources.

    Runs inside the caller's transaction, with `batch_keys` registered (it supplies the content hashes);
    the evidence text of each event is cut from its article's text in SQL.
    """
    for name, table in tables.items():
        con.register(name, table)
    try:
        con.execute(
            "INSERT INTO articles BY NAME SELECT b.*, k.content_hash, $now AS loaded_at "
            "FROM batch_articles b JOIN batch_keys k ON k.id = b.id",
            {"now": now},
        )
        con.execute("INSERT INTO time_expressions BY NAME SELECT * FROM batch_timexes")
        con.execute(
            """
            INSERT INTO events BY NAME
            SELECT e.*, substring(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence
            FROM batch_events e JOIN batch_articles a ON a.id = e.article_id
            """
        )
        con.execute(
            """
            INSERT INTO sources (name, first_seen, last_seen)
            SELECT DISTINCT source, $now, $now FROM batch_articles
            ON CONFLICT (name) DO UPDATE SET last_seen = EXCLUDED.last_seen
            """,
            {"now": now},
        )
    finally:
        for name in tables:
            con.unregister(name)


def _article_table(
    items: list[ArticleItem], run_id: str, now: datetime, history: dict[str, tuple[datetime, int]]
) -> pa.Table:
    """The articles of a batch as an Arrow table; a replaced article keeps its first load time."""
    columns: dict[str, list] = {name: [] for name in _ARTICLE_SCHEMA.names}
    for article, _, _ in items:
        for name in ("id", "url", "title", "source", "published", "dct_origin", "language", "text"):
            columns[name].append(getattr(article, name))
        columns["run_id"].append(run_id)
        first_loaded_at, version = history.get(article.id, (now, 0))
        columns["first_loaded_at"].append(first_loaded_at)
        columns["version"].append(version + 1)
    return pa.table(columns, schema=_ARTICLE_SCHEMA)


def _timex_table(items: list[ArticleItem]) -> pa.Table:
    """The time expressions of a batch as an Arrow table, one row per (article, start, end)."""
    owners: list[str] = []
    timexes: list[TimeExpression] = []
    for article, article_timexes, _ in items:
        unique = {(timex.start, timex.end): timex for timex in article_timexes}
        owners.extend([article.id] * len(unique))
        timexes.extend(unique.values())
    columns = {"article_id": owners}
    columns |= {column: list(map(attrgetter(field), timexes)) for column, field in _TIMEX_COLUMNS.items()}
    return _arrow_table(columns, _TIMEX_SCHEMA)


def _event_table(items: list[ArticleItem]) -> pa.Table:
    """The events of a batch as an Arrow table, one row per event id (the evidence text is cut in SQL)."""
    owners: list[str] = []
    events: list[Event] = []
    for article, _, article_events in items:
        unique = {event.id: event for event in article_events}
        owners.extend([article.id] * len(unique))
        events.extend(unique.values())
    times = [_NO_TIME if event.time is None else event.time for event in events]
    columns = {name: list(map(attrgetter(name), events)) for name in _EVENT_OWN_COLUMNS}
    columns["article_id"] = owners
    columns |= {column: list(map(attrgetter(field), times)) for column, field in _EVENT_TIME_COLUMNS.items()}
    return _arrow_table(columns, _EVENT_SCHEMA)


def _arrow_table(columns: dict[str, list], schema: pa.Schema) -> pa.Table:
    """An Arrow table of column lists, typed by `schema`."""
    return pa.table([pa.array(columns[field.name], field.type) for field in schema], schema=schema)
