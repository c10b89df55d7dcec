"""`dateline serve` as a user runs it: a real process that starts a real `prefect server`, serves the
deployments, runs one triggered with `prefect deployment run`, and stops its server on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from flows.server import free_port, prefect_api
from tests.httpserver import local_server
from tests.test_flows_sources import serve_site

BIN = Path(sys.executable).parent
CONFIG = """
[paths]
db = "dateline.duckdb"
charts = "charts"
data = "data"

[schedule]
default = "0 0 1 1 *"   # once a year: the test triggers its run by hand

[fetch]
timeout = 5
allow_private_addresses = true

[[sources]]
name = "gazette"
kind = "rss"
url = "{base}/rss.xml"
tags = ["made-up"]
"""


def test_with_an_api_url_set_no_server_is_started(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    with prefect_api(tmp_path / "data") as api_url:
        assert api_url == "http://127.0.0.1:9/api"
    assert not (tmp_path / "data").exists()


def _wait_for_deployment(api_url: str, serve: subprocess.Popen, log: Path, timeout: float = 240) -> None:
    """Poll the API until the served deployment exists; fail with the serve log if serve dies first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert serve.poll() is None, log.read_text(encoding="utf-8", errors="replace")[-3000:]
        try:
            answer = httpx.get(f"{api_url}/deployments/name/dateline-pipeline/default", timeout=5)
            if answer.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    pytest.fail(f"no deployment after {timeout} s: {log.read_text(encoding='utf-8')[-3000:]}")


@pytest.mark.slow
def test_serve_runs_a_triggered_deployment_and_stops_its_server(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PREFECT_", "DATELINE_"))}
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    with local_server() as site:
        serve_site(site)
        config = tmp_path / "dateline.toml"
        config.write_text(CONFIG.replace("{base}", site.base_url), encoding="utf-8")
        log = tmp_path / "serve.log"
        with log.open("wb") as out:
            serve = subprocess.Popen(
                [str(BIN / "dateline"), "serve", "--config", str(config), "--port", str(port)],
                cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        try:
            _wait_for_deployment(api_url, serve, log)
            run = subprocess.run(
                [str(BIN / "prefect"), "deployment", "run", "dateline-pipeline/default", "--watch",
                 "--watch-timeout", "400"],
                env={**env, "PREFECT_API_URL": api_url, "PREFECT_HOME": str(tmp_path / "cli-home")},
                capture_output=True, text=True, timeout=500, check=False,
            )
            assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:] + log.read_text()[-3000:]
            assert "Completed" in run.stdout
        finally:
            serve.send_signal(signal.SIGTERM)
            serve.wait(timeout=120)
    assert serve.returncode == 0, log.read_text(encoding="utf-8")[-3000:]
    with pytest.raises(httpx.TransportError):  # the server serve started is gone with it
        httpx.get(f"{api_url}/health", timeout=2)
    assert (tmp_path / "data" / "prefect" / "server.log").is_file()
    con = duckdb.connect(str(tmp_path / "dateline.duckdb"), read_only=True)
    try:
        stored = con.execute("SELECT source, count(*) FROM articles GROUP BY source").fetchall()
        assert stored == [("gazette", 2)]
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] > 0
        status, flow_run_id = con.execute("SELECT status, flow_run_id FROM runs").fetchone()
    finally:
        con.close()
    assert status == "Completed" and flow_run_id
