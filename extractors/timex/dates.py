"""Calendar arithmetic shared by the resolvers and the interval computation."""

from __future__ import annotations

from datetime import date, timedelta

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return add_months(date(year, month, 1), 1) - timedelta(days=1)


def iso_week_monday(year: int, week: int) -> date:
    """The Monday of ISO week `week` of ISO year `year`."""
    return date.fromisocalendar(year, week, 1)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The `nth` (1-based; -1 = last) ISO `weekday` (1 = Monday) of a month."""
    if nth < 0:
        last = month_end(year, month)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
