"""Opening the warehouse: folders, migrations, the single-writer lock and clear one-line errors."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb
import pytest

from warehouse.db import (
    WarehouseError,
    WarehouseLocked,
    WarehouseMissing,
    WarehouseOutdated,
    lock_wait,
    open_warehouse,
)
from warehouse.migrate import migrate, pending_migrations

HOLD_LOCK = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


@pytest.fixture
def lock_holder(tmp_path):
    """Another real process holding the read-write lock on a fresh database file for a few seconds."""
    path = tmp_path / "busy" / "dateline.duckdb"
    open_warehouse(path).close()
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path), "20"], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "locked"
    yield path
    process.kill()
    process.wait()


def test_a_read_write_open_creates_the_folder_and_migrates(tmp_path):
    path = tmp_path / "deep" / "folder" / "dateline.duckdb"
    con = open_warehouse(path)
    assert path.exists()
    assert pending_migrations(con) == []
    con.close()


def test_a_read_only_open_of_a_missing_file_says_to_run_first(tmp_path):
    path = tmp_path / "nothing.duckdb"
    with pytest.raises(WarehouseMissing, match=r"no database at .*nothing\.duckdb; run `dateline run` first"):
        open_warehouse(path, read_only=True)
    assert not path.exists()


def test_a_read_only_open_of_an_older_schema_asks_for_an_upgrade(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, target="0001_initial")
    con.close()
    with pytest.raises(WarehouseOutdated, match="older schema"):
        open_warehouse(path, read_only=True)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database\n")
    with pytest.raises(WarehouseError, match=r"cannot open database .*notes\.duckdb") as caught:
        open_warehouse(path)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("read_only", [False, True])
def test_a_locked_database_waits_then_gives_a_one_line_message(lock_holder, read_only, monkeypatch):
    monkeypatch.setenv("DATELINE_LOCK_WAIT", "0.6")
    started = time.monotonic()
    with pytest.raises(WarehouseLocked) as caught:
        open_warehouse(lock_holder, read_only=read_only)
    waited = time.monotonic() - started
    assert waited >= 0.6
    message = str(caught.value)
    assert message == (
        f"database {lock_holder} is in use by another Dateline process; waited 0.6 s — "
        "try again when it finishes"
    )
    assert isinstance(caught.value, WarehouseError)


def test_the_wait_ends_as_soon_as_the_lock_is_released(tmp_path, monkeypatch):
    path = tmp_path / "dateline.duckdb"
    open_warehouse(path).close()
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path), "1.0"], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "locked"
    monkeypatch.setenv("DATELINE_LOCK_WAIT", "30")
    con = open_warehouse(path)
    con.close()
    process.wait()


@pytest.mark.parametrize(("raw", "expected"), [(None, 30.0), ("", 30.0), ("2.5", 2.5), ("0", 0.0)])
def test_the_lock_wait_comes_from_the_environment_when_set(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv("DATELINE_LOCK_WAIT", raising=False)
    else:
        monkeypatch.setenv("DATELINE_LOCK_WAIT", raw)
    assert lock_wait(30.0) == expected


@pytest.mark.parametrize("raw", ["soon", "-1"])
def test_a_bad_lock_wait_is_a_clear_error(monkeypatch, raw):
    monkeypatch.setenv("DATELINE_LOCK_WAIT", raw)
    with pytest.raises(WarehouseError, match="DATELINE_LOCK_WAIT"):
        lock_wait(30.0)
