"""`analyze_articles` in worker processes gives exactly what it gives in this process, in input order."""

from __future__ import annotations

import json
from concurrent.futures.process import BrokenProcessPool
from datetime import date, timedelta

import pytest

from extractors.analysis import PARALLEL_MIN_ARTICLES, Analysis, analyze_articles
from extractors.records import Article, ReadFailure, sha256_hex
from extractors.workers import default_processes
from tests.conftest import DATA, SAMPLE


def _articles() -> list[Article]:
    """The sample article and the made-up stories under several DCTs, an empty text and one too long."""
    texts = [SAMPLE.read_text(encoding="utf-8")]
    stories = json.loads((DATA / "madeup_border_story.json").read_text(encoding="utf-8"))["articles"]
    texts += [story["text"] for story in stories]
    articles = []
    for shift in range(4):
        for number, text in enumerate(texts):
            published = date(2025, 3, 12) + timedelta(days=30 * shift - 400 * number)
            articles.append(Article(id=sha256_hex(f"{shift}:{number}"), text=text, title=f"story {number}",
                                    source=f"story-{shift}-{number}.txt", published=published,
                                    dct_origin="given"))
    articles.insert(5, Article(id="empty", text="", source="empty.txt", published=date(2025, 3, 12)))
    articles.insert(9, Article(id="huge", text="word " * 250_000, source="huge.txt", published=None))
    return articles


def _comparable(result: Analysis | ReadFailure) -> tuple:
    if isinstance(result, ReadFailure):
        return ("failure", result.input, result.error)
    return ("analysis", result.article, result.timexes, result.events, result.negated)


def test_two_worker_processes_give_the_in_process_results_in_order():
    articles = _articles()
    assert len(articles) >= PARALLEL_MIN_ARTICLES
    alone = [_comparable(result) for result in analyze_articles(articles, processes=1)]
    spread = [_comparable(result) for result in analyze_articles(articles, processes=2)]
    assert [item[1].id if item[0] == "analysis" else item[1] for item in alone][:10] == [
        *(article.id for article in articles[:9]), "huge.txt"
    ]
    assert any(item[0] == "analysis" and item[3] for item in alone)  # events were found
    assert spread == alone


def test_the_default_uses_at_most_two_processes_and_zero_is_refused():
    assert 1 <= default_processes() <= 2
    with pytest.raises(ValueError, match="at least 1"):
        list(analyze_articles([], processes=0))


def test_a_chunk_whose_worker_died_is_analyzed_here(monkeypatch):
    """Fault injection: every worker dies; each chunk is then analyzed in this process, nothing is lost."""
    import extractors.analysis as analysis

    def dying_workers(function, chunks, processes, *, window):
        return ((chunk, BrokenProcessPool("a worker died")) for chunk in chunks)

    monkeypatch.setattr(analysis, "map_in_workers", dying_workers)
    articles = _articles()
    rescued = [_comparable(result) for result in analyze_articles(articles, processes=2)]
    assert rescued == [_comparable(result) for result in analyze_articles(articles, processes=1)]
