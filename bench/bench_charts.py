"""Benchmark: charts of 10,000 events, from a real DuckDB warehouse to a page rendered in headless Chromium.

Loads 1,000 synthetic articles with 10 events each (spread over a year, every type and status, some spans,
open ends and undated events), draws the charts with `draw_charts` (which aggregates past its detail limit),
and renders each HTML file in Chromium with the network off. For comparison it also draws and renders the
detailed (one mark per event) timeline at the detail limit. Prints the figures and writes
bench/results/charts.json.

Run: .venv/bin/python bench/bench_charts.py
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from charts.draw import DETAIL_LIMIT, draw_charts  # noqa: E402
from charts.save import save_chart  # noqa: E402
from charts.timeline import timeline_chart  # noqa: E402
from extractors.records import EVENT_TYPES, Article, Event, TimeExpression, event_id, sha256_hex  # noqa: E402
from tests.chart_rows import synthetic_chart_rows  # noqa: E402
from tests.chromium import render_page  # noqa: E402
from warehouse.db import open_warehouse  # noqa: E402
from warehouse.load import load_articles, start_run, update_clusters  # noqa: E402

ARTICLES = 1_000
EVENTS_PER_ARTICLE = 10
AS_OF = date(2025, 3, 12)
RESULTS = ROOT / "bench" / "results" / "charts.json"


def synthetic_article(index: int, rng: random.Random) -> tuple[Article, list[TimeExpression], list[Event]]:
    """One article of ten sentences, each an event with its own date (or none)."""
    published = AS_OF - timedelta(days=rng.randint(0, 360))
    sentences = [f"Delegation {index}-{number} from country {rng.randint(1, 60)} met officials about topic "
                 f"{rng.randint(1, 500)}." for number in range(EVENTS_PER_ARTICLE)]
    text = " ".join(sentences)
    article = Article(id=sha256_hex(f"bench-{index}"), text=text, url=f"https://example.org/bench/{index}",
                      title=f"Bench story {index}", source="bench", published=published, dct_origin="given")
    events, timexes, offset = [], [], 0
    for sentence in sentences:
        start, end = offset, offset + len(sentence)
        offset = end + 1
        first = published + timedelta(days=rng.randint(-20, 20))
        shape = rng.random()
        last = first if shape < 0.7 else (first + timedelta(days=rng.randint(1, 10)) if shape < 0.9 else None)
        time_expression = None if shape > 0.97 else TimeExpression(
            start=start, end=start + 10, text=sentence[:10], type="DATE", value=first.isoformat(),
            first_day=first, last_day=last, granularity="day")
        status = "planned" if first > published else rng.choice(["past", "past", "proposed", "ongoing"])
        events.append(Event(
            id=event_id(article.id, start, end), article_id=article.id, type=rng.choice(EVENT_TYPES),
            status=status, summary=sentence[:60], trigger_start=start, trigger_end=start + 10,
            trigger_text=sentence[:10], trigger_lemma="meet", sentence_start=start, sentence_end=end,
            evidence_start=start, evidence_end=end, actors=(f"Country {rng.randint(1, 60)}",),
            location=rng.choice(["Paris", "Kyiv", "Geneva", None]), time=time_expression, confidence=0.8))
        if time_expression is not None:
            timexes.append(time_expression)
    return article, timexes, events


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def main() -> None:
    rng = random.Random(11)
    work = Path(tempfile.mkdtemp(prefix="dateline-bench-charts-"))
    con = open_warehouse(work / "bench.duckdb")
    items = [synthetic_article(index, rng) for index in range(ARTICLES)]
    run_id = start_run(con, flow_run_id=None, inputs=["bench"])
    _, load_seconds = timed(load_articles, con, items, run_id=run_id)
    clusters, cluster_seconds = timed(update_clusters, con)
    files, draw_seconds = timed(draw_charts, con, work / "charts")
    con.close()
    results = {
        "events": ARTICLES * EVENTS_PER_ARTICLE, "clusters": clusters, "load_seconds": round(load_seconds, 2),
        "cluster_seconds": round(cluster_seconds, 2), "draw_charts_seconds": round(draw_seconds, 2),
        "aggregated": files.aggregated, "counts": files.counts, "files": {},
    }
    for path in files.paths:
        entry = {"bytes": path.stat().st_size}
        if path.suffix == ".html":
            page = render_page(path, timeout=120)
            entry.update(render_seconds=round(page.render_seconds, 2), marks=page.mark_count,
                         console_errors=len(page.console_errors), network_requests=len(page.network_requests))
        results["files"][path.name] = entry
    detailed_rows = synthetic_chart_rows(DETAIL_LIMIT, around=AS_OF)
    chart, build_seconds = timed(timeline_chart, detailed_rows, as_of=AS_OF, date_from=None, date_to=None)
    paths, save_seconds = timed(save_chart, chart, work / "detailed", "timeline")
    page = render_page(paths[0], timeout=120)
    results["detailed_at_limit"] = {
        "events": DETAIL_LIMIT, "build_seconds": round(build_seconds, 2),
        "save_seconds": round(save_seconds, 2), "html_bytes": paths[0].stat().st_size,
        "render_seconds": round(page.render_seconds, 2),
        "marks": page.mark_count, "console_errors": len(page.console_errors),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2, default=str))
    print(f"charts in {work / 'charts'}; results in {RESULTS}")


if __name__ == "__main__":
    main()
