"""One article in, its time expressions and events out: the extraction stage as a plain function."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from extractors.boilerplate import boilerplate_spans
from extractors.dct import resolve_dct
from extractors.events import extract_events
from extractors.nlp import load_nlp
from extractors.records import Article, Event, ReadFailure, TimeExpression
from extractors.timex import tag_doc
from extractors.workers import default_processes, map_in_workers

# Fewer articles than this are not worth waking the worker processes for.
PARALLEL_MIN_ARTICLES = 16
# Articles a worker takes at a time: small enough to keep both busy to the end of a batch.
PARALLEL_CHUNK = 4


@dataclass(frozen=True)
class Analysis:
    """What the extractors found in one article (its DCT already resolved)."""

    article: Article
    timexes: list[TimeExpression]
    events: list[Event]
    negated: list[Event] = field(default_factory=list)


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(span_start <= start and end <= span_end for span_start, span_end in spans)


def analyze_articles(
    articles: Sequence[Article],
    *,
    given_dct: date | None = None,
    batch_size: int = 8,
    processes: int | None = None,
) -> Iterator[Analysis | ReadFailure]:
    """Resolve each article's DCT, then tag time expressions and extract events, batch-parsing with spaCy.

    Time expressions inside boilerplate (credits, copyright, sign-up lines) are dropped and no event may come
    from there. Negated events are kept apart in `Analysis.negated`, never reported as happening. An article
    longer than the parser accepts, or whose extraction raises, becomes a `ReadFailure` (stage "extract") and
    the others go on. Results come in the order of `articles`.

    `processes` > 1 spreads chunks of articles over that many processes — this one and `processes - 1`
    workers, which load the model once and stay for later calls — when there are at least
    `PARALLEL_MIN_ARTICLES` articles; the results are the same as in this process alone. None means
    `default_processes()` (the available cores, at most 2); 1 stays here. Workers are spawned, so a script
    calling this needs the `if __name__ == "__main__":` guard.
    """
    resolved = [resolve_dct(article, given_dct) for article in articles]
    workers = default_processes() if processes is None else processes
    if workers < 1:
        raise ValueError(f"processes must be at least 1, not {workers}")
    if workers == 1 or len(resolved) < PARALLEL_MIN_ARTICLES:
        yield from _analyze_resolved(resolved, batch_size)
        return
    chunks = [resolved[i : i + PARALLEL_CHUNK] for i in range(0, len(resolved), PARALLEL_CHUNK)]
    for chunk, results in map_in_workers(_analyze_chunk, chunks, workers, window=2 * (workers - 1)):
        if isinstance(results, BrokenProcessPool):  # a worker died (killed, out of memory): redo it here
            yield from _analyze_resolved(chunk, batch_size)
        else:
            yield from results


def _analyze_chunk(articles: list[Article]) -> list[Analysis | ReadFailure]:
    """The results of a chunk of articles with resolved DCTs (in a worker process, or in this one)."""
    return list(_analyze_resolved(articles, PARALLEL_CHUNK))


def _analyze_resolved(articles: Sequence[Article], batch_size: int) -> Iterator[Analysis | ReadFailure]:
    """Parse articles whose DCT is resolved in batches, then tag and extract each one (or fail it alone)."""
    nlp = load_nlp()
    too_long = {
        index for index, article in enumerate(articles) if len(article.text) > nlp.max_length
    }
    parseable = [article for index, article in enumerate(articles) if index not in too_long]
    docs = nlp.pipe((article.text for article in parseable), batch_size=batch_size)
    for index, article in enumerate(articles):
        if index in too_long:
            yield _failure(article, f"text too long to parse ({len(article.text):,} characters; "
                                    f"limit {nlp.max_length:,})")
            continue
        doc = next(docs)
        try:
            result: Analysis | ReadFailure = _analysis(article, doc)
        except Exception as error:  # a rule or component failing on one hostile text costs only that article
            message = f"{type(error).__name__}: {error}".strip().splitlines()[0]
            result = _failure(article, f"extraction failed: {message[:300]}")
        yield result


def _failure(article: Article, error: str) -> ReadFailure:
    return ReadFailure(input=article.source or article.id, stage="extract", error=error)


def _analysis(article: Article, doc: Doc) -> Analysis:
    """Time expressions outside boilerplate, and events, of one parsed article."""
    skip = boilerplate_spans(article.text)
    timexes = [t for t in tag_doc(doc, article.published) if not _inside(t.start, t.end, skip)]
    events = extract_events(doc, article.id, article.published, timexes, skip_spans=skip)
    return Analysis(
        article=article,
        timexes=timexes,
        events=[event for event in events if not event.negated],
        negated=[event for event in events if event.negated],
    )
