"""`dateline run` end to end on a JSONL file, in a fresh process: wall time, articles/s, peak memory and
Prefect's share of the wall time.

Memory: the RSS of the `dateline` process and all its descendants (Prefect's temporary server included) is
summed every `SAMPLE_SECONDS` with psutil; the peak of the `dateline` process itself is its kernel high-water
mark (`VmHWM` in /proc), read at the same samples.

Prefect's share: after the run, the flow run and its task runs are read from the Prefect API (the run's own
`PREFECT_HOME` database). A task run's interval (its Running state to its final state) covers the task
body; the union of those intervals is the time some real work was running. Everything else in the wall
time — interpreter start and imports, the temporary server's start and stop, creating flow and task runs,
the flow body between tasks, printing the summary — is counted as Prefect's, so the share is an upper bound.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import psutil

SAMPLE_SECONDS = 0.2
MB = 1_000_000


@dataclass(frozen=True)
class EndToEnd:
    """Figures of one `dateline run`."""

    task_runner: str
    articles: int
    events: int
    wall_seconds: float
    startup_seconds: float
    flow_seconds: float
    task_seconds: float
    task_runs: int
    peak_rss_tree_mb: float
    peak_rss_process_mb: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.wall_seconds

    @property
    def prefect_share(self) -> float:
        return (self.wall_seconds - self.task_seconds) / self.wall_seconds

    def to_dict(self) -> dict[str, object]:
        """The figures with the derived rates, rounded for the results file."""
        figures = {key: round(value, 3) if isinstance(value, float) else value
                   for key, value in asdict(self).items()}
        figures["articles_per_second"] = round(self.articles_per_second, 2)
        figures["prefect_share"] = round(self.prefect_share, 4)
        return figures


def union_seconds(intervals: list[tuple[float, float]]) -> float:
    """Seconds covered by at least one of the (start, end) intervals."""
    covered, reach = 0.0, float("-inf")
    for start, end in sorted(intervals):
        if end <= reach:
            continue
        covered += end - max(start, reach)
        reach = end
    return covered


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def _high_water_mark(pid: int) -> int:
    """The peak RSS of one process so far, in bytes (0 once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def _last_error(log: Path) -> str:
    """The last line of `log` that names an error (else its last line): what made the run fail."""
    lines = log.read_text(errors="replace").strip().splitlines() or ["no output"]
    named = [line for line in lines if "Error" in line or "Exception" in line]
    return (named or lines)[-1].strip()


def _run_watched(
    command: list[str], env: dict[str, str], log_dir: Path
) -> tuple[float, float, float, float]:
    """Run `command`; return its start (epoch seconds), wall seconds, the peak RSS of its process tree and
    of the process itself (MB)."""
    with (log_dir / "stdout.txt").open("wb") as out, (log_dir / "stderr.txt").open("wb") as err:
        started_at = time.time()
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        watched = psutil.Process(child.pid)
        tree_peak = process_peak = 0
        while child.poll() is None:
            try:
                tree_peak = max(tree_peak, _tree_rss(watched))
            except psutil.NoSuchProcess:
                break
            process_peak = max(process_peak, _high_water_mark(child.pid))
            time.sleep(SAMPLE_SECONDS)
        child.wait()
        wall = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"dateline run failed with exit code {child.returncode}: "
                           f"{_last_error(log_dir / 'stderr.txt')}")
    return started_at, wall, tree_peak / MB, process_peak / MB


def _last_run(db_path: Path) -> tuple[str, dict[str, int]]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        flow_run_id, counts = con.execute(
            "SELECT flow_run_id, counts FROM runs ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    return flow_run_id, json.loads(counts)


def _prefect_times(flow_run_id: str, env: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "bench.prefect_times", flow_run_id],
        env=env, capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)


def _epoch(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()


def run_end_to_end(jsonl: Path, work_dir: Path, *, task_runner: str = "threads") -> EndToEnd:
    """Run `dateline run JSONL --task-runner TASK_RUNNER` in a fresh process, with its own database and
    Prefect home under `work_dir`."""
    env = {**os.environ, "PREFECT_HOME": str(work_dir / "prefect-home"),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    db_path = work_dir / "dateline.duckdb"
    command = [str(Path(sys.executable).with_name("dateline")), "run", str(jsonl), "--db", str(db_path),
               "--charts-dir", str(work_dir / "charts"), "--task-runner", task_runner]
    started_at, wall, tree_peak, process_peak = _run_watched(command, env, work_dir)
    flow_run_id, counts = _last_run(db_path)
    times = _prefect_times(flow_run_id, env)
    intervals = [(_epoch(run["start"]), _epoch(run["end"])) for run in times["task_runs"]
                 if run["start"] and run["end"]]
    flow_start, flow_end = _epoch(times["flow_run"]["start"]), _epoch(times["flow_run"]["end"])
    return EndToEnd(
        task_runner=task_runner,
        articles=counts["articles_read"],
        events=counts["events"],
        wall_seconds=wall,
        startup_seconds=flow_start - started_at,
        flow_seconds=flow_end - flow_start,
        task_seconds=union_seconds(intervals),
        task_runs=len(times["task_runs"]),
        peak_rss_tree_mb=tree_peak,
        peak_rss_process_mb=process_peak,
    )
