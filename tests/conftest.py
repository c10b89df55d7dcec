"""Shared fixtures: paths to the test data and the shared corpus, one Prefect test harness per session, and
the fuzz profile (`quick` by default; `nightly` with `--fuzz-profile=nightly` or `DATELINE_FUZZ=nightly`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

TESTS = Path(__file__).parent
DATA = TESTS / "data"
REPO = TESTS.parent
SHARED = Path(os.environ.get("DATELINE_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpora" / "tempeval3-train"
SAMPLE = DATA / "paris-defense-talks-2025-03-12.txt"
SAMPLE_GOLD = DATA / "paris-defense-talks-2025-03-12.json"
FUZZ_PROFILES = {"quick": 60, "nightly": 3000}  # hypothesis examples per fuzz test
FUZZ_ENV = "DATELINE_FUZZ"

for _name, _examples in FUZZ_PROFILES.items():
    settings.register_profile(
        f"dateline-{_name}",
        max_examples=_examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example
        ],
    )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-profile", choices=sorted(FUZZ_PROFILES), default=None,
        help=f"robustness fuzzing depth: quick (default) or nightly (also ${FUZZ_ENV}=nightly)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Record the chosen fuzz profile where the robustness tests read it (`fuzz_profile()`)."""
    chosen = config.getoption("--fuzz-profile") or os.environ.get(FUZZ_ENV) or "quick"
    if chosen not in FUZZ_PROFILES:
        raise pytest.UsageError(f"{FUZZ_ENV}={chosen!r}: expected one of {', '.join(sorted(FUZZ_PROFILES))}")
    os.environ[FUZZ_ENV] = chosen


def fuzz_profile() -> str:
    """The fuzz profile of this test session: "quick" or "nightly"."""
    return os.environ.get(FUZZ_ENV) or "quick"


def fuzz_settings() -> settings:
    """Hypothesis settings of the session's fuzz profile."""
    return settings.get_profile(f"dateline-{fuzz_profile()}")


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
