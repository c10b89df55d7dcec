"""`dateline upcoming`: planned events ahead of a day, merged or as single reports."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from flows.cli_query import upcoming_command
from tests.test_warehouse_madeup import load_madeup


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-upcoming") / "dateline.duckdb"
    load_madeup(path)[0].close()
    return path


def _upcoming(*args: str) -> list[dict]:
    result = CliRunner().invoke(upcoming_command, [*args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_planned_events_in_the_window_soonest_first(db):
    rows = _upcoming("--db", str(db), "--as-of", "2031-05-16", "--days", "3")
    assert [(row["type"], row["status"]) for row in rows] == [("agreement", "planned")]
    # the talks of the 14th were planned when first reported; a merged event has the latest status (past)
    merged = _upcoming("--db", str(db), "--as-of", "2031-05-11", "--days", "3")
    assert "meeting" not in {row["type"] for row in merged}
    mentions = _upcoming("--db", str(db), "--as-of", "2031-05-11", "--days", "3", "--mentions")
    assert [(row["type"], row["first_day"]) for row in mentions] == [
        ("agreement", "2031-01-01"), ("meeting", "2031-05-14"),
    ]


def test_mentions_show_the_planned_reports(db):
    rows = _upcoming("--db", str(db), "--as-of", "2031-05-16", "--days", "2", "--mentions")
    calls = [row for row in rows if row["type"] == "call"]
    assert len(calls) == 2 and {row["status"] for row in calls} == {"planned"}


def test_nothing_ahead_far_in_the_future(db):
    assert _upcoming("--db", str(db), "--as-of", "2040-01-01") == []


def test_a_bad_date_is_a_usage_error(db):
    result = CliRunner().invoke(upcoming_command, ["--db", str(db), "--as-of", "next Tuesday"])
    assert result.exit_code == 2 and "Traceback" not in result.output
