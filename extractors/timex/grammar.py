"""The TIMEX3 value grammar: which strings are valid `value` attributes."""

from __future__ import annotations

import re

_DIGIT = "[0-9X]"
_TIME_PART = r"T(?:MO|AF|EV|NI|DT|[0-9X]{2}(?::[0-9X]{2}(?::[0-9X]{2})?)?)"
_DATE = (
    rf"(?:{_DIGIT}{{4}}(?:-(?:{_DIGIT}{{2}}(?:-{_DIGIT}{{2}}(?:{_TIME_PART})?)?"
    rf"|W{_DIGIT}{{1,2}}(?:-(?:[1-7X]|WE)(?:{_TIME_PART})?)?"
    rf"|Q[1-4X]|H[12X]|SP|SU|FA|WI))?"
    rf"|{_DIGIT}{{2,3}})"
)
_NUMBER = r"(?:[0-9]+(?:\.[0-9]+)?|X)"
_DURATION = (
    rf"P(?:(?:{_NUMBER}(?:Y|M|W|D|Q|WE|DE|CE|E|C|L|ML))+(?:T(?:{_NUMBER}[HMS])+)?"
    rf"|T(?:{_NUMBER}[HMS])+)"
)
_VALUE = re.compile(rf"(?:{_DATE}|{_DURATION}|PRESENT_REF|PAST_REF|FUTURE_REF)")


def is_valid_timex_value(value: str) -> bool:
    """True when `value` is a TIMEX3 value: a (partly unknown) date or time, a duration, or a *_REF."""
    return isinstance(value, str) and _VALUE.fullmatch(value) is not None
