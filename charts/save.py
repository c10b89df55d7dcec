"""Saving a chart: self-contained HTML, PNG and SVG side by side."""

from __future__ import annotations

from pathlib import Path

import altair as alt
import vl_convert

from charts.page import chart_page

PNG_SCALE = 2


def save_chart(chart: alt.TopLevelMixin, directory: Path, name: str) -> list[Path]:
    """Write `name.html` (offline, inline Vega), `name.png` (2x) and `name.svg` into `directory`.

    The directory is created when missing. Returns the three paths.
    """
    directory.mkdir(parents=True, exist_ok=True)
    spec = chart.to_dict()
    title = name.replace("_", " ").title()
    paths = [directory / f"{name}.html", directory / f"{name}.png", directory / f"{name}.svg"]
    paths[0].write_text(chart_page(spec, title=title), encoding="utf-8")
    paths[1].write_bytes(vl_convert.vegalite_to_png(spec, scale=PNG_SCALE))
    paths[2].write_text(vl_convert.vegalite_to_svg(spec), encoding="utf-8")
    return paths
