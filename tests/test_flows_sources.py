"""Configured sources to articles (`flows.sources_flow`), against a real HTTP server on 127.0.0.1 serving the
made-up feeds and pages of tests/data/feeds/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from extractors.feeds import FeedError
from extractors.fetch import FetchError, FetchSettings
from flows.config import SourceConfig
from flows.sources_flow import JsonFetchState, harvest_feed, harvest_files, harvest_pages
from tests.conftest import DATA
from tests.httpserver import LocalServer, local_server

FEEDS = DATA / "feeds"
LOCAL = FetchSettings(timeout=1.0, max_bytes=200_000, allow_private_addresses=True)
PAGES = ("harbour-bridge", "council-budget", "ferry-strike")


def serve_site(server: LocalServer) -> None:
    """The made-up site: the RSS and Atom feeds and their article pages, each with an ETag."""
    for name in ("rss.xml", "atom.xml", "broken.xml"):
        body = (FEEDS / name).read_text(encoding="utf-8").replace("{base}", server.base_url).encode()
        kind = "application/atom+xml" if name == "atom.xml" else "application/rss+xml"
        server.add(f"/{name}", body=body, content_type=kind, etag=f'"{name}-1"')
    for page in PAGES:
        server.add(f"/articles/{page}.html", body=(FEEDS / f"{page}.html").read_bytes(), etag=f'"{page}-1"')


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with local_server() as running:
        serve_site(running)
        yield running


def _feed(server: LocalServer, path: str = "/rss.xml") -> SourceConfig:
    return SourceConfig(name="gazette", kind="rss", locations=(server.url(path),))


def test_a_feed_gives_an_article_per_item_page_with_the_item_date_as_fallback_dct(server):
    harvest = harvest_feed(_feed(server), LOCAL, {})
    by_url = {article.url: article for article in harvest.articles}
    assert set(by_url) == {server.url(f"/articles/{page}.html") for page in PAGES[:2]}
    bridge = by_url[server.url("/articles/harbour-bridge.html")]
    assert bridge.source == "gazette" and bridge.title.startswith("Harbour bridge to reopen")
    assert (bridge.published, bridge.dct_origin) == (date(2025, 11, 4), "metadata")  # the feed item's day
    assert "swing bridge will reopen" in bridge.text
    assert harvest.failures == [] and harvest.fetched == 3 and harvest.not_modified == 0
    assert set(harvest.validators) == {server.url("/rss.xml"), *by_url}


def test_an_unchanged_feed_costs_one_304_and_nothing_else(server):
    first = harvest_feed(_feed(server), LOCAL, {})
    server.clear_log()
    again = harvest_feed(_feed(server), LOCAL, first.validators)
    assert again.articles == [] and again.not_modified == 1 and again.fetched == 0
    assert server.log == [("/rss.xml", 304)]


def test_a_changed_feed_fetches_its_unchanged_pages_conditionally(server):
    first = harvest_feed(_feed(server), LOCAL, {})
    body = (FEEDS / "rss.xml").read_text(encoding="utf-8").replace("{base}", server.base_url).encode()
    server.add("/rss.xml", body=body, content_type="application/rss+xml", etag='"rss.xml-2"')
    server.clear_log()
    again = harvest_feed(_feed(server), LOCAL, first.validators)
    assert again.articles == [] and again.not_modified == 2
    assert sorted(server.log) == [
        ("/articles/council-budget.html", 304), ("/articles/harbour-bridge.html", 304), ("/rss.xml", 200),
    ]


def test_a_bad_page_is_a_failure_of_its_own_and_the_other_pages_load(server):
    server.add("/articles/council-budget.html", body=b"<p>" + b"x" * 300_000 + b"</p>")  # over the cap
    harvest = harvest_feed(_feed(server), LOCAL, {})
    assert [article.url for article in harvest.articles] == [server.url("/articles/harbour-bridge.html")]
    [failure] = harvest.failures
    assert failure.input == server.url("/articles/council-budget.html") and failure.stage == "fetch"
    assert "too large" in failure.error and failure.details == {"source": "gazette"}
    assert server.url("/articles/council-budget.html") not in harvest.validators


def test_an_atom_feed_is_read_the_same_way(server):
    harvest = harvest_feed(SourceConfig("courier", "atom", (server.url("/atom.xml"),)), LOCAL, {})
    [article] = harvest.articles
    assert article.url == server.url("/articles/ferry-strike.html") and article.published == date(2025, 11, 6)


@pytest.mark.parametrize(
    ("path", "route", "error", "retryable"),
    [
        ("/broken.xml", None, FeedError, None),
        ("/gone.xml", None, FetchError, False),
        ("/slow.xml", {"body": b"<rss/>", "delay": 2.0}, FetchError, True),
    ],
    ids=["malformed", "404", "timeout"],
)
def test_a_feed_that_cannot_be_read_raises_for_its_task(server, path, route, error, retryable):
    if route:
        server.add(path, **route)
    with pytest.raises(error) as caught:
        harvest_feed(_feed(server, path), LOCAL, {})
    assert str(caught.value).startswith(server.url(path))
    if retryable is not None:
        assert caught.value.retryable is retryable


def test_a_url_list_reads_each_page_and_fails_only_when_none_loads(server):
    urls = (server.url("/articles/ferry-strike.html"), server.url("/missing.html"))
    pages = SourceConfig("picks", "url", urls)
    harvest = harvest_pages(pages, LOCAL, {})
    assert len(harvest.articles) == 1 and [f.input for f in harvest.failures] == [server.url("/missing.html")]
    with pytest.raises(FetchError, match="none of the 1 pages could be fetched"):
        harvest_pages(SourceConfig("picks", "url", (server.url("/missing.html"),)), LOCAL, {})


def test_a_folder_source_reads_files_under_its_own_name(tmp_path):
    (tmp_path / "story.txt").write_text("Made-up story: the fair opens on Friday.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    harvest = harvest_files(SourceConfig("archive", "folder", (str(tmp_path),)))
    assert [article.source for article in harvest.articles] == ["archive"]
    assert [failure.details["source"] for failure in harvest.failures] == ["archive"]


def test_the_fetch_state_file_round_trips_and_forgets_old_entries(tmp_path):
    path = tmp_path / "state" / "fetch-state.json"
    state = JsonFetchState(path)
    state.put("https://example.org/feed", {"etag": '"a"'})
    state.save()
    assert JsonFetchState(path).get("https://example.org/feed") == {"etag": '"a"'}
    saved = json.loads(path.read_text(encoding="utf-8"))
    long_ago = (date.today() - timedelta(days=400)).isoformat()
    saved["https://example.org/old"] = {"etag": '"z"', "saved": long_ago}
    path.write_text(json.dumps(saved), encoding="utf-8")
    aged = JsonFetchState(path)
    aged.save()
    assert JsonFetchState(path).get("https://example.org/old") is None
    assert JsonFetchState(path).get("https://example.org/feed") == {"etag": '"a"'}


def test_a_damaged_state_file_means_full_fetches(tmp_path):
    path = Path(tmp_path / "fetch-state.json")
    path.write_text("{not json", encoding="utf-8")
    assert JsonFetchState(path).get("https://example.org/feed") is None


# The pipeline flow on configured sources, under a real (temporary) Prefect server, on a real DuckDB file.

SITE_CONFIG = """
[paths]
data = "state"

