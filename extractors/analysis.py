"""One article in, its time expressions and events out: the extraction stage as a plain function."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from extractors.boilerplate import boilerplate_spans
from extractors.dct import resolve_dct
from extractors.events import extract_events
from extractors.nlp import load_nlp
from extractors.records import Article, Event, ReadFailure, TimeExpression
from extractors.timex import tag_doc


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
    articles: Sequence[Article], *, given_dct: date | None = None, batch_size: int = 32
) -> Iterator[Analysis | ReadFailure]:
    """Resolve each article's DCT, then tag time expressions and extract events, batch-parsing with spaCy.

    Time expressions inside boilerplate (credits, copyright, sign-up lines) are dropped and no event may come
    from there. Negated events are kept apart in `Analysis.negated`, never reported as happening. An article
    longer than the parser accepts, or whose extraction raises, becomes a `ReadFailure` (stage "extract") and
    the others go on.
    """
    nlp = load_nlp()
    resolved = [resolve_dct(article, given_dct) for article in articles]
    parseable = []
    for article in resolved:
        if len(article.text) > nlp.max_length:
            yield ReadFailure(
                input=article.source or article.id,
                stage="extract",
                error=f"text too long to parse ({len(article.text):,} characters; limit {nlp.max_length:,})",
            )
        else:
            parseable.append(article)
    docs = nlp.pipe((article.text for article in parseable), batch_size=batch_size)
    for article, doc in zip(parseable, docs, strict=True):
        try:
            result: Analysis | ReadFailure = _analysis(article, doc)
        except Exception as error:  # a rule or component failing on one hostile text costs only that article
            message = f"{type(error).__name__}: {error}".strip().splitlines()[0]
            result = ReadFailure(input=article.source or article.id, stage="extract",
                                 error=f"extraction failed: {message[:300]}")
        yield result


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
