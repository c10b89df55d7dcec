"""TempEval-3 Task A scores of the tagger on a folder of TimeML files (the DCT is given, not scored)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extractors.records import TimeExpression
from extractors.timeml import GoldTimex, TimeMLDocument, canonical_value, read_timeml
from extractors.timex import tag_doc, tag_text

_CONTEXT = 40


@dataclass
class Scores:
    """Counts for one collection; the percentages are derived from them."""

    gold: int = 0
    system: int = 0
    strict_gold: int = 0
    strict_system: int = 0
    relaxed_gold: int = 0
    relaxed_system: int = 0
    pairs: int = 0
    type_correct: int = 0
    value_correct: int = 0

    def add(self, other: Scores) -> None:
        """Add another collection's counts to these."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _f1(precision: float, recall: float) -> float:
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def _pr(self, matched_system: int, matched_gold: int) -> tuple[float, float, float]:
        precision = 100 * matched_system / self.system if self.system else 0.0
        recall = 100 * matched_gold / self.gold if self.gold else 0.0
        return precision, recall, self._f1(precision, recall)

    @property
    def strict(self) -> tuple[float, float, float]:
        """Strict (exact extent) precision, recall, F1 in percent."""
        return self._pr(self.strict_system, self.strict_gold)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        """Relaxed (any overlap) precision, recall, F1 in percent."""
        return self._pr(self.relaxed_system, self.relaxed_gold)

    @property
    def type_accuracy(self) -> float:
        """Percent of relaxed matches with the gold type."""
        return 100 * self.type_correct / self.pairs if self.pairs else 0.0

    @property
    def value_accuracy(self) -> float:
        """Percent of relaxed matches with the gold value."""
        return 100 * self.value_correct / self.pairs if self.pairs else 0.0

    @property
    def value_f1(self) -> float:
        """Relaxed F1 times value accuracy (TempEval-3's value score), in percent."""
        return self.relaxed[2] * self.value_accuracy / 100


@dataclass(frozen=True)
class Finding:
    """One error for the verbose listing: a miss, a spurious expression or a wrong value/type."""

    kind: str
    document: str
    text: str
    gold: str
    system: str
    context: str


