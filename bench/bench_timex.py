"""Benchmark: the tagger vs spaCy's own full parse on the TempEval-3 training documents.

Run: `.venv/bin/python bench/bench_timex.py [CORPUS_DIR]` (default ../shared/corpora/tempeval3-train).
Prints seconds, documents/s and the ratio; the target is tagging <= 0.5 x the spaCy parse time.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from extractors.nlp import load_nlp
from extractors.timeml import read_corpus
from extractors.timex import tag_doc, tag_text
from extractors.timex.rules import load_rules

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "tempeval3-train"


def main() -> None:
    """Time spaCy's `nlp.pipe` over the corpus texts, then the tagger, and print both."""
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    documents = read_corpus(directory)
    texts = [document.text for document in documents]
    characters = sum(len(text) for text in texts)
    nlp = load_nlp()
    load_rules()

    started = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=32))
    spacy_seconds = time.perf_counter() - started

    started = time.perf_counter()
    for document in documents:
        tag_text(document.text, document.dct)
    tag_seconds = time.perf_counter() - started

    started = time.perf_counter()
    for doc, document in zip(parsed, documents, strict=True):
        tag_doc(doc, document.dct)
    tag_doc_seconds = time.perf_counter() - started

    count = len(documents)
    print(f"{count} documents, {characters:,} characters, {sum(len(d) for d in parsed):,} tokens")
    print(f"spaCy full parse (nlp.pipe): {spacy_seconds:7.2f} s  {count / spacy_seconds:7.1f} docs/s")
    print(f"tag_text:                    {tag_seconds:7.2f} s  {count / tag_seconds:7.1f} docs/s")
    print(f"tag_doc (parsed docs):       {tag_doc_seconds:7.2f} s  {count / tag_doc_seconds:7.1f} docs/s")
    print(f"tagging / spaCy parse time:  {tag_seconds / spacy_seconds:7.3f} (target <= 0.5)")
    print(f"tagging throughput vs parse: {spacy_seconds / tag_seconds:7.1f}x")


if __name__ == "__main__":
    main()
