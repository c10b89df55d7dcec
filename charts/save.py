"""Saving a chart: self-contained HTML, PNG and SVG side by side, into a folder checked to be writable."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import altair as alt
import vl_convert

from charts.page import chart_page

PNG_SCALE = 2
TALL_PX = 2000
SVG_HEIGHT = re.compile(r'<svg[^>]*\sheight="([\d.]+)"')


class ChartsFolderError(OSError):
    """The chart folder cannot be created or written (read-only, full disk …); the message is one line."""


def writable_folder(directory: Path) -> Path:
    """Create `directory` if needed and check a file can be written in it; raise `ChartsFolderError`."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=directory):
            pass
    except OSError as error:
        raise ChartsFolderError(f"cannot write charts to {directory}: {error.strerror or error}") from None
    return directory


def write_file(path: Path, data: str | bytes) -> None:
    """Write one chart file; a refusal of the file system is a `ChartsFolderError` naming the file."""
    try:
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    except OSError as error:
        raise ChartsFolderError(f"cannot write chart file {path}: {error.strerror or error}") from None


def png_scale(svg: str) -> int:
    """2x for sharp pasting into reports; 1x for very tall charts, whose 2x PNG would run to megabytes."""
    match = SVG_HEIGHT.search(svg)
    return 1 if match and float(match.group(1)) > TALL_PX else PNG_SCALE


def save_chart(chart: alt.TopLevelMixin, directory: Path, name: str) -> list[Path]:
    """Write `name.html` (offline, inline Vega), `name.png` (2x, 1x past 2000 px tall) and `name.svg`.

    The chart is rendered once (to SVG) and the PNG rasterized from that SVG. The directory is created
    when missing. Returns the three paths; raises `ChartsFolderError` when a file cannot be written.
    """
    writable_folder(directory)
    spec = chart.to_dict()
    title = name.replace("_", " ").title()
    paths = [directory / f"{name}.html", directory / f"{name}.png", directory / f"{name}.svg"]
    svg = vl_convert.vegalite_to_svg(spec)
    write_file(paths[0], chart_page(spec, title=title))
    write_file(paths[1], vl_convert.svg_to_png(svg, scale=png_scale(svg)))
    write_file(paths[2], svg)
    return paths