[fetch]
timeout = 0.5
max_bytes = 200000
allow_private_addresses = true
retries = 1
retry_delay = 0

[[sources]]
name = "gazette"
kind = "rss"
url = "{base}/rss.xml"

[[sources]]
name = "picks"
kind = "url"
urls = ["{base}/articles/ferry-strike.html", "{base}/articles/oversized.html"]

[[sources]]
name = "broken"
kind = "rss"
url = "{base}/broken.xml"

[[sources]]
name = "gone"
kind = "atom"
url = "{base}/gone.xml"

[[sources]]
name = "slow"
kind = "rss"
url = "{base}/slow.xml"

[[sources]]
name = "nowhere"
kind = "rss"
url = "http://no-such-host.invalid/rss.xml"
"""
GOOD = ["gazette", "picks"]
BAD = ["broken", "gone", "slow", "nowhere"]


def _site_config(server: LocalServer, folder: Path) -> Path:
    server.add("/slow.xml", body=b"<rss/>", content_type="application/rss+xml", delay=1.5)
    server.add("/articles/oversized.html", body=b"<p>" + b"x" * 300_000 + b"</p>")
    path = folder / "dateline.toml"
    path.write_text(SITE_CONFIG.replace("{base}", server.base_url), encoding="utf-8")
    return path


def _query(db_path: Path, sql: str) -> list[tuple]:
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def site_runs(prefect_harness, server: LocalServer, tmp_path: Path, monkeypatch) -> dict:
    """The pipeline run twice on the configured sources of the made-up site."""
    from flows.pipeline import dateline_pipeline

    monkeypatch.delenv("DATELINE_ALLOW_PRIVATE_ADDRESSES", raising=False)
    config = _site_config(server, tmp_path)
    db_path = tmp_path / "dateline.duckdb"
    params = {"inputs": [], "sources": GOOD + BAD, "config_path": str(config), "db_path": str(db_path),
              "charts_dir": str(tmp_path / "charts"), "charts": False}
    first = dateline_pipeline(**params)
    first_log = list(server.log)
    server.clear_log()
    second = dateline_pipeline(**params)
    return {"first": first, "first_log": first_log, "second": second, "second_log": list(server.log),
            "db_path": db_path, "state": tmp_path / "state" / "fetch-state.json"}


def test_the_first_run_loads_the_articles_of_every_readable_source(site_runs):
    first, db_path = site_runs["first"], site_runs["db_path"]
    assert first.status == "Completed"
    assert first.outcomes["new"] == 3
    stored = dict(_query(db_path, "SELECT source, count(*) FROM articles GROUP BY source"))
    assert stored == {"gazette": 2, "picks": 1}
    assert _query(db_path, "SELECT count(*) FROM events")[0][0] > 0
    assert site_runs["state"].is_file()


def test_each_failing_source_is_reported_in_one_line_and_does_not_stop_the_rest(site_runs, server):
    failures = {failure.details["source"]: failure.error for failure in site_runs["first"].failures}
    assert set(failures) == {"picks", *BAD}
    assert "too large" in failures["picks"]
    assert "malformed feed" in failures["broken"]
    assert "HTTP 404" in failures["gone"]
    assert "timed out" in failures["slow"]
    assert "cannot resolve host" in failures["nowhere"]
    assert all("\n" not in error for error in failures.values())
    stored = _query(site_runs["db_path"], "SELECT json_extract_string(details, '$.source') FROM failures")
    assert sorted(row[0] for row in stored) == sorted([*BAD, "picks"] * 2)  # both runs record them
    # A transient error (the timeout) is retried once; a 404 or a malformed feed is not.
    assert [path for path, _ in site_runs["first_log"]].count("/slow.xml") == 2
    assert [path for path, _ in site_runs["first_log"]].count("/gone.xml") == 1


def test_the_second_run_fetches_nothing_new_and_loads_nothing(site_runs):
    second, db_path = site_runs["second"], site_runs["db_path"]
    assert second.status == "Completed"
    assert second.outcomes["new"] == 0 and second.events == 0
    failed = {"/articles/oversized.html", "/broken.xml", "/gone.xml", "/slow.xml"}
    readable = [entry for entry in site_runs["second_log"] if entry[0] not in failed]
    # The unchanged feed is a 304, so its item pages are not even asked for; the listed page is a 304.
    assert readable == [("/rss.xml", 304), ("/articles/ferry-strike.html", 304)]
    [(counts,)] = _query(db_path, "SELECT counts FROM runs ORDER BY started_at DESC LIMIT 1")
    assert json.loads(counts)["pages_fetched"] == 0


def test_a_run_where_no_source_can_be_read_ends_failed(prefect_harness, server, tmp_path, monkeypatch):
    from flows.pipeline import dateline_pipeline

    monkeypatch.delenv("DATELINE_ALLOW_PRIVATE_ADDRESSES", raising=False)
    config = _site_config(server, tmp_path)
    state = dateline_pipeline(
        inputs=[], sources=["broken", "gone", "retired"], config_path=str(config),
        db_path=str(tmp_path / "d.duckdb"), charts_dir=str(tmp_path / "charts"), charts=False,
        return_state=True,
    )
    assert state.is_failed()
    assert "nothing could be read" in state.message
    summary = state.result(raise_on_failure=False)
    assert [(f.input, f.stage) for f in summary.failures][-1] == ("retired", "config")  # no longer configured
    [(status,)] = _query(tmp_path / "d.duckdb", "SELECT status FROM runs")
    assert status == "Failed"


def test_each_run_publishes_a_summary_and_a_table_of_its_new_events(site_runs):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    from flows.artifacts import EVENTS_KEY, SUMMARY_KEY

    first_run = "SELECT flow_run_id FROM runs ORDER BY started_at LIMIT 1"
    [(flow_run_id,)] = _query(site_runs["db_path"], first_run)
    with get_client(sync_client=True) as client:
        published = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    by_key = {artifact.key: artifact for artifact in published}
    summary = by_key[SUMMARY_KEY].data
    assert summary.startswith("# Dateline run: Completed")
    assert "**broken**: 1" in summary and "malformed feed" in summary and "**picks**: 1" in summary
    rows = json.loads(by_key[EVENTS_KEY].data)
    assert len(rows) == site_runs["first"].confident > 0
    assert site_runs["first"].confident <= site_runs["first"].events
    assert {"date", "type", "status", "summary", "article"} <= set(rows[0])


def test_the_summary_links_the_chart_files(tmp_path):
    from extractors.records import ReadFailure
    from flows.artifacts import chart_index, summary_markdown
    from flows.report import RunSummary

    charts = [tmp_path / "timeline.html", tmp_path / "index.html"]
    summary = RunSummary(inputs=[], db_path="d.duckdb", status="Completed")
    summary.chart_files = [str(path) for path in charts]
    summary.failures = [ReadFailure("story.txt", "read", "empty: no text")]
    text = summary_markdown(summary)
    assert f"[index.html]({charts[1].resolve().as_uri()})" in text
    assert "**(files and folders)**: 1" in text
    assert chart_index(summary) == charts[1]
