"""Versioned migrations: applied once, in order, atomically; an older database upgraded with its rows."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pytest

from tests.test_warehouse_madeup import madeup_items
from warehouse.db import open_warehouse
from warehouse.load import update_clusters
from warehouse.migrate import applied_migrations, available_migrations, migrate, pending_migrations
from warehouse.queries import EventFilter, event_rows, table_counts


def test_a_new_database_gets_every_migration_once_in_order(tmp_path):
    con = duckdb.connect(str(tmp_path / "new.duckdb"))
    names = [name for name, _ in available_migrations()]
    assert names == sorted(names) and names[0] == "0001_initial"
    assert migrate(con) == names
    assert migrate(con) == []
    assert applied_migrations(con) == names
    assert pending_migrations(con) == []


def _fill_at_0001(con: duckdb.DuckDBPyConnection) -> None:
    """Rows written the way a 0001-era Dateline wrote them (SQL against the 0001 tables)."""
    items, _ = madeup_items()
    now = datetime(2031, 5, 20, 8, 0)
    for article, timexes, events in items:
        con.execute(
            "INSERT INTO articles VALUES ($id, $url, $title, $source, $published, 'given', 'en', $text, "
            "$hash, $now, $now, 'old-run')",
            {"id": article.id, "url": article.url, "title": article.title, "source": article.source,
             "published": article.published, "text": article.text, "hash": article.content_hash, "now": now},
        )
        for timex in timexes:
            con.execute(
                "INSERT INTO time_expressions VALUES ($a, $s, $e, $text, $type, $value, NULL, $f, $l, $g)",
                {"a": article.id, "s": timex.start, "e": timex.end, "text": timex.text, "type": timex.type,
                 "value": timex.value, "f": timex.first_day, "l": timex.last_day, "g": timex.granularity},
            )
        for event in events:
            time = event.time
            con.execute(
                "INSERT INTO events VALUES ($id, $a, $type, $status, $summary, $ts, $te, $tt, $tl, $ss, "
                "$se, $es, $ee, $evidence, $actors, $location, $ms, $me, $mt, 'DATE', $mv, NULL, $f, $l, $g, "
                "NULL, NULL, 0.8, $negated)",
                {"id": event.id, "a": article.id, "type": event.type, "status": event.status,
                 "summary": event.summary, "ts": event.trigger_start, "te": event.trigger_end,
                 "tt": event.trigger_text, "tl": event.trigger_lemma, "ss": event.sentence_start,
                 "se": event.sentence_end, "es": event.evidence_start, "ee": event.evidence_end,
                 "evidence": article.text[event.evidence_start:event.evidence_end],
                 "actors": list(event.actors), "location": event.location,
                 "ms": time.start if time else None, "me": time.end if time else None,
                 "mt": time.text if time else None, "mv": time.value if time else None,
                 "f": time.first_day if time else None, "l": time.last_day if time else None,
                 "g": time.granularity if time else None, "negated": event.negated},
            )
    con.execute("INSERT INTO runs VALUES ('old-run', NULL, ['madeup'], $now, $now, 'Completed', '{}')",
                {"now": now})


def test_a_0001_database_with_rows_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    assert migrate(con, target="0001_initial") == ["0001_initial"]
    _fill_at_0001(con)
    before = {
        table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        for table in ("articles", "time_expressions", "events", "runs")
    }
    con.close()

    con = open_warehouse(path)  # a read-write open applies what is pending
    assert pending_migrations(con) == []
    counts = table_counts(con)
    for table, rows in before.items():
        assert counts[table] == len(rows) > 0
    upgraded_articles = con.execute("SELECT * EXCLUDE (version) FROM articles ORDER BY ALL").fetchall()
    assert upgraded_articles == before["articles"]
    assert con.execute("SELECT DISTINCT version FROM articles").fetchall() == [(1,)]
    for table in ("time_expressions", "events", "runs"):
        assert con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() == before[table]
    assert update_clusters(con) == 10
    talks = event_rows(con, EventFilter(types=("meeting",), place="valmora", date_from=date(2031, 5, 14)))
    assert max(row["mention_count"] for row in talks) == 3


def test_a_failing_migration_leaves_the_previous_version(tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_first.sql").write_text("CREATE TABLE kept (x INTEGER);")
    (folder / "0002_broken.sql").write_text("CREATE TABLE half (x INTEGER);\nSELECT * FROM no_such_table;")
    con = duckdb.connect(":memory:")
    with pytest.raises(duckdb.CatalogException):
        migrate(con, directory=folder)
    assert applied_migrations(con) == ["0001_first"]
    tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables == {"schema_migrations", "kept"}


@pytest.mark.parametrize("bad_name", ["1_short.sql", "0002-Dash.sql", "0002_UPPER.sql"])
def test_badly_named_migrations_are_refused(tmp_path, bad_name):
    (tmp_path / "0001_first.sql").write_text("SELECT 1;")
    (tmp_path / bad_name).write_text("SELECT 1;")
    with pytest.raises(ValueError, match="not named"):
        available_migrations(tmp_path)


def test_a_reused_migration_number_is_refused(tmp_path):
    (tmp_path / "0001_first.sql").write_text("SELECT 1;")
    (tmp_path / "0001_second.sql").write_text("SELECT 1;")
    with pytest.raises(ValueError, match="used twice"):
        available_migrations(tmp_path)
