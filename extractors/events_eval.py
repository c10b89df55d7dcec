"""Scoring the event extractor on TimeML corpora (TempEval-3) from their TLINKs.

Only TLINKs whose SOURCE is an event instance count; links written the other way round (a timex or the DCT
first) are not inverted.

Dating: a gold event is dated when a TLINK goes from one of its instances to a non-DCT TIMEX3 of type DATE or
TIME whose value begins with a four-digit year, with relType IS_INCLUDED, DURING or SIMULTANEOUS. Each gold
event (unique eid per document) counts once, whatever the number of such links; it is found when an extracted
event's trigger overlaps it and carries a date value equal to any of its linked values, both in one
notation (gold "2000-W7" is "2000-W07", "T24" is "T24:00"). An event's trigger may span a support verb and
its noun ("held … talks"): both words are the event. On TempEval-3 train this gives 1,059 dated events
(issue 4 says 1,058: the one-event difference is a counting detail of the issue's figure). Recall is found /
dated gold events; precision is, over extracted events whose trigger overlaps a dated gold event and whose
date value begins with a year, the share whose value is one of that gold event's values.

Status: TLINKs from an event instance to the DCT with relType BEFORE (expected status past) or AFTER
(expected planned or proposed): 1,235 on TempEval-3 train (1,111 BEFORE, 124 AFTER). Accuracy is, over the
links an extracted trigger overlaps, the share with the expected status.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from extractors.events import extract_events
from extractors.nlp import load_nlp
from extractors.records import Event, TimeExpression
from extractors.timeml import GoldEvent, GoldTimex, TimeMLDocument, canonical_value, read_timeml

CALENDAR_VALUE = re.compile(r"^\d{4}(-(\d{2}(-\d{2})?|W\d{2}(-WE)?|Q[1-4]|H[12]|SP|SU|FA|WI))?$")
YEAR_FIRST = re.compile(r"^\d{4}")
DATING_RELATIONS = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS"})
DATING_TYPES = frozenset({"DATE", "TIME"})
STATUS_RELATIONS = frozenset({"BEFORE", "AFTER"})
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
COLLECTIONS = ("TimeBank", "AQUAINT")


def calendar_interval(value: str) -> tuple[date, date, str] | None:
    """First day, last day and granularity of a calendar TIMEX3 value (2025-03-12, 2025-W11-WE, 2025-Q1 …).

    A TIME value (2025-03-12T14:00) gives its day with granularity "time"."""
    if "T" in value[4:] and CALENDAR_VALUE.match(value.split("T")[0]):
        day = calendar_interval(value.split("T")[0])
        return (day[0], day[1], "time") if day and day[2] == "day" else day
    if not CALENDAR_VALUE.match(value):
        return None
    year = int(value[:4])
    rest = value[5:]
    if not rest:
        return date(year, 1, 1), date(year, 12, 31), "year"
    if rest in SEASON_MONTHS:
        first, last = SEASON_MONTHS[rest]
        return date(year, first, 1), _month_end(year + (1 if last < first else 0), last), "season"
    if rest.startswith("W"):
        monday = date.fromisocalendar(year, int(rest[1:3]), 1)
        if rest.endswith("-WE"):
            return monday + timedelta(days=5), monday + timedelta(days=6), "weekend"
        return monday, monday + timedelta(days=6), "week"
    if rest.startswith("Q"):
        quarter = int(rest[1])
        return date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter), "quarter"
    if rest.startswith("H"):
        half = int(rest[1])
        return date(year, 6 * half - 5, 1), _month_end(year, 6 * half), "half"
    if len(rest) == 2:
        return date(year, int(rest), 1), _month_end(year, int(rest)), "month"
    day = date.fromisoformat(value)
    return day, day, "day"


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def gold_time_expression(timex: GoldTimex) -> TimeExpression:
    """A gold TIMEX3 as a `TimeExpression` (value in ISO week notation), with its calendar interval when
    the value has one."""
    value = canonical_value(timex.value)
    interval = calendar_interval(value) if timex.type in DATING_TYPES else None
    first_day, last_day, granularity = interval or (None, None, None)
    return TimeExpression(
        start=timex.start, end=timex.end, text=timex.text, type=timex.type,  # type: ignore[arg-type]
        value=value, mod=timex.mod, first_day=first_day, last_day=last_day, granularity=granularity,
    )


@dataclass(frozen=True)
class GoldLink:
    """One scored gold event: its offsets and the answers that count as right (date values, or statuses)."""

    start: int
    end: int
    text: str
    expected: frozenset[str]


def _event_sourced_links(document: TimeMLDocument) -> Iterable[tuple[GoldEvent, str, str]]:
    """(gold event, target id, relation) of every TLINK whose source is an event instance."""
    events = document.event_by_eiid()
    for link in document.tlinks:
        if link.source in events:
            yield events[link.source], link.target, link.rel_type


def dating_links(document: TimeMLDocument) -> list[GoldLink]:
    """Gold events dated by a non-DCT DATE/TIME expression with a year-first value, one per event."""
    timexes = {timex.tid: timex for timex in document.timexes if timex.tid != document.dct_tid}
    values: dict[GoldEvent, set[str]] = {}
    for event, target, relation in _event_sourced_links(document):
        timex = timexes.get(target)
        if (timex is not None and relation in DATING_RELATIONS and timex.type in DATING_TYPES
                and YEAR_FIRST.match(timex.value)):
            values.setdefault(event, set()).add(canonical_value(timex.value))
    return [GoldLink(event.start, event.end, event.text, frozenset(found)) for event, found in values.items()]


def status_links(document: TimeMLDocument) -> list[GoldLink]:
    """Event → DCT links BEFORE (expected past) or AFTER (expected planned or proposed), one per link."""
    expected = {"BEFORE": frozenset({"past"}), "AFTER": frozenset({"planned", "proposed"})}
    return [
        GoldLink(event.start, event.end, event.text, expected[relation])
        for event, target, relation in _event_sourced_links(document)
        if target == document.dct_tid and relation in STATUS_RELATIONS
    ]


@dataclass
class Tally:
    """Counts for one collection."""

    documents: int = 0
    dated_links: int = 0
    dated_found: int = 0
    dated_checked: int = 0
    dated_right: int = 0
    status_links: int = 0
    status_covered: int = 0
    status_right: int = 0

    def add(self, other: Tally) -> None:
        """Add another collection's counts to these."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _share(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


