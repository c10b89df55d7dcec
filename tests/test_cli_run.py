"""`dateline run` as a user runs it: a real process, a real temporary Prefect server, real files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.conftest import SAMPLE

DATELINE = Path(sys.executable).parent / "dateline"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PREFECT_HOME": str(cwd / "prefect-home"), "COLUMNS": "200"}
    env.pop("PREFECT_API_URL", None)
    return subprocess.run(
        [str(DATELINE), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_run_reports_bad_inputs_in_one_line_each_and_exits_2(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    (samples / "nested").mkdir(parents=True)
    shutil.copy(SAMPLE, samples / "nested" / SAMPLE.name)
    (samples / "empty.txt").write_bytes(b"")
    (samples / "utf16-odd.txt").write_bytes("Caf\xe9 owners met on Monday.".encode("utf-16-le")[1:])

    result = _run(["run", "samples/"], tmp_path)

    assert result.returncode == 2, result.stderr[-3000:]
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    for name in ("empty.txt", "utf16-odd.txt"):
        lines = [line for line in result.stdout.splitlines() if name in line and "failed" in line]
        assert len(lines) == 1, result.stdout
    assert "timeline.html" in result.stdout
    assert "Events found" in result.stdout
    assert (tmp_path / "output" / "charts" / "timeline.png").stat().st_size > 0
    con = duckdb.connect(str(tmp_path / "output" / "dateline.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM failures").fetchone() == (2,)
    finally:
        con.close()


def test_run_rejects_a_bad_dct_with_a_usage_error(tmp_path: Path) -> None:
    result = _run(["run", "--dct", "2025-02-30", str(SAMPLE)], tmp_path)
    assert result.returncode == 2
    assert "2025-02-30" in result.stderr
    assert "Traceback" not in result.stderr
