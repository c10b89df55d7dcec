"""The JSONL batch contract's input side: `{"id", "dct", "text"}` lines (DESIGN.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class BatchRecord:
    """One input line: its id, its text and the DCT it gives (None: infer it from the text)."""

    id: str
    text: str
    dct: date | None


class BatchLineError(ValueError):
    """A line that is not a valid record; `answer` is the `{"id", "error"}` line to write for it."""

    def __init__(self, identifier: str, message: str) -> None:
        super().__init__(message)
        self.answer = {"id": identifier, "error": message}


def parse_batch_line(number: int, line: str) -> BatchRecord:
    """Parse line `number` of a batch; raise `BatchLineError` naming the line if it is not a valid record."""
    from extractors.timex import check_dct

    identifier = f"line {number}"
    try:
        record = json.loads(line)
        if not isinstance(record, dict):
            raise ValueError("not a JSON object")
        identifier = str(record.get("id", identifier))
        text = record.get("text")
        if not isinstance(text, str):
            raise ValueError("no 'text' string")
        dct = check_dct(record["dct"]) if record.get("dct") else None
    except (ValueError, TypeError) as error:
        raise BatchLineError(identifier, f"line {number}: {error}") from None
    return BatchRecord(identifier, text, dct)