@dataclass
class EventsReport:
    """Event scores per collection and overall, with the misses for a verbose listing."""

    gold_timex: bool
    tallies: dict[str, Tally] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def overall(self) -> Tally:
        """The counts summed over every collection."""
        total = Tally()
        for tally in self.tallies.values():
            total.add(tally)
        return total

    def scores(self, tally: Tally | None = None) -> dict[str, float]:
        """Dating recall, dating precision, status accuracy and status coverage, in percent."""
        tally = tally or self.overall()
        return {
            "dating_recall": _share(tally.dated_found, tally.dated_links),
            "dating_precision": _share(tally.dated_right, tally.dated_checked),
            "status_accuracy": _share(tally.status_right, tally.status_covered),
            "status_coverage": _share(tally.status_covered, tally.status_links),
        }

    def render(self, verbose: bool = False) -> str:
        """A plain-text table of the scores, then any unreadable files; with `verbose`, every missed or wrong
        link after it."""
        mode = "gold time expressions" if self.gold_timex else "tagged time expressions"
        lines = [
            f"Event extraction on TimeML ({mode})",
            f"{'collection':<10} {'docs':>5} {'dated':>6} {'recall':>7} {'checked':>8} {'precision':>9} "
            f"{'status':>7} {'covered':>8} {'accuracy':>8}",
        ]
        rows = [*sorted(self.tallies.items()), ("overall", self.overall())]
        for name, tally in rows:
            score = self.scores(tally)
            lines.append(
                f"{name:<10} {tally.documents:>5} {tally.dated_links:>6} {score['dating_recall']:>6.1f}% "
                f"{tally.dated_checked:>8} {score['dating_precision']:>8.1f}% {tally.status_links:>7} "
                f"{tally.status_covered:>8} {score['status_accuracy']:>7.1f}%"
            )
        if self.failures:
            lines.append(f"{len(self.failures)} file(s) skipped:")
            lines.extend(self.failures)
        if verbose:
            lines.append("")
            lines.extend(self.misses)
        return "\n".join(lines)


