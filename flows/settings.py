"""Paths and settings with their defaults: `DATELINE_*` environment variables, else `output/`."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    """The DuckDB file: `DATELINE_DB`, else `output/dateline.duckdb`."""
    return Path(os.environ.get("DATELINE_DB", "output/dateline.duckdb"))


def default_charts_dir() -> Path:
    """The chart folder: `DATELINE_CHARTS_DIR`, else `output/charts`."""
    return Path(os.environ.get("DATELINE_CHARTS_DIR", "output/charts"))


def quiet_prefect_defaults() -> None:
    """Settings that keep Prefect offline-friendly: no telemetry, no update checks."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY", "false")
