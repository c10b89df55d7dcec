"""JSONL files: one article per line, an object with `text` and optional `title`, `url`, `published`.

`dct` is accepted for `published` (the evaluation batches use it); other keys are ignored. Lines are read
one at a time (a line longer than `MAX_DOCUMENT_BYTES` is refused, the rest of the file still reads),
blank lines are skipped, and each bad line becomes a `ReadFailure` named `path:line`.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from extractors.readers_article import build_article
from extractors.readers_decoding import MAX_DOCUMENT_BYTES, UnreadableInput, decode_bytes
from extractors.records import Article, ReadFailure

_TEXT_FIELDS = ("title", "url", "published", "dct")


def article_from_record(record: object, *, source: str) -> Article:
    """An Article from one decoded JSON value; raises UnreadableInput saying what is wrong with it."""
    if not isinstance(record, dict):
        raise UnreadableInput(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise UnreadableInput('no "text" string')
    fields = {}
    for key in _TEXT_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise UnreadableInput(f'"{key}" must be a string, got {type(value).__name__}')
        fields[key] = value
    return build_article(
        text,
        source=source,
        url=fields["url"],
        title=fields["title"],
        published=fields["published"] or fields["dct"],
    )


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; None for a line over the size limit, which is skipped."""
    number = 0
    while True:
        line = stream.readline(MAX_DOCUMENT_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_DOCUMENT_BYTES:
            while line and not line.endswith(b"\n"):
                line = stream.readline(MAX_DOCUMENT_BYTES)
            yield number, None
        else:
            yield number, line


def _article_from_line(raw: bytes | None, source: str) -> Article:
    """Decode and parse one JSONL line; raises UnreadableInput."""
    if raw is None:
        raise UnreadableInput(f"line too long (limit {MAX_DOCUMENT_BYTES} bytes)")
    line = decode_bytes(raw)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise UnreadableInput(f"invalid JSON: {error.msg} (column {error.colno})") from None
    except (ValueError, RecursionError) as error:  # over-long integers, nesting beyond the recursion limit
        raise UnreadableInput(f"invalid JSON: {type(error).__name__}") from None
    return article_from_record(record, source=source)


def read_jsonl(path: Path) -> Iterator[Article | ReadFailure]:
    """Every article of a JSONL file, and a `ReadFailure` for each line that is not one."""
    with path.open("rb") as stream:
        if stream.read(4).startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            yield ReadFailure(str(path), "read", "undecodable: JSONL must be UTF-8, this file is UTF-16/32")
            return
        stream.seek(0)
        if stream.read(3) != codecs.BOM_UTF8:
            stream.seek(0)
        for number, raw in _lines(stream):
            if raw is not None and not raw.strip():
                continue
            name = f"{path}:{number}"
            try:
                yield _article_from_line(raw, name)
            except UnreadableInput as error:
                yield ReadFailure(name, "read", str(error))
