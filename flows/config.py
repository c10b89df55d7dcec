"""`dateline.toml`: the sources to read, their schedules, the paths and the fetch settings.

Where it is looked up: `--config PATH`, else `$DATELINE_CONFIG`, else `./dateline.toml`; with none of them the
defaults apply (no sources). Paths written in the file are relative to the file's folder. The environment
overrides the file: `DATELINE_DB`, `DATELINE_CHARTS_DIR`, `DATELINE_DATA_DIR`,
`DATELINE_ALLOW_PRIVATE_ADDRESSES=1`. Every problem is a `ConfigError` naming the file and the key, e.g.
`dateline.toml: sources[2].url: expected an http or https URL`. See `dateline.example.toml`.
"""

from __future__ import annotations

import os
import re
import tomllib
import zoneinfo
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cronsim import CronSim, CronSimError

from extractors.fetch import DEFAULT_USER_AGENT, FetchSettings
from flows.settings import default_charts_dir, default_db_path

CONFIG_ENV = "DATELINE_CONFIG"
DATA_DIR_ENV = "DATELINE_DATA_DIR"
CONFIG_NAME = "dateline.toml"
DEFAULT_SCHEDULE = "0 * * * *"
SOURCE_KINDS: tuple[str, ...] = ("folder", "rss", "atom", "url", "jsonl")
_LOCATION_KEY = {"folder": "path", "jsonl": "path", "rss": "url", "atom": "url", "url": "urls"}
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(ValueError):
    """A missing or invalid configuration: one line naming the file and the key."""


@dataclass(frozen=True)
class SourceConfig:
    """One configured source: a folder or JSONL file, an RSS/Atom feed, or a list of page URLs."""

    name: str
    kind: str
    locations: tuple[str, ...]
    tags: tuple[str, ...] = ()
    schedule: str | None = None
    enabled: bool = True


@dataclass(frozen=True)
class PathsConfig:
    """Where the warehouse, the charts and the local state (Prefect server home) live."""

    db: Path
    charts: Path
    data: Path


@dataclass(frozen=True)
class Config:
    """The whole configuration; `path` is the file it came from (None: defaults only).

    `retries` and `retry_delay` (seconds, doubled at each retry) are the Prefect task retries of a source
    whose fetch failed for a reason that may go away (a timeout, a DNS error, a 5xx or 429 answer).
    """

    paths: PathsConfig
    sources: tuple[SourceConfig, ...] = ()
    default_schedule: str = DEFAULT_SCHEDULE
    timezone: str = "UTC"
    fetch: FetchSettings = field(default_factory=FetchSettings)
    retries: int = 2
    retry_delay: float = 10.0
    path: Path | None = None

    def schedule_of(self, source: SourceConfig) -> str:
        """The cron schedule a source runs on: its own, else the default one."""
        return source.schedule or self.default_schedule

    def source(self, name: str) -> SourceConfig:
        """The source called `name`; ConfigError when there is none."""
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none configured"
        raise ConfigError(f"{self._label()}: no source named {name!r} (sources: {known})")

    def _label(self) -> str:
        return str(self.path) if self.path else "configuration"


