"""The benchmark suite: a quick run on a few corpus documents writes well-formed results with ratios."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bench.__main__ import main
from bench.corpus import BenchDocument, repeat_documents, spread_sample, write_jsonl
from bench.endtoend import union_seconds
from bench.timing import time_runs

SYSTEMS = ["spacy-parse", "dateline-tag", "dateline-extract", "dateparser-search"]


def test_quick_run_writes_json_and_markdown_with_ratios(corpus_dir: Path, tmp_path: Path) -> None:
    main(["--corpus", str(corpus_dir), "--quick", "--heideltime-sample", "0", "--out", str(tmp_path)])

    results = json.loads((tmp_path / "quick.json").read_text(encoding="utf-8"))
    assert [entry["system"] for entry in results["systems"]] == SYSTEMS
    spacy_rate = results["systems"][0]["tokens_per_second"]
    for entry in results["systems"]:
        assert entry["error"] is None
        assert entry["documents"] == results["corpus"]["documents"] == 6
        seconds = entry["seconds"]
        assert len(seconds["runs"]) == results["runs"] == 1
        assert seconds["min"] <= seconds["median"] <= seconds["max"]
        ratio = entry["tokens_per_second"] / spacy_rate
        assert entry["ratio_to_spacy_parse"] == pytest.approx(ratio, rel=0.01)
    assert results["end_to_end"] is None
    by_name = {target["target"]: target for target in results["targets"]}
    tagging = by_name["tagging docs/s ÷ spaCy parse docs/s"]
    assert tagging["value"] == pytest.approx(results["systems"][1]["ratio_to_spacy_parse"], rel=0.01)
    assert tagging["met"] == (tagging["value"] >= 2.0)
    assert by_name["full extraction docs/s ÷ HeidelTime docs/s"]["met"] is None

    table = (tmp_path / "quick.md").read_text(encoding="utf-8")
    assert "| system | docs | docs/s | tokens/s | median s | min s | max s | × spaCy parse |" in table
    assert table.count("| 6 |") == len(SYSTEMS)


def test_union_of_task_intervals_counts_overlaps_once() -> None:
    assert union_seconds([]) == 0.0
    assert union_seconds([(0.0, 2.0), (1.0, 3.0), (5.0, 6.0), (5.5, 5.7)]) == pytest.approx(4.0)


def test_timing_keeps_every_run() -> None:
    timing = time_runs(lambda: sum(range(1000)), runs=3)
    assert len(timing.seconds) == 3
    assert timing.min <= timing.median <= timing.max
    with pytest.raises(ValueError, match="runs must be at least 1"):
        time_runs(lambda: None, runs=0)


def test_repeated_set_has_distinct_names_and_urls(tmp_path: Path) -> None:
    documents = [BenchDocument(f"doc{n}", f"Text {n} was written on Monday.", date(2020, 1, n + 1))
                 for n in range(3)]
    repeated = repeat_documents(documents, 7)
    assert [document.name for document in repeated] == [
        "doc0#0", "doc1#0", "doc2#0", "doc0#1", "doc1#1", "doc2#1", "doc0#2"
    ]
    written = write_jsonl(repeated, tmp_path / "a.jsonl")
    lines = [json.loads(line) for line in written.read_text(encoding="utf-8").splitlines()]
    assert len({line["url"] for line in lines}) == 7
    assert lines[4] == {"url": lines[4]["url"], "title": "doc1#1", "dct": "2020-01-02",
                        "text": "Text 1 was written on Monday."}
    assert spread_sample(repeated, 3) == [repeated[0], repeated[2], repeated[4]]


@pytest.mark.slow
def test_end_to_end_run_measures_prefect_share_and_memory(corpus_dir: Path, tmp_path: Path) -> None:
    main(["--corpus", str(corpus_dir), "--quick", "--heideltime-sample", "0", "--docs", "10",
          "--out", str(tmp_path)])

    results = json.loads((tmp_path / "quick.json").read_text(encoding="utf-8"))
    assert results["end_to_end_error"] is None
    run = results["end_to_end"]
    assert run["articles"] == 10
    assert run["task_runs"] >= 5  # read, extract, load, failures, clusters, charts
    assert 0 < run["task_seconds"] < run["flow_seconds"] < run["wall_seconds"]
    assert run["prefect_share"] == pytest.approx(1 - run["task_seconds"] / run["wall_seconds"], abs=0.001)
    assert 0 < run["peak_rss_process_mb"] <= run["peak_rss_tree_mb"]
    names = [target["target"] for target in results["targets"]]
    assert "dateline run: Prefect's share of wall time" in names
