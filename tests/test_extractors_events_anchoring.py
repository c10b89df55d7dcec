"""Anchoring by syntax (extractors/events/anchoring.py): which event each time expression dates."""

from __future__ import annotations

from datetime import date

from tests.test_extractors_events import by_trigger, events_of, given

DCT = date(2024, 5, 14)


def test_a_when_clause_after_a_date_happens_at_that_date() -> None:
    text = "Shops were open again on Monday, unlike Saturday, when rioters looted stores and burned cars."
    events = events_of(text, DCT, given(text, ("Monday", "2024-05-13"), ("Saturday", "2024-05-11")))
    assert by_trigger(events, "looted").time.value == "2024-05-11"
    assert by_trigger(events, "burned").time.value == "2024-05-11"


def test_a_second_date_of_one_verb_dates_the_event_it_follows() -> None:
    text = "The government Saturday strongly condemned two bomb attacks in the capital Friday."
    events = events_of(text, DCT, given(text, ("Saturday", "2024-05-11"), ("Friday", "2024-05-10")))
    assert by_trigger(events, "condemned").time.value == "2024-05-11"
    assert by_trigger(events, "attacks").time.value == "2024-05-10"


def test_a_past_date_the_parse_hangs_on_a_present_verb_dates_the_event_before_it() -> None:
    text = "The inquiry follows two arrests in the city last June."
    arrests = by_trigger(events_of(text, DCT, given(text, ("last June", "2023-06"))), "arrests")
    assert (arrests.time.value, arrests.status) == ("2023-06", "past")


def test_a_participle_in_a_relative_clause_keeps_its_own_past_date() -> None:
    text = "The dispute concerns a border treaty, which the two presidents signed last May."
    signed = by_trigger(events_of(text, DCT, given(text, ("last May", "2023-05"))), "signed")
    assert (signed.time.value, signed.status) == ("2023-05", "past")


def test_a_date_in_a_reported_copula_clause_dates_its_predicate_not_the_report() -> None:
    text = "The union said its membership was weak during the quarter."
    events = events_of(text, DCT, given(text, ("the quarter", "2024-Q1")))
    assert by_trigger(events, "weak").time.value == "2024-Q1"
    assert by_trigger(events, "said").time is None


def test_a_trigger_with_a_dated_word_below_takes_that_date_not_one_from_above() -> None:
    text = ("Thousands rallied on Friday in the largest crowds since the revolution that brought the rebels "
            "to power in 1959.")
    events = events_of(text, DCT, given(text, ("Friday", "2024-05-10"), ("1959", "1959")))
    assert by_trigger(events, "rallied").time.value == "2024-05-10"
    assert by_trigger(events, "brought").time.value == "1959"
    assert by_trigger(events, "revolution").time.value == "1959"


def test_a_date_under_since_starts_a_period_and_dates_no_event() -> None:
    text = ("The decision follows two rate cuts in June, when the bank lowered its rate for the first time "
            "since 2019.")
    events = events_of(text, date(2024, 7, 18), given(text, ("June", "2024-06"), ("2019", "2019")))
    assert by_trigger(events, "lowered").time.value == "2024-06"
    assert all(event.time is None or event.time.value != "2019" for event in events)