@dataclass
class TimexReport:
    """Scores per collection (parent folder name) and overall, with every error found and every file
    that could not be read (one line each: the path and why)."""

    collections: dict[str, Scores] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Scores:
        """The scores of all collections together."""
        total = Scores()
        for scores in self.collections.values():
            total.add(scores)
        return total

    def render(self, verbose: bool = False) -> str:
        """A score table; with `verbose`, one line per error (kind, document, text, gold, system, context)."""
        header = (
            f"{'collection':<12}{'gold':>6}{'sys':>6}{'strict P':>10}{'R':>7}{'F1':>7}"
            f"{'relax P':>10}{'R':>7}{'F1':>7}{'type acc':>10}{'value acc':>11}{'value F1':>10}"
        )
        lines = [header]
        rows = [*sorted(self.collections.items()), ("overall", self.overall)]
        for name, scores in rows:
            sp, sr, sf = scores.strict
            rp, rr, rf = scores.relaxed
            lines.append(
                f"{name:<12}{scores.gold:>6}{scores.system:>6}{sp:>10.1f}{sr:>7.1f}{sf:>7.1f}"
                f"{rp:>10.1f}{rr:>7.1f}{rf:>7.1f}{scores.type_accuracy:>10.1f}{scores.value_accuracy:>11.1f}"
                f"{scores.value_f1:>10.1f}"
            )
        lines.extend(f"skipped {problem}" for problem in self.skipped)
        if verbose:
            for finding in self.findings:
                lines.append(
                    f"{finding.kind:<9} {finding.document}: {finding.text!r} gold={finding.gold} "
                    f"system={finding.system} | {finding.context}"
                )
        return "\n".join(lines)


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - _CONTEXT) : start]
    right = text[end : end + _CONTEXT]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score_document(
    document: TimeMLDocument, system: Iterable[TimeExpression]
) -> tuple[Scores, list[Finding]]:
    """Task A counts for one document and its errors."""
    system = list(system)
    gold: tuple[GoldTimex, ...] = document.timexes
    scores = Scores(gold=len(gold), system=len(system))
    findings: list[Finding] = []
    gold_spans = {(g.start, g.end) for g in gold}
    system_spans = {(s.start, s.end) for s in system}
    scores.strict_gold = len(gold_spans & system_spans)
    scores.strict_system = scores.strict_gold
    used: set[int] = set()
    for g in gold:
        overlapping = (i for i, s in enumerate(system) if _overlaps(g.start, g.end, s.start, s.end))
        match = next((i for i in overlapping if i not in used), None)
        context = _context(document.text, g.start, g.end)
        if match is None:
            findings.append(Finding("miss", document.name, g.text, f"{g.type}:{g.value}", "-", context))
            continue
        used.add(match)
        found = system[match]
        scores.relaxed_gold += 1
        scores.pairs += 1
        scores.type_correct += found.type == g.type
        value_right = canonical_value(found.value) == canonical_value(g.value)
        scores.value_correct += value_right
        if not value_right or found.type != g.type or (found.start, found.end) != (g.start, g.end):
            kind = "value" if not value_right else "type" if found.type != g.type else "extent"
            findings.append(
                Finding(kind, document.name, found.text, f"{g.type}:{g.value} {g.text!r}",
                        f"{found.type}:{found.value}", context)
            )
    for s in system:
        if any(_overlaps(s.start, s.end, g.start, g.end) for g in gold):
            scores.relaxed_system += 1
        else:
            findings.append(Finding("spurious", document.name, s.text, "-", f"{s.type}:{s.value}",
                                    _context(document.text, s.start, s.end)))
    return scores, findings


def read_documents(directory: Path) -> tuple[list[TimeMLDocument], list[str]]:
    """Every readable `.tml` file under `directory` (recursively, in path order) and one line per file
    that is not (malformed XML, no DCT, no TEXT); FileNotFoundError when there is no `.tml` file."""
    paths = sorted(Path(directory).rglob("*.tml"))
    if not paths:
        raise FileNotFoundError(f"{directory}: no .tml files")
    documents, skipped = [], []
    for path in paths:
        try:
            documents.append(read_timeml(path))
        except (ET.ParseError, ValueError, KeyError, OSError, UnicodeDecodeError) as error:
            reason = str(error).removeprefix(f"{path}: ") or error.__class__.__name__
            skipped.append(f"{path}: {reason}")
    return documents, skipped


def evaluate_timex(directory: Path, parsed: bool = False) -> TimexReport:
    """Tag every TimeML document under `directory` with its gold DCT and score it per collection;
    unreadable files are listed in `skipped` and the others still scored (ValueError if none is readable).

    With `parsed`, each text is parsed by spaCy and tagged by `tag_doc` (tense from the governing
    verb); otherwise by `tag_text` (tense from cue words).
    """
    documents, skipped = read_documents(directory)
    if not documents:
        raise ValueError(f"no readable .tml file ({len(skipped)} skipped; first: {skipped[0]})")
    report = TimexReport(skipped=skipped)
    for document, timexes in zip(documents, _tag_all(documents, parsed), strict=True):
        scores, findings = score_document(document, timexes)
        report.collections.setdefault(document.collection, Scores()).add(scores)
        report.findings.extend(findings)
    return report


def _tag_all(documents: list[TimeMLDocument], parsed: bool) -> Iterable[list[TimeExpression]]:
    if not parsed:
        return (tag_text(document.text, document.dct) for document in documents)
    from extractors.nlp import load_nlp

    docs = load_nlp().pipe((document.text for document in documents), batch_size=32)
    return (tag_doc(doc, document.dct) for doc, document in zip(docs, documents, strict=True))
