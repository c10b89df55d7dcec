"""The temporal tagger: time expressions found by data-driven rules and normalized to TIMEX3.

Public API: `tag_text`, `tag_doc`, `check_dct`, `is_valid_timex_value`, `to_timeml`.
"""

from __future__ import annotations

from datetime import date
from functools import partial as bind
from typing import TYPE_CHECKING

from extractors.records import TimeExpression
from extractors.timex.grammar import is_valid_timex_value
from extractors.timex.parse_tense import doc_tense
from extractors.timex.tagger import check_dct, tag_text
from extractors.timex.timeml_out import to_timeml

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["check_dct", "is_valid_timex_value", "tag_doc", "tag_text", "to_timeml"]


def tag_doc(doc: Doc, dct: date | None) -> list[TimeExpression]:
    """The time expressions of a spaCy `Doc` (offsets index `doc.text`).

    When the Doc is parsed (tags and dependencies), the tense of the verb governing an expression
    chooses between the past and the coming weekday or month; otherwise (a blank pipeline,
    `nlp.make_doc`) the cue words around it do, exactly as in `tag_text`.
    """
    text = doc.text
    if doc.has_annotation("DEP") and doc.has_annotation("TAG"):
        return tag_text(text, dct, bind(doc_tense, doc, text))
    return tag_text(text, dct)
