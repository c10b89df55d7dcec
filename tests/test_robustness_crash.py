"""Crash safety: `dateline run` killed with SIGKILL at random moments while it loads, on a real DuckDB file.

Each seed copies a warehouse that already holds a first set of articles, starts a real `dateline run` on a
second set (some of the stored articles changed, most unchanged, many new), waits until the first batch has
been loaded, and kills the process group at a random delay inside the loading window measured on a clean
run. Afterwards the file must open, every stored article must be there in exactly one complete version (its
time expressions and events equal those of a clean load of that version), no event or expression may be
duplicated or orphaned, and a normal run must then complete and leave the same warehouse a clean run leaves.

The article texts are generated here from made-up names and dates (no corpus text). Three seeds by default,
ten under the nightly fuzz profile. The runs share the session's Prefect test server (`PREFECT_API_URL`),
so each process only pays for its own work.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.conftest import fuzz_profile

DATELINE = Path(sys.executable).parent / "dateline"
SEEDS = range(10 if fuzz_profile() == "nightly" else 3)
FIRST_ARTICLES = 60
CHANGED_ARTICLES = 15
NEW_ARTICLES = 180
BATCH_SIZE = "4"
LOADING_STARTED = "load-batch"
LOADING_ENDED = "record-failures"  # the task that follows the last load

ACTORS = ("Ministers of Norland", "The Aldovan government", "Union leaders", "The city council of Varn",
          "Rebel commanders", "Trade envoys from Ostmark", "The Kelvian president", "Harbour workers")
PLACES = ("Vienna", "Oslo", "Lisbon", "Nairobi", "Lima", "Hanoi", "Quito", "Tallinn")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
CLAUSES = ("will meet in {place} on {day}", "held talks in {place} on {day}",
           "signed a ceasefire in {place} on {day}", "plan to visit {place} next week",
           "protested in {place} on {day}", "said on {day} that a vote is planned in {place}",
           "called off the summit in {place} planned for {day}",
           "launched an offensive near {place} in {month}")


def made_up_text(rng: random.Random) -> str:
    """A short news-like text of made-up sentences with dates."""
    sentences = []
    for _ in range(rng.randint(2, 7)):
        month = rng.choice(MONTHS)
        clause = rng.choice(CLAUSES).format(place=rng.choice(PLACES), day=f"{month} {rng.randint(1, 28)}",
                                            month=month)
        sentences.append(f"{rng.choice(ACTORS)} {clause}.")
    return " ".join(sentences)


def write_articles(path: Path, texts: dict[int, str]) -> None:
    """One JSONL line per article, its URL made from its number (so a changed text is a new version)."""
    lines = [
        json.dumps({"url": f"https://news.example.org/story/{number}", "title": f"Story {number}",
                    "published": "2025-03-12", "text": text})
        for number, text in texts.items()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def dateline_env(api_url: str) -> dict[str, str]:
    """The environment of a `dateline` subprocess that reports to the session's Prefect test server."""
    return {**os.environ, "PREFECT_API_URL": api_url, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "COLUMNS": "200", "DATELINE_LOCK_WAIT": "60"}


