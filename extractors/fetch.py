"""Fetching feeds and pages over HTTP(S) with httpx, politely and defensively.

- Only `http` and `https` URLs; redirects are followed by hand, at most `max_redirects`, each target checked
  again like the first URL.
- Unless `allow_private_addresses`, a host that resolves to a loopback, private, link-local, multicast,
  reserved or unspecified address is refused, before connecting and again on the address actually connected.
- The body is read as a stream and decoded here (gzip, deflate or none): more than `max_bytes` DECODED bytes
  cuts the transfer off, so an oversized page or a gzip bomb costs at most `max_bytes` of memory.
- Every request has a timeout per operation and the whole fetch a deadline of `timeout` seconds per hop
  plus the time to read the capped body.
- A response whose declared content type is not in the allowed list is refused.
- Conditional GET: the `ETag` / `Last-Modified` validators of the previous fetch go out as `If-None-Match` /
  `If-Modified-Since`; a `304` is a `FetchResult` with `not_modified=True` and no content.
Every problem is a `FetchError` whose one-line message names the URL. Nothing is retried here: the caller
(a Prefect task) retries the errors marked `retryable`.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urljoin, urlsplit
from urllib.request import getproxies_environment, proxy_bypass_environment

import httpx

DEFAULT_USER_AGENT = "Dateline/0.1 (news timeline builder; polite: conditional GET, hourly at most)"
FEED_TYPES = frozenset(
    {
        "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
        "text/xml", "application/x-rss+xml", "text/rss+xml",
    }
)
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_ACCEPT = {
    "feed": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
    "page": "text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
}


@dataclass(frozen=True)
class FetchSettings:
    """How to fetch: timeout (s), body size cap (decoded bytes), redirects, user agent, address policy."""

    timeout: float = 20.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    allow_private_addresses: bool = False


@dataclass(frozen=True)
class FetchResult:
    """A fetched URL: the body (empty when not modified), where it finally came from, and its validators."""

    url: str
    final_url: str
    status: int
    content: bytes = b""
    content_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True when the server answered `304 Not Modified` to a conditional GET."""
        return self.status == 304

    def validators(self) -> dict[str, str]:
        """The validators to send with the next fetch of this URL (empty when the server gave none)."""
        found = {"etag": self.etag, "last_modified": self.last_modified}
        return {key: value for key, value in found.items() if value}


class FetchError(Exception):
    """A URL that could not be fetched; `retryable` is True for problems that may go away on their own."""

    def __init__(self, url: str, reason: str, *, retryable: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.retryable = retryable


class FetchStateStore(Protocol):
    """Where the validators (ETag, Last-Modified) of each fetched URL are kept between runs."""

    def get(self, url: str) -> dict[str, str] | None:
        """The validators stored for `url`, or None."""
        ...

    def put(self, url: str, validators: dict[str, str]) -> None:
        """Store the validators of the latest fetch of `url`."""
        ...


def check_url(url: str) -> str:
    """Return `url` if it is an absolute http(s) URL with a host; raise FetchError otherwise."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as error:
        raise FetchError(url, f"malformed URL ({error})") from None
    if parts.scheme.lower() not in ("http", "https"):
        scheme = repr(parts.scheme) if parts.scheme else "a relative URL"
        raise FetchError(url, f"only http and https URLs are fetched, not {scheme}")
    if not host:
        raise FetchError(url, "URL has no host")
    return url


def is_public_address(address: str) -> bool:
    """True for a public unicast IP address: not loopback, private, link-local, multicast, reserved or
    unspecified (an IPv4-mapped IPv6 address is judged as its IPv4 address)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast or ip.is_reserved
        or ip.is_unspecified
    )


def _check_address(url: str, address: str) -> None:
    """Refuse `address` (an IP literal) when it is not public."""
    if not is_public_address(address):
        raise FetchError(url, f"refused: {address} is a loopback, private or link-local address "
                              "(set allow_private_addresses = true to allow it)")


def _check_host(url: str, *, allow_private: bool) -> None:
    """Resolve the URL's host (a clear error if it does not resolve); unless `allow_private`, refuse it if
    any of its addresses is not public."""
    parts = urlsplit(url)
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(url, f"cannot resolve host {parts.hostname!r} ({error})", retryable=True) from None
    if not allow_private:
        for info in infos:
            _check_address(url, str(info[4][0]))


def _through_proxy(url: str) -> bool:
    """True when httpx sends this URL through a proxy from the environment (`HTTPS_PROXY`, …)."""
    proxies = getproxies_environment()
    scheme = urlsplit(url).scheme.lower()
    if scheme not in proxies and "all" not in proxies:
        return False
    return not proxy_bypass_environment(urlsplit(url).hostname or "", proxies)


def _check_peer(url: str, response: httpx.Response) -> None:
    """Refuse the response if the address actually connected to is not public (DNS rebinding).

    Through a proxy the peer is the proxy, chosen by whoever set it up, so only the host check applies.
    """
    if _through_proxy(url):
        return
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer:
        _check_address(url, str(peer[0]))


def _media_type(response: httpx.Response) -> tuple[str | None, str | None]:
    """The declared media type (lowercase, no parameters) and charset of a response."""
    header = response.headers.get("content-type")
    if not header:
        return None, None
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media_type.strip().lower() or None, charset


