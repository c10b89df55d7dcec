"""The default timeline range: the dense part of the event days around the as-of date."""

from __future__ import annotations

from datetime import date, timedelta

from charts.ranges import default_range, padded

AS_OF = date(2025, 3, 12)


def test_a_lone_old_mention_does_not_stretch_the_range():
    days = [date(2025, 3, 11), date(2025, 3, 12), date(2025, 3, 23), date(1989, 11, 9)]
    assert default_range(days, AS_OF) == (date(2025, 3, 11), date(2025, 3, 23))


def test_the_range_follows_a_story_spread_over_months():
    days = [AS_OF - timedelta(days=30 * month) for month in range(8)]
    low, high = default_range(days, AS_OF)
    assert low == AS_OF - timedelta(days=210)
    assert high == AS_OF + timedelta(days=3)


def test_the_range_reaches_past_the_as_of_date_for_open_ended_plans():
    low, high = default_range([AS_OF], AS_OF)
    assert low == AS_OF
    assert high > AS_OF


def test_no_days_gives_two_weeks_around_the_as_of_date():
    assert default_range([], AS_OF) == (AS_OF - timedelta(days=7), AS_OF + timedelta(days=7))


def test_a_far_as_of_date_still_reaches_the_nearest_data():
    days = [date(2020, 5, 1), date(2020, 5, 3)]
    low, high = default_range(days, date(2021, 1, 1))
    assert low == date(2020, 5, 1)
    assert high >= date(2021, 1, 1)


def test_padding_widens_both_sides_by_at_least_a_day():
    low, high = padded(date(2025, 3, 1), date(2025, 3, 2))
    assert (low, high) == (date(2025, 2, 28), date(2025, 3, 3))
    low, high = padded(date(2024, 1, 1), date(2025, 1, 1))
    assert (date(2024, 1, 1) - low).days == round(366 * 0.04)
