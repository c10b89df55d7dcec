"""From the warehouse to the chart files and into a real browser: DuckDB → draw_charts → Chromium.

The browser tests run Debian's headless Chromium with the network off (tests/chromium.py); they are marked
slow (about a second per page).
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from charts import draw
from charts.draw import draw_charts
from extractors.records import Article, Event, event_id, sha256_hex
from tests.chart_rows import gold_article_items
from tests.chromium import ChromiumPage, render_page
from tests.conftest import SAMPLE, SAMPLE_GOLD
from tests.test_warehouse_madeup import madeup_items
from warehouse.db import open_warehouse
from warehouse.load import load_articles, start_run, update_clusters
from warehouse.queries import EventFilter

HOSTILE_TITLE = "</script><script>alert('title')</script>"
HOSTILE_SUMMARY = "<img src=x onerror=alert('summary')> talks <script>alert('summary')</script>"
browser = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Chromium is not installed")


def hostile_item() -> tuple:
    """An article whose title, summary and link try to run script in the chart pages."""
    text = f"{HOSTILE_SUMMARY} were held on Monday."
    article = Article(id=sha256_hex("hostile"), text=text, url="javascript:alert('link')",
                      title=HOSTILE_TITLE, source="hostile", published=date(2025, 3, 12), dct_origin="given")
    start, end = 0, len(text)
    event = Event(id=event_id(article.id, start, end), article_id=article.id, type="meeting", status="past",
                  summary=HOSTILE_SUMMARY, trigger_start=start, trigger_end=end, trigger_text=text,
                  trigger_lemma="talk", sentence_start=start, sentence_end=end, evidence_start=start,
                  evidence_end=end, confidence=0.9)
    return article, [], [event]


def load(path: Path, items: list[tuple]) -> None:
    con = open_warehouse(path)
    load_articles(con, items, run_id=start_run(con, flow_run_id=None, inputs=["test"]))
    update_clusters(con)
    con.close()


@pytest.fixture(scope="module")
def paris_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("paris") / "dateline.duckdb"
    load(path, [*gold_article_items(SAMPLE_GOLD, SAMPLE, title="Europe scrambles to bolster Ukraine",
                                    url="https://example.org/paris"), hostile_item()])
    return path


@pytest.fixture(scope="module")
def paris_charts(paris_db, tmp_path_factory):
    con = open_warehouse(paris_db, read_only=True)
    try:
        directory = tmp_path_factory.mktemp("charts")
        return draw_charts(con, directory), directory
    finally:
        con.close()


def test_draw_writes_every_file_with_the_run_counts(paris_charts):
    files, directory = paris_charts
    names = sorted(path.name for path in files.paths)
    assert names == ["agenda.html", "agenda.png", "agenda.svg", "index.html", "timeline.html", "timeline.png",
                     "timeline.svg"]
    assert files.as_of == date(2025, 3, 12)
    assert (files.date_from, files.date_to) == (date(2025, 3, 11), date(2025, 3, 23))
    assert files.counts["undated events listed"] == 2  # the accord and the hostile article's talks
    assert files.counts["planned events in the next 30 days"] == 3
    assert not files.aggregated
    index = (directory / "index.html").read_text()
    assert "2025-03-12" in index and 'href="timeline.html"' in index


def test_hostile_text_is_data_in_the_files(paris_charts):
    _, directory = paris_charts
    for name in ("timeline.html", "agenda.html", "index.html"):
        page = (directory / name).read_text()
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "javascript:alert" not in page
    svg = (directory / "timeline.svg").read_text()
    assert "&lt;script&gt;alert('summary')&lt;/script&gt;" in svg
    assert "<script" not in svg


def test_story_filters_reach_the_charts(paris_db, tmp_path):
    con = open_warehouse(paris_db, read_only=True)
    try:
        files = draw_charts(con, tmp_path, filters=EventFilter(search="virtual call"))
    finally:
        con.close()
    assert files.counts["dated events matching"] == 1
    assert files.counts["undated events listed"] == 0
    assert "virtual call" in (tmp_path / "index.html").read_text()


def test_many_events_are_drawn_as_daily_counts(tmp_path, monkeypatch):
    items, _ = madeup_items()
    load(tmp_path / "madeup.duckdb", items)
    monkeypatch.setattr(draw, "DETAIL_LIMIT", 3)
    con = open_warehouse(tmp_path / "madeup.duckdb", read_only=True)
    try:
        files = draw_charts(con, tmp_path / "charts")
    finally:
        con.close()
    assert files.aggregated
    assert "daily counts" in (tmp_path / "charts" / "timeline.html").read_text()


def test_unknown_lanes_are_refused(paris_db, tmp_path):
    con = open_warehouse(paris_db, read_only=True)
    try:
        with pytest.raises(ValueError, match="unknown lanes"):
            draw_charts(con, tmp_path, lanes="weather")
    finally:
        con.close()


@pytest.mark.slow
@browser
@pytest.mark.parametrize("name", ["timeline", "agenda"])
def test_each_chart_renders_offline_with_marks_and_no_errors(paris_charts, name, tmp_path):
    _, directory = paris_charts
    page = render_page(directory / f"{name}.html", screenshot=tmp_path / f"{name}.png")
    assert page.mark_count > 0, page
    assert page.marks.get("symbol", 0) > 0
    assert page.console_errors == []
    assert page.network_requests == []
    assert page.dialogs == []
    assert (tmp_path / f"{name}.png").stat().st_size > 10_000


@pytest.mark.slow
@browser
def test_the_index_renders_with_its_previews(paris_charts):
    _, directory = paris_charts
    page = render_page(directory / "index.html")
    assert page.images == 2 and page.images_loaded == 2
    assert page.console_errors == [] and page.network_requests == []
    assert "undated events listed" in page.text


@pytest.mark.slow
@browser
def test_injected_script_stays_inert_and_shows_as_text(paris_charts):
    _, directory = paris_charts
    page = render_page(directory / "timeline.html")
    assert page.dialogs == []
    assert page.console_errors == []
    assert "<img src=x onerror=alert('summary')>" in page.svg_text


@pytest.mark.slow
@browser
def test_a_cdn_page_fails_loudly_offline(tmp_path):
    """The helper really blocks the network: Altair's default (CDN) HTML cannot draw and is reported."""
    import altair as alt

    chart = alt.Chart(alt.InlineData(values=[{"x": 1}])).mark_point().encode(x="x:Q")
    chart.save(tmp_path / "cdn.html")
    shutil.copy(tmp_path / "cdn.html", tmp_path / "cdn-copy.html")
    page = render_page(tmp_path / "cdn-copy.html", timeout=10)
    assert page.mark_count == 0
    assert page.network_requests
    assert page.console_errors


