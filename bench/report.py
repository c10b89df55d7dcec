"""The results: one JSON file and a markdown table, with every throughput's ratio to spaCy's own parse."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path

from bench.endtoend import EndToEnd
from bench.systems import EXTRACTION_KEY, HEIDELTIME, SPACY, TAGGER
from bench.timing import Timing

PEAK_MEMORY_GOAL_MB = 1500.0
PREFECT_SHARE_GOAL = 0.10


@dataclass(frozen=True)
class SystemResult:
    """One system's timings over a set of documents, or the reason it could not run."""

    key: str
    label: str
    documents: int
    tokens: int
    timing: Timing | None
    error: str | None = None

    @property
    def docs_per_second(self) -> float | None:
        return self.documents / self.timing.median if self.timing else None

    @property
    def tokens_per_second(self) -> float | None:
        return self.tokens / self.timing.median if self.timing else None


def paired_ratio(
    faster: SystemResult | None, slower: SystemResult | None, unit: str = "tokens"
) -> float | None:
    """How many times `faster`'s throughput (per token or per document) is `slower`'s: the median over rounds
    of the ratio within each round, since the systems of one round ran back to back under the same load."""
    if not (faster and slower and faster.timing and slower.timing):
        return None
    amount = {"tokens": lambda result: result.tokens, "documents": lambda result: result.documents}[unit]
    ratios = [
        (amount(faster) / fast_seconds) / (amount(slower) / slow_seconds)
        for fast_seconds, slow_seconds in zip(faster.timing.seconds, slower.timing.seconds, strict=False)
    ]
    return round(statistics.median(ratios), 3)


def _system_entry(result: SystemResult, spacy: SystemResult | None) -> dict[str, object]:
    return {
        "system": result.key,
        "label": result.label,
        "documents": result.documents,
        "tokens": result.tokens,
        "seconds": result.timing.to_dict() if result.timing else None,
        "docs_per_second": round(result.docs_per_second, 2) if result.timing else None,
        "tokens_per_second": round(result.tokens_per_second) if result.timing else None,
        "ratio_to_spacy_parse": paired_ratio(result, spacy),
        "error": result.error,
    }


def _target(name: str, value: float | None, goal: float, at_least: bool) -> dict[str, object]:
    met = None if value is None else (value >= goal if at_least else value <= goal)
    comparison = ">=" if at_least else "<="
    return {"target": name, "value": value, "goal": goal, "comparison": comparison, "met": met}


def _targets(by_key: dict[str, SystemResult], end_to_end: EndToEnd | None) -> list[dict[str, object]]:
    spacy, extraction, tagger = by_key.get(SPACY.key), by_key.get(EXTRACTION_KEY), by_key.get(TAGGER.key)
    targets = [
        _target("full extraction docs/s ÷ spaCy parse docs/s", paired_ratio(extraction, spacy, "documents"),
                1.0, True),
        _target("tagging docs/s ÷ spaCy parse docs/s", paired_ratio(tagger, spacy, "documents"), 2.0, True),
        _target("full extraction docs/s ÷ HeidelTime docs/s",
                paired_ratio(extraction, by_key.get(HEIDELTIME.key), "documents"), 30.0, True),
    ]
    if end_to_end is not None:
        targets += [
            _target("dateline run: Prefect's share of wall time", round(end_to_end.prefect_share, 4),
                    PREFECT_SHARE_GOAL, False),
            _target("dateline run: peak memory of the process tree (MB)", round(end_to_end.peak_rss_tree_mb),
                    PEAK_MEMORY_GOAL_MB, False),
        ]
    return targets


def build_results(
    systems: list[SystemResult],
    end_to_end: EndToEnd | None,
    context: dict[str, object],
    end_to_end_error: str | None = None,
) -> dict[str, object]:
    """The results document: the run's context, one entry per system, the end-to-end figures (or why the
    run failed), the targets."""
    by_key = {result.key: result for result in systems}
    return {
        **context,
        "ratios": "median over rounds of the ratio of throughputs within each round",
        "systems": [_system_entry(result, by_key.get(SPACY.key)) for result in systems],
        "end_to_end": end_to_end.to_dict() if end_to_end else None,
        "end_to_end_error": end_to_end_error,
        "targets": _targets(by_key, end_to_end),
    }


def _number(value: object, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def markdown(results: dict) -> str:
    """The results as markdown: the systems table, the end-to-end figures and the targets."""
    machine = results["machine"]
    lines = [
        f"# Benchmark: {results['name']}",
        "",
        f"{results['created']} · corpus `{results['corpus']['path']}` · {results['runs']} runs per figure "
        f"(median, min, max) · {machine['cpus']} CPUs, load average "
        f"{machine['load_average_before']} before, {machine['load_average_after']} after",
        "",
        "| system | docs | docs/s | tokens/s | median s | min s | max s | × spaCy parse |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for entry in results["systems"]:
        seconds = entry["seconds"] or {}
        label = entry["label"] + (f" — could not run: {entry['error']}" if entry["error"] else "")
        lines.append(
            f"| {label} | {entry['documents']} | {_number(entry['docs_per_second'])} | "
            f"{_number(entry['tokens_per_second'])} | {_number(seconds.get('median'))} | "
            f"{_number(seconds.get('min'))} | {_number(seconds.get('max'))} | "
            f"{_number(entry['ratio_to_spacy_parse'], 3)} |"
        )
    end_to_end = results["end_to_end"]
    if end_to_end:
        lines += [
            "",
            f"`dateline run --task-runner {end_to_end['task_runner']}` end to end on "
            f"{end_to_end['articles']:,} articles (fresh process, one run):",
            "",
            "| wall s | articles/s | start-up s | flow s | task bodies s | task runs | Prefect share "
            "| peak RSS tree MB | peak RSS dateline MB |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| {_number(end_to_end['wall_seconds'], 1)} | {_number(end_to_end['articles_per_second'])} | "
            f"{_number(end_to_end['startup_seconds'], 1)} | {_number(end_to_end['flow_seconds'], 1)} | "
            f"{_number(end_to_end['task_seconds'], 1)} | {end_to_end['task_runs']} | "
            f"{end_to_end['prefect_share']:.1%} | {_number(end_to_end['peak_rss_tree_mb'], 0)} | "
            f"{_number(end_to_end['peak_rss_process_mb'], 0)} |",
        ]
    if results["end_to_end_error"]:
        lines += ["", f"`dateline run` end to end failed: {results['end_to_end_error']}"]
    lines += ["", "| target | value | goal | met |", "|---|---:|---:|---|"]
    for target in results["targets"]:
        met = {True: "yes", False: "**no**", None: "not measured"}[target["met"]]
        lines.append(f"| {target['target']} | {_number(target['value'], 3)} | "
                     f"{target['comparison']} {_number(target['goal'], 2)} | {met} |")
    return "\n".join(lines) + "\n"


def write_results(results: dict, out_dir: Path) -> tuple[Path, Path]:
    """Write `<name>.json` and `<name>.md` under `out_dir`; return both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / f"{results['name']}.json"
    markdown_path = out_dir / f"{results['name']}.md"
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    markdown_path.write_text(markdown(results), encoding="utf-8")
    return json_path, markdown_path
