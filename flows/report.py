"""The end-of-run summary: what a run read, found, stored and drew, and where the files are."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from extractors.analysis import Analysis
from extractors.records import ReadFailure
from warehouse.queries import DEFAULT_MIN_CONFIDENCE

MAX_TABLE_ROWS = 40
MAX_KEPT_LINES = 2000


@dataclass
class EventLine:
    """One row of the end-of-run event table."""

    date: str
    expression: str
    type: str
    status: str
    summary: str
    article: str


@dataclass
class RunSummary:
    """Counts and paths of one pipeline run."""

    inputs: list[str]
    db_path: str
    status: str = "Running"
    articles_read: int = 0
    outcomes: dict[str, int] = field(
        default_factory=lambda: {"new": 0, "unchanged": 0, "replaced": 0, "failed": 0}
    )
    timexes: int = 0
    events: int = 0
    undated: int = 0
    confident: int = 0
    clusters: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    chart_files: list[str] = field(default_factory=list)
    table_counts: dict[str, int] = field(default_factory=dict)
    event_lines: list[EventLine] = field(default_factory=list)  # the first MAX_KEPT_LINES confident events
    source_counts: dict[str, int] = field(default_factory=dict)

    def add_batch(self, analyses: list[Analysis], outcomes: dict[str, int]) -> None:
        """Count a loaded batch and keep its events for the table."""
        for key, count in outcomes.items():
            self.outcomes[key] = self.outcomes.get(key, 0) + count
        for analysis in analyses:
            self.timexes += len(analysis.timexes)
            self.events += len(analysis.events)
            title = analysis.article.title or Path(analysis.article.source).name or analysis.article.id[:12]
            for event in analysis.events:
                time = event.time
                if time is None:
                    self.undated += 1
                if event.confidence < DEFAULT_MIN_CONFIDENCE:
                    continue
                self.confident += 1
                if len(self.event_lines) >= MAX_KEPT_LINES:
                    continue
                self.event_lines.append(
                    EventLine(
                        date=_interval_text(time.first_day, time.last_day) if time else "undated",
                        expression=f"{time.text} ({time.value})" if time else (event.duration or ""),
                        type=event.type,
                        status=event.status,
                        summary=event.summary,
                        article=title,
                    )
                )

    @property
    def had_failures(self) -> bool:
        """Whether some input could not be read, extracted or stored."""
        return bool(self.failures) or self.outcomes.get("failed", 0) > 0

    def counts(self) -> dict[str, int]:
        """The counts stored in the `runs` row."""
        return {
            "articles_read": self.articles_read,
            "articles_new": self.outcomes.get("new", 0),
            "articles_unchanged": self.outcomes.get("unchanged", 0),
            "articles_replaced": self.outcomes.get("replaced", 0),
            "articles_failed_to_load": self.outcomes.get("failed", 0),
            "time_expressions": self.timexes,
            "events": self.events,
            "failures": len(self.failures),
            **self.source_counts,
        }

    def render(self, console: Console) -> None:
        """Print the event table and the closing summary."""
        if self.event_lines:
            shown = sorted(self.event_lines, key=_salience)[:MAX_TABLE_ROWS]
            console.print(_event_table(shown))
            hidden = self.events - len(shown)
            if hidden > 0:
                console.print(f"… and {hidden:,} more events (weaker or undated ones included): "
                              "see `dateline events`.")
        outcome = ", ".join(f"{count:,} {name}" for name, count in self.outcomes.items())
        read = _count(self.articles_read, "article")
        console.print(f"[bold]{self.status}[/bold]: read {read} ({outcome}), "
                      f"{_count(len(self.failures), 'failed input')}.")
        found = f"{_count(self.timexes, 'time expression')} and {_count(self.events, 'event')}"
        clusters = _count(self.clusters, "event cluster")
        console.print(f"Found {found} ({self.undated:,} undated); {clusters} in the warehouse.")
        stored = ", ".join(f"{name} {count:,}" for name, count in self.table_counts.items())
        console.print(f"Database: {self.db_path}" + (f" ({stored})" if stored else ""))
        for failure in self.failures:
            console.print(f"[red]failed[/red] {failure.input}: {failure.error}", soft_wrap=True)
        if self.chart_files:
            console.print("Charts:")
            for path in self.chart_files:
                console.print(f"  {path}", soft_wrap=True)


def _salience(line: EventLine) -> tuple[bool, bool]:
    """Dated events before undated ones, typed events before `other`."""
    return (line.date == "undated", line.type == "other")


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def _interval_text(first, last) -> str:
    if first is None and last is None:
        return "undated"
    if first == last:
        return first.isoformat()
    return f"{first.isoformat() if first else '…'} → {last.isoformat() if last else '…'}"


def _event_table(lines: list[EventLine]) -> Table:
    """The events ordered by date (undated last); the article column only when there are several."""
    several_articles = len({line.article for line in lines}) > 1
    columns = ["date", "expression", "type", "status", "summary"] + (["article"] if several_articles else [])
    table = Table(title="Events found")
    for column in columns:
        table.add_column(column, overflow="fold", ratio=3 if column in ("summary", "article") else None)
    for line in sorted(lines, key=lambda line: (line.date == "undated", line.date)):
        table.add_row(*(getattr(line, column) for column in columns))
    return table
