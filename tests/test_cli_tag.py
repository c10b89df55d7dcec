"""`dateline tag` and `dateline eval timex` through the command line (CliRunner, made-up texts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows.cli import main

STORY = "Ministers met on Tuesday and will meet again next week for two days of talks."

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>
<TEXT>{text}</TEXT>
</TimeML>
"""


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def _run(*arguments: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(arguments), input=stdin)


def test_tag_prints_resolved_expressions_as_json(story):
    result = _run("tag", str(story), "--dct", "2025-03-12")
    assert result.exit_code == 0, result.output
    found = {item["text"]: item for item in json.loads(result.output)}
    assert set(found) == {"Tuesday", "next week", "two days"}
    assert (found["Tuesday"]["type"], found["Tuesday"]["value"]) == ("DATE", "2025-03-11")
    week = found["next week"]
    assert (week["value"], week["first_day"], week["last_day"], week["granularity"]) == (
        "2025-W12", "2025-03-17", "2025-03-23", "week")
    assert (found["two days"]["type"], found["two days"]["value"]) == ("DURATION", "P2D")
    assert STORY[week["start"]:week["end"]] == "next week"


def test_tag_without_dct_leaves_relative_values_unresolved(story):
    result = _run("tag", str(story))
    assert result.exit_code == 0, result.output
    values = {item["text"]: item["value"] for item in json.loads(result.output)}
    assert values["Tuesday"] == "XXXX-WXX-2" and values["next week"] == "XXXX-WXX"


def test_tag_as_timeml_wraps_each_expression(story):
    result = _run("tag", str(story), "--dct", "2025-03-12", "--format", "tml")
    assert result.exit_code == 0, result.output
    assert 'functionInDocument="CREATION_TIME">2025-03-12</TIMEX3></DCT>' in result.output
    assert '<TIMEX3 tid="t1" type="DATE" value="2025-03-11">Tuesday</TIMEX3>' in result.output
    assert '<TIMEX3 tid="t2" type="DATE" value="2025-W12">next week</TIMEX3>' in result.output
    assert result.output.count("<TIMEX3 ") == 4


def test_tag_jsonl_answers_every_line_and_names_the_bad_ones():
    lines = [
        json.dumps({"id": "a", "dct": "2025-03-12", "text": "Talks will resume on Friday."}),
        "{not json",
        json.dumps({"id": "c", "dct": None, "text": "Talks will resume on Friday."}),
        json.dumps({"id": "d", "dct": "2025-03-12"}),
        json.dumps({"id": "e", "dct": "12/03/2025", "text": "Talks will resume on Friday."}),
    ]
    result = _run("tag", "--jsonl", stdin="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.output.splitlines()]
    assert [answer["id"] for answer in answers] == ["a", "line 2", "c", "d", "e"]
    assert answers[0]["timexes"][0]["value"] == "2025-03-14"
    assert answers[1]["error"].startswith("line 2: ")
    assert answers[2]["dct"] is None and answers[2]["timexes"][0]["value"] == "XXXX-WXX-5"
    assert answers[3]["error"] == "line 4: no 'text' string"
    assert answers[4]["error"] == "line 5: invalid DCT '12/03/2025': expected YYYY-MM-DD"


@pytest.mark.parametrize("bad", ["2025-13-01", "12/03/2025", "yesterday"])
def test_an_invalid_dct_is_a_one_line_error(story, bad):
    result = _run("tag", str(story), "--dct", bad)
    assert result.exit_code == 2
    assert f"invalid DCT '{bad}': expected YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output


def test_file_and_jsonl_are_exclusive(story):
    assert "give a FILE or --jsonl" in _run("tag", str(story), "--jsonl", stdin="").output
    assert "give a FILE or --jsonl" in _run("tag").output


def test_an_unreadable_file_is_named(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81 not text")
    result = _run("tag", str(binary))
    assert result.exit_code == 1
    assert f"Error: {binary}: cannot read (UnicodeDecodeError)" in result.output
    assert "cannot read (FileNotFoundError)" in _run("tag", str(tmp_path / "missing.txt")).output


def _timeml_folder(root: Path) -> Path:
    folder = root / "Wire"
    folder.mkdir()
    text = ('Rebels attacked the town <TIMEX3 tid="t1" type="DATE" value="2025-03-11">Tuesday</TIMEX3>; '
            'talks open <TIMEX3 tid="t2" type="DATE" value="2025-W12">next week</TIMEX3>.')
    (folder / "attack.tml").write_text(TIMEML.format(dct="2025-03-12", text=text), encoding="utf-8")
    return root


def test_eval_timex_scores_a_folder(tmp_path):
    result = _run("eval", "timex", str(_timeml_folder(tmp_path)))
    assert result.exit_code == 0, result.output
    wire = next(line for line in result.output.splitlines() if line.startswith("Wire"))
    assert wire.split()[1:3] == ["2", "2"] and wire.split()[-1] == "100.0"


def test_eval_timex_skips_a_malformed_file_and_scores_the_rest(tmp_path):
    root = _timeml_folder(tmp_path)
    (root / "Wire" / "broken.tml").write_text("<TimeML><TEXT>cut off <TIMEX3", encoding="utf-8")
    result = _run("eval", "timex", str(root), "-v")
    assert result.exit_code == 0, result.output
    assert "skipped " in result.output and "broken.tml: " in result.output
    assert next(line for line in result.output.splitlines() if line.startswith("Wire")).split()[1] == "2"


def test_eval_timex_on_a_folder_without_timeml_is_an_error(tmp_path):
    result = _run("eval", "timex", str(tmp_path))
    assert result.exit_code == 1
    assert "no .tml files" in result.output and "Traceback" not in result.output
