"""The temporal tagger: time expressions found by data-driven rules and normalized to TIMEX3.

Public API: `tag_text`, `tag_doc`, `check_dct`, `is_valid_timex_value`, `to_timeml`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from extractors.records import TimeExpression
from extractors.timex.grammar import is_valid_timex_value
from extractors.timex.tagger import check_dct, tag_text
from extractors.timex.timeml_out import to_timeml

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["check_dct", "is_valid_timex_value", "tag_doc", "tag_text", "to_timeml"]


def tag_doc(doc: Doc, dct: date | None) -> list[TimeExpression]:
    """The time expressions of a spaCy `Doc` (offsets index `doc.text`).

    The tagger reads only the text: it needs no pipeline component, so a Doc from any pipeline
    (or `nlp.make_doc`) works.
    """
    return tag_text(doc.text, dct)
