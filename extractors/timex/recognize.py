"""Finding time expressions: run every rule, keep the longest non-overlapping matches."""

from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass

from extractors.timex.rules import Rule, load_rules


@dataclass(frozen=True)
class Candidate:
    """One rule match: its span, the rule and the match object (for the named groups)."""

    start: int
    end: int
    rule_index: int
    rule: Rule
    match: re.Match


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _capitalized(text: str, rule: Rule, match: re.Match) -> bool:
    for group in rule.capitalized:
        start = match.start(group)
        if start >= 0 and not text[start].isupper():
            return False
    return True


def all_matches(text: str, rules: tuple[Rule, ...] | None = None) -> list[Candidate]:
    """Every match of every rule over the ASCII-lowercased text (same offsets; each rule scans it
    once), keeping those whose `capitalized` groups start with a capital in the original text."""
    rules = load_rules() if rules is None else rules
    folded = text.translate(_ASCII_LOWER)
    found = []
    for index, rule in enumerate(rules):
        for match in rule.pattern.finditer(folded):
            if match.end() > match.start() and _capitalized(text, rule, match):
                found.append(Candidate(match.start(), match.end(), index, rule, match))
    return found


def select(candidates: list[Candidate]) -> list[Candidate]:
    """The longest matches first (negative rules, then earlier rules break ties), dropping any that
    overlap a kept one; returned in text order. Kept negative (`remove`) matches suppress what they
    cover and are dropped."""
    ordered = sorted(
        candidates, key=lambda c: (c.start - c.end, c.rule.normalizer_name != "remove", c.rule_index, c.start)
    )
    starts: list[int] = []
    ends: list[int] = []
    kept = []
    for candidate in ordered:
        slot = bisect.bisect_right(starts, candidate.start)
        if slot and ends[slot - 1] > candidate.start:
            continue
        if slot < len(starts) and starts[slot] < candidate.end:
            continue
        starts.insert(slot, candidate.start)
        ends.insert(slot, candidate.end)
        if candidate.rule.normalizer_name != "remove":
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)
