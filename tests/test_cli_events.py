"""`dateline events`: filters, formats, clusters or mentions; clean errors for a locked or missing DB."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from flows.cli_query import events_command
from tests.test_warehouse_madeup import load_madeup
from warehouse.queries import ROW_COLUMNS


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-events") / "dateline.duckdb"
    load_madeup(path)[0].close()
    return path


def _events(*args: str):
    return CliRunner().invoke(events_command, list(args), catch_exceptions=False)


def test_json_lists_clusters_with_every_column(db):
    result = _events("--db", str(db), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 10 and all(list(row) == list(ROW_COLUMNS) for row in rows)
    talks = [row for row in rows if row["type"] == "meeting" and row["mention_count"] == 3]
    assert len(talks) == 1 and talks[0]["first_day"] == "2031-05-14" and talks[0]["status"] == "past"


def test_mentions_lists_every_report(db):
    rows = json.loads(_events("--db", str(db), "--format", "json", "--mentions").output)
    assert len(rows) == 15


def test_filters_combine(db):
    result = _events(
        "--db", str(db), "--format", "csv", "--from", "2031-05-13", "--to", "2031-05-14",
        "--type", "meeting", "--type", "protest", "--status", "past", "--place", "valmora",
    )
    rows = list(csv.DictReader(io.StringIO(result.output)))
    # the ministers' talks (3 reports) and the dock workers' meeting; not the negated one, not Lindgard
    assert sorted((row["type"], row["first_day"], row["mention_count"]) for row in rows) == [
        ("meeting", "2031-05-14", "1"), ("meeting", "2031-05-14", "3"),
    ]
    assert {row["location"] for row in rows} == {"Valmora"}


def test_actor_and_search_filters(db):
    rows = json.loads(_events("--db", str(db), "--format", "json", "--actor", "sorel").output)
    assert [row["type"] for row in rows] == ["call"]
    rows = json.loads(_events("--db", str(db), "--format", "json", "--search", "fuel prices").output)
    assert [row["location"] for row in rows] == ["Lindgard"]


@pytest.mark.parametrize("option", ["--actor", "--place", "--search"])
@pytest.mark.parametrize("hostile", ["'; DROP TABLE events; --", "%", "' OR '1'='1"])
def test_hostile_text_options_match_nothing_and_harm_nothing(db, option, hostile):
    result = _events("--db", str(db), "--format", "json", option, hostile)
    assert result.exit_code == 0 and json.loads(result.output) == []
    assert len(json.loads(_events("--db", str(db), "--format", "json").output)) == 10


def test_an_unknown_type_is_refused_by_the_option(db):
    result = CliRunner().invoke(events_command, ["--db", str(db), "--type", "meeting' OR 1=1 --"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_the_table_format_prints_summaries(db):
    result = _events("--db", str(db), "--type", "call")
    assert result.exit_code == 0
    assert "Holm" in result.output and "1 rows" in result.output


def test_parquet_needs_an_output_file(db, tmp_path):
    refused = CliRunner().invoke(events_command, ["--db", str(db), "--format", "parquet"])
    assert refused.exit_code == 2 and "--output" in refused.output
    out = tmp_path / "events.parquet"
    assert _events("--db", str(db), "--format", "parquet", "--output", str(out)).exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == 10 and table.column_names == list(ROW_COLUMNS)


def test_a_missing_database_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(events_command, ["--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: no database at {tmp_path / 'none.duckdb'}; run `dateline run` first"
    ]


def test_a_locked_database_waits_then_exits_with_a_message(db, monkeypatch):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); print('locked', "
         "flush=True); time.sleep(20)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setenv("DATELINE_LOCK_WAIT", "0.5")
        result = CliRunner().invoke(events_command, ["--db", str(db)])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: database {db} is in use by another Dateline process; waited 0.5 s — "
        "try again when it finishes"
    ]


def test_the_database_comes_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("DATELINE_DB", str(db))
    assert len(json.loads(_events("--format", "json").output)) == 10


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_text_formats_can_go_to_a_file(db, tmp_path, fmt):
    out = tmp_path / "exports" / f"events.{fmt}"
    result = _events("--db", str(db), "--format", fmt, "--output", str(out), "--type", "call")
    assert result.exit_code == 0 and result.output == ""
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert [row["mention_count"] for row in json.loads(text)] == [3]
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [row["mention_count"] for row in rows] == ["3"]
        assert rows[0]["actors"].count(";") == 3  # four actors, joined
        assert json.loads(rows[0]["sources"])[0]["published"] == "2031-05-15"
