"""Loading the tagger rules: named sub-patterns and rules from `extractors/data/timex_*`.

A rule pattern refers to sub-patterns as `%name`; a literal space matches any run of spaces with at
most one line break. Patterns are written in lower case: they run over the ASCII-lowercased text.
Loading checks every reference (sub-pattern, normalizer, groups, type, examples) and raises
`RuleError` naming the rule when one is missing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.timex.normalize import NORMALIZERS, Normalizer
from extractors.timex.words import word_tables

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PATTERNS_PATH = DATA_DIR / "timex_patterns.json"
RULES_PATH = DATA_DIR / "timex_rules.jsonl"
TIMEX_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
SPACE = r"(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+)"
_REFERENCE = re.compile(r"%([a-z_0-9]+)")


class RuleError(ValueError):
    """A rule or sub-pattern file refers to something that does not exist."""


@dataclass(frozen=True)
class Example:
    """A rule example: in `text` with this DCT, the expression `timex` has the TIMEX3 `value`."""

    text: str
    dct: str
    timex: str
    value: str


@dataclass(frozen=True)
class Rule:
    """One recognition rule: a compiled pattern, the TIMEX3 type it finds and its normalizer."""

    name: str
    pattern: re.Pattern
    type: str
    normalizer_name: str
    normalizer: Normalizer
    capitalized: tuple[str, ...]
    examples: tuple[Example, ...]
    mod: str | None = None


def _spaced(fragment: str) -> str:
    return fragment.replace(" ", SPACE)


def _trie_regex(words: list[str]) -> str:
    """One regex matching exactly `words`, factored by common prefixes (far faster than a flat `a|b|c`)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [
            (SPACE if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return emit(trie)


_WORD_LIST = re.compile(r"[a-z' -]+(?:\|[a-z' -]+)*")


def _table_alternatives(spec: dict, name: str) -> str:
    table = word_tables().get(spec["table"])
    if table is None:
        raise RuleError(f"sub-pattern '{name}' refers to unknown word table '{spec['table']}'")
    return "(?:" + _trie_regex(list(table)) + ")" + spec.get("suffix", "")


def load_subpatterns(path: Path = PATTERNS_PATH) -> dict[str, str]:
    """Every named sub-pattern expanded to a regex (table-backed ones from the word tables)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    expanded: dict[str, str] = {}

    def expand(name: str, trail: tuple[str, ...]) -> str:
        if name in expanded:
            return expanded[name]
        if name not in raw:
            raise RuleError(f"unknown sub-pattern '%{name}' (used by {trail[-1] if trail else '?'})")
        if name in trail:
            raise RuleError(f"sub-pattern '%{name}' refers to itself")
        spec = raw[name]
        if isinstance(spec, dict):
            regex = _table_alternatives(spec, name)
        elif all(_WORD_LIST.fullmatch(body) for body in spec):
            regex = "(?:" + _trie_regex([word for body in spec for word in body.split("|")]) + ")"
        else:
            body = "|".join(spec)
            regex = "(?:" + _REFERENCE.sub(lambda m: expand(m[1], (*trail, name)), _spaced(body)) + ")"
        expanded[name] = regex
        return regex

    for name in raw:
        expand(name, ())
    return expanded


def compile_pattern(pattern: str, subpatterns: dict[str, str], rule_name: str) -> re.Pattern:
    """Expand `%name` references and compile, bounded so a match never starts or ends inside a word."""

    def substitute(match: re.Match) -> str:
        if match[1] not in subpatterns:
            raise RuleError(f"rule '{rule_name}': unknown sub-pattern '%{match[1]}'")
        return subpatterns[match[1]]

    body = _REFERENCE.sub(substitute, _spaced(pattern))
    try:
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)")
    except re.error as error:
        raise RuleError(f"rule '{rule_name}': bad pattern: {error}") from None


def _rule(entry: dict, subpatterns: dict[str, str]) -> Rule:
    name = entry.get("name")
    if not name:
        raise RuleError(f"a rule has no name: {entry}")
    for key in ("pattern", "type", "normalizer"):
        if key not in entry:
            raise RuleError(f"rule '{name}' has no '{key}'")
    if entry["type"] not in TIMEX_TYPES:
        raise RuleError(f"rule '{name}': unknown type '{entry['type']}'")
    normalizer = NORMALIZERS.get(entry["normalizer"])
    if normalizer is None:
        raise RuleError(f"rule '{name}': unknown normalizer '{entry['normalizer']}'")
    pattern = compile_pattern(entry["pattern"], subpatterns, name)
    capitalized = tuple(entry.get("capitalized", ()))
    for group in (*normalizer.needs, *capitalized):
        if group not in pattern.groupindex:
            raise RuleError(f"rule '{name}': pattern has no group '{group}'")
    examples = tuple(Example(**example) for example in entry.get("examples", ()))
    return Rule(name, pattern, entry["type"], entry["normalizer"], normalizer, capitalized, examples,
                entry.get("mod"))


@lru_cache(maxsize=1)
def load_rules(path: Path = RULES_PATH) -> tuple[Rule, ...]:
    """Every rule of the rules file, in file order (earlier rules win ties), all references checked."""
    subpatterns = load_subpatterns()
    rules = []
    names = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise RuleError(f"{path.name} line {number}: {error}") from None
        rule = _rule(entry, subpatterns)
        if rule.name in names:
            raise RuleError(f"rule '{rule.name}' is defined twice")
        names.add(rule.name)
        rules.append(rule)
    return tuple(rules)
