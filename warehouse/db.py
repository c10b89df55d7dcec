"""Opening the warehouse: one DuckDB file, a bounded wait for the single-writer lock, migrations on open."""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb

from warehouse.migrate import migrate, pending_migrations

LOCK_WAIT_ENV = "DATELINE_LOCK_WAIT"
_RETRY_PAUSE_SECONDS = 0.2


class WarehouseError(Exception):
    """A known problem with the warehouse file, worded for the person at the command line."""


class WarehouseLocked(WarehouseError):
    """Another process holds the DuckDB lock and did not release it within the wait."""


class WarehouseMissing(WarehouseError):
    """A read-only open of a database file that does not exist."""


class WarehouseOutdated(WarehouseError):
    """A read-only open of a database whose schema has pending migrations."""


class WarehouseUnwritable(WarehouseError):
    """The storage refused a write (full disk, read-only file system …): nothing of that write was kept."""


_STORAGE_FAILURES = ("no space left", "read-only file system", "could not write file", "disk quota",
                     "permission denied", "database has been invalidated", "input/output error")


def storage_failure(error: BaseException) -> WarehouseUnwritable | None:
    """A `WarehouseUnwritable` for a DuckDB error caused by the storage (not by the data), else None."""
    message = _first_line(error)
    if isinstance(error, duckdb.IOException | duckdb.FatalException) or any(
        marker in message.lower() for marker in _STORAGE_FAILURES
    ):
        return WarehouseUnwritable(f"cannot write to the database: {message}")
    return None


def lock_wait(default: float) -> float:
    """The lock wait in seconds: `DATELINE_LOCK_WAIT` when set, else `default`."""
    raw = os.environ.get(LOCK_WAIT_ENV)
    if raw is None or raw.strip() == "":
        return default
    try:
        seconds = float(raw)
    except ValueError:
        raise WarehouseError(f"{LOCK_WAIT_ENV}={raw!r} is not a number of seconds") from None
    if seconds < 0:
        raise WarehouseError(f"{LOCK_WAIT_ENV}={raw!r} is negative")
    return seconds


def open_warehouse(
    path: Path, *, read_only: bool = False, wait_seconds: float = 30.0
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse at `path`, waiting up to `wait_seconds` for another process's lock.

    A read-write open creates the parent folder and applies pending migrations. A read-only open needs an
    existing, fully migrated file. Raises `WarehouseLocked`, `WarehouseMissing`, `WarehouseOutdated` or
    `WarehouseError` with a one-line message naming the file.
    """
    path = Path(path)
    wait = lock_wait(wait_seconds)
    if read_only and not path.exists():
        raise WarehouseMissing(f"no database at {path}; run `dateline run` first")
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WarehouseError(f"cannot create the folder of database {path}: {error.strerror}") from None
    con = _connect_waiting(path, read_only=read_only, wait=wait)
    try:
        if read_only:
            pending = pending_migrations(con)
            if pending:
                raise WarehouseOutdated(
                    f"database {path} has an older schema (missing {', '.join(pending)}); "
                    "run `dateline run` to upgrade it"
                )
        else:
            migrate(con)
    except BaseException:
        con.close()
        raise
    return con


def _connect_waiting(path: Path, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """Connect, retrying while the file is locked by another process, until `wait` seconds have passed."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise WarehouseError(f"cannot open database {path}: {_first_line(exc)}") from None
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WarehouseLocked(
                    f"database {path} is in use by another Dateline process; waited {wait:g} s — "
                    "try again when it finishes"
                ) from None
            time.sleep(min(_RETRY_PAUSE_SECONDS, remaining))
        except duckdb.Error as exc:
            raise WarehouseError(f"cannot open database {path}: {_first_line(exc)}") from None


def _first_line(exc: Exception) -> str:
    """The first line of an exception message (DuckDB messages can span several lines)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
