"""`dateline sources`: configured sources with their schedules and last run, read from a real DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractors.records import Article, ReadFailure
from flows.cli_sources import sources_command
from warehouse.db import open_warehouse
from warehouse.load import finish_run, load_article, record_failure, start_run

CONFIG = """
[schedule]
default = "0 * * * *"

[[sources]]
name = "wire"
kind = "rss"
url = "https://news.example.org/rss.xml"
tags = ["world"]

[[sources]]
name = "watch"
kind = "url"
urls = ["https://news.example.org/a", "https://news.example.org/b"]
schedule = "15 7 * * *"
enabled = false
"""


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.delenv("DATELINE_DB", raising=False)
    monkeypatch.delenv("DATELINE_CONFIG", raising=False)
    path = tmp_path / "dateline.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def _rows(*args: str) -> list[dict]:
    result = CliRunner().invoke(sources_command, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_sources_are_listed_as_never_run_without_a_database(config_file, tmp_path):
    rows = _rows("--config", str(config_file), "--db", str(tmp_path / "none.duckdb"))
    assert [(row["name"], row["kind"], row["schedule"], row["enabled"]) for row in rows] == [
        ("wire", "rss", "0 * * * *", True), ("watch", "url", "15 7 * * *", False),
    ]
    assert rows[0]["tags"] == ["world"] and rows[0]["next_run"].endswith(":00:00")
    assert rows[1]["location"] == "https://news.example.org/a (+1 more)" and rows[1]["next_run"] is None
    assert {row["last_status"] for row in rows} == {"never run"}
    assert not (tmp_path / "none.duckdb").exists()


def test_the_last_run_of_each_source_comes_from_the_warehouse(config_file, tmp_path):
    db = tmp_path / "dateline.duckdb"
    con = open_warehouse(db)
    older = start_run(con, flow_run_id=None, inputs=["wire"])
    finish_run(con, older, status="Completed", counts={})
    latest = start_run(con, flow_run_id=None, inputs=["wire", "other"])
    article = Article(id="a1", text="Made-up text for the test.", source="wire")
    load_article(con, article, [], [], run_id=latest)
    failure = ReadFailure("https://news.example.org/gone", "fetch", "HTTP 404 Not Found", {"source": "wire"})
    record_failure(con, latest, failure)
    finish_run(con, latest, status="Completed", counts={})
    con.close()
    rows = {row["name"]: row for row in _rows("--config", str(config_file), "--db", str(db))}
    assert rows["wire"]["last_status"] == "Completed"
    assert rows["wire"]["last_failures"] == 1 and rows["wire"]["articles"] == 1
    assert rows["wire"]["last_run"] is not None
    assert rows["watch"]["last_status"] == "never run"


def test_a_bad_config_is_one_line_naming_the_key(tmp_path):
    path = tmp_path / "dateline.toml"
    path.write_text('[[sources]]\nname = "x"\nkind = "rss"\nurl = "gopher://old"\n', encoding="utf-8")
    result = CliRunner().invoke(sources_command, ["--config", str(path)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {path}: sources[0].url: expected an http or https URL"


def test_no_config_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATELINE_CONFIG", raising=False)
    result = CliRunner().invoke(sources_command, [])
    assert result.exit_code == 0
    assert "No sources configured" in result.output
