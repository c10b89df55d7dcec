"""Dates from the sentence and the narrative (extractors/events/sentence_dates.py, inheritance.py)."""

from __future__ import annotations

from datetime import date

from tests.test_extractors_events import by_trigger, events_of, given

DCT = date(2024, 5, 14)


def test_a_report_does_not_take_the_date_of_what_it_reports() -> None:
    text = "The union said its membership grew during the quarter."
    events = events_of(text, DCT, given(text, ("the quarter", "2024-Q1")))
    assert by_trigger(events, "grew").time.value == "2024-Q1"
    assert by_trigger(events, "said").time is None
    text = "In a statement, the council said the project would resume next month."
    events = events_of(text, DCT, given(text, ("next month", "2024-06")))
    assert by_trigger(events, "resume").time.value == "2024-06"
    assert all(event.time is None for event in events if event.type == "statement")


def test_a_phrase_under_since_does_not_take_the_date_of_its_sentence() -> None:
    text = "Thousands rallied on Friday in the largest crowds since the revolution."
    events = events_of(text, DCT, given(text, ("Friday", "2024-05-10")))
    assert by_trigger(events, "rallied").time.value == "2024-05-10"
    assert all(event.time is None or event.time.value != "2024-05-10"
               for event in events if event.trigger_text == "revolution")


def test_a_report_right_after_a_dated_statement_continues_it() -> None:
    text = ("Protesters gathered again on Tuesday. The mayor said on Sunday that the square would reopen. "
            "She said the police would leave. Officials said the square was calm.")
    timexes = given(text, ("Tuesday", "2024-05-14"), ("Sunday", "2024-05-12"))
    reports = [event for event in events_of(text, DCT, timexes) if event.trigger_text == "said"]
    assert [event.time.value for event in reports] == ["2024-05-12", "2024-05-12", "2024-05-14"]


def test_a_present_tense_event_beside_a_past_date_holds_on_the_publication_day() -> None:
    text = ("Police searched the harbour on Tuesday. The inquiry is examining the cause of the fire that "
            "destroyed the depot on May 2.")
    events = events_of(text, DCT, given(text, ("Tuesday", "2024-05-14"), ("May 2", "2024-05-02")))
    examining = by_trigger(events, "examining")
    assert (examining.time.value, examining.status) == ("2024-05-14", "ongoing")
    assert by_trigger(events, "destroyed").time.value == "2024-05-02"


def test_event_nouns_share_the_narrative_date_of_their_clause() -> None:
    text = "Officials closed the port on Friday. The decision touched off protests in the capital."
    events = events_of(text, DCT, given(text, ("Friday", "2024-05-10")))
    assert [by_trigger(events, word).time.value for word in ("touched", "decision", "protests")] == [
        "2024-05-10", "2024-05-10", "2024-05-10"]
    assert by_trigger(events, "protests").confidence < by_trigger(events, "closed").confidence


def test_a_report_in_the_simple_present_was_made_before_publication() -> None:
    events = events_of("The ministry says the bridge is safe. Its engineers meet the mayor.", DCT, [])
    assert by_trigger(events, "says").status == "past"
    assert by_trigger(events, "meet").status == "ongoing"


def test_a_coordinated_verb_shares_the_tense_of_its_auxiliary() -> None:
    text = "Police raided a flat on Tuesday. A special team is investigating and prosecuting the suspects."
    events = events_of(text, DCT, given(text, ("Tuesday", "2024-05-14")))
    prosecuting = by_trigger(events, "prosecuting")
    assert (prosecuting.time.value, prosecuting.status) == ("2024-05-14", "ongoing")
