"""Normalizers: the named groups of one rule match -> a `Partial` TIMEX3 value (phase one).

Each normalizer is a small function registered in `NORMALIZERS` with the groups it needs; the rule
loader checks that every rule's pattern has them. Lookups go through the case-folded word tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.timex.partial import Partial
from extractors.timex.words import fold, lookup, word_tables

Groups = dict[str, str | None]

UNIT_GRANULARITY = {"D": "day", "W": "week", "WE": "weekend", "M": "month", "Q": "quarter",
                    "Y": "year", "DE": "decade", "CE": "century", "2W": "week"}
_TIME_UNITS = {"H": "H", "MIN": "M", "S": "S"}
_SMALLER_DATE_UNIT = {"Y": ("M", 12), "W": ("D", 7)}
_SMALLER_TIME_UNIT = {"H": ("M", 60), "M": ("S", 60)}
_VAGUE_LONG_UNITS = {"DE": "E", "CE": "C"}  # TIMEX3 letters: decades PXE, centuries PXC


def number_of(text: str) -> float | str:
    """The number written by `text` ("3", "2.5", "twenty-five", "a few" -> "X")."""
    key = fold(text)
    half = key.endswith((" and a half", " 1/2"))
    if half:
        key = key.removesuffix(" and a half").removesuffix(" 1/2")
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", key):
        number: float | str = float(key)
    else:
        try:
            number = lookup("number", key)
        except KeyError:
            number = sum(float(lookup("number", part)) for part in re.split(r"[- ]+", key))
    if half and number != "X":
        number = float(number) + 0.5
    return number


def _count(number: float | str) -> str:
    if number == "X":
        return "X"
    value = float(number)
    return str(int(value)) if value.is_integer() else f"{value:g}"


def duration_value(number: float | str, unit: str) -> str:
    """The TIMEX3 duration of `number` units (unit codes of the `unit` table)."""
    if unit == "2W":
        number, unit = (number if number == "X" else 2 * float(number)), "W"
    if unit in ("DE", "CE") and number != "X":
        return f"P{_count(float(number) * (10 if unit == 'DE' else 100))}Y"
    if unit in ("DE", "CE"):
        return f"PX{_VAGUE_LONG_UNITS[unit]}"
    if unit in _TIME_UNITS:
        return f"PT{_split_fraction(number, _TIME_UNITS[unit], _SMALLER_TIME_UNIT)}"
    return f"P{_split_fraction(number, unit, _SMALLER_DATE_UNIT)}"


def _split_fraction(number: float | str, unit: str, smaller_units: dict[str, tuple[str, int]]) -> str:
    """`number` units with a fractional part written in the next smaller unit when it is whole
    there (2.5 Y -> 2Y6M, 5.5 H -> 5H30M, 1.5 M (minutes) -> 1M30S)."""
    if number == "X" or float(number).is_integer() or unit not in smaller_units:
        return f"{_count(number)}{unit}"
    smaller, factor = smaller_units[unit]
    whole = int(float(number))
    rest = (float(number) - whole) * factor
    if not rest.is_integer():
        return f"{_count(number)}{unit}"
    return (f"{whole}{unit}" if whole else "") + f"{int(rest)}{smaller}"


def _year(text: str) -> int:
    digits = text.strip("'’")
    if not digits.isdigit():
        return _spelled_year_number(text)
    year = int(digits)
    if len(digits) == 2:
        year += 1900 if year >= 30 else 2000
    return year


def _month(text: str) -> int:
    return int(text) if text.isdigit() else int(lookup("month", text))


def _ordinal(text: str) -> int:
    return int(lookup("ordinal", text))


def _relative(groups: Groups) -> int:
    rel = groups.get("rel")
    return int(lookup("relative", rel)) if rel else 0


def _part_suffix(groups: Groups) -> str:
    part = groups.get("part")
    if not part:
        return ""
    code = str(lookup("part_of_day", part))
    return f"T{code}"


def date_ymd(g: Groups) -> Partial:
    """A full date: year, month (name or number) and day."""
    return Partial("DATE", f"{_year(g['year']):04d}-{_month(g['month']):02d}-{int(g['day']):02d}")


def date_md(g: Groups) -> Partial:
    """Month and day; the year comes from the DCT."""
    return Partial("DATE", f"XXXX-{_month(g['month']):02d}-{int(g['day']):02d}", anchor="year",
                   offset=_relative(g))


def week_of(g: Groups) -> Partial:
    """the week of March 6 (, 2000): the week containing that day."""
    year = f"{_year(g['year']):04d}" if g.get("year") else "XXXX"
    day = f"{year}-{_month(g['month']):02d}-{int(g['day']):02d}"
    return Partial("DATE", day, anchor="week_of", unit="week")


def date_ym(g: Groups) -> Partial:
    """Month and year."""
    return Partial("DATE", f"{_year(g['year']):04d}-{_month(g['month']):02d}")


def month_name(g: Groups) -> Partial:
    """A month name alone, maybe with last/this/next: the year comes from the DCT ("February this
    year": the DCT's year moved by this/last/next)."""
    value = f"XXXX-{_month(g['month']):02d}"
    if g.get("yrel"):
        return Partial("DATE", value, anchor="dct_year", offset=int(lookup("relative", g["yrel"])))
    return Partial("DATE", value, anchor="year", offset=_relative(g))


def year(g: Groups) -> Partial:
    """A year: 1998, '98, fiscal 1998."""
    return Partial("DATE", f"{_year(g['year']):04d}")


def _spelled_year_number(text: str) -> int:
    words = [word for word in re.split(r"[- ]+", fold(text)) if word != "and"]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(int(lookup("spelled", word)) for word in words[2:])
    return 100 * int(lookup("spelled", words[0])) + sum(int(lookup("spelled", w)) for w in words[1:])


def spelled_year(g: Groups) -> Partial:
    """A year in words: nineteen ninety-six, two thousand and one."""
    return Partial("DATE", f"{_spelled_year_number(g['year']):04d}")


def decade(g: Groups) -> Partial:
    """A decade: the 1990s, the '90s, the nineties."""
    words = word_tables()["decade_word"]
    if fold(g["decade"]) in words:
        return Partial("DATE", str(words[fold(g["decade"])]))
    digits = g["decade"].strip("'’")
    value = str(_year(digits) // 10) if len(digits) == 2 else digits[:3]
    return Partial("DATE", value)


def century(g: Groups) -> Partial:
    """A century by ordinal: the 20th century -> 19."""
    return Partial("DATE", f"{_ordinal(g['ord']) - 1:02d}")


def quarter(g: Groups) -> Partial:
    """A quarter by ordinal, with a year or relative to the DCT."""
    number = _ordinal(g["ord"])
    year = g.get("year") or g.get("year0")
    if year:
        return Partial("DATE", f"{_year(year):04d}-Q{number}")
    if g.get("yrel"):
        years = int(lookup("relative", g["yrel"]))
        return Partial("DATE", f"XXXX-Q{number}", anchor="dct_year", offset=years)
    anchor = "year_ago" if g.get("ago") else "year"
    return Partial("DATE", f"XXXX-Q{number}", anchor=anchor, offset=_relative(g))


def half(g: Groups) -> Partial:
    """A half year by ordinal (the last or latter half is the second)."""
    number = 2 if fold(g["ord"]) in ("last", "latter") else _ordinal(g["ord"])
    if g.get("year"):
        return Partial("DATE", f"{_year(g['year']):04d}-H{number}")
    if g.get("rel"):
        return Partial("DATE", f"XXXX-H{number}", anchor="dct_year", offset=_relative(g))
    return Partial("DATE", f"XXXX-H{number}", anchor="year")


def season(g: Groups) -> Partial:
    """A season, with a year or relative to the DCT."""
    code = lookup("season", g["season"])
    if g.get("year"):
        return Partial("DATE", f"{_year(g['year']):04d}-{code}")
    return Partial("DATE", f"XXXX-{code}", anchor="year", offset=_relative(g))


def relative_unit(g: Groups) -> Partial:
    """last/this/next + a calendar unit: a period relative to the DCT."""
    unit = str(lookup("unit", g["unit"]))
    anaphoric = fold(g.get("rel") or "") in ("following", "previous", "preceding")
    return Partial("DATE", anchor="anaphoric" if anaphoric else "offset", unit=UNIT_GRANULARITY[unit],
                   offset=_relative(g))


_RELATIVE_TO_TEXT = ("earlier", "later", "before", "after")
_SAME = ("the", "that", "the same", "that same", "this same")


def anaphoric_unit(g: Groups) -> Partial:
    """that day, the same month, the next morning, that year: a period at or next to the reference
    time, the last date the text named."""
    rel = fold(g.get("rel") or "the")
    offset = 0 if rel in _SAME else int(lookup("relative", rel.removeprefix("the ")))
    if g.get("part"):
        return Partial("TIME", anchor="anaphoric", unit="day", offset=offset, suffix=_part_suffix(g))
    unit = str(lookup("unit", g["unit"]))
    return Partial("DATE", anchor="anaphoric", unit=UNIT_GRANULARITY[unit], offset=offset)


def unit_offset(g: Groups) -> Partial:
    """N units ago/from now: the period that far from the DCT, at the unit's granularity; N units
    earlier/later/before/after: that far from the reference time (the last date the text named)."""
    unit = str(lookup("unit", g["unit"]))
    number = number_of(g["number"]) if g.get("number") else 1.0
    direction = int(lookup("direction", g["dir"])) if g.get("dir") else 1
    if number == "X":
        return Partial("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF")
    if unit in _TIME_UNITS:
        return Partial("DATE", anchor="offset", unit="day")
    steps = float(number)
    if unit in ("DE", "CE"):
        steps, unit = steps * (10 if unit == "DE" else 100), "Y"
    if not steps.is_integer():
        return Partial("DATE", anchor="offset", unit="day")
    relative_to_text = fold(g.get("dir") or "") in _RELATIVE_TO_TEXT
    if unit == "Y":
        anchor = "years_from_reference" if relative_to_text else "anaphoric_year"
    else:
        anchor = "anaphoric" if relative_to_text else "offset"
    return Partial("DATE", anchor=anchor, unit=UNIT_GRANULARITY[unit], offset=direction * int(steps))


def day_word(g: Groups) -> Partial:
    """today, tonight, yesterday, tomorrow, last night, this morning."""
    word = fold(g["word"])
    offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(word, 0)
    suffix = "TNI" if word == "tonight" else _part_suffix(g)
    if word == "last" and not suffix:
        suffix = "TNI"
    return Partial("TIME" if suffix and word != "tonight" else "DATE", anchor="offset", unit="day",
                   offset=offset, suffix=suffix)


def weekend(g: Groups) -> Partial:
    """the weekend: the tense decides between the last and the coming one."""
    return Partial("DATE", anchor="weekend", unit="weekend")


def reference(g: Groups) -> Partial:
    """now, recently, the future, the coming days: PRESENT_REF, PAST_REF or FUTURE_REF."""
    return Partial("DATE", str(lookup("reference", g["ref"])))


def weekday(g: Groups) -> Partial:
    """A weekday (maybe with last/next and a part of day): the tense decides which one."""
    suffix = _part_suffix(g)
    day = int(lookup("weekday", g["weekday"]))
    kind = "TIME" if suffix else "DATE"
    anchor = "this_weekday" if fold(g.get("rel") or "") == "this" else "weekday"
    return Partial(kind, anchor=anchor, weekday=day, offset=_relative(g), suffix=suffix)


def anaphoric_weekday(g: Groups) -> Partial:
    """the following Monday, the previous Friday: that weekday after/before the last day the text named."""
    day = int(lookup("weekday", g["weekday"]))
    return Partial("DATE", anchor="anaphoric_weekday", weekday=day, offset=int(lookup("relative", g["rel"])))


def _after_noon(dayhalf: str | None, hour: int) -> bool:
    """3 in the afternoon, 8 in the evening, 10 at night are after noon; 2 at night is not."""
    part = fold(dayhalf or "")
    return part in ("afternoon", "evening") or (part == "night" and hour >= 6)


def clock_time(g: Groups) -> Partial:
    """8 p.m., 10:30 a.m. EDT Thursday, noon, 4 in the morning: a time on the DCT's day or on a named day."""
    if g.get("hour"):
        hour = int(g["hour"]) % 12
        if fold(g.get("ampm") or "").startswith("p") or _after_noon(g.get("dayhalf"), hour):
            hour += 12
        minute = int(g.get("minute") or 0)
        suffix = f"T{hour:02d}:{minute:02d}"
    else:
        suffix = "T" + str(lookup("part_of_day", g["clock"]))
    if g.get("weekday"):
        day = int(lookup("weekday", g["weekday"]))
        return Partial("TIME", anchor="weekday", weekday=day, suffix=suffix)
    if not g.get("word"):
        return Partial("TIME", anchor="clock", unit="day", suffix=suffix)
    offset = {"yesterday": -1, "tomorrow": 1}.get(fold(g["word"]), 0)
    return Partial("TIME", anchor="offset", unit="day", offset=offset, suffix=suffix)


def duration(g: Groups) -> Partial:
    """N units (three weeks, 30-day, several years, a minute and a half): a TIMEX3 duration."""
    unit = str(lookup("unit", g["unit"]))
    plural = fold(g["unit"]).endswith("s")
    number: float | str = number_of(g["number"]) if g.get("number") else "X" if plural else 1.0
    if g.get("half") and number != "X":
        number = float(number) + 0.5
    return Partial("DURATION", duration_value(number, unit))


def frequency(g: Groups) -> Partial:
    """daily, every week, annually: a SET."""
    return Partial("SET", str(lookup("set_word", g["set"])))


def recurring_day(g: Groups) -> Partial:
    """every Thursday, each July, on Mondays, Tuesday nights: a SET of weekdays (maybe a part of day)
    or of months."""
    if g.get("weekday"):
        return Partial("SET", f"XXXX-WXX-{int(lookup('weekday', g['weekday']))}{_part_suffix(g)}")
    return Partial("SET", f"XXXX-{_month(g['month']):02d}")


def holiday(g: Groups) -> Partial:
    """A named holiday (fixed date or nth weekday of a month)."""
    code = str(lookup("holiday", g["holiday"]))
    if g.get("year"):
        return Partial("DATE", f"{_year(g['year']):04d}-{code}", anchor="holiday")
    return Partial("DATE", f"XXXX-{code}", anchor="holiday", offset=_relative(g))


def period(g: Groups) -> Partial:
    """the quarter, the latest quarter, the year-ago period: the period under discussion."""
    unit = str(lookup("unit", g["unit"])) if g.get("unit") else "Q"
    back = -1 if g.get("ago") else 0
    year = f"{_year(g['year']):04d}" if g.get("year") else ""
    return Partial("DATE", year, anchor="period", unit=UNIT_GRANULARITY.get(unit, "quarter"), offset=back)


def remove(g: Groups) -> None:
    """A negative rule: the span is not a time expression."""
    return None


@dataclass(frozen=True)
class Normalizer:
    """A normalizer function and the named groups its rules must define."""

    function: Callable[[Groups], Partial | None]
    needs: tuple[str, ...]


NORMALIZERS: dict[str, Normalizer] = {
    "date_ymd": Normalizer(date_ymd, ("year", "month", "day")),
    "date_md": Normalizer(date_md, ("month", "day")),
    "date_ym": Normalizer(date_ym, ("year", "month")),
    "week_of": Normalizer(week_of, ("month", "day")),
    "month_name": Normalizer(month_name, ("month",)),
    "year": Normalizer(year, ("year",)),
    "decade": Normalizer(decade, ("decade",)),
    "century": Normalizer(century, ("ord",)),
    "quarter": Normalizer(quarter, ("ord",)),
    "half": Normalizer(half, ("ord",)),
    "season": Normalizer(season, ("season",)),
    "relative_unit": Normalizer(relative_unit, ("unit",)),
    "unit_offset": Normalizer(unit_offset, ("unit",)),
    "anaphoric_unit": Normalizer(anaphoric_unit, ("rel",)),
    "spelled_year": Normalizer(spelled_year, ("year",)),
    "weekend": Normalizer(weekend, ()),
    "day_word": Normalizer(day_word, ("word",)),
    "reference": Normalizer(reference, ("ref",)),
    "weekday": Normalizer(weekday, ("weekday",)),
    "anaphoric_weekday": Normalizer(anaphoric_weekday, ("weekday", "rel")),
    "clock_time": Normalizer(clock_time, ()),
    "duration": Normalizer(duration, ("unit",)),
    "frequency": Normalizer(frequency, ("set",)),
    "recurring_day": Normalizer(recurring_day, ()),
    "holiday": Normalizer(holiday, ("holiday",)),
    "period": Normalizer(period, ()),
    "remove": Normalizer(remove, ()),
}
