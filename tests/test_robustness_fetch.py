"""Fetching what a feed links to: by default no request reaches a loopback, private or link-local address,
however the address is written; allowing private addresses (as the tests do) lets the same links through.

tests/test_extractors_fetch.py covers schemes, redirects, size caps and gzip bombs one URL at a time; here
the links come as a source of pages, the way feed items reach the fetcher.
"""

from __future__ import annotations

import pytest

from extractors.fetch import FetchError, FetchSettings
from flows.config import SourceConfig
from flows.sources_flow import harvest_pages
from tests.httpserver import local_server

PAGE = (b"<html><head><title>Talks</title></head><body><article><p>Ministers will meet in Oslo on Monday to "
        b"sign the accord, officials said on Friday.</p></article></body></html>")
PRIVATE_LINKS = [
    "http://10.1.2.3/story", "http://192.168.0.1/story", "http://172.16.5.4/story",
    "http://169.254.169.254/latest/meta-data/", "http://[::1]/story", "http://[fe80::1]/story",
    "http://0.0.0.0/story", "http://[::ffff:127.0.0.1]/story",
]


def _loopback_spellings(url: str) -> list[str]:
    """The same loopback URL with its host written as a name, in decimal, in hex and in short form."""
    port = url.split(":")[2].split("/")[0]
    return [url, url.replace("127.0.0.1", "localhost"), f"http://2130706433:{port}/story.html",
            f"http://0x7f000001:{port}/story.html", f"http://127.1:{port}/story.html"]


@pytest.mark.parametrize("link", [*range(5), *PRIVATE_LINKS])
def test_links_to_private_addresses_are_refused_without_a_request(link: int | str) -> None:
    with local_server() as server:
        loopback = server.add("/story.html", body=PAGE)
        url = _loopback_spellings(loopback)[link] if isinstance(link, int) else link
        source = SourceConfig(name="made-up", kind="pages", locations=(url,))
        with pytest.raises(FetchError, match="none of the 1 pages") as caught:
            harvest_pages(source, FetchSettings(timeout=2.0, max_bytes=100_000), {})
        assert server.served() == []
    assert "loopback, private or link-local" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_allowing_private_addresses_lets_the_same_links_through() -> None:
    with local_server() as server:
        loopback = server.add("/story.html", body=PAGE)
        source = SourceConfig(name="made-up", kind="pages", locations=(loopback,))
        settings = FetchSettings(timeout=2.0, max_bytes=100_000, allow_private_addresses=True)
        harvest = harvest_pages(source, settings, {})
        assert [article.title for article in harvest.articles] == ["Talks"]
        assert server.served() == ["/story.html"]
