"""`extractors.fetch` against a real HTTP server on 127.0.0.1 serving made-up pages (tests/httpserver.py)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import pytest

from extractors.fetch import (
    DEFAULT_USER_AGENT,
    FetchError,
    FetchSettings,
    conditional_fetch,
    fetch,
    is_public_address,
)
from tests.httpserver import LocalServer, local_server

PAGE = b"<html><body><p>A made-up page for the fetch tests.</p></body></html>"
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>made-up</title></channel></rss>'
LOCAL = FetchSettings(timeout=2.0, max_bytes=100_000, allow_private_addresses=True)


class MemoryStateStore:
    """Validators kept in a dict: the in-memory `FetchStateStore` of these unit tests."""

    def __init__(self) -> None:
        self.saved: dict[str, dict[str, str]] = {}

    def get(self, url: str) -> dict[str, str] | None:
        return self.saved.get(url)

    def put(self, url: str, validators: dict[str, str]) -> None:
        self.saved[url] = dict(validators)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with local_server() as running:
        yield running


def test_a_page_is_fetched_with_its_type_charset_and_a_polite_user_agent(server):
    url = server.add("/page.html", body=PAGE, content_type="text/html; charset=ISO-8859-1")
    result = fetch(url, settings=LOCAL)
    assert result.status == 200
    assert result.content == PAGE
    assert (result.content_type, result.charset) == ("text/html", "ISO-8859-1")
    assert result.final_url == url
    assert server.user_agents == [DEFAULT_USER_AGENT]


def test_a_gzipped_page_is_decoded(server):
    url = server.add("/zipped.html", body=PAGE, gzipped=True)
    assert fetch(url, settings=LOCAL).content == PAGE


@pytest.mark.parametrize(
    ("route", "validator_key"),
    [({"etag": '"v1"'}, "etag"), ({"last_modified": "Wed, 05 Nov 2025 09:00:00 GMT"}, "last_modified")],
)
def test_a_conditional_get_of_an_unchanged_url_is_not_modified(server, route, validator_key):
    url = server.add("/feed.xml", body=FEED, content_type="application/rss+xml", **route)
    store = MemoryStateStore()
    first = conditional_fetch(url, settings=LOCAL, store=store, kind="feed")
    assert first.status == 200 and first.content == FEED
    assert validator_key in store.saved[url]
    second = conditional_fetch(url, settings=LOCAL, store=store, kind="feed")
    assert second.not_modified and second.content == b""
    assert server.log == [("/feed.xml", 200), ("/feed.xml", 304)]


def test_a_changed_url_is_fetched_again_and_its_new_validators_stored(server):
    url = server.add("/feed.xml", body=FEED, content_type="application/rss+xml", etag='"v1"')
    store = MemoryStateStore()
    conditional_fetch(url, settings=LOCAL, store=store, kind="feed")
    server.add("/feed.xml", body=FEED + b" ", content_type="application/rss+xml", etag='"v2"')
    again = conditional_fetch(url, settings=LOCAL, store=store, kind="feed")
    assert again.status == 200 and again.content == FEED + b" "
    assert store.saved[url] == {"etag": '"v2"'}


@pytest.mark.parametrize(("status", "retryable"), [(404, False), (410, False), (503, True), (429, True)])
def test_an_http_error_names_the_url_and_status(server, status, retryable):
    url = server.add("/gone.html", body=PAGE, status=status)
    with pytest.raises(FetchError) as caught:
        fetch(url, settings=LOCAL)
    message = str(caught.value)
    assert message.startswith(url) and f"HTTP {status}" in message and "\n" not in message
    assert caught.value.retryable is retryable


def test_a_slow_response_times_out(server):
    url = server.add("/slow.html", body=PAGE, delay=1.5)
    with pytest.raises(FetchError, match="timed out") as caught:
        fetch(url, settings=FetchSettings(timeout=0.3, allow_private_addresses=True))
    assert caught.value.retryable


@pytest.mark.parametrize("send_length", [True, False], ids=["declared-length", "length-unknown"])
def test_an_oversized_page_is_cut_off(server, send_length):
    url = server.add("/big.html", body=b"<p>" + b"x" * 300_000 + b"</p>", send_length=send_length)
    with pytest.raises(FetchError, match="too large") as caught:
        fetch(url, settings=LOCAL)
    assert str(caught.value).startswith(url)


def test_a_gzip_bomb_is_cut_off_at_the_decoded_size_cap(server):
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = compressor.compress(b"\0" * 50_000_000) + compressor.flush()
    assert len(bomb) < LOCAL.max_bytes  # small on the wire, 50 MB once decoded
    url = server.add("/bomb.html", body=bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match=f"cut off after {LOCAL.max_bytes:,} bytes"):
        fetch(url, settings=LOCAL)


def test_redirects_are_followed_and_the_final_url_kept(server):
    target = server.add("/moved/page.html", body=PAGE)
    start = server.add("/old.html", status=301, location="/moved/page.html")
    result = fetch(start, settings=LOCAL)
    assert (result.url, result.final_url, result.content) == (start, target, PAGE)


def test_a_redirect_loop_stops_at_the_redirect_limit(server):
    start = server.add("/a", status=302, location="/b")
    server.add("/b", status=302, location="/a")
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetch(start, settings=FetchSettings(max_redirects=3, allow_private_addresses=True))
    assert len(server.served()) == 4


def test_a_redirect_to_another_scheme_is_refused(server):
    start = server.add("/to-file", status=302, location="file:///etc/passwd")
    with pytest.raises(FetchError, match="only http and https"):
        fetch(start, settings=LOCAL)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed.xml", "/relative/path"])
def test_only_http_and_https_urls_are_fetched(url):
    with pytest.raises(FetchError, match="only http and https") as caught:
        fetch(url, settings=LOCAL)
    assert str(caught.value).startswith(url)


@pytest.mark.parametrize(("kind", "content_type"), [("page", "image/png"), ("feed", "text/html")])
def test_an_unexpected_content_type_is_refused(server, kind, content_type):
    url = server.add("/thing", body=b"\x89PNG....", content_type=content_type)
    with pytest.raises(FetchError, match="unexpected content type"):
        fetch(url, settings=LOCAL, kind=kind)


def test_loopback_is_refused_by_default_without_a_request(server):
    url = server.add("/page.html", body=PAGE)
    for address in (url, url.replace("127.0.0.1", "localhost")):
        with pytest.raises(FetchError, match=r"refused: .* loopback, private or link-local"):
            fetch(address, settings=FetchSettings())
    assert server.served() == []


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True), ("2606:4700:4700::1111", True),
        ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
        ("169.254.169.254", False), ("0.0.0.0", False), ("224.0.0.1", False), ("::1", False),
        ("fe80::1%eth0", False), ("fc00::1", False), ("::ffff:127.0.0.1", False), ("::ffff:8.8.8.8", True),
    ],
)
def test_public_addresses_are_told_apart_from_private_ones(address, public):
    assert is_public_address(address) is public


@pytest.mark.parametrize("settings", [FetchSettings(), LOCAL], ids=["default", "private-allowed"])
def test_an_unknown_host_is_a_clear_error(settings):
    with pytest.raises(FetchError, match=r"cannot resolve host 'no-such-host\.invalid'") as caught:
        fetch("http://no-such-host.invalid/feed.xml", settings=settings)
    assert caught.value.retryable
