"""The benchmark documents: TimeML texts and their DCTs, a larger set made by repeating them, JSONL files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import cycle, islice
from pathlib import Path

from extractors.nlp import load_nlp
from extractors.records import Article
from extractors.timeml import read_corpus

BENCH_URL = "https://bench.dateline.invalid"


@dataclass(frozen=True)
class BenchDocument:
    """One benchmark text and its document creation time."""

    name: str
    text: str
    dct: date


def load_documents(directory: str | Path, limit: int | None = None) -> list[BenchDocument]:
    """The TimeML documents under `directory` in path order, the first `limit` of them when given."""
    documents = [BenchDocument(doc.name, doc.text, doc.dct) for doc in read_corpus(directory)]
    return documents[:limit] if limit else documents


def repeat_documents(documents: Sequence[BenchDocument], count: int) -> list[BenchDocument]:
    """`count` documents made by cycling through `documents`; each copy's name carries its copy number."""
    return [
        BenchDocument(f"{document.name}#{number // len(documents)}", document.text, document.dct)
        for number, document in enumerate(islice(cycle(documents), count))
    ]


def spread_sample(documents: Sequence[BenchDocument], size: int) -> list[BenchDocument]:
    """`size` documents taken evenly across the list (so every collection of the corpus is represented)."""
    if size >= len(documents):
        return list(documents)
    step = len(documents) / size
    return [documents[int(index * step)] for index in range(size)]


def count_tokens(documents: Sequence[BenchDocument]) -> int:
    """The number of spaCy tokens (tokenizer only) in the documents' texts."""
    tokenizer = load_nlp().tokenizer
    return sum(len(tokenizer(document.text)) for document in documents)


def as_articles(documents: Sequence[BenchDocument]) -> list[Article]:
    """The documents as Articles with their DCT given, as the extraction stage receives them."""
    return [
        Article(id=document.name, text=document.text, title=document.name, published=document.dct,
                dct_origin="given")
        for document in documents
    ]


def write_jsonl(documents: Sequence[BenchDocument], path: Path) -> Path:
    """Write the documents as `dateline run` JSONL input; a distinct URL per line makes each a new article."""
    with path.open("w", encoding="utf-8") as out:
        for number, document in enumerate(documents):
            record = {
                "url": f"{BENCH_URL}/{number}/{document.name.split('#')[0]}",
                "title": document.name,
                "dct": document.dct.isoformat(),
                "text": document.text,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
