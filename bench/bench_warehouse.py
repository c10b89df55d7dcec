"""Warehouse benchmark: load 1,000,000 synthetic events through `load_articles`, then query a date range.

Run: `.venv/bin/python bench/bench_warehouse.py` (about a minute on 2 cores). Prints the figures and writes
them to bench/results/warehouse.json. The load rate counts events per second of `load_articles` time
(records → Arrow → DuckDB, one transaction per batch), not the time spent making the synthetic records;
rows per second also counts the time expression and article rows written with the events. The records → Arrow
conversion is also timed apart (on the same batches, outside the load time) to show the Arrow → DuckDB rate.
The machine is shared, so the load average and the CPU seconds of the loads (all threads) are recorded too.
The query is `event_rows` with `mentions=True` over a one-week range (every matching row fetched).
`--cluster-events N` also times `update_clusters` on a separate database of N events, and the same range
query over the merged events (clusters).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from extractors.records import EVENT_STATUSES, EVENT_TYPES, Article, Event, TimeExpression, event_id
from warehouse.db import open_warehouse
from warehouse.load import _batch_tables, load_articles, start_run, update_clusters
from warehouse.queries import EventFilter, event_rows, table_counts

RESULTS = Path(__file__).parent / "results" / "warehouse.json"
FIRST_DAY = date(2023, 1, 1)
DAYS = 3 * 365
PLACES = ("Paris", "Berlin", "Kyiv", "Warsaw", "London", "Rome", "Madrid", "Vienna", None)
ACTORS = ("France", "Germany", "Ukraine", "Poland", "U.K.", "Italy", "Spain", "Austria", "NATO", "EU")
# Extraction output has about one time expression per five events (AQUAINT: 588 for 2,694 events; the
# reference article: 11 for 73), so each synthetic date anchors five consecutive events.
EVENTS_PER_TIMEX = 5
SENTENCE = "Officials of {a} and {b} held talks in {place} on the day, the agency said. "


def synthetic_article(number: int, events_per_article: int, rng: random.Random):
    """One synthetic article with `events_per_article` dated events (one sentence each, a date every five)."""
    published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    article_id = f"synthetic-{number:07d}"
    sentences, timexes, events = [], [], []
    offset = 0
    for _ in range(events_per_article):
        a, b = rng.sample(ACTORS, 2)
        place = rng.choice(PLACES)
        sentence = SENTENCE.format(a=a, b=b, place=place or "the capital")
        trigger_start = offset + sentence.index("talks")
        if len(events) % EVENTS_PER_TIMEX == 0:  # a new date; the next events are anchored to it too
            time_start = offset + sentence.index("the day")
            day = published + timedelta(days=rng.randrange(-10, 20))
            timex = TimeExpression(
                start=time_start, end=time_start + 7, text="the day", type="DATE", value=day.isoformat(),
                first_day=day, last_day=day, granularity="day",
            )
            timexes.append(timex)
        events.append(
            Event(
                id=event_id(article_id, trigger_start, trigger_start + 5),
                article_id=article_id,
                type=rng.choice(EVENT_TYPES),
                status=rng.choice(EVENT_STATUSES),
                summary=f"Officials of {a} and {b} held talks in {place or 'the capital'}",
                trigger_start=trigger_start,
                trigger_end=trigger_start + 5,
                trigger_text="talks",
                trigger_lemma="talk",
                sentence_start=offset,
                sentence_end=offset + len(sentence) - 1,
                evidence_start=offset,
                evidence_end=offset + len(sentence) - 1,
                actors=(a, b),
                location=place,
                time=timex,
                confidence=0.6,
            )
        )
        sentences.append(sentence)
        offset += len(sentence)
    article = Article(
        id=article_id, text="".join(sentences), url=f"https://example.invalid/synthetic/{number}",
        title=f"Synthetic article {number}", source="synthetic", published=published, dct_origin="given",
    )
    return article, timexes, events


def bench_load(path: Path, events: int, per_article: int, batch_articles: int) -> dict:
    """Load `events` synthetic events in batches; time the loads and a one-week range query."""
    rng = random.Random(7)
    con = open_warehouse(path)
    run_id = start_run(con, flow_run_id=None, inputs=["synthetic"])
    articles = events // per_article
    load_seconds = convert_seconds = load_cpu_seconds = 0.0
    for first in range(0, articles, batch_articles):
        numbers = range(first, min(first + batch_articles, articles))
        batch = [synthetic_article(n, per_article, rng) for n in numbers]
        started = time.perf_counter()
        _batch_tables(batch, run_id, datetime.now(), {})  # timed apart: the records → Arrow share of a load
        convert_seconds += time.perf_counter() - started
        started, cpu_started = time.perf_counter(), time.process_time()
        counts = load_articles(con, batch, run_id=run_id)
        load_seconds += time.perf_counter() - started
        load_cpu_seconds += time.process_time() - cpu_started
        assert counts["failed"] == 0, counts
    counts = table_counts(con)
    stored = counts["events"]
    rows_written = counts["events"] + counts["time_expressions"] + counts["articles"]
    week = EventFilter(date_from=date(2024, 6, 3), date_to=date(2024, 6, 9))
    query_times, found = [], 0
    for _ in range(5):
        started = time.perf_counter()
        found = len(event_rows(con, week, mentions=True))
        query_times.append(time.perf_counter() - started)
    con.close()
    return {
        "events_loaded": stored,
        "articles_loaded": articles,
        "batch_articles": batch_articles,
        "load_seconds": round(load_seconds, 2),
        "load_cpu_seconds": round(load_cpu_seconds, 2),
        "events_per_second": round(stored / load_seconds),
        "rows_written": rows_written,
        "rows_per_second": round(rows_written / load_seconds),
        "records_to_arrow_seconds": round(convert_seconds, 2),
        "arrow_to_duckdb_events_per_second": round(stored / (load_seconds - convert_seconds)),
        "range_query": "event_rows(mentions=True), 2024-06-03..2024-06-09",
        "range_query_rows": found,
        "range_query_seconds_first": round(query_times[0], 3),
        "range_query_seconds_best": round(min(query_times), 3),
        "database_megabytes": round(path.stat().st_size / 1e6, 1),
    }


def bench_clusters(path: Path, events: int) -> dict:
    """Time `update_clusters` over `events` synthetic events."""
    rng = random.Random(11)
    con = open_warehouse(path)
    run_id = start_run(con, flow_run_id=None, inputs=["synthetic"])
    load_articles(con, [synthetic_article(n, 100, rng) for n in range(events // 100)], run_id=run_id)
    started = time.perf_counter()
    clusters = update_clusters(con)
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    found = len(event_rows(con, EventFilter(date_from=date(2024, 6, 3), date_to=date(2024, 6, 9))))
    query_seconds = time.perf_counter() - started
    con.close()
    return {
        "cluster_events": events,
        "clusters": clusters,
        "update_clusters_seconds": round(seconds, 2),
        "cluster_range_query_rows": found,
        "cluster_range_query_seconds": round(query_seconds, 3),
    }


def main() -> None:
    """Run the benchmark and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic events to load")
    parser.add_argument("--per-article", type=int, default=100, help="events per synthetic article")
    parser.add_argument("--batch-articles", type=int, default=5_000, help="articles per load_articles call")
    parser.add_argument("--cluster-events", type=int, default=0, help="also time update_clusters on N events")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.duckdb"
        figures = bench_load(database, args.events, args.per_article, args.batch_articles)
        if args.cluster_events:
            figures |= bench_clusters(Path(folder) / "clusters.duckdb", args.cluster_events)
    figures["targets"] = {"events_per_second": 200_000, "range_query_seconds": 0.5}
    figures["load_average_after"] = [round(value, 2) for value in os.getloadavg()]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
