"""`dateline extract` (one file, a JSONL batch) and `dateline eval events`, run through click's CliRunner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from flows.cli import main
from tests.conftest import DATA

STORY = ("Foreign ministers held talks in Vienna on Tuesday. They will meet again next week, "
         "the Austrian foreign ministry said.")


def test_extract_one_file_prints_its_events_as_json(tmp_path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(story), "--dct", "2025-03-12"])
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    assert output["dct"] == "2025-03-12"
    talks = next(event for event in output["events"] if "talks" in event["trigger"]["text"])
    assert (talks["type"], talks["status"], talks["location"], talks["date"]["value"]) == (
        "meeting", "past", "Vienna", "2025-03-11")
    start, end = talks["trigger"]["start"], talks["trigger"]["end"]
    assert STORY[start:end] == talks["trigger"]["text"]
    meet = next(event for event in output["events"] if event["trigger"]["text"] == "meet")
    assert (meet["status"], meet["date"]["value"]) == ("planned", "2025-W12")


def test_extract_names_a_file_it_cannot_read(tmp_path) -> None:
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(main, ["extract", str(missing)])
    assert result.exit_code != 0
    assert str(missing) in result.output and len(result.output.strip().splitlines()) == 1


def test_extract_wants_a_file_or_jsonl_not_both(tmp_path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(story), "--jsonl"], input="")
    assert result.exit_code == 2 and "not both" in result.output


def test_extract_jsonl_answers_every_line_and_a_bad_one_with_its_error() -> None:
    lines = [
        json.dumps({"id": "given", "dct": "2025-03-12", "text": STORY}),
        '{"id": "broken", "text": ',
        json.dumps({"id": "no-text", "dct": "2025-03-12"}),
        json.dumps({"id": "inferred", "dct": None,
                    "text": "VIENNA, March 12, 2025 (AP) — Ministers met in Vienna on Tuesday."}),
    ]
    result = CliRunner().invoke(main, ["extract", "--jsonl"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.output.splitlines()]
    assert [answer["id"] for answer in answers] == ["given", "line 2", "no-text", "inferred"]
    assert "line 2" in answers[1]["error"] and "text" in answers[2]["error"]
    assert answers[0]["dct"] == "2025-03-12" and answers[0]["events"]
    inferred = answers[3]
    assert inferred["dct"] == "2025-03-12"
    met = next(event for event in inferred["events"] if event["trigger"]["text"] == "met")
    assert met["date"]["value"] == "2025-03-11"


def test_eval_events_scores_a_timeml_folder() -> None:
    result = CliRunner().invoke(main, ["eval", "events", str(DATA / "timeml"), "--gold-timex", "-v"])
    assert result.exit_code == 0, result.output
    overall = next(line for line in result.output.splitlines() if line.startswith("overall"))
    docs, dated = overall.split()[1:3]
    assert (docs, dated) == ("1", "2")


def test_eval_events_on_a_folder_without_timeml_is_a_clean_error(tmp_path) -> None:
    result = CliRunner().invoke(main, ["eval", "events", str(tmp_path)])
    assert result.exit_code == 1
    assert "no .tml files" in result.output