def _overlapping(events: list[Event], link: GoldLink) -> list[Event]:
    return [event for event in events if event.trigger_start < link.end and link.start < event.trigger_end]


def score_document(document: TimeMLDocument, events: list[Event], misses: list[str]) -> Tally:
    """Score one document's extracted events against its gold links; append misses as one-line notes."""
    tally = Tally(documents=1)
    dated = dating_links(document)
    for link in dated:
        found = _overlapping(events, link)
        values = {canonical_value(event.time.value) for event in found if event.time is not None}
        tally.dated_links += 1
        if values & link.expected:
            tally.dated_found += 1
        else:
            misses.append(f"{document.name}: date {link.text!r}@{link.start} want {sorted(link.expected)} "
                          f"got {sorted(values) or 'nothing'}")
    wanted: dict[str, set[str]] = {}
    calendar_events = [
        event for event in events if event.time is not None and YEAR_FIRST.match(event.time.value)
    ]
    for link in dated:
        for event in _overlapping(calendar_events, link):
            wanted.setdefault(event.id, set()).update(link.expected)
    for event in calendar_events:
        if event.id in wanted:
            tally.dated_checked += 1
            tally.dated_right += canonical_value(event.time.value) in wanted[event.id]
    for link in status_links(document):
        tally.status_links += 1
        found = _overlapping(events, link)
        if not found:
            continue
        tally.status_covered += 1
        if found[0].status in link.expected:
            tally.status_right += 1
        else:
            misses.append(f"{document.name}: status {link.text!r}@{link.start} want {sorted(link.expected)} "
                          f"got {found[0].status}")
    return tally


def read_documents(directory: Path, failures: list[str]) -> list[TimeMLDocument]:
    """Every readable `.tml` file under `directory`, in path order; each unreadable one adds a one-line
    failure naming it. Raises FileNotFoundError when the folder holds no `.tml` file."""
    paths = sorted(Path(directory).rglob("*.tml"))
    if not paths:
        raise FileNotFoundError(f"{directory}: no .tml files")
    documents = []
    for path in paths:
        try:
            documents.append(read_timeml(path))
        except (ET.ParseError, ValueError, KeyError, OSError) as error:
            failures.append(f"{path}: not a readable TimeML file ({error.__class__.__name__}: {error})")
    return documents


def evaluate_events(directory: Path, gold_timex: bool = False, batch_size: int = 16) -> EventsReport:
    """Extract events from every TimeML file under `directory` and score them (see the module docstring).

    With `gold_timex`, the extractor gets the gold TIMEX3s instead of the tagger's, which separates tagging
    errors from anchoring errors. Unreadable files are listed in `EventsReport.failures` and skipped.
    """
    from extractors.timex import tag_doc

    report = EventsReport(gold_timex=gold_timex)
    documents = read_documents(directory, report.failures)
    parsed = load_nlp().pipe((document.text for document in documents), batch_size=batch_size)
    for document, doc in zip(documents, parsed, strict=True):
        if gold_timex:
            timexes = [gold_time_expression(timex) for timex in document.timexes]
        else:
            timexes = tag_doc(doc, document.dct)
        events = extract_events(doc, document.name, document.dct, timexes)
        tally = score_document(document, events, report.misses)
        collection = document.collection if document.collection in COLLECTIONS else "other"
        report.tallies.setdefault(collection, Tally()).add(tally)
    return report
