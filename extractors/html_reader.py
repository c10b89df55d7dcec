"""HTML pages: the article text and its metadata (title, publication date, URL) through trafilatura.

The publication date comes from the page markup only (meta tags, JSON-LD, `<time>` elements, a date in
the URL), never from guesses over the running text: that is `extractors.dct`'s job, with its own rules.
"""

from __future__ import annotations

import re
from datetime import date

import trafilatura

from extractors.readers_article import build_article
from extractors.readers_decoding import UnreadableInput, check_text, decode_bytes
from extractors.records import Article

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*(?P<charset>[A-Za-z0-9_.:-]{1,40})""", re.I)
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "min_date": "1900-01-01"}


def _declared_charset(data: bytes) -> str | None:
    """The charset a `<meta>` tag declares in the first 4 KB of the page."""
    match = _META_CHARSET.search(data[:4096])
    return match.group("charset").decode("ascii") if match else None


def article_from_html(
    html: str | bytes,
    *,
    url: str | None = None,
    source: str,
    fallback_published: date | None = None,
) -> Article:
    """An Article from an HTML page (a file's bytes or a body fetched over HTTP); raises UnreadableInput.

    `url` is where the page came from (else the page's canonical URL is used); `fallback_published` is a
    publication date known from elsewhere (a feed entry), used when the page markup gives none.
    """
    page = decode_bytes(html, _declared_charset(html)) if isinstance(html, bytes) else check_text(html)
    try:
        document = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as error:  # a third-party parser may fail in any way on hostile markup
        raise UnreadableInput(f"unparsable HTML: {type(error).__name__}: {error}".splitlines()[0]) from None
    if document is None or not (document.text or "").strip():
        raise UnreadableInput("no article text found in the HTML")
    return build_article(
        document.text,
        source=source,
        url=url or document.url,
        title=document.title,
        published=document.date or fallback_published,
    )
