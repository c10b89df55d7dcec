"""Reading RSS and Atom feeds with feedparser: the items' links, titles and publication dates.

The item date is the publisher's local calendar day (the offset written in the feed is kept, not converted
to UTC), because it stands in for the article's publication date (DCT) when the page gives none.
A document that is not a feed, or a malformed feed with no item that has a link, is a `FeedError`; a feed
that is malformed after some readable items (a truncated download) keeps those items.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import feedparser


class FeedError(ValueError):
    """A feed that could not be read: the message is one line naming the feed's URL."""


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: the article's absolute URL, its title and publication day, when given."""

    link: str
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title and its items with a usable http(s) link, in feed order, without repeats."""

    url: str
    title: str | None
    items: tuple[FeedItem, ...]


def _written_date(text: str | None) -> date | None:
    """The calendar day of an RFC 822 or ISO 8601 date as written (in the publisher's own offset)."""
    if not text:
        return None
    text = text.strip()
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _item_date(entry: feedparser.FeedParserDict) -> date | None:
    """The entry's publication (else update) day: as written if readable, else feedparser's UTC reading."""
    for field in ("published", "updated", "created"):
        day = _written_date(entry.get(field))
        if day is not None:
            return day
        parsed = entry.get(f"{field}_parsed")
        if parsed is not None:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date()
    return None


def _item_link(entry: feedparser.FeedParserDict, base_url: str) -> str | None:
    """The entry's absolute http(s) link (resolved against the feed URL), or None."""
    link = (entry.get("link") or "").strip()
    if not link:
        return None
    absolute = urljoin(base_url, link)
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _one_line(text: str | None) -> str | None:
    """Whitespace collapsed to single spaces, or None when blank."""
    collapsed = " ".join((text or "").split())
    return collapsed or None


def parse_feed(data: bytes, *, url: str) -> Feed:
    """Parse the bytes of an RSS or Atom feed fetched from `url`; raise FeedError if it is not one."""
    parsed = feedparser.parse(data, sanitize_html=False)
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        detail = f" ({str(problem).splitlines()[0]})" if problem else ""
        raise FeedError(f"{url}: not an RSS or Atom feed{detail}")
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = _item_link(entry, url)
        if link is None or link in seen:
            continue
        seen.add(link)
        items.append(FeedItem(link=link, title=_one_line(entry.get("title")), published=_item_date(entry)))
    if parsed.get("bozo") and not items:
        raise FeedError(f"{url}: malformed feed ({str(parsed.get('bozo_exception')).splitlines()[0]})")
    return Feed(url=url, title=_one_line(parsed.feed.get("title")), items=tuple(items))
