"""Writing query rows for people and programs: a rich table, CSV, JSON or Parquet."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from rich.console import Console
from rich.table import Table

FORMATS: tuple[str, ...] = ("table", "csv", "json", "parquet")


def write_rows(rows: list[dict], columns: list[str], fmt: str, out: Path | None = None) -> None:
    """Write `rows` (only `columns`, in that order) as `fmt` to `out`, or to standard output.

    Parquet is binary and needs `out`. Lists and nested values become JSON text in table and CSV cells.
    """
    selected = [{column: row.get(column) for column in columns} for row in rows]
    if fmt == "table":
        _write_text(_table_text(selected, columns), out)
    elif fmt == "csv":
        _write_text(_csv_text(selected, columns), out)
    elif fmt == "json":
        _write_text(json.dumps(selected, default=_json_default, ensure_ascii=False, indent=2) + "\n", out)
    elif fmt == "parquet":
        if out is None:
            raise ValueError("the parquet format needs an output file")
        out.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(_arrow_table(selected, columns), out)
    else:
        raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")


def _write_text(text: str, out: Path | None) -> None:
    """Write text to a file (creating its folder) or to standard output."""
    if out is None:
        sys.stdout.write(text)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


def _json_default(value: object) -> str:
    """JSON for dates and other values json cannot encode: their ISO or string form."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _cell(value: object) -> str:
    """One value as flat text: empty for None, ISO dates, JSON for lists and dicts."""
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | dict):
        if all(isinstance(item, str) for item in value) and not isinstance(value, dict):
            return "; ".join(value)
        return json.dumps(value, default=_json_default, ensure_ascii=False)
    return str(value)


def _table_text(rows: list[dict], columns: list[str]) -> str:
    """A rich table rendered to text (wide enough for summaries when printed to a file or pipe)."""
    table = Table(*columns, show_lines=False, title=f"{len(rows)} rows")
    for row in rows:
        table.add_row(*(_cell(row[column]) for column in columns))
    buffer = io.StringIO()
    width = Console().width if sys.stdout.isatty() else 160
    Console(file=buffer, width=width, soft_wrap=False).print(table)
    return buffer.getvalue()


def _csv_text(rows: list[dict], columns: list[str]) -> str:
    """CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in columns])
    return buffer.getvalue()


def _arrow_table(rows: list[dict], columns: list[str]) -> pa.Table:
    """An Arrow table of the rows (types inferred; an empty result keeps its columns as strings)."""
    if not rows:
        return pa.table({column: pa.array([], pa.string()) for column in columns})
    return pa.Table.from_pylist(rows)
