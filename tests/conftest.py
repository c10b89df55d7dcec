"""Shared fixtures: paths to the test data and the shared corpus, and one Prefect test harness per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
DATA = TESTS / "data"
REPO = TESTS.parent
SHARED = Path(os.environ.get("DATELINE_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpora" / "tempeval3-train"
SAMPLE = DATA / "paris-defense-talks-2025-03-12.txt"
SAMPLE_GOLD = DATA / "paris-defense-talks-2025-03-12.json"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The TempEval-3 training corpus in ../shared (the test is skipped where it is absent)."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A real temporary Prefect server for the whole session, with its own PREFECT_HOME."""
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ["PREFECT_HOME"] = str(home)
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield
