"""Prefect artifacts of a pipeline run: a markdown summary, a table of the new events, links to the charts.

Keys (lowercase letters, digits and dashes, as Prefect requires) stay the same from run to run, so the
Prefect UI shows each key's history: `dateline-run-summary`, `dateline-new-events`, `dateline-charts`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

from extractors.records import ReadFailure
from flows.report import RunSummary

SUMMARY_KEY = "dateline-run-summary"
EVENTS_KEY = "dateline-new-events"
CHARTS_KEY = "dateline-charts"
MAX_FAILURES_LISTED = 20
INPUTS = "(files and folders)"


def failures_by_source(failures: list[ReadFailure]) -> dict[str, list[ReadFailure]]:
    """Failures grouped by the configured source they belong to (file inputs under one heading)."""
    grouped: dict[str, list[ReadFailure]] = defaultdict(list)
    for failure in failures:
        grouped[str(failure.details.get("source") or INPUTS)].append(failure)
    return dict(grouped)


def _cell(text: str) -> str:
    """Text safe inside a markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def summary_markdown(summary: RunSummary) -> str:
    """The run in markdown: status, counts, failures per source and the chart files."""
    lines = [f"# Dateline run: {summary.status}", "", "| count | value |", "|---|---|"]
    lines += [f"| {name.replace('_', ' ')} | {value:,} |" for name, value in summary.counts().items()]
    grouped = failures_by_source(summary.failures)
    lines += ["", "## Failures per source", ""]
    if not grouped:
        lines.append("None.")
    for source, failures in sorted(grouped.items()):
        lines.append(f"- **{_cell(source)}**: {len(failures)}")
        lines += [f"  - {_cell(failure.error)}" for failure in failures[:MAX_FAILURES_LISTED]]
        if len(failures) > MAX_FAILURES_LISTED:
            lines.append(f"  - … and {len(failures) - MAX_FAILURES_LISTED} more")
    if summary.chart_files:
        lines += ["", "## Charts", ""]
        lines += [f"- [{Path(path).name}]({Path(path).resolve().as_uri()})" for path in summary.chart_files]
    return "\n".join(lines) + "\n"


def new_event_rows(summary: RunSummary) -> list[dict[str, str]]:
    """One row per confident event extracted in this run (only new or changed articles are extracted),
    at most `flows.report.MAX_KEPT_LINES` of them."""
    return [
        {"date": line.date, "expression": line.expression, "type": line.type, "status": line.status,
         "summary": line.summary, "article": line.article}
        for line in summary.event_lines
    ]


def chart_index(summary: RunSummary) -> Path | None:
    """The chart index page if the run drew one, else its first chart file, else None."""
    paths = [Path(path) for path in summary.chart_files]
    for path in paths:
        if path.name == "index.html":
            return path
    return paths[0] if paths else None


def publish_run_artifacts(summary: RunSummary) -> None:
    """Publish the summary, the new-events table and the chart link of a run (call inside the flow)."""
    create_markdown_artifact(key=SUMMARY_KEY, markdown=summary_markdown(summary),
                             description=f"Dateline run: {summary.status}")
    create_table_artifact(key=EVENTS_KEY, table=new_event_rows(summary),
                          description=f"{summary.events:,} events found in new or changed articles")
    index = chart_index(summary)
    if index is not None:
        create_link_artifact(key=CHARTS_KEY, link=index.resolve().as_uri(), link_text=index.name,
                             description="The charts drawn by this run")
