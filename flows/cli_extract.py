"""`dateline extract` (events of one text or a JSONL batch, as JSON) and `dateline eval events`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import click

from extractors.records import Article, ReadFailure, sha256_hex
from flows.batch import BatchLineError, parse_batch_line
from flows.options import parse_dct_option

_DCT_HELP = "Publication date (YYYY-MM-DD); without it the DCT is read from the text, else left unknown."


def _result(analysis) -> dict:
    """The JSONL contract for one analysed article (DESIGN.md)."""
    return {
        "id": analysis.article.id,
        "dct": analysis.article.published.isoformat() if analysis.article.published else None,
        "timexes": [timex.to_json() for timex in analysis.timexes],
        "events": [event.to_json() for event in analysis.events],
    }


def _article(identifier: str, text: str, dct: date | None, source: str) -> Article:
    article = Article(id=identifier, text=text, source=source)
    return replace(article, published=dct, dct_origin="given") if dct else article


def _jsonl_articles(lines: Iterator[str]) -> Iterator[Article | dict]:
    """Articles from `{"id", "dct", "text"}` lines; a bad line becomes its `{"id", "error"}` answer."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = parse_batch_line(number, line)
        except BatchLineError as error:
            yield error.answer
            continue
        yield _article(record.id, record.text, record.dct, f"stdin:{number}")


@click.command("extract", help="Events and time expressions of one text FILE, or of a JSONL batch, as JSON.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--dct", callback=parse_dct_option, help=_DCT_HELP)
@click.option("--jsonl", is_flag=True,
              help='Batch mode: read {"id", "dct", "text"} lines on standard input, write a JSON line each.')
def extract_command(file: Path | None, dct: date | None, jsonl: bool) -> None:
    """Read the input, extract, print JSON; a bad input is a one-line error (in batch mode, its own line)."""
    from extractors.analysis import analyze_articles

    if jsonl == (file is not None):
        raise click.UsageError("give a FILE or --jsonl (not both)")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise click.ClickException(f"{file}: cannot read ({error.__class__.__name__})") from None
        for outcome in analyze_articles([_article(sha256_hex(text), text, dct, str(file))]):
            if isinstance(outcome, ReadFailure):
                raise click.ClickException(f"{file}: {outcome.error}")
            click.echo(json.dumps(_result(outcome), ensure_ascii=False, indent=2))
        return
    batch: list[Article] = []
    for item in _jsonl_articles(sys.stdin):
        if isinstance(item, dict):
            _flush(batch)
            click.echo(json.dumps(item, ensure_ascii=False))
        else:
            batch.append(item)
    _flush(batch)


def _flush(batch: list[Article]) -> None:
    """Extract a batch of articles and print one line each, in input order."""
    from extractors.analysis import analyze_articles

    for outcome in analyze_articles(batch):
        if isinstance(outcome, ReadFailure):
            click.echo(json.dumps({"id": outcome.input, "error": outcome.error}, ensure_ascii=False))
        else:
            click.echo(json.dumps(_result(outcome), ensure_ascii=False))
    batch.clear()


@click.command("events", help="Score event dating and status on a folder of TimeML files (TempEval-3).")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--gold-timex", is_flag=True,
              help="Use the gold TIMEX3s instead of the tagger's (separates tagging from anchoring errors).")
@click.option("--verbose", "-v", is_flag=True, help="List every missed or wrong link after the scores.")
def eval_events_command(directory: Path, gold_timex: bool, verbose: bool) -> None:
    """Print dating recall/precision and status accuracy per collection and overall."""
    from extractors.events_eval import evaluate_events

    try:
        report = evaluate_events(directory, gold_timex=gold_timex)
    except FileNotFoundError as error:
        raise click.ClickException(str(error)) from None
    click.echo(report.render(verbose=verbose))
