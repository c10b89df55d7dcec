"""The event lexicon: trigger words per event type and the status cues, read from JSONL data files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TRIGGERS_FILE = DATA_DIR / "event_triggers.jsonl"
CUES_FILE = DATA_DIR / "event_cues.jsonl"
NOUN_SHAPES_FILE = DATA_DIR / "event_noun_shapes.json"

CUE_KINDS = ("modal", "governor", "modifier", "marker", "future_marker", "completion", "negator")


@dataclass(frozen=True)
class EventLexicon:
    """Trigger lemmas keyed by (lemma, "NOUN" | "VERB"), status cues keyed by kind, then cue word, the
    endings that mark a common noun as an event (with the nouns that have them but name no event), the
    aspectual verbs whose object is an event ("resumed work") and the particles of hyphenated phrasal
    nouns ("write-down")."""

    triggers: dict[tuple[str, str], str]
    cues: dict[str, dict[str, str]]
    noun_suffixes: tuple[str, ...] = ()
    not_event_nouns: frozenset[str] = frozenset()
    aspectual_verbs: frozenset[str] = frozenset()
    phrasal_particles: frozenset[str] = frozenset()

    def noun_has_event_shape(self, word: str) -> bool:
        """True for a nominalization or gerund ("expulsion", "shooting") not listed as a non-event."""
        word = word.lower()
        return word.endswith(self.noun_suffixes) and word not in self.not_event_nouns

    def trigger_type(self, lemma: str, pos: str) -> str | None:
        """The event type of a noun or verb lemma, or None when the lemma is not a listed trigger."""
        return self.triggers.get((lemma.lower(), pos))

    def cue(self, kind: str, word: str) -> str | None:
        """The status a cue word of `kind` signals (e.g. modal "will" → planned), or None."""
        return self.cues[kind].get(word.lower())


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from error
    return rows


def read_lexicon(
    triggers_file: Path = TRIGGERS_FILE,
    cues_file: Path = CUES_FILE,
    noun_shapes_file: Path = NOUN_SHAPES_FILE,
) -> EventLexicon:
    """Read and check the trigger, cue and noun-shape files; a bad row stops with an error naming the file."""
    from extractors.records import EVENT_STATUSES, EVENT_TYPES

    triggers: dict[tuple[str, str], str] = {}
    for row in _read_jsonl(triggers_file):
        if row.get("type") not in EVENT_TYPES or row.get("pos") not in ("NOUN", "VERB"):
            raise ValueError(f"{triggers_file}: bad trigger row {row}")
        triggers.setdefault((row["lemma"].lower(), row["pos"]), row["type"])
    cues: dict[str, dict[str, str]] = {kind: {} for kind in CUE_KINDS}
    for row in _read_jsonl(cues_file):
        if row.get("kind") not in CUE_KINDS or row.get("status") not in EVENT_STATUSES:
            raise ValueError(f"{cues_file}: bad cue row {row}")
        cues[row["kind"]].setdefault(row["cue"].lower(), row["status"])
    shapes = json.loads(noun_shapes_file.read_text(encoding="utf-8"))
    keys = ("suffixes", "not_events", "aspectual_verbs", "phrasal_particles")
    if not all(isinstance(shapes.get(key), list) for key in keys):
        raise ValueError(f"{noun_shapes_file}: needs {', '.join(repr(key) for key in keys)} lists")
    return EventLexicon(
        triggers=triggers,
        cues=cues,
        noun_suffixes=tuple(suffix.lower() for suffix in shapes["suffixes"]),
        not_event_nouns=frozenset(word.lower() for word in shapes["not_events"]),
        aspectual_verbs=frozenset(word.lower() for word in shapes["aspectual_verbs"]),
        phrasal_particles=frozenset(word.lower() for word in shapes["phrasal_particles"]),
    )


@lru_cache(maxsize=1)
def default_lexicon() -> EventLexicon:
    """The lexicon shipped in `extractors/data/`, read once per process."""
    return read_lexicon()