def start_dateline(args: list[str], cwd: Path, env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start `dateline ARGS` in its own process group, stdout and stderr to `log`."""
    with log.open("wb") as handle:
        return subprocess.Popen([str(DATELINE), *args], cwd=cwd, env=env, stdout=handle,
                                stderr=subprocess.STDOUT, start_new_session=True)


def run_dateline(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run `dateline ARGS` to the end."""
    return subprocess.run([str(DATELINE), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600, check=False)


def wait_for_log(process: subprocess.Popen, log: Path, needle: str, timeout: float = 300.0) -> float:
    """Wait until `needle` appears in the process log; return the time it was seen (monotonic)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if needle in log.read_text(errors="replace"):
            return time.monotonic()
        if process.poll() is not None:
            tail = log.read_text()[-3000:]
            pytest.fail(f"dateline exited ({process.returncode}) before {needle!r}:\n{tail}")
        time.sleep(0.05)
    pytest.fail(f"no {needle!r} in the log after {timeout} s")


@pytest.fixture(scope="module")
def prefect_api_url(prefect_harness: None) -> str:
    """The URL of the session's temporary Prefect server, for subprocesses."""
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value()


@dataclass(frozen=True)
class ArticleState:
    """What the warehouse holds about one article: its text version and everything derived from it."""

    content_hash: str
    timexes: tuple
    events: tuple


TIMEX_ROWS = ("SELECT article_id, start_char, end_char, text, type, value, first_day, last_day "
              "FROM time_expressions")
EVENT_ROWS = ("SELECT article_id, id, type, status, summary, trigger_start, trigger_end, time_value, "
              "first_day, evidence FROM events")


def _rows_by_article(con: duckdb.DuckDBPyConnection, query: str, articles: dict) -> dict[str, list]:
    """The rows of `query` (article id first) grouped by article, every stored article present."""
    grouped: dict[str, list] = {article_id: [] for article_id in articles}
    for row in con.execute(query).fetchall():
        grouped.setdefault(row[0], []).append(row[1:])
    return grouped


def warehouse_state(path: Path) -> dict[str, ArticleState]:
    """Every stored article with its time expressions and events, read from a DuckDB file."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        articles = dict(con.execute("SELECT id, content_hash FROM articles").fetchall())
        timexes = _rows_by_article(con, TIMEX_ROWS, articles)
        events = _rows_by_article(con, EVENT_ROWS, articles)
    finally:
        con.close()
    orphans = (set(timexes) | set(events)) - set(articles)
    assert not orphans, f"expressions or events of {len(orphans)} articles that are not stored"
    return {
        article_id: ArticleState(content_hash, tuple(sorted(timexes[article_id], key=repr)),
                                 tuple(sorted(events[article_id], key=repr)))
        for article_id, content_hash in articles.items()
    }


def assert_no_duplicates(path: Path) -> None:
    """No event id, expression span or cluster membership is stored twice; no membership is dangling."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        checks = {
            "duplicate event ids": "SELECT count(*) FROM "
            "(SELECT id FROM events GROUP BY id HAVING count(*) > 1)",
            "duplicate expressions": "SELECT count(*) FROM (SELECT article_id, start_char, end_char "
            "FROM time_expressions GROUP BY ALL HAVING count(*) > 1)",
            "dangling cluster members": "SELECT count(*) FROM event_cluster_members m "
            "WHERE m.event_id NOT IN (SELECT id FROM events)",
        }
        found = {name: con.execute(query).fetchone()[0] for name, query in checks.items()}
    finally:
        con.close()
    assert found == dict.fromkeys(checks, 0)


def cluster_groups(path: Path) -> set[frozenset[str]]:
    """The clusters of a warehouse as sets of member event ids."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("SELECT list(event_id ORDER BY event_id) FROM event_cluster_members "
                           "GROUP BY cluster_id").fetchall()
    finally:
        con.close()
    return {frozenset(members) for (members,) in rows}


@dataclass(frozen=True)
class Reference:
    """Inputs and the clean results the killed runs are checked against."""

    workdir: Path
    second_input: Path
    first_db: Path
    first_state: dict[str, ArticleState]
    second_db: Path
    second_state: dict[str, ArticleState]
    loading_seconds: float


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, prefect_api_url: str) -> Iterator[Reference]:
    """Clean loads: the first set into a fresh warehouse, and the second set into another fresh one
    (its loading window timed from the first loaded batch to the end of the last)."""
    workdir = tmp_path_factory.mktemp("crash")
    rng = random.Random(20250312)
    first = {number: made_up_text(rng) for number in range(FIRST_ARTICLES)}
    second = dict(first)
    for number in rng.sample(sorted(first), CHANGED_ARTICLES):
        second[number] = made_up_text(rng)
    second |= {number: made_up_text(rng) for number in range(FIRST_ARTICLES, FIRST_ARTICLES + NEW_ARTICLES)}
    write_articles(workdir / "first.jsonl", first)
    write_articles(workdir / "second.jsonl", second)
    env = dateline_env(prefect_api_url)

    first_db = workdir / "first.duckdb"
    result = run_dateline(["run", "first.jsonl", "--db", str(first_db), "--no-charts"], workdir, env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]

    second_db = workdir / "second.duckdb"
    log = workdir / "second.log"
    process = start_dateline(["run", "second.jsonl", "--db", str(second_db), "--no-charts", "--batch-size",
                              BATCH_SIZE], workdir, env, log)
    loading_from = wait_for_log(process, log, LOADING_STARTED)
    loading_seconds = wait_for_log(process, log, LOADING_ENDED, timeout=600) - loading_from
    assert process.wait(timeout=600) == 0, log.read_text()[-3000:]

    yield Reference(workdir, workdir / "second.jsonl", first_db, warehouse_state(first_db), second_db,
                    warehouse_state(second_db), loading_seconds)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_a_run_killed_while_loading_loses_nothing_and_the_next_run_completes(
    reference: Reference, prefect_api_url: str, tmp_path: Path, seed: int
) -> None:
    db = tmp_path / "dateline.duckdb"
    shutil.copy(reference.first_db, db)
    env = dateline_env(prefect_api_url)
    log = tmp_path / "killed.log"
    process = start_dateline(["run", str(reference.second_input), "--db", str(db), "--no-charts",
                              "--batch-size", BATCH_SIZE], tmp_path, env, log)
    wait_for_log(process, log, LOADING_STARTED)
    time.sleep(random.Random(seed).uniform(0.0, reference.loading_seconds))
    still_running = process.poll() is None
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    assert still_running, "the run finished before the kill: the loading window was misjudged"

    after_kill = warehouse_state(db)
    assert_no_duplicates(db)
    assert set(reference.first_state) <= set(after_kill), "a stored article was lost"
    for article_id, state in after_kill.items():
        versions = [reference.second_state.get(article_id), reference.first_state.get(article_id)]
        assert state in versions, f"article {article_id} is not one complete version"

    result = run_dateline(["run", str(reference.second_input), "--db", str(db), "--no-charts"], tmp_path, env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert warehouse_state(db) == reference.second_state
    assert_no_duplicates(db)
    assert cluster_groups(db) == cluster_groups(reference.second_db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        statuses = dict(con.execute("SELECT status, count(*) FROM runs GROUP BY status").fetchall())
    finally:
        con.close()
    killed_in_time = statuses.get("interrupted") == 1  # else it was killed after recording its end
    assert statuses == ({"Completed": 2, "interrupted": 1} if killed_in_time else {"Completed": 3})
