"""`dateline chart`: redraws the charts from the warehouse; known problems are one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from flows.cli_chart import chart_command
from tests.chart_rows import gold_article_items
from tests.conftest import SAMPLE, SAMPLE_GOLD
from warehouse.db import open_warehouse
from warehouse.load import load_articles, start_run, update_clusters


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli-chart") / "dateline.duckdb"
    con = open_warehouse(path)
    items = gold_article_items(SAMPLE_GOLD, SAMPLE, title="Paris talks", url="https://example.org/paris")
    load_articles(con, items, run_id=start_run(con, flow_run_id=None, inputs=["test"]))
    update_clusters(con)
    con.close()
    return path


def test_chart_draws_every_file_and_lists_it(db, tmp_path):
    result = CliRunner().invoke(chart_command, ["--db", str(db), "--charts-dir", str(tmp_path / "charts"),
                                                "--lanes", "place", "--as-of", "2025-03-12"])
    assert result.exit_code == 0, result.output
    assert "Charts as of 2025-03-12, 2025-03-11 – 2025-03-23 (single events)" in result.output
    for name in ("timeline.html", "timeline.png", "timeline.svg", "agenda.png", "index.html"):
        assert (tmp_path / "charts" / name).is_file()
        assert name in result.output


def test_the_folder_comes_from_the_environment(db, tmp_path, monkeypatch):
    monkeypatch.setenv("DATELINE_DB", str(db))
    monkeypatch.setenv("DATELINE_CHARTS_DIR", str(tmp_path / "from-env"))
    result = CliRunner().invoke(chart_command, ["--search", "virtual call"])
    assert result.exit_code == 0, result.output
    assert "dated events matching: 1" in result.output
    assert (tmp_path / "from-env" / "timeline.png").is_file()


@pytest.mark.parametrize(("arguments", "message"), [
    (["--from", "2025-04-01", "--to", "2025-03-01"], "Error: the range is empty: 2025-04-01 is after"),
    (["--lanes", "weather"], "Invalid value for '--lanes'"),
    (["--from", "12/03/2025"], "Invalid value for '--from'"),
])
def test_bad_options_give_one_line_errors(db, tmp_path, arguments, message):
    result = CliRunner().invoke(chart_command, ["--db", str(db), "--charts-dir", str(tmp_path), *arguments])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_missing_database_is_named(tmp_path):
    missing = tmp_path / "nowhere.duckdb"
    result = CliRunner().invoke(chart_command, ["--db", str(missing), "--charts-dir", str(tmp_path)])
    assert result.exit_code == 1
    expected = f"Error: no database at {missing}; run `dateline run` first"
    assert result.output.strip().splitlines() == [expected]


def test_every_option_has_help():
    assert chart_command.help
    assert all(option.help for option in chart_command.params)
