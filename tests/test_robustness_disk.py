"""A full disk and read-only folders: `dateline run` stops with a clear one-line error, and the warehouse
keeps what it held before, unchanged. On a full disk, the batches committed before the disk filled up
stay, each article complete; the batch that met the full disk leaves nothing. A read-only folder (for the
database or the charts) is found before anything is written.

The faults are real file systems: a tmpfs just big enough for the existing warehouse (the next write finds
the disk full) and tmpfs mounts remounted read-only. Mounting needs root (CAP_SYS_ADMIN); elsewhere the tests
are skipped.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_robustness_crash import (
    dateline_env,
    made_up_text,
    prefect_api_url,  # noqa: F401 (a fixture)
    run_dateline,
    warehouse_state,
    write_articles,
)


def _mount(target: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *options, str(target)], capture_output=True, text=True, check=False)


@pytest.fixture
def mounts() -> Iterator[list[Path]]:
    """Mount points to unmount after the test."""
    mounted: list[Path] = []
    yield mounted
    for target in reversed(mounted):
        subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


def tmpfs(mounts: list[Path], target: Path, size_kb: int) -> Path:
    """A fresh tmpfs of `size_kb` at `target` (the test is skipped where mounting is not allowed)."""
    target.mkdir(parents=True, exist_ok=True)
    result = _mount(target, "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs")
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    mounts.append(target)
    return target


def make_read_only(target: Path) -> None:
    result = _mount(target, "-o", "remount,ro")
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, prefect_api_url: str) -> Path:  # noqa: F811
    """A warehouse holding a first set of articles, a larger second set to load, and a clean load of the
    second set alone (in one folder)."""
    workdir = tmp_path_factory.mktemp("disk")
    rng = random.Random(11)
    write_articles(workdir / "first.jsonl", {number: made_up_text(rng) for number in range(40)})
    write_articles(workdir / "second.jsonl", {number: made_up_text(rng) for number in range(40, 400)})
    for name, db in (("first.jsonl", "stored.duckdb"), ("second.jsonl", "clean.duckdb")):
        result = run_dateline(["run", name, "--db", db, "--no-charts"], workdir,
                              dateline_env(prefect_api_url))
        assert result.returncode == 0, result.stderr[-3000:]
    return workdir


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_one_line_error(result: subprocess.CompletedProcess, *expected: str) -> str:
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-3000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.stderr[-3000:]
    for part in expected:
        assert part in errors[0], errors[0]
    return errors[0]


@pytest.mark.slow
def test_a_full_disk_stops_the_run_with_a_clear_error_and_keeps_the_warehouse(
    stored: Path, mounts: list[Path], tmp_path: Path, prefect_api_url: str  # noqa: F811
) -> None:
    before = warehouse_state(stored / "stored.duckdb")
    size_kb = (stored / "stored.duckdb").stat().st_size // 1024
    disk = tmpfs(mounts, tmp_path / "disk", size_kb + 256)
    shutil.copy(stored / "stored.duckdb", disk / "dateline.duckdb")
    result = run_dateline(["run", str(stored / "second.jsonl"), "--db", str(disk / "dateline.duckdb"),
                           "--charts-dir", str(tmp_path / "charts")], tmp_path, dateline_env(prefect_api_url))
    _assert_one_line_error(result, "No space left on device")
    for path in disk.iterdir():  # make room, as the person at the machine would, and look at what is kept
        shutil.move(path, tmp_path / path.name)
    after = warehouse_state(tmp_path / "dateline.duckdb")
    assert {article_id: after.get(article_id) for article_id in before} == before
    clean = warehouse_state(stored / "clean.duckdb")
    assert {article_id: clean[article_id] for article_id in after.keys() - before.keys()} == {
        article_id: after[article_id] for article_id in after.keys() - before.keys()
    }, "a batch stored before the disk filled up is incomplete"


@pytest.mark.slow
def test_a_read_only_output_folder_is_a_clear_error_and_the_warehouse_is_unchanged(
    stored: Path, mounts: list[Path], tmp_path: Path, prefect_api_url: str  # noqa: F811
) -> None:
    output = tmpfs(mounts, tmp_path / "output", 64 * 1024)
    shutil.copy(stored / "stored.duckdb", output / "dateline.duckdb")
    digest = _digest(output / "dateline.duckdb")
    make_read_only(output)
    env = dateline_env(prefect_api_url)
    result = run_dateline(["run", str(stored / "second.jsonl"), "--db", str(output / "dateline.duckdb"),
                           "--no-charts"], tmp_path, env)
    _assert_one_line_error(result, str(output / "dateline.duckdb"), "Read-only file system")
    result = run_dateline(["run", str(stored / "second.jsonl"), "--db",
                           str(output / "new" / "dateline.duckdb"), "--no-charts"], tmp_path, env)
    _assert_one_line_error(result, str(output / "new" / "dateline.duckdb"), "Read-only file system")
    assert _digest(output / "dateline.duckdb") == digest
    assert sorted(path.name for path in output.iterdir()) == ["dateline.duckdb"]


@pytest.mark.slow
def test_a_read_only_charts_folder_is_found_before_anything_is_loaded(
    stored: Path, mounts: list[Path], tmp_path: Path, prefect_api_url: str  # noqa: F811
) -> None:
    shutil.copy(stored / "stored.duckdb", tmp_path / "dateline.duckdb")
    digest = _digest(tmp_path / "dateline.duckdb")
    charts = tmpfs(mounts, tmp_path / "charts", 1024)
    make_read_only(charts)
    result = run_dateline(["run", str(stored / "second.jsonl"), "--db", str(tmp_path / "dateline.duckdb"),
                           "--charts-dir", str(charts)], tmp_path, dateline_env(prefect_api_url))
    assert _assert_one_line_error(result, str(charts), "Read-only file system")
    assert "Traceback" not in result.stdout + result.stderr
    assert _digest(tmp_path / "dateline.duckdb") == digest
