"""The word tables of the tagger (`extractors/data/timex_words.json`), looked up case-folded."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

WORDS_PATH = Path(__file__).resolve().parent.parent / "data" / "timex_words.json"
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def word_tables() -> dict[str, dict[str, object]]:
    """Every table, keyed by table name then by the case-folded word."""
    with WORDS_PATH.open(encoding="utf-8") as handle:
        raw = json.load(handle)
    return {name: {fold(key): value for key, value in table.items()} for name, table in raw.items()}


def fold(text: str) -> str:
    """Case-fold, collapse whitespace and drop a trailing period: the key form of every lookup."""
    return _SPACES.sub(" ", text.casefold()).strip().rstrip(".")


def lookup(table: str, text: str) -> object:
    """The value of `text` in `table`; KeyError names the table and the word."""
    try:
        return word_tables()[table][fold(text)]
    except KeyError:
        raise KeyError(f"'{text}' is not in the timex word table '{table}'") from None
