"""Saving a chart: self-contained HTML, PNG and SVG side by side."""

from __future__ import annotations

import re
from pathlib import Path

import altair as alt
import vl_convert

from charts.page import chart_page

PNG_SCALE = 2
TALL_PX = 2000
SVG_HEIGHT = re.compile(r'<svg[^>]*\sheight="([\d.]+)"')


def png_scale(svg: str) -> int:
    """2x for sharp pasting into reports; 1x for very tall charts, whose 2x PNG would run to megabytes."""
    match = SVG_HEIGHT.search(svg)
    return 1 if match and float(match.group(1)) > TALL_PX else PNG_SCALE


def save_chart(chart: alt.TopLevelMixin, directory: Path, name: str) -> list[Path]:
    """Write `name.html` (offline, inline Vega), `name.png` (2x, 1x past 2000 px tall) and `name.svg`.

    The chart is rendered once (to SVG) and the PNG rasterized from that SVG. The directory is created
    when missing. Returns the three paths.
    """
    directory.mkdir(parents=True, exist_ok=True)
    spec = chart.to_dict()
    title = name.replace("_", " ").title()
    paths = [directory / f"{name}.html", directory / f"{name}.png", directory / f"{name}.svg"]
    svg = vl_convert.vegalite_to_svg(spec)
    paths[0].write_text(chart_page(spec, title=title), encoding="utf-8")
    paths[1].write_bytes(vl_convert.svg_to_png(svg, scale=png_scale(svg)))
    paths[2].write_text(svg, encoding="utf-8")
    return paths
