"""Reading inputs into Articles: files and folders of plain text, HTML pages and JSONL batches.

- A folder is read recursively: its files in name order, then its subfolders in name order. Hidden files
  and folders (a name starting with a dot) and files of other types are skipped without a word: a folder
  may hold anything (the gold `.json` next to a sample, images …).
- Types, by extension: `.txt`, `.text`, `.md` (plain text with optional headers), `.html`, `.htm`,
  `.jsonl`, `.tml` (TimeML: the TEXT with its creation time as the publication date). A file named
  explicitly is read even when hidden; an unsupported type is a `ReadFailure`.
- A missing path, an unreadable, empty, binary or undecodable file, and each bad JSONL line is a
  `ReadFailure(input, "read", one-line error)`; the other inputs are read on.
- The readers set `published` (with `dct_origin="metadata"`) only from metadata; `extractors.dct.resolve_dct`
  fills it in from the text or the command line afterwards.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from extractors.html_reader import article_from_html
from extractors.readers_article import build_article
from extractors.readers_decoding import UnreadableInput, read_document_bytes
from extractors.readers_jsonl import read_jsonl
from extractors.readers_text import article_from_text
from extractors.records import Article, ReadFailure
from extractors.timeml import read_timeml

Reader = Callable[[Path], Iterator[Article | ReadFailure]]


def _document_reader(to_article: Callable[..., Article]) -> Reader:
    """A reader for files that hold one article, from a function of (bytes, source=…)."""

    def read(path: Path) -> Iterator[Article | ReadFailure]:
        yield to_article(read_document_bytes(path), source=str(path))

    return read


def _read_html(data: bytes, *, source: str) -> Article:
    """An HTML file: the page's own canonical URL, if any, is the article URL."""
    return article_from_html(data, source=source)


def _read_timeml(path: Path) -> Iterator[Article]:
    """A TimeML file (TempEval, TimeBank): its TEXT, with the creation time as the publication date."""
    try:
        document = read_timeml(path)
    except (ET.ParseError, ValueError, KeyError) as error:
        raise UnreadableInput(f"not a readable TimeML file: {error}") from None
    yield build_article(document.text, source=str(path), title=document.name, published=document.dct)


READERS: dict[str, Reader] = {
    ".txt": _document_reader(article_from_text),
    ".text": _document_reader(article_from_text),
    ".md": _document_reader(article_from_text),
    ".html": _document_reader(_read_html),
    ".htm": _document_reader(_read_html),
    ".jsonl": read_jsonl,
    ".tml": _read_timeml,
}


def _files_under(folder: Path, errors: list[OSError]) -> Iterator[Path]:
    """Every supported, non-hidden file under `folder`, recursively; folders that cannot be listed go
    to `errors`."""
    for root, folders, files in os.walk(folder, onerror=errors.append):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in READERS:
                yield Path(root, name)


def _os_failure(path: Path | str, error: OSError) -> ReadFailure:
    """A failure for an input the operating system would not let us read."""
    return ReadFailure(str(path), "read", error.strerror or type(error).__name__)


def _read_file(path: Path) -> Iterator[Article | ReadFailure]:
    """The articles of one file, or the failure that stopped it."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        message = f"unsupported file type {path.suffix!r} (supported: {', '.join(sorted(READERS))})"
        yield ReadFailure(str(path), "read", message)
        return
    if path.exists() and not path.is_file():
        yield ReadFailure(str(path), "read", "not a regular file")
        return
    try:
        yield from reader(path)
    except UnreadableInput as error:
        yield ReadFailure(str(path), "read", str(error))
    except OSError as error:
        yield _os_failure(path, error)


def read_inputs(paths: Iterable[Path | str]) -> Iterator[Article | ReadFailure]:
    """Articles from files and folders, in order, with a `ReadFailure` for each input that fails."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            errors: list[OSError] = []
            for file in _files_under(path, errors):
                yield from _read_file(file)
            yield from (_os_failure(error.filename or path, error) for error in errors)
        elif path.exists():
            yield from _read_file(path)
        else:
            yield ReadFailure(str(path), "read", "no such file or directory")
