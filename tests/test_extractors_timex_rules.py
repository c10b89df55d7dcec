"""The tagger's rule file: every rule has examples, every example holds, bad references fail loudly."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extractors.timex import tag_text
from extractors.timex.normalize import NORMALIZERS
from extractors.timex.recognize import all_matches
from extractors.timex.rules import RuleError, load_rules

RULES = load_rules()
EXAMPLES = [(rule, example) for rule in RULES for example in rule.examples]


def test_every_rule_has_an_example():
    assert [rule.name for rule in RULES if not rule.examples] == []


def test_every_normalizer_is_used_by_a_rule():
    used = {rule.normalizer_name for rule in RULES}
    assert set(NORMALIZERS) - used == set()


@pytest.mark.parametrize(("rule", "example"), EXAMPLES, ids=[f"{r.name}:{e.timex}" for r, e in EXAMPLES])
def test_rule_example(rule, example):
    start = example.text.index(example.timex)
    end = start + len(example.timex)
    spans = {(c.start, c.end) for c in all_matches(example.text, (rule,))}
    assert (start, end) in spans, "rule does not match"
    found = tag_text(example.text, date.fromisoformat(example.dct))
    if example.value == "":  # a negative rule: nothing may be tagged inside its span
        assert [t for t in found if t.start < end and start < t.end] == []
    else:
        assert [(t.text, t.value) for t in found if (t.start, t.end) == (start, end)] == [
            (example.timex, example.value)
        ]


def _write_rules(tmp_path: Path, **entry) -> Path:
    rule = {"name": "r", "pattern": "(?P<year>%year4)", "type": "DATE", "normalizer": "year",
            "examples": [{"text": "in 1998", "dct": "1998-01-01", "timex": "1998", "value": "1998"}]}
    rule.update(entry)
    path = tmp_path / "rules.jsonl"
    path.write_text(json.dumps(rule) + "\n", encoding="utf-8")
    return path


def test_a_valid_rules_file_loads(tmp_path):
    (rule,) = load_rules(_write_rules(tmp_path))
    assert rule.name == "r" and [(c.start, c.end) for c in all_matches("in 1998", (rule,))] == [(3, 7)]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"pattern": "%nosuchpattern"}, "unknown sub-pattern '%nosuchpattern'"),
        ({"normalizer": "nosuchnormalizer"}, "unknown normalizer 'nosuchnormalizer'"),
        ({"pattern": "(?P<day>%day_number)"}, "pattern has no group 'year'"),
        ({"type": "MOMENT"}, "unknown type 'MOMENT'"),
        ({"capitalized": ["month"]}, "pattern has no group 'month'"),
        ({"pattern": "(?P<year>[0-9]"}, "bad pattern"),
    ],
)
def test_a_bad_reference_fails_loudly(tmp_path, entry, message):
    with pytest.raises(RuleError, match="rule 'r'") as error:
        load_rules(_write_rules(tmp_path, **entry))
    assert message in str(error.value)


def test_a_duplicate_rule_name_fails(tmp_path):
    path = _write_rules(tmp_path)
    path.write_text(path.read_text() * 2, encoding="utf-8")
    with pytest.raises(RuleError, match="defined twice"):
        load_rules(path)
