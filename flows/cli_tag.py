"""`dateline tag` (time expressions of one text or a JSONL batch) and `dateline eval timex`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import click

from flows.batch import BatchLineError, parse_batch_line
from flows.options import parse_dct_option

_DCT_HELP = "Document creation time (YYYY-MM-DD); without it relative expressions stay unresolved."


def _timex_json(timex) -> dict:
    """One expression as in the JSONL contract, plus mod and the resolved interval."""
    data = timex.to_json()
    return {key: data[key] for key in ("start", "end", "text", "type", "value", "mod", "first_day",
                                       "last_day", "granularity")}


def _tag_line(number: int, line: str) -> dict:
    """The answer to one `{"id", "dct", "text"}` line: its timexes, or `{"id", "error"}`."""
    from extractors.dct import infer_dct
    from extractors.timex import tag_text

    try:
        record = parse_batch_line(number, line)
    except BatchLineError as error:
        return error.answer
    dct = record.dct or infer_dct(record.text)
    timexes = [_timex_json(timex) for timex in tag_text(record.text, dct)]
    return {"id": record.id, "dct": dct.isoformat() if dct else None, "timexes": timexes}


def _tag_jsonl(lines: Iterable[str]) -> None:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            click.echo(json.dumps(_tag_line(number, line), ensure_ascii=False))


@click.command("tag", help="Time expressions of one text FILE, or of a JSONL batch, as TIMEX3 JSON.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--dct", callback=parse_dct_option, help=_DCT_HELP)
@click.option("--format", "output_format", type=click.Choice(["json", "tml"]), default="json",
              show_default=True, help="json: a list of expressions; tml: TimeML with TIMEX3 tags, DCT.")
@click.option("--jsonl", is_flag=True,
              help='Batch mode: read {"id", "dct", "text"} lines on standard input, write a JSON line each.')
def tag_command(file: Path | None, dct: date | None, output_format: str, jsonl: bool) -> None:
    """Tag the input and print JSON or TimeML; a bad input is a one-line error."""
    from extractors.timex import tag_text, to_timeml

    if jsonl == (file is not None):
        raise click.UsageError("give a FILE or --jsonl (not both)")
    if jsonl:
        _tag_jsonl(sys.stdin)
        return
    assert file is not None
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise click.ClickException(f"{file}: cannot read ({error.__class__.__name__})") from None
    timexes = tag_text(text, dct)
    if output_format == "tml":
        click.echo(to_timeml(text, dct, timexes), nl=False)
    else:
        click.echo(json.dumps([_timex_json(timex) for timex in timexes], ensure_ascii=False, indent=2))


@click.command("timex", help="TempEval-3 Task A scores of the tagger on a folder of TimeML files.")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--verbose", "-v", is_flag=True,
              help="List every missed, spurious and wrongly normalized expression after the scores.")
@click.option("--parsed", is_flag=True,
              help="Parse each text with spaCy and tag it with tag_doc (tense of the governing verb).")
def eval_timex_command(directory: Path, verbose: bool, parsed: bool) -> None:
    """Print strict/relaxed P/R/F1, type and value accuracy and value F1 per collection and overall."""
    from extractors.timex_eval import evaluate_timex

    try:
        report = evaluate_timex(directory, parsed=parsed)
    except (FileNotFoundError, ValueError) as error:
        raise click.ClickException(f"{directory}: {error}") from None
    click.echo(report.render(verbose=verbose))
