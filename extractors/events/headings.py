"""Headings: short paragraphs with no sentence punctuation ("‘Step in rapidly’", "Security guarantees").

The parser often runs a heading into the next sentence and makes a heading word its subject. No event,
actor or summary word comes from a heading.
"""

from __future__ import annotations

import re

MAX_HEADING_WORDS = 8
SENTENCE_END = frozenset(".!?:;,")
CLOSING = "\"'’”)]»"
PARAGRAPH = re.compile(r"\S(?:.|\n(?![ \t]*\n))*")


def heading_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the headings of a text of several paragraphs: one-line paragraphs of at most
    eight words that do not end with sentence punctuation (closing quotes and brackets aside). Lines of a
    wrapped paragraph are never headings."""
    paragraphs = list(PARAGRAPH.finditer(text))
    if len(paragraphs) < 2:
        return []
    spans = []
    for match in paragraphs:
        paragraph = match.group().rstrip()
        if "\n" in paragraph or len(paragraph.split()) > MAX_HEADING_WORDS:
            continue
        if paragraph.rstrip(CLOSING)[-1:] not in SENTENCE_END:
            spans.append((match.start(), match.start() + len(paragraph)))
    return spans
