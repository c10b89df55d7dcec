"""Boilerplate: the character ranges of page chrome and trailing credits, which yield no events.

Patterns live in `data/boilerplate_patterns.jsonl`, one per line with examples and counter-examples. A
"line" pattern must match a whole line (stripped, case-insensitive, at most `MAX_LINE_CHARS` long, with no
reporting verb such as "said": boilerplate quotes nobody). An "inline" pattern marks the end of a line only,
such as a photo credit in parentheses after a caption, whose text stays content. Once the last lines of a
text are all boilerplate (short headline-like lines between them count too), that whole tail is one span.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PATTERNS_PATH = Path(__file__).parent / "data" / "boilerplate_patterns.jsonl"
MAX_LINE_CHARS = 300
MAX_HEADLINE_CHARS = 80
_REPORTING_VERB = re.compile(r"\b(?:said|says|told|tells|added|stated)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\"”’)]\s*$")


@dataclass(frozen=True)
class BoilerplatePattern:
    """One named pattern with the examples it must match and the counter-examples it must not."""

    name: str
    scope: str
    regex: re.Pattern[str]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@lru_cache(maxsize=1)
def load_patterns(path: Path = PATTERNS_PATH) -> tuple[BoilerplatePattern, ...]:
    """Read and compile the boilerplate patterns; an unknown scope stops with a ValueError."""
    patterns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["scope"] not in {"line", "inline"}:
            raise ValueError(f"{path}:{number}: unknown scope {row['scope']!r}")
        flags = re.IGNORECASE if row["scope"] == "line" else 0
        patterns.append(
            BoilerplatePattern(
                name=row["name"],
                scope=row["scope"],
                regex=re.compile(row["pattern"], flags),
                examples=tuple(row["examples"]),
                counter_examples=tuple(row.get("counter_examples", ())),
            )
        )
    return tuple(patterns)


def is_boilerplate_line(line: str) -> bool:
    """Whether a whole line is page chrome or a credit, by the "line" patterns."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_LINE_CHARS or _REPORTING_VERB.search(stripped):
        return False
    return any(p.regex.fullmatch(stripped) for p in load_patterns() if p.scope == "line")


def inline_boilerplate(line: str) -> int | None:
    """Where the boilerplate at the end of a content line (a photo credit) starts, if there is one."""
    starts = [m.start() for p in load_patterns() if p.scope == "inline" for m in [p.regex.search(line)] if m]
    return min(starts, default=None)


def _is_headline_like(line: str) -> bool:
    """A short line that is not a sentence: a related-story title or a section name."""
    stripped = line.strip()
    return (
        len(stripped) <= MAX_HEADLINE_CHARS
        and not _SENTENCE_END.search(stripped)
        and not _REPORTING_VERB.search(stripped)
    )


def _line_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, the newline excluded."""
    offsets = []
    start = 0
    for line in text.split("\n"):
        offsets.append((start, start + len(line)))
        start += len(line) + 1
    return offsets


def _tail_start(text: str, lines: list[tuple[int, int]], chrome: list[bool]) -> int | None:
    """Where the trailing run of boilerplate lines starts, or None when the text ends with content."""
    top = None
    for index in range(len(lines) - 1, -1, -1):
        line = text[lines[index][0] : lines[index][1]]
        if not line.strip():
            continue
        if chrome[index]:
            top = index
        elif top is None or not _is_headline_like(line):
            break
    return None if top is None else lines[top][0]


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sort spans and join those that overlap or are separated by whitespace only."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges [start, end) of boilerplate in `text`, sorted and non-overlapping."""
    lines = _line_offsets(text)
    chrome = [is_boilerplate_line(text[start:end]) for start, end in lines]
    spans = []
    for (start, end), is_chrome in zip(lines, chrome, strict=True):
        if is_chrome:
            spans.append((start, end))
        elif (credit := inline_boilerplate(text[start:end])) is not None:
            spans.append((start + credit, end))
    tail = _tail_start(text, lines, chrome)
    if tail is not None:
        spans.append((tail, len(text)))
    return _merge(spans, text)