def _decoder(url: str, encoding: str) -> zlib._Decompress | None:
    """A zlib decompressor for the response's content encoding, or None for an unencoded body."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib or gzip header, detected
    raise FetchError(url, f"unsupported content encoding {encoding!r}")


def _decoded_chunks(url: str, response: httpx.Response, limit: int) -> Iterator[bytes]:
    """The decoded body, chunk by chunk, never decompressing more than `limit + 1` bytes in all."""
    decoder = _decoder(url, response.headers.get("content-encoding", ""))
    budget = limit + 1
    for raw in response.iter_raw():
        if decoder is None:
            yield raw
            continue
        data = raw
        while data and budget > 0:
            try:
                chunk = decoder.decompress(data, budget)
            except zlib.error as error:
                raise FetchError(url, f"corrupt compressed body ({error})") from None
            budget -= len(chunk)
            yield chunk
            data = decoder.unconsumed_tail
        if budget <= 0:
            return


def _read_body(url: str, response: httpx.Response, settings: FetchSettings, deadline: float) -> bytes:
    """The decoded body, cut off with a FetchError when it grows past `max_bytes` or the deadline passes."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise FetchError(url, f"response too large: {int(declared):,} bytes declared "
                              f"(limit {settings.max_bytes:,})")
    body = bytearray()
    for chunk in _decoded_chunks(url, response, settings.max_bytes):
        body.extend(chunk)
        if len(body) > settings.max_bytes:
            raise FetchError(url, f"response too large: cut off after {settings.max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise FetchError(url, f"timed out reading the body after {settings.timeout:g} s", retryable=True)
    return bytes(body)


def _request_headers(settings: FetchSettings, kind: str, validators: dict[str, str] | None) -> dict[str, str]:
    """Polite request headers, with the conditional-GET validators when there are any."""
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": _ACCEPT[kind],
        "Accept-Encoding": "gzip, deflate",
    }
    if validators and validators.get("etag"):
        headers["If-None-Match"] = validators["etag"]
    if validators and validators.get("last_modified"):
        headers["If-Modified-Since"] = validators["last_modified"]
    return headers


def _status_error(url: str, response: httpx.Response) -> FetchError:
    """The error for a response that is neither a success, a redirect nor `304`."""
    reason = response.reason_phrase or ""
    return FetchError(url, f"HTTP {response.status_code} {reason}".strip(),
                      retryable=response.status_code in _RETRYABLE_STATUS)


def _finish(
    url: str, hop_url: str, response: httpx.Response, settings: FetchSettings, kind: str, deadline: float
) -> FetchResult:
    """Check a final (non-redirect) response and read its body into a FetchResult."""
    headers = response.headers
    validators = {"etag": headers.get("etag"), "last_modified": headers.get("last-modified")}
    if response.status_code == 304:
        return FetchResult(url=url, final_url=hop_url, status=304, **validators)
    if not response.is_success:
        raise _status_error(hop_url, response)
    media_type, charset = _media_type(response)
    allowed = FEED_TYPES if kind == "feed" else PAGE_TYPES
    if media_type is not None and media_type not in allowed:
        raise FetchError(hop_url, f"unexpected content type {media_type!r} for a {kind}")
    body = _read_body(hop_url, response, settings, deadline)
    return FetchResult(url=url, final_url=hop_url, status=response.status_code, content=body,
                       content_type=media_type, charset=charset, **validators)


def open_client(settings: FetchSettings) -> httpx.Client:
    """An HTTP client for several fetches, reusing connections to the same host; close it after use."""
    return httpx.Client(timeout=httpx.Timeout(settings.timeout), follow_redirects=False)


def fetch(
    url: str,
    *,
    settings: FetchSettings,
    validators: dict[str, str] | None = None,
    kind: str = "page",
    client: httpx.Client | None = None,
) -> FetchResult:
    """Fetch `url` (a `kind` of "feed" or "page", which sets the accepted content types), through `client`
    (from `open_client`) when given, else a client of its own.

    Raises FetchError, naming the URL, for every reason it could not be fetched.
    """
    if kind not in _ACCEPT:
        raise ValueError(f"kind must be 'feed' or 'page', not {kind!r}")
    if client is None:
        with open_client(settings) as own:
            return fetch(url, settings=settings, validators=validators, kind=kind, client=own)
    headers = _request_headers(settings, kind, validators)
    hop_url = url
    for _ in range(settings.max_redirects + 1):
        check_url(hop_url)
        _check_host(hop_url, allow_private=settings.allow_private_addresses)
        deadline = time.monotonic() + settings.timeout
        try:
            with client.stream("GET", hop_url, headers=headers) as response:
                if not settings.allow_private_addresses:
                    _check_peer(hop_url, response)
                location = response.headers.get("location")
                if response.status_code not in _REDIRECTS or not location:
                    return _finish(url, hop_url, response, settings, kind, deadline)
        except httpx.TimeoutException:
            raise FetchError(hop_url, f"timed out after {settings.timeout:g} s", retryable=True) from None
        except httpx.TransportError as error:
            detail = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise FetchError(hop_url, f"connection failed ({detail})", retryable=True) from None
        hop_url = urljoin(hop_url, location)
    raise FetchError(url, f"too many redirects (more than {settings.max_redirects})")


def conditional_fetch(
    url: str, *, settings: FetchSettings, store: FetchStateStore, kind: str = "page"
) -> FetchResult:
    """Fetch `url` with the validators `store` holds for it, and store the new ones after a full response."""
    result = fetch(url, settings=settings, validators=store.get(url), kind=kind)
    if not result.not_modified and result.validators():
        store.put(url, result.validators())
    return result
