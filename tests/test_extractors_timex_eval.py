"""TempEval-3 Task A scoring of the tagger, on small TimeML files and on the shared corpus when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.timex_eval import evaluate_timex

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "tempeval3-train"

DOC = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>
<TEXT>{text}</TEXT>
</TimeML>
"""


def _write(folder: Path, name: str, dct: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.tml").write_text(DOC.format(dct=dct, text=text), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    _write(tmp_path / "News", "a", "2025-03-12",
           'Ministers met <TIMEX3 tid="t1" type="DATE" value="2025-03-11">Tuesday</TIMEX3> and will meet '
           '<TIMEX3 tid="t2" type="DATE" value="2025-W12">next week</TIMEX3> for '
           '<TIMEX3 tid="t3" type="DURATION" value="P2D">two days</TIMEX3>.')
    _write(tmp_path / "Wire", "b", "1998-08-07",
           'Bombs exploded <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> morning, '
           'officials said <TIMEX3 tid="t2" type="DATE" value="1998-08-08">today</TIMEX3>; '
           'a <TIMEX3 tid="t3" type="DATE" value="PAST_REF">recent</TIMEX3> attack was worse.')
    return tmp_path


def test_scores_per_collection_and_overall(corpus):
    report = evaluate_timex(corpus)
    news, wire = report.collections["News"], report.collections["Wire"]
    assert (news.gold, news.system, news.strict_gold, news.value_correct) == (3, 3, 3, 3)
    assert news.strict == (100.0, 100.0, 100.0) and news.value_f1 == 100.0
    # Wire: "Friday morning" overlaps "Friday" (relaxed, not strict, value differs), "today" has the wrong
    # value in the gold, "recent" alone is not tagged.
    assert (wire.gold, wire.system, wire.strict_gold, wire.relaxed_gold, wire.pairs) == (3, 2, 1, 2, 2)
    assert wire.value_correct == 0
    assert wire.relaxed[1] == pytest.approx(200 / 3)
    overall = report.overall
    assert overall.gold == 6 and overall.value_f1 == pytest.approx(overall.relaxed[2] * 3 / 5)


def test_verbose_render_lists_each_error(corpus):
    text = evaluate_timex(corpus).render(verbose=True)
    assert "overall" in text and "News" in text and "Wire" in text
    assert "miss" in text and "'recent'" in text
    assert "value" in text and "b: 'today'" in text
    assert "News" in text.splitlines()[1] or "News" in text.splitlines()[2]


def test_parsed_scoring_tags_through_spacy_docs(corpus):
    report = evaluate_timex(corpus, parsed=True)
    news = report.collections["News"]
    assert (news.gold, news.system, news.strict_gold, news.value_correct) == (3, 3, 3, 3)
    assert report.overall.gold == 6


def test_values_compare_in_one_notation_only(tmp_path):
    """A gold week written "2000-W7" is the tagger's "2000-W07"; a different week stays wrong."""
    _write(tmp_path / "Wire", "w", "2000-02-16",
           'He wrote to her earlier <TIMEX3 tid="t1" type="DATE" value="2000-W7">this week</TIMEX3> and '
           'called <TIMEX3 tid="t2" type="DATE" value="2000-W8">last week</TIMEX3>.')
    scores = evaluate_timex(tmp_path).overall
    assert (scores.pairs, scores.value_correct) == (2, 1)


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        evaluate_timex(tmp_path)


def test_unreadable_files_are_skipped_and_named(corpus):
    (corpus / "Wire" / "cut.tml").write_text("<TimeML><TEXT>cut off <TIMEX3", encoding="utf-8")
    (corpus / "Wire" / "nodct.tml").write_text("<TimeML><TEXT>Monday</TEXT></TimeML>", encoding="utf-8")
    report = evaluate_timex(corpus)
    assert report.overall.gold == 6
    assert [line.split(": ")[0] for line in report.skipped] == [
        str(corpus / "Wire" / "cut.tml"), str(corpus / "Wire" / "nodct.tml")]
    assert "no DCT" in report.skipped[1]
    assert f"skipped {corpus / 'Wire' / 'cut.tml'}: " in report.render()


def test_a_folder_of_only_unreadable_files_is_an_error(tmp_path):
    (tmp_path / "bad.tml").write_text("not xml at all <", encoding="utf-8")
    with pytest.raises(ValueError, match=r"no readable \.tml file"):
        evaluate_timex(tmp_path)


# Regression floors: the figures reached (AQUAINT 77.6, TimeBank 84.6, overall 82.4 value F1), minus a margin.
VALUE_F1_FLOORS = {"AQUAINT": 76.8, "TimeBank": 83.8, "overall": 81.6}


@pytest.mark.skipif(not CORPUS.exists(), reason="TempEval-3 corpus not present")
def test_tempeval3_training_scores():
    report = evaluate_timex(CORPUS)
    rows = {**report.collections, "overall": report.overall}
    assert set(rows) == set(VALUE_F1_FLOORS)
    for name, scores in rows.items():
        assert scores.strict[2] >= 86.0, name
        assert scores.relaxed[2] >= 93.0, name
        assert scores.value_f1 >= VALUE_F1_FLOORS[name], name
    assert report.overall.gold == 1822
