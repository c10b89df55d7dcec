"""Saving a chart as HTML, PNG and SVG."""

from __future__ import annotations

import altair as alt

from charts.save import png_scale, save_chart


def test_save_writes_three_files(tmp_path):
    chart = alt.Chart(alt.Data(values=[{"x": 1, "label": "<b>bold?</b>"}])).mark_text().encode(
        x="x:Q", text="label:N")
    paths = save_chart(chart, tmp_path / "new", "sample")
    assert [path.name for path in paths] == ["sample.html", "sample.png", "sample.svg"]
    assert paths[1].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = paths[2].read_text()
    assert "&lt;b&gt;bold?&lt;/b&gt;" in svg
    assert "vegaEmbed" in paths[0].read_text()


def test_tall_charts_get_a_one_x_png():
    assert png_scale('<svg class="marks" width="900" height="640" viewBox="0 0 900 640">') == 2
    assert png_scale('<svg class="marks" width="900" height="6400" viewBox="0 0 900 6400">') == 1
