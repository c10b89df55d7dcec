"""The end-of-run summary: what a run read, found, stored and drew, and where the files are."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console
from rich.table import Table

from extractors.analysis import Analysis
from extractors.records import ReadFailure

MAX_TABLE_ROWS = 40


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
    outcomes: dict[str, int] = field(default_factory=lambda: {"new": 0, "unchanged": 0, "replaced": 0})
    timexes: int = 0
    events: int = 0
    undated: int = 0
    clusters: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    chart_files: list[str] = field(default_factory=list)
    table_counts: dict[str, int] = field(default_factory=dict)
    event_lines: list[EventLine] = field(default_factory=list)

    def add_batch(self, analyses: list[Analysis], outcomes: dict[str, int]) -> None:
        """Count a loaded batch and keep its events for the table."""
        for key, count in outcomes.items():
            self.outcomes[key] = self.outcomes.get(key, 0) + count
        for analysis in analyses:
            self.timexes += len(analysis.timexes)
            self.events += len(analysis.events)
            title = analysis.article.title or analysis.article.source or analysis.article.id[:12]
            for event in analysis.events:
                time = event.time
                if time is None:
                    self.undated += 1
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

    def counts(self) -> dict[str, int]:
        """The counts stored in the `runs` row."""
        return {
            "articles_read": self.articles_read,
            "articles_new": self.outcomes.get("new", 0),
            "articles_unchanged": self.outcomes.get("unchanged", 0),
            "articles_replaced": self.outcomes.get("replaced", 0),
            "time_expressions": self.timexes,
            "events": self.events,
            "failures": len(self.failures),
        }

    def render(self, console: Console) -> None:
        """Print the event table and the closing summary."""
        if self.event_lines:
            console.print(_event_table(self.event_lines[:MAX_TABLE_ROWS]))
            hidden = len(self.event_lines) - MAX_TABLE_ROWS
            if hidden > 0:
                console.print(f"… and {hidden:,} more events: see `dateline events`.")
        outcome = ", ".join(f"{count:,} {name}" for name, count in self.outcomes.items())
        console.print(f"[bold]{self.status}[/bold]: read {self.articles_read:,} articles ({outcome}), "
                      f"{len(self.failures):,} failed inputs.")
        console.print(f"Found {self.timexes:,} time expressions and {self.events:,} events "
                      f"({self.undated:,} undated); {self.clusters:,} event clusters in the warehouse.")
        stored = ", ".join(f"{name} {count:,}" for name, count in self.table_counts.items())
        console.print(f"Database: {self.db_path}" + (f" ({stored})" if stored else ""))
        for failure in self.failures:
            console.print(f"[red]failed[/red] {failure.input}: {failure.error}", soft_wrap=True)
        if self.chart_files:
            console.print("Charts:")
            for path in self.chart_files:
                console.print(f"  {path}", soft_wrap=True)


def _interval_text(first, last) -> str:
    if first is None and last is None:
        return "undated"
    if first == last:
        return first.isoformat()
    return f"{first.isoformat() if first else '…'} → {last.isoformat() if last else '…'}"


def _event_table(lines: list[EventLine]) -> Table:
    table = Table(title="Events found", show_lines=False)
    for column in ("date", "expression", "type", "status", "summary", "article"):
        table.add_column(column, overflow="fold")
    ordered = sorted(lines, key=lambda line: (line.date == "undated", line.date))
    for line in ordered:
        table.add_row(line.date, line.expression, line.type, line.status, line.summary, line.article)
    return table
