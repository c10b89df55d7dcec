"""Reading TimeML 1.2 documents (TempEval-3): the text, its DCT and the gold annotation with offsets."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_UNPADDED_WEEK = re.compile(r"^(\d{4}-W)(\d)(?!\d)")
_BARE_HOUR = re.compile(r"(T\d{2})$")


def canonical_value(value: str) -> str:
    """A TIMEX3 value in one notation: some gold files write week 7 as "2000-W7" for "2000-W07" and an hour
    as "T24" for "T24:00". Only the spelling changes, never what the value denotes."""
    value = _UNPADDED_WEEK.sub(lambda match: f"{match.group(1)}0{match.group(2)}", value)
    return _BARE_HOUR.sub(r"\1:00", value)


@dataclass(frozen=True)
class GoldTimex:
    """A gold TIMEX3 inside the document text."""

    tid: str
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None


@dataclass(frozen=True)
class GoldEvent:
    """A gold EVENT with its instances (eiid) and their tense, aspect and polarity."""

    eid: str
    start: int
    end: int
    text: str
    event_class: str
    eiids: tuple[str, ...]
    tense: str | None
    aspect: str | None
    polarity: str | None
    modality: str | None


@dataclass(frozen=True)
class GoldTlink:
    """A TLINK between a source (event instance or timex) and a target."""

    lid: str
    rel_type: str
    source: str
    target: str


@dataclass(frozen=True)
class TimeMLDocument:
    """One TimeML file: the TEXT content, the document creation time and the gold annotation."""

    name: str
    collection: str
    dct: date
    dct_tid: str
    text: str
    timexes: tuple[GoldTimex, ...]
    events: tuple[GoldEvent, ...]
    tlinks: tuple[GoldTlink, ...]

    def event_by_eiid(self) -> dict[str, GoldEvent]:
        """Map every event instance id to its event."""
        return {eiid: event for event in self.events for eiid in event.eiids}


def _walk_text(element: ET.Element) -> tuple[str, list[tuple[ET.Element, int, int]]]:
    """Flatten the TEXT element; return its text and every tagged child with its offsets."""
    parts: list[str] = []
    spans: list[tuple[ET.Element, int, int]] = []
    length = 0

    def visit(node: ET.Element) -> None:
        nonlocal length
        if node.text:
            parts.append(node.text)
            length += len(node.text)
        for child in node:
            start = length
            visit(child)
            spans.append((child, start, length))
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    visit(element)
    return "".join(parts), spans


def read_timeml(path: str | Path) -> TimeMLDocument:
    """Parse one TimeML file into a `TimeMLDocument`."""
    path = Path(path)
    root = ET.parse(path).getroot()
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None:
        raise ValueError(f"{path}: no DCT")
    dct = date.fromisoformat(dct_timex.attrib["value"][:10])
    text_element = root.find("TEXT")
    if text_element is None:
        raise ValueError(f"{path}: no TEXT")
    text, spans = _walk_text(text_element)

    timexes: list[GoldTimex] = []
    raw_events: list[tuple[ET.Element, int, int]] = []
    for element, start, end in spans:
        if element.tag == "TIMEX3":
            timexes.append(
                GoldTimex(
                    tid=element.attrib["tid"],
                    start=start,
                    end=end,
                    text=text[start:end],
                    type=element.attrib.get("type", ""),
                    value=element.attrib.get("value", ""),
                    mod=element.attrib.get("mod"),
                )
            )
        elif element.tag == "EVENT":
            raw_events.append((element, start, end))

    instances: dict[str, list[ET.Element]] = {}
    for instance in root.iter("MAKEINSTANCE"):
        instances.setdefault(instance.attrib["eventID"], []).append(instance)
    events = []
    for element, start, end in raw_events:
        eid = element.attrib["eid"]
        found = instances.get(eid, [])
        first = found[0].attrib if found else {}
        events.append(
            GoldEvent(
                eid=eid,
                start=start,
                end=end,
                text=text[start:end],
                event_class=element.attrib.get("class", ""),
                eiids=tuple(item.attrib["eiid"] for item in found),
                tense=first.get("tense"),
                aspect=first.get("aspect"),
                polarity=first.get("polarity"),
                modality=first.get("modality"),
            )
        )

    tlinks = []
    for link in root.iter("TLINK"):
        attrs = link.attrib
        source = attrs.get("eventInstanceID") or attrs.get("timeID")
        target = attrs.get("relatedToEventInstance") or attrs.get("relatedToTime")
        if source and target:
            tlinks.append(GoldTlink(attrs.get("lid", ""), attrs.get("relType", ""), source, target))

    return TimeMLDocument(
        name=path.stem,
        collection=path.parent.name,
        dct=dct,
        dct_tid=dct_timex.attrib.get("tid", "t0"),
        text=text,
        timexes=tuple(timexes),
        events=tuple(events),
        tlinks=tuple(tlinks),
    )


def read_corpus(directory: str | Path) -> list[TimeMLDocument]:
    """Read every `.tml` file under `directory` (recursively), in path order."""
    paths = sorted(Path(directory).rglob("*.tml"))
    if not paths:
        raise FileNotFoundError(f"{directory}: no .tml files")
    return [read_timeml(path) for path in paths]
