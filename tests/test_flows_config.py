"""`flows.config`: reading `dateline.toml`, its defaults, and errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.config import ConfigError, find_config_path, load_config, parse_config
from tests.conftest import REPO

ENV_VARS = ("DATELINE_CONFIG", "DATELINE_DB", "DATELINE_CHARTS_DIR", "DATELINE_DATA_DIR",
            "DATELINE_ALLOW_PRIVATE_ADDRESSES")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    """No DATELINE_* variables from the caller, and a working folder with no dateline.toml."""
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def _write(folder: Path, text: str) -> Path:
    path = folder / "dateline.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_config_loads_with_every_kind_of_source():
    config = load_config(REPO / "dateline.example.toml")
    assert [(s.name, s.kind) for s in config.sources] == [
        ("world-wire", "rss"), ("city-desk", "atom"), ("watchlist", "url"), ("archive", "folder"),
        ("partner-batch", "jsonl"),
    ]
    assert config.source("archive").enabled is False
    assert config.source("archive").locations == (str(REPO / "articles"),)
    assert len(config.source("watchlist").locations) == 2
    assert config.schedule_of(config.source("city-desk")) == "*/30 6-22 * * *"
    assert config.schedule_of(config.source("world-wire")) == config.default_schedule == "0 * * * *"
    assert config.paths.db == REPO / "output" / "dateline.duckdb"
    assert config.fetch.allow_private_addresses is False


def test_no_config_file_means_the_defaults(tmp_path):
    assert find_config_path() is None
    config = load_config()
    assert config.sources == () and config.path is None
    assert config.paths.db == Path("output/dateline.duckdb")
    assert config.paths.charts == Path("output/charts")
    assert config.default_schedule == "0 * * * *"


def test_the_lookup_order_is_option_then_environment_then_working_folder(tmp_path, monkeypatch):
    local = _write(tmp_path, "")
    assert find_config_path() == Path("dateline.toml")
    other = tmp_path / "elsewhere"
    other.mkdir()
    from_env = _write(other, "")
    monkeypatch.setenv("DATELINE_CONFIG", str(from_env))
    assert find_config_path() == from_env
    assert find_config_path(local) == local


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_named_config_file_that_is_missing_is_an_error(tmp_path, monkeypatch, how):
    missing = tmp_path / "nope.toml"
    if how == "environment":
        monkeypatch.setenv("DATELINE_CONFIG", str(missing))
    with pytest.raises(ConfigError, match=r"nope\.toml: config file not found"):
        load_config(missing if how == "option" else None)


def test_paths_are_relative_to_the_file_and_the_environment_overrides_them(tmp_path, monkeypatch):
    path = _write(tmp_path, '[paths]\ndb = "store/news.duckdb"\ncharts = "pics"\n')
    config = load_config(path)
    assert (config.paths.db, config.paths.charts) == (tmp_path / "store/news.duckdb", tmp_path / "pics")
    monkeypatch.setenv("DATELINE_DB", "/srv/other.duckdb")
    assert load_config(path).paths.db == Path("/srv/other.duckdb")


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("true", True), ("0", False), (None, True)])
def test_the_environment_overrides_the_private_address_policy(tmp_path, monkeypatch, value, expected):
    path = _write(tmp_path, "[fetch]\nallow_private_addresses = true\ntimeout = 3\n")
    if value is not None:
        monkeypatch.setenv("DATELINE_ALLOW_PRIVATE_ADDRESSES", value)
    settings = load_config(path).fetch
    assert settings.allow_private_addresses is expected
    assert settings.timeout == 3.0


def test_invalid_toml_is_reported_with_its_line(tmp_path):
    path = _write(tmp_path, "[paths\ndb = 1\n")
    with pytest.raises(ConfigError, match=r"dateline\.toml: invalid TOML: .*line 1"):
        load_config(path)


FEED = '[[sources]]\nname = "wire"\nkind = "rss"\nurl = "https://example.org/rss"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (FEED + FEED.replace('"wire"', '"desk"').replace("https:", "ftp:"),
         "sources[1].url: expected an http or https URL"),
        ('[[sources]]\nkind = "rss"\nurl = "https://example.org/rss"\n', "sources[0].name: missing"),
        ('[[sources]]\nname = "x"\nkind = "podcast"\npath = "a"\n',
         "sources[0].kind: unknown kind 'podcast'"),
        ('[[sources]]\nname = "x"\nkind = "folder"\n', "sources[0].path: missing (a folder source needs it)"),
        ('[[sources]]\nname = "x"\nkind = "folder"\npath = "a"\nurl = "https://e.org"\n',
         "sources[0].url: not used by a folder source"),
        ('[[sources]]\nname = "x"\nkind = "url"\nurls = []\n', "sources[0].urls: expected at least one URL"),
        ('[[sources]]\nname = "x"\nkind = "url"\nurls = ["https://e.org/a", 3]\n',
         "sources[0].urls[1]: expected a non-empty string"),
        (FEED + 'schedule = "every hour"\n', "sources[0].schedule: invalid cron schedule 'every hour'"),
        (FEED + "tags = \"world\"\n", "sources[0].tags: expected a list of strings"),
        (FEED + "enabled = \"no\"\n", "sources[0].enabled: expected true or false"),
        (FEED + "colour = \"red\"\n", "sources[0].colour: unknown key"),
        (FEED + FEED, "sources[1].name: duplicate source name 'wire'"),
        (FEED.replace('"wire"', '"Wire News"'), "sources[0].name: use lowercase letters"),
        ('[schedule]\ndefault = "61 * * * *"\n', "schedule.default: invalid cron schedule"),
        ('[schedule]\ntimezone = "Mars/Olympus"\n', "schedule.timezone: unknown time zone 'Mars/Olympus'"),
        ("[fetch]\ntimeout = 0\n", "fetch.timeout: expected a number of at least 0.1"),
        ("[fetch]\nmax_bytes = 1.5\n", "fetch.max_bytes: expected an integer"),
        ("[fetch]\nallow_private_addresses = 1\n", "fetch.allow_private_addresses: expected true or false"),
        ("[paths]\ndatabase = \"x\"\n", "paths.database: unknown key"),
        ("[sources]\nname = \"x\"\n", "sources: expected an array of tables"),
        ("title = \"mine\"\n", "title: unknown key"),
    ],
)
def test_an_invalid_value_is_reported_with_its_file_and_key(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: {message}")
    assert "\n" not in str(caught.value)


def test_a_bad_environment_flag_is_named(monkeypatch):
    monkeypatch.setenv("DATELINE_ALLOW_PRIVATE_ADDRESSES", "maybe")
    with pytest.raises(ConfigError, match="DATELINE_ALLOW_PRIVATE_ADDRESSES='maybe'"):
        load_config()


def test_asking_for_an_unknown_source_lists_the_known_ones():
    config = parse_config({"sources": [{"name": "wire", "kind": "rss", "url": "https://e.org/rss"}]})
    with pytest.raises(ConfigError, match=r"no source named 'desk' \(sources: wire\)"):
        config.source("desk")
