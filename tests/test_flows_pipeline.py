"""The `dateline-pipeline` flow under a real (temporary) Prefect server, on a real DuckDB file."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SAMPLE, SAMPLE_GOLD
from tests.gold import load_gold, required_event_problems


def _event_dicts(db_path: Path) -> list[dict]:
    """Events stored in the warehouse, in the JSONL contract shape the gold checker reads."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        columns = [
            "trigger_start", "trigger_end", "trigger_text", "type", "status", "time_value", "first_day",
            "last_day", "duration", "location", "actors", "evidence_start", "evidence_end",
        ]
        rows = con.execute(f"SELECT {', '.join(columns)} FROM events").fetchall()
    finally:
        con.close()
    events = []
    for row in rows:
        item = dict(zip(columns, row, strict=True))
        has_date = item["time_value"] is not None
        events.append({
            "trigger": {
                "start": item["trigger_start"], "end": item["trigger_end"], "text": item["trigger_text"]
            },
            "type": item["type"],
            "status": item["status"],
            "date": {
                "value": item["time_value"],
                "start": item["first_day"].isoformat() if item["first_day"] else None,
                "end": item["last_day"].isoformat() if item["last_day"] else None,
            } if has_date else None,
            "duration": item["duration"],
            "location": item["location"],
            "actors": list(item["actors"] or []),
            "evidence": {"start": item["evidence_start"], "end": item["evidence_end"]},
        })
    return events


def _table_counts(db_path: Path) -> dict[str, int]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        from warehouse.queries import table_counts

        return table_counts(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def sample_run(prefect_harness, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Run the flow twice on the sample folder and keep what each run reported."""
    from flows.pipeline import dateline_pipeline

    work = tmp_path_factory.mktemp("pipeline")
    inputs = work / "inputs"
    inputs.mkdir()
    shutil.copy(SAMPLE, inputs / SAMPLE.name)
    db_path = work / "dateline.duckdb"
    charts_dir = work / "charts"
    first = dateline_pipeline(inputs=[str(inputs)], db_path=str(db_path), charts_dir=str(charts_dir))
    counts_after_first = _table_counts(db_path)
    second = dateline_pipeline(inputs=[str(inputs)], db_path=str(db_path), charts_dir=str(charts_dir))
    return {
        "work": work, "db_path": db_path, "charts_dir": charts_dir, "first": first, "second": second,
        "counts_after_first": counts_after_first, "counts_after_second": _table_counts(db_path),
    }


def test_flow_finds_every_required_gold_event(sample_run: dict) -> None:
    gold = load_gold(SAMPLE_GOLD)
    text = SAMPLE.read_text(encoding="utf-8")
    assert required_event_problems(gold, _event_dicts(sample_run["db_path"]), text) == []


def test_flow_recovers_the_publication_date_from_the_text(sample_run: dict) -> None:
    con = duckdb.connect(str(sample_run["db_path"]), read_only=True)
    try:
        published, origin = con.execute("SELECT published, dct_origin FROM articles").fetchone()
    finally:
        con.close()
    assert (published.isoformat(), origin) == (load_gold(SAMPLE_GOLD)["dct"], "text")


def test_second_run_changes_no_row_count_except_runs(sample_run: dict) -> None:
    first, second = sample_run["counts_after_first"], sample_run["counts_after_second"]
    assert second["runs"] == first["runs"] + 1
    assert {k: v for k, v in second.items() if k != "runs"} == {k: v for k, v in first.items() if k != "runs"}
    assert sample_run["first"].outcomes["new"] == 1
    assert sample_run["second"].outcomes == {"new": 0, "unchanged": 1, "replaced": 0, "failed": 0}


def test_flow_draws_the_chart_files(sample_run: dict) -> None:
    names = {Path(path).name for path in sample_run["first"].chart_files}
    assert {"timeline.html", "timeline.png", "timeline.svg", "index.html"} <= names
    for path in sample_run["first"].chart_files:
        assert Path(path).stat().st_size > 0


def test_flow_records_bad_inputs_and_loads_the_rest(prefect_harness, tmp_path: Path) -> None:
    from flows.pipeline import dateline_pipeline

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(SAMPLE, inputs / SAMPLE.name)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    db_path = tmp_path / "dateline.duckdb"
    summary = dateline_pipeline(
        inputs=[str(inputs)], db_path=str(db_path), charts_dir=str(tmp_path / "charts"), charts=False
    )
    failed = sorted(Path(failure.input).name for failure in summary.failures)
    assert failed == ["binary.txt", "empty.txt"]
    assert summary.outcomes["new"] == 1
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        stored = sorted(Path(row[0]).name for row in con.execute("SELECT input FROM failures").fetchall())
        statuses = con.execute("SELECT status FROM runs").fetchall()
    finally:
        con.close()
    assert stored == ["binary.txt", "empty.txt"]
    assert statuses == [("Completed",)]


def test_every_required_gold_event_is_shown_by_default(sample_run: dict) -> None:
    """The default views (`dateline events`, the charts) hide weak extractions, never a required event."""
    from warehouse.queries import EventFilter, event_rows

    con = duckdb.connect(str(sample_run["db_path"]), read_only=True)
    try:
        shown = event_rows(con, EventFilter())
    finally:
        con.close()
    shown_kinds = {
        (row["type"], row["status"], row["first_day"], row["last_day"], row["duration"]) for row in shown
    }
    for gold_event in load_gold(SAMPLE_GOLD)["events"]:
        if not gold_event["required"]:
            continue
        gold_date = gold_event["date"]
        first = date.fromisoformat(gold_date["start"]) if gold_date["start"] else None
        last = date.fromisoformat(gold_date["end"]) if gold_date["end"] else None
        kind = (gold_event["type"], gold_event["status"], first, last, gold_event.get("duration"))
        assert kind in shown_kinds, gold_event["id"]
