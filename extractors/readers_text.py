"""Plain-text articles: `.txt`, `.text` and `.md` files, optionally opening with header lines.

Header lines are `Title: …`, `Date: …` (or `Published: …`) and `URL: …`, one per line, in any order, at
the very top; the first other line starts the body (a blank line after the headers is dropped).
"""

from __future__ import annotations

import re

from extractors.readers_article import build_article
from extractors.readers_decoding import UnreadableInput, clean_text, decode_bytes
from extractors.records import Article

_HEADER = re.compile(r"(?P<key>title|date|published|url)[ \t]*:[ \t]*(?P<value>.*)", re.IGNORECASE)
_FIELD_OF_KEY = {"title": "title", "date": "published", "published": "published", "url": "url"}


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split the header lines off the top of a text: (fields by `title`/`published`/`url`, body)."""
    fields: dict[str, str] = {}
    lines = text.split("\n")
    taken = 0
    for line in lines:
        header = _HEADER.fullmatch(line.strip())
        if header is None or _FIELD_OF_KEY[header.group("key").lower()] in fields:
            break
        fields[_FIELD_OF_KEY[header.group("key").lower()]] = header.group("value").strip()
        taken += 1
    return fields, "\n".join(lines[taken:])


def article_from_text(data: bytes, *, source: str) -> Article:
    """An Article from the bytes of a plain-text file; raises UnreadableInput."""
    fields, body = split_header(clean_text(decode_bytes(data)))
    if fields and not body.strip():
        raise UnreadableInput("empty: header lines but no text")
    return build_article(body, source=source, **fields)
