"""The index page of a chart folder: links to every chart file with the run's date and counts."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from charts.save import writable_folder, write_file

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Dateline charts</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 24px; color: #222; max-width: 1100px; }}
table {{ border-collapse: collapse; margin: 8px 0 20px; }}
td, th {{ padding: 3px 12px 3px 0; text-align: left; }}
td.count {{ text-align: right; }}
figure {{ margin: 0 0 28px; }}
img {{ max-width: 100%; border: 1px solid #ddd; }}
</style>
</head>
<body>
<h1>Dateline charts</h1>
<p>Drawn {drawn}. As of {as_of}; range {date_from} – {date_to}.{filters}</p>
<table>
{counts}
</table>
{charts}
</body>
</html>
"""


@dataclass
class IndexEntry:
    """One chart on the index page: its title and its files (HTML, PNG, SVG) inside the folder."""

    title: str
    files: list[Path]


@dataclass
class IndexSummary:
    """What the index page reports about a drawing run."""

    as_of: date
    date_from: date
    date_to: date
    counts: dict[str, int]
    entries: list[IndexEntry]
    filters: dict[str, str] = field(default_factory=dict)
    drawn: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))


def chart_section(entry: IndexEntry) -> str:
    """The HTML of one chart: its title, links to each file, and the PNG as a preview."""
    links = " · ".join(
        f'<a href="{html.escape(path.name)}">{html.escape(path.suffix.lstrip(".").upper())}</a>'
        for path in entry.files
    )
    preview = next((path for path in entry.files if path.suffix == ".png"), None)
    image = (f'<a href="{html.escape(entry.files[0].name)}"><img src="{html.escape(preview.name)}" '
             f'alt="{html.escape(entry.title)}"></a>') if preview else ""
    return f"<figure><h2>{html.escape(entry.title)}</h2><p>{links}</p>{image}</figure>"


def index_html(summary: IndexSummary) -> str:
    """The index page for `summary`; every value is HTML-escaped (filters are user input)."""
    counts = "\n".join(
        f'<tr><th>{html.escape(name)}</th><td class="count">{count:,}</td></tr>'
        for name, count in summary.counts.items()
    )
    filters = "".join(f" {html.escape(name)}: <q>{html.escape(value)}</q>."
                      for name, value in summary.filters.items())
    return PAGE.format(
        drawn=html.escape(summary.drawn.isoformat(sep=" ")), as_of=summary.as_of.isoformat(),
        date_from=summary.date_from.isoformat(), date_to=summary.date_to.isoformat(), filters=filters,
        counts=counts, charts="\n".join(chart_section(entry) for entry in summary.entries),
    )


def write_index(directory: Path, summary: IndexSummary) -> Path:
    """Write `index.html` into `directory` and return its path."""
    path = writable_folder(directory) / "index.html"
    write_file(path, index_html(summary))
    return path
