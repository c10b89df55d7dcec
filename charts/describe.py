"""What a reader sees of one chart row in a tooltip or a listing: plain strings, ready for Vega-Lite."""

from __future__ import annotations

from datetime import date
from typing import Any

MAX_SOURCES = 5
SAFE_LINK_SCHEMES = ("http://", "https://")


def day_text(day: date) -> str:
    """A day as readers write it, e.g. 'Wed 12 Mar 2025'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def dates_text(first_day: date | None, last_day: date | None) -> str:
    """The calendar interval of an event in words: one day, a span, an open end, or 'no date'."""
    if first_day is None and last_day is None:
        return "no date"
    if last_day is None:
        return f"from {day_text(first_day)}, no end date"
    if first_day is None:
        return f"until {day_text(last_day)}, no start date"
    if first_day == last_day:
        return day_text(first_day)
    return f"{day_text(first_day)} – {day_text(last_day)}"


def safe_link(url: str | None) -> str:
    """`url` when it is an http(s) link, else '' (an article's `javascript:` link stays inert)."""
    if url and url.strip().lower().startswith(SAFE_LINK_SCHEMES):
        return url.strip()
    return ""


def sources_text(sources: list[dict[str, Any]]) -> str:
    """Source titles with their publication dates, at most five, separated by semicolons."""
    parts = []
    for source in sources[:MAX_SOURCES]:
        title = source.get("title") or source.get("url") or "untitled"
        published = source.get("published")
        parts.append(f"{title} ({published})" if published else str(title))
    more = len(sources) - MAX_SOURCES
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def links_text(sources: list[dict[str, Any]]) -> str:
    """The http(s) links of the sources, at most five, separated by spaces."""
    links = [safe_link(source.get("url")) for source in sources[:MAX_SOURCES]]
    return " ".join(link for link in links if link)


def describe(row: dict[str, Any]) -> dict[str, Any]:
    """The tooltip fields of a chart row (all strings except `mentions`) plus `href`, its first safe link."""
    sources = row.get("sources") or []
    links = links_text(sources)
    return {
        "id": row["id"],
        "type": row["type"],
        "status": row["status"],
        "summary": row.get("summary") or "",
        "when": row.get("date_text") or "",
        "value": row.get("date_value") or "",
        "dates": dates_text(row.get("first_day"), row.get("last_day")),
        "duration": row.get("duration") or "",
        "actors": ", ".join(row.get("actors") or []),
        "place": row.get("location") or "",
        "evidence": row.get("evidence") or "",
        "sources": sources_text(sources),
        "links": links,
        "href": links.split(" ")[0] if links else "",
        "mentions": int(row.get("mention_count") or 1),
    }
