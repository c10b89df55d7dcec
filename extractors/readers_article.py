"""Building an `Article` from what a reader found: canonical URL, id, metadata date."""

from __future__ import annotations

import logging
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from extractors.dct import parse_date_text
from extractors.readers_decoding import UnreadableInput, clean_text
from extractors.records import Article, sha256_hex

logger = logging.getLogger(__name__)

TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "cmpid", "ocid"}
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """Normalize a URL: lowercase scheme and host; no default port, fragment, tracking parameters
    (utm_* and click ids), credentials or trailing slash.

    Raises ValueError when `url` is not an absolute URL.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if not scheme or not host:
        raise ValueError(f"not an absolute URL: {url!r}")
    netloc = host if ":" not in host else f"[{host}]"
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{parts.port}"
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMS
        ]
    )
    return urlunsplit((scheme, netloc, parts.path.rstrip("/"), query, ""))


def article_id(url: str | None, text: str) -> str:
    """SHA-256 of the canonical URL when there is one, else of the text with whitespace collapsed."""
    if url:
        return sha256_hex(canonical_url(url))
    return sha256_hex(" ".join(text.split()))


def _metadata_date(value: str | date | None, source: str) -> date | None:
    """A publication date given as metadata; a bad one is logged and ignored."""
    if value is None or isinstance(value, date):
        return value
    parsed = parse_date_text(value)
    if parsed is None and value.strip():
        logger.warning("%s: ignoring unreadable publication date %r", source, value[:80])
    return parsed


def _checked_url(url: str | None, source: str) -> str | None:
    """The URL if it is an absolute URL; a bad one is logged and dropped."""
    if not url or not url.strip():
        return None
    try:
        canonical_url(url)
    except ValueError:
        logger.warning("%s: ignoring URL that is not absolute: %r", source, url[:200])
        return None
    return url.strip()


def _one_line(title: str | None) -> str | None:
    """A title on one line with whitespace collapsed, or None when blank."""
    collapsed = " ".join(clean_text(title or "").split())
    return collapsed or None


def build_article(
    text: str,
    *,
    source: str,
    url: str | None = None,
    title: str | None = None,
    published: str | date | None = None,
) -> Article:
    """An Article from cleaned-up reader output; `published` from metadata sets `dct_origin="metadata"`.

    Raises UnreadableInput when the text is empty once cleaned.
    """
    body = clean_text(text)
    if not body:
        raise UnreadableInput("empty: no text")
    url = _checked_url(url, source)
    day = _metadata_date(published, source)
    return Article(
        id=article_id(url, body),
        text=body,
        url=url,
        title=_one_line(title),
        source=source,
        published=day,
        dct_origin="metadata" if day else "none",
    )
