"""Versioned schema migrations: `migrations/NNNN_name.sql`, applied once each, in order.

Each applied migration is recorded by name in `schema_migrations`. A migration runs inside one transaction
with its `schema_migrations` row, so a failing migration leaves the database at the previous version.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+$")

_CREATE_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL
)
"""


def available_migrations(directory: Path | None = None) -> list[tuple[str, str]]:
    """Every migration as (name, SQL), sorted by number; a badly named or duplicated number is an error."""
    folder = directory or Path(str(resources.files("warehouse") / "migrations"))
    migrations: list[tuple[str, str]] = []
    numbers: set[str] = set()
    for path in sorted(folder.glob("*.sql")):
        match = MIGRATION_NAME.match(path.stem)
        if match is None:
            raise ValueError(f"migration file {path.name} is not named NNNN_lowercase_name.sql")
        if match.group(1) in numbers:
            raise ValueError(f"migration number {match.group(1)} is used twice ({path.name})")
        numbers.add(match.group(1))
        migrations.append((path.stem, path.read_text(encoding="utf-8")))
    return migrations


def applied_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names recorded in `schema_migrations` (empty when the table does not exist yet)."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_migrations'"
    ).fetchone()[0]
    if not exists:
        return []
    return [row[0] for row in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]


def pending_migrations(con: duckdb.DuckDBPyConnection, directory: Path | None = None) -> list[str]:
    """Names of the migrations not applied yet, in the order they would run."""
    done = set(applied_migrations(con))
    return [name for name, _ in available_migrations(directory) if name not in done]


def migrate(
    con: duckdb.DuckDBPyConnection, *, target: str | None = None, directory: Path | None = None
) -> list[str]:
    """Apply pending migrations in order (up to and including `target` if given); return the names applied."""
    con.execute(_CREATE_LEDGER)
    done = set(applied_migrations(con))
    migrations = available_migrations(directory)
    if target is not None and target not in {name for name, _ in migrations}:
        raise ValueError(f"unknown migration target {target!r}")
    newly_applied: list[str] = []
    for name, sql in migrations:
        if name not in done:
            _apply(con, name, sql)
            newly_applied.append(name)
        if name == target:
            break
    return newly_applied


def _apply(con: duckdb.DuckDBPyConnection, name: str, sql: str) -> None:
    """Run one migration and record it, atomically."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(sql)
        con.execute(
            "INSERT INTO schema_migrations (name, applied_at) VALUES ($name, $applied_at)",
            {"name": name, "applied_at": datetime.now(UTC).replace(tzinfo=None)},
        )
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