class _Reader:
    """Checks values of a parsed TOML table, naming `file: key` in every error."""

    def __init__(self, label: str) -> None:
        self.label = label

    def error(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.label}: {key}: {problem}")

    def table(self, data: dict, key: str, allowed: set[str]) -> dict[str, Any]:
        value = data.get(key.rsplit(".", 1)[-1], {})
        if not isinstance(value, dict):
            raise self.error(key, "expected a table")
        self.known_keys(value, key, allowed)
        return value

    def known_keys(self, table: dict, key: str, allowed: set[str]) -> None:
        """Refuse the first key of `table` (at `key`) that is not in `allowed`."""
        unknown = sorted(set(table) - allowed)
        if unknown:
            expected = ", ".join(sorted(allowed))
            raise self.error(f"{key}.{unknown[0]}", f"unknown key (expected one of: {expected})")

    def string(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "expected a non-empty string")
        return value.strip()

    def strings(self, value: Any, key: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.error(key, "expected a list of strings")
        return tuple(self.string(item, f"{key}[{index}]") for index, item in enumerate(value))

    def boolean(self, value: Any, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.error(key, "expected true or false")
        return value

    def number(self, value: Any, key: str, *, minimum: float, integer: bool = False) -> float:
        kinds = (int,) if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or value < minimum:
            expected = "an integer" if integer else "a number"
            raise self.error(key, f"expected {expected} of at least {minimum:g}")
        return value

    def cron(self, value: Any, key: str) -> str:
        text = self.string(value, key)
        try:
            CronSim(text, datetime(2000, 1, 1))
        except CronSimError as error:
            raise self.error(key, f"invalid cron schedule {text!r} ({error})") from None
        return text

    def url(self, value: Any, key: str) -> str:
        text = self.string(value, key)
        parts = urlsplit(text)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise self.error(key, "expected an http or https URL")
        return text

    def path(self, value: Any, key: str, base: Path) -> Path:
        return base / Path(self.string(value, key)).expanduser()


FETCH_KEYS = {
    "timeout", "max_bytes", "max_redirects", "user_agent", "allow_private_addresses", "retries",
    "retry_delay",
}
_SOURCE_KEYS = {"name", "kind", "path", "url", "urls", "tags", "schedule", "enabled"}


def _source(reader: _Reader, data: Any, index: int, base: Path) -> SourceConfig:
    """One `[[sources]]` table."""
    key = f"sources[{index}]"
    if not isinstance(data, dict):
        raise reader.error(key, "expected a table ([[sources]])")
    reader.known_keys(data, key, _SOURCE_KEYS)
    if "name" not in data:
        raise reader.error(f"{key}.name", "missing")
    name = reader.string(data["name"], f"{key}.name")
    if not _NAME.match(name):
        raise reader.error(f"{key}.name", "use lowercase letters, digits, '-' and '_' (at most 63)")
    if "kind" not in data:
        raise reader.error(f"{key}.kind", f"missing (one of: {', '.join(SOURCE_KINDS)})")
    kind = reader.string(data["kind"], f"{key}.kind")
    if kind not in SOURCE_KINDS:
        raise reader.error(f"{key}.kind", f"unknown kind {kind!r} (one of: {', '.join(SOURCE_KINDS)})")
    location_key = _LOCATION_KEY[kind]
    for other in {"path", "url", "urls"} - {location_key}:
        if other in data:
            raise reader.error(f"{key}.{other}", f"not used by a {kind} source (it takes {location_key!r})")
    if location_key not in data:
        raise reader.error(f"{key}.{location_key}", f"missing (a {kind} source needs it)")
    value = data[location_key]
    if location_key == "path":
        locations = (str(reader.path(value, f"{key}.path", base)),)
    elif location_key == "url":
        locations = (reader.url(value, f"{key}.url"),)
    else:
        urls = reader.strings(value, f"{key}.urls")
        locations = tuple(reader.url(item, f"{key}.urls[{position}]") for position, item in enumerate(urls))
        if not locations:
            raise reader.error(f"{key}.urls", "expected at least one URL")
    return SourceConfig(
        name=name,
        kind=kind,
        locations=locations,
        tags=reader.strings(data.get("tags", []), f"{key}.tags"),
        schedule=reader.cron(data["schedule"], f"{key}.schedule") if "schedule" in data else None,
        enabled=reader.boolean(data.get("enabled", True), f"{key}.enabled"),
    )


def _env_flag(name: str) -> bool | None:
    """A boolean environment variable (1/0, true/false, yes/no, on/off), or None when unset."""
    raw = os.environ.get(name)
    if raw is None:
        return None
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r}: expected 1 or 0")


def _paths(reader: _Reader, data: dict, base: Path) -> PathsConfig:
    """The `[paths]` table, with the environment overriding it and `output/` defaults under it."""
    table = reader.table(data, "paths", {"db", "charts", "data"})
    chosen = {}
    for key, env, default in (
        ("db", "DATELINE_DB", default_db_path),
        ("charts", "DATELINE_CHARTS_DIR", default_charts_dir),
        ("data", DATA_DIR_ENV, default_data_dir),
    ):
        if key in table and not os.environ.get(env):
            chosen[key] = reader.path(table[key], f"paths.{key}", base)
        else:
            chosen[key] = default()
    return PathsConfig(**chosen)


def default_data_dir() -> Path:
    """The folder for local state (the Prefect server's home): `DATELINE_DATA_DIR`, else `output`."""
    return Path(os.environ.get(DATA_DIR_ENV) or "output")


def _fetch(reader: _Reader, data: dict) -> FetchSettings:
    """The `[fetch]` table; `DATELINE_ALLOW_PRIVATE_ADDRESSES` overrides its address policy."""
    table = reader.table(data, "fetch", FETCH_KEYS)
    defaults = FetchSettings()
    allow = _env_flag("DATELINE_ALLOW_PRIVATE_ADDRESSES")
    if allow is None:
        allow = reader.boolean(table.get("allow_private_addresses", False), "fetch.allow_private_addresses")
    return FetchSettings(
        timeout=float(reader.number(table.get("timeout", defaults.timeout), "fetch.timeout", minimum=0.1)),
        max_bytes=int(reader.number(table.get("max_bytes", defaults.max_bytes), "fetch.max_bytes",
                                    minimum=1024, integer=True)),
        max_redirects=int(reader.number(table.get("max_redirects", defaults.max_redirects),
                                        "fetch.max_redirects", minimum=0, integer=True)),
        user_agent=reader.string(table.get("user_agent", DEFAULT_USER_AGENT), "fetch.user_agent"),
        allow_private_addresses=allow,
    )


def parse_config(data: dict, *, label: str = CONFIG_NAME, base: Path = Path()) -> Config:
    """Build a Config from parsed TOML; `label` names the file in errors, `base` anchors relative paths."""
    reader = _Reader(label)
    unknown = sorted(set(data) - {"paths", "schedule", "fetch", "sources"})
    if unknown:
        raise reader.error(unknown[0], "unknown key (expected paths, schedule, fetch or sources)")
    schedule = reader.table(data, "schedule", {"default", "timezone"})
    timezone = reader.string(schedule.get("timezone", "UTC"), "schedule.timezone")
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise reader.error("schedule.timezone", f"unknown time zone {timezone!r}") from None
    raw_sources = data.get("sources", [])
    if not isinstance(raw_sources, list):
        raise reader.error("sources", "expected an array of tables ([[sources]])")
    sources = tuple(_source(reader, item, index, base) for index, item in enumerate(raw_sources))
    seen: set[str] = set()
    for index, source in enumerate(sources):
        if source.name in seen:
            raise reader.error(f"sources[{index}].name", f"duplicate source name {source.name!r}")
        seen.add(source.name)
    fetch = reader.table(data, "fetch", FETCH_KEYS)
    return Config(
        paths=_paths(reader, data, base),
        sources=sources,
        default_schedule=reader.cron(schedule.get("default", DEFAULT_SCHEDULE), "schedule.default"),
        timezone=timezone,
        fetch=_fetch(reader, data),
        retries=int(reader.number(fetch.get("retries", 2), "fetch.retries", minimum=0, integer=True)),
        retry_delay=float(reader.number(fetch.get("retry_delay", 10.0), "fetch.retry_delay", minimum=0)),
    )


def select_sources(config: Config, names: tuple[str, ...] | list[str], all_enabled: bool) -> list[str]:
    """The source names to run: `names` (each must be configured) plus, with `all_enabled`, every enabled
    source; ConfigError naming an unknown one, or when `all_enabled` finds none."""
    chosen = [config.source(name).name for name in names]
    if all_enabled:
        chosen += [source.name for source in require_enabled_sources(config)]
    return list(dict.fromkeys(chosen))


def require_enabled_sources(config: Config) -> tuple[SourceConfig, ...]:
    """The enabled sources; ConfigError when there are none (nothing to schedule)."""
    enabled = tuple(source for source in config.sources if source.enabled)
    if not enabled:
        where = config.path or "no dateline.toml found"
        raise ConfigError(f"{where}: no enabled sources to schedule (see dateline.example.toml)")
    return enabled


def find_config_path(explicit: Path | None = None) -> Path | None:
    """The config file to read: `explicit`, else `$DATELINE_CONFIG`, else `./dateline.toml` if it exists.

    A file named by `explicit` or the environment must exist (ConfigError otherwise).
    """
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        return explicit
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        path = Path(from_env).expanduser()
        if not path.is_file():
            raise ConfigError(f"{path}: config file not found (from ${CONFIG_ENV})")
        return path
    local = Path(CONFIG_NAME)
    return local if local.is_file() else None


def load_config(explicit: Path | None = None) -> Config:
    """Find and read the configuration (`find_config_path`); the defaults when there is no file."""
    path = find_config_path(explicit)
    if path is None:
        return parse_config({}, label="defaults")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    return replace(parse_config(data, label=str(path), base=path.parent), path=path)
