"""Writing tagged text as TimeML: TIMEX3 tags in the text and the DCT."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape, quoteattr

from extractors.records import TimeExpression


def _attributes(tid: str, timex: TimeExpression) -> str:
    attrs = f'tid="{tid}" type="{timex.type}" value={quoteattr(timex.value)}'
    if timex.mod:
        attrs += f" mod={quoteattr(timex.mod)}"
    return attrs


def to_timeml(text: str, dct: date | None, timexes: list[TimeExpression]) -> str:
    """The TimeML document of `text` with one TIMEX3 per expression and the DCT (when known)."""
    parts = ['<?xml version="1.0" ?>\n<TimeML>\n']
    if dct is not None:
        parts.append(
            f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct.isoformat()}" temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{dct.isoformat()}</TIMEX3></DCT>\n'
        )
    parts.append("<TEXT>")
    position = 0
    for number, timex in enumerate(sorted(timexes, key=lambda t: t.start), 1):
        parts.append(escape(text[position : timex.start]))
        body = escape(text[timex.start : timex.end])
        parts.append(f"<TIMEX3 {_attributes(f't{number}', timex)}>{body}</TIMEX3>")
        position = timex.end
    parts.append(escape(text[position:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)