def test_an_explicit_range_and_as_of_date(paris_db, tmp_path):
    con = open_warehouse(paris_db, read_only=True)
    try:
        files = draw_charts(con, tmp_path, filters=replace(EventFilter(), date_from=date(2025, 3, 1),
                                                           date_to=date(2025, 3, 31)),
                            as_of=date(2025, 3, 16), agenda_days=3)
    finally:
        con.close()
    assert (files.date_from, files.date_to, files.as_of) == (date(2025, 3, 1), date(2025, 3, 31),
                                                            date(2025, 3, 16))
    assert files.counts["planned events in the next 3 days"] == 3


CENTER_OF = """(() => {
  const node = [...document.querySelectorAll(%s)].find((element) => %s);
  const box = node.getBoundingClientRect();
  return [box.x + box.width / 2, box.y + box.height / 2];
})()"""
FADED_SYMBOLS = "document.querySelectorAll('g.role-mark path[opacity=\"0.12\"]').length"
X_LABELS = ("[...document.querySelectorAll('g.role-axis-label')][0].textContent")


@pytest.mark.slow
@browser
def test_clicking_a_legend_type_fades_the_others(paris_charts):
    _, directory = paris_charts
    with ChromiumPage(directory / "timeline.html") as page:
        assert page.evaluate(FADED_SYMBOLS) == 0
        x, y = page.evaluate(CENTER_OF % ("'g.role-legend-label text'", "element.textContent === 'call'"))
        page.click(x, y)
        page.state()
        faded = page.evaluate(FADED_SYMBOLS)
        assert faded > 0
        assert page.state().console_errors == []


@pytest.mark.slow
@browser
def test_the_wheel_zooms_the_time_axis(paris_charts):
    _, directory = paris_charts
    with ChromiumPage(directory / "timeline.html") as page:
        before = page.evaluate(X_LABELS)
        x, y = page.evaluate(CENTER_OF % ("'g.role-mark'", "element.getBoundingClientRect().height > 50"))
        page.wheel(x, y, -400)
        page.state()
        assert page.evaluate(X_LABELS) != before
