"""`extractors.feeds` on made-up RSS and Atom feeds (tests/data/feeds/) served by a real local HTTP server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from extractors.feeds import FeedError, parse_feed
from extractors.fetch import FetchSettings, fetch
from tests.conftest import DATA
from tests.httpserver import LocalServer, local_server

FEEDS = DATA / "feeds"
LOCAL = FetchSettings(timeout=2.0, allow_private_addresses=True)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with local_server() as running:
        yield running


def _serve_feed(server: LocalServer, name: str, content_type: str = "application/rss+xml") -> str:
    """Serve tests/data/feeds/`name` with the server's address filled in; return its URL."""
    body = (FEEDS / name).read_text(encoding="utf-8").replace("{base}", server.base_url)
    return server.add(f"/{name}", body=body.encode("utf-8"), content_type=content_type)


def _fetched_feed(server: LocalServer, name: str, content_type: str = "application/rss+xml"):
    url = _serve_feed(server, name, content_type)
    return parse_feed(fetch(url, settings=LOCAL, kind="feed").content, url=url)


def test_an_rss_feed_gives_absolute_links_titles_and_local_dates_without_repeats(server):
    feed = _fetched_feed(server, "rss.xml")
    assert feed.title == "Harbourtown Gazette (made-up test feed)"
    bridge = "Harbour bridge to reopen after repairs"
    assert [(item.link, item.title, item.published) for item in feed.items] == [
        # 23:30 at UTC-5 is the 4th where it was published, though the 5th in UTC.
        (server.url("/articles/harbour-bridge.html"), bridge, date(2025, 11, 4)),
        # a relative link is resolved against the feed's URL
        (server.url("/articles/council-budget.html"), "Council schedules budget vote", date(2025, 11, 5)),
    ]


def test_an_atom_feed_gives_published_dates_and_skips_non_http_links(server):
    feed = _fetched_feed(server, "atom.xml", "application/atom+xml")
    assert [(item.link, item.published) for item in feed.items] == [
        (server.url("/articles/ferry-strike.html"), date(2025, 11, 6)),
    ]


def test_a_malformed_feed_is_a_clear_error_naming_it(server):
    url = _serve_feed(server, "broken.xml")
    with pytest.raises(FeedError, match="malformed feed") as caught:
        parse_feed(fetch(url, settings=LOCAL, kind="feed").content, url=url)
    assert str(caught.value).startswith(url) and "\n" not in str(caught.value)


@pytest.mark.parametrize("body", [b"", b"<html><body><p>Just a page.</p></body></html>", b"\x00\x01\x02"])
def test_a_document_that_is_not_a_feed_is_refused(body):
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(body, url="https://example.org/feed")


def test_an_empty_but_valid_feed_has_no_items():
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert parse_feed(empty, url="https://example.org/feed").items == ()


def test_a_truncated_feed_keeps_the_items_read_before_the_cut():
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title>'
        b"<item><title>Kept</title><link>https://example.org/kept</link></item><item><title>Lost"
    )
    assert [item.link for item in parse_feed(body, url="https://example.org/feed").items] == [
        "https://example.org/kept"
    ]
