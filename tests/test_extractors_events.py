"""The event extractor on the reference article and on sentences that test anchoring, status and modality."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from extractors.events import extract_events
from extractors.events_eval import calendar_interval
from extractors.nlp import load_nlp
from extractors.records import Event, TimeExpression
from extractors.timex import tag_text
from tests.conftest import SAMPLE, SAMPLE_GOLD
from tests.gold import load_gold, required_event_problems

DCT = date(2025, 3, 12)


def gold_timexes(gold: dict) -> list[TimeExpression]:
    """The gold JSON's time expressions, with their calendar intervals (FUTURE_REF starts at the DCT)."""
    found = []
    for item in gold["timexes"]:
        interval = calendar_interval(item["value"]) or (
            (DCT, None, None) if item["value"] == "FUTURE_REF" else (None, None, None)
        )
        found.append(TimeExpression(item["start"], item["end"], item["text"], item["type"], item["value"],
                                    None, *interval))
    return found


def sample_skip_spans(text: str, gold: dict) -> list[tuple[int, int]]:
    return [(0, text.index("\n")), (gold["boilerplate_from"], len(text))]


def events_of(text: str, dct: date = DCT, timexes: list[TimeExpression] | None = None) -> list[Event]:
    doc = load_nlp()(text)
    return extract_events(doc, "test", dct, tag_text(text, dct) if timexes is None else timexes)


def by_trigger(events: list[Event], word: str) -> Event:
    """The first event whose trigger is, or takes in, `word` ("talks" in "held talks")."""
    matches = [event for event in events if word in event.trigger_text.split()]
    assert matches, f"no event triggered by {word!r} in {[event.trigger_text for event in events]}"
    return matches[0]


@pytest.mark.parametrize("timex_source", ["gold", "tagger"])
def test_reference_article_required_events(timex_source: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    gold = load_gold(SAMPLE_GOLD)
    timexes = gold_timexes(gold) if timex_source == "gold" else None
    doc = load_nlp()(text)
    skip = sample_skip_spans(text, gold)
    if timexes is None:
        tagged = tag_text(text, DCT)
        timexes = [timex for timex in tagged if skip[0][1] <= timex.start and timex.end <= skip[1][0]]
    events = extract_events(doc, "sample", DCT, timexes, skip_spans=skip)
    live = [event.to_json() for event in events if not event.negated]
    assert required_event_problems(gold, live, text) == []


def test_no_event_comes_from_skipped_spans() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    gold = load_gold(SAMPLE_GOLD)
    skip = sample_skip_spans(text, gold)
    events = extract_events(load_nlp()(text), "sample", DCT, gold_timexes(gold), skip_spans=skip)
    assert events
    assert all(not (start <= event.trigger_start < end) for event in events for start, end in skip)


def test_reported_statement_is_dated_not_its_content() -> None:
    events = events_of("Russian Foreign Minister Sergei Lavrov said Wednesday that the presence of NATO "
                       "troops in Ukraine is a threat to Russia.")
    said = by_trigger(events, "said")
    assert (said.type, said.status, said.time.value) == ("statement", "past", "2025-03-12")
    assert said.actors[0] == "Sergei Lavrov"
    assert all(event.time is None for event in events if event.trigger_start > said.trigger_end)


def test_each_time_expression_dates_its_own_event() -> None:
    events = events_of("Military chiefs will present leaders with more detailed options in the coming days, "
                       "to be discussed with other leaders on a virtual call this weekend, people said.")
    present = by_trigger(events, "present")
    call = by_trigger(events, "call")
    assert (present.time.value, present.status) == ("FUTURE_REF", "planned")
    assert (call.type, call.time.value, call.status) == ("call", "2025-W11-WE", "planned")


def test_negated_event_is_flagged_not_reported_as_happening() -> None:
    events = events_of("The two presidents did not meet in Geneva on Tuesday.")
    meet = by_trigger(events, "meet")
    assert meet.negated and meet.status == "negated"


@pytest.mark.parametrize(
    ("sentence", "trigger", "status", "cue"),
    [
        ("The ministers plan to meet in Berlin next week.", "meet", "planned", "plan to"),
        ("The ministers will meet in Berlin next week.", "meet", "planned", "will"),
        ("Officials said the leaders would sign a treaty next month.", "treaty", "proposed", "would"),
        ("Diplomats said the two sides could meet next week.", "meet", "proposed", "could"),
        ("If talks fail, the army could launch an offensive next month.", "offensive", "proposed", "could"),
    ],
)
def test_modality_gives_planned_or_proposed(sentence: str, trigger: str, status: str, cue: str) -> None:
    event = by_trigger(events_of(sentence), trigger)
    assert (event.status, event.modality) == (status, cue)


def test_present_tense_report_takes_the_report_day() -> None:
    events = events_of("NATO defense ministers met in Brussels on Wednesday. The alliance says the meeting "
                       "went well.")
    says = by_trigger(events, "says")
    assert (says.type, says.time.value) == ("statement", "2025-03-12")
    met = by_trigger(events, "met")
    assert (met.status, met.location, met.time.value) == ("past", "Brussels", "2025-03-12")


def test_accord_duration_and_status() -> None:
    events = events_of("Officials believe a U.S.-Ukraine accord for a 30-day halt in the conflict has "
                       "increased pressure on Russia.")
    accord = by_trigger(events, "accord")
    found = (accord.type, accord.status, accord.duration, accord.time)
    assert found == ("agreement", "proposed", "P30D", None)


def test_signed_agreement_is_past() -> None:
    events = events_of("The two governments signed a ceasefire agreement in Doha on Monday.")
    agreement = by_trigger(events, "agreement")
    assert (agreement.status, agreement.location, agreement.time.value) == ("past", "Doha", "2025-03-10")


def given(text: str, *items: tuple[str, str]) -> list[TimeExpression]:
    """Time expressions for (phrase, value) pairs of `text`, with their calendar intervals."""
    found = []
    for phrase, value in items:
        start = text.index(phrase)
        interval = calendar_interval(value) or (None, None, None)
        found.append(TimeExpression(start, start + len(phrase), phrase, "DATE", value, None, *interval))
    return found


def test_sentence_date_reaches_events_the_parse_does_not_connect() -> None:
    text = "GM shares closed down $1.875 at $44.875 in heavy trading yesterday."
    events = events_of(text, date(1989, 10, 26), given(text, ("yesterday", "1989-10-25")))
    assert by_trigger(events, "trading").time.value == "1989-10-25"


def test_comparison_base_does_not_date_the_change() -> None:
    text = "Third-quarter profit rose 19% from $5 million a year earlier."
    timexes = given(text, ("Third-quarter", "1989-Q3"), ("a year earlier", "1988-Q3"))
    rose = by_trigger(events_of(text, date(1989, 10, 26), timexes), "rose")
    assert rose.time.value == "1989-Q3"


def test_narrative_carries_the_main_clause_date_not_the_comparison() -> None:
    text = ("Net income in the third quarter rose 19%, compared with $3 million in the year-earlier quarter. "
            "Sales climbed 4%.")
    timexes = given(text, ("the third quarter", "1989-Q3"), ("the year-earlier quarter", "1988-Q3"))
    climbed = by_trigger(events_of(text, date(1989, 10, 26), timexes), "climbed")
    assert (climbed.time.value, climbed.status) == ("1989-Q3", "past")
    assert climbed.confidence < 0.75


def test_undated_statement_takes_the_publication_day_named_in_the_text() -> None:
    text = "Protesters marched in Lima on Wednesday. Police made no arrests, officials said."
    events = events_of(text, date(2025, 3, 12), given(text, ("Wednesday", "2025-03-12")))
    said = by_trigger(events, "said")
    assert (said.time.value, said.status) == ("2025-03-12", "past")


def test_present_tense_report_holds_on_the_publication_day_and_stays_ongoing() -> None:
    text = "Protesters marched in Lima on Wednesday. The ministry is reviewing the police response."
    events = events_of(text, date(2025, 3, 12), given(text, ("Wednesday", "2025-03-12")))
    reviewing = by_trigger(events, "reviewing")
    assert (reviewing.time.value, reviewing.status) == ("2025-03-12", "ongoing")


def test_state_verbs_are_events_only_when_dated_and_with_low_confidence() -> None:
    text = "The bank had assets of $511 million in the third quarter. Analysts have doubts."
    events = events_of(text, date(1989, 10, 26), given(text, ("the third quarter", "1989-Q3")))
    had = by_trigger(events, "had")
    assert (had.time.value, had.confidence) == ("1989-Q3", 0.3)
    assert all(event.trigger_text != "have" for event in events)


def test_words_that_are_not_events() -> None:
    text = ("If there’s a settlement on Friday, allies including Japan will send troops, according to "
            "officials of the peacekeeping force.")
    triggers = [event.trigger_text for event in events_of(text, DCT, given(text, ("Friday", "2025-03-14")))]
    assert "settlement" in triggers
    assert not {"’s", "including", "according", "peacekeeping"} & set(triggers)


def test_noun_shapes_mark_nominalizations_and_gerunds() -> None:
    from extractors.events.lexicon import default_lexicon

    lexicon = default_lexicon()
    assert lexicon.noun_has_event_shape("renovation") and lexicon.noun_has_event_shape("shelling")
    assert not lexicon.noun_has_event_shape("nation") and not lexicon.noun_has_event_shape("building")


def test_the_object_of_an_aspectual_verb_is_an_event() -> None:
    text = "Crews resumed repairs on the bridge on Tuesday."
    events = events_of(text, date(2024, 5, 15), given(text, ("Tuesday", "2024-05-14")))
    assert by_trigger(events, "repairs").time.value == "2024-05-14"
    assert not [event for event in events if event.trigger_text == "bridge"]


def test_a_hyphenated_noun_is_one_trigger_looked_up_whole() -> None:
    text = "The bank took a write-down on its loans on Monday, and the rebels agreed to a cease-fire."
    events = events_of(text, date(2024, 5, 15), given(text, ("Monday", "2024-05-13")))
    write_down = by_trigger(events, "write-down")
    assert (write_down.time.value, write_down.summary) == ("2024-05-13", "The bank took a write-down")
    assert by_trigger(events, "cease-fire").type == "agreement"


def test_a_noun_shapes_file_without_aspectual_verbs_is_an_error_naming_it(tmp_path) -> None:
    from extractors.events.lexicon import CUES_FILE, TRIGGERS_FILE, read_lexicon

    shapes = tmp_path / "shapes.json"
    shapes.write_text('{"suffixes": ["tion"], "not_events": []}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"shapes\.json"):
        read_lexicon(TRIGGERS_FILE, CUES_FILE, shapes)


def test_conditional_clause_does_not_take_the_report_date() -> None:
    text = "The ministers will meet again next week if there’s a settlement, Healey said Wednesday."
    events = events_of(text, DCT, given(text, ("next week", "2025-W12"), ("Wednesday", "2025-03-12")))
    settlement = by_trigger(events, "settlement")
    assert (settlement.status, settlement.time) == ("proposed", None)
    assert by_trigger(events, "meet").time.value == "2025-W12"


def test_a_light_verb_and_its_event_noun_are_one_event() -> None:
    text = "Both sides held a second round of talks in Istanbul on Monday, but no ceasefire was reached."
    events = events_of(text, date(2025, 6, 4), given(text, ("Monday", "2025-06-02")))
    talks = by_trigger(events, "talks")
    assert talks.trigger_text == "held a second round of talks"
    assert (talks.type, talks.status, talks.time.value, talks.location, talks.confidence) == (
        "meeting", "past", "2025-06-02", "Istanbul", 0.9)
    assert talks.summary == "Both sides held a second round of talks in Istanbul"
    assert [event.trigger_text for event in events].count(talks.trigger_text) == 1
    assert not [event for event in events if event.trigger_text == "held"]
    ceasefire = by_trigger(events, "ceasefire")
    assert ceasefire.negated and "reached" in ceasefire.trigger_text


def test_a_bad_lexicon_row_is_an_error_naming_the_file(tmp_path) -> None:
    from extractors.events.lexicon import CUES_FILE, read_lexicon

    triggers = tmp_path / "triggers.jsonl"
    triggers.write_text('{"lemma": "talks", "pos": "NOUN", "type": "chat"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"triggers\.jsonl"):
        read_lexicon(triggers, CUES_FILE)


def test_present_perfect_report_holds_on_the_publication_day_but_a_future_clause_does_not() -> None:
    text = ("Protesters marched in Lima on Wednesday. The opposition has rejected the budget and wants new "
            "talks before a deal is agreed.")
    events = events_of(text, date(2025, 3, 12), given(text, ("Wednesday", "2025-03-12")))
    rejected = by_trigger(events, "rejected")
    assert (rejected.time.value, rejected.status) == ("2025-03-12", "past")
    assert all(event.time is None for event in events if event.trigger_text == "agreed")


def test_a_present_tense_verb_does_not_take_a_past_date() -> None:
    text = "White heads a team that is investigating the bombings which killed 224 people on Aug. 7, 1998."
    events = events_of(text, date(1999, 10, 8), given(text, ("Aug. 7, 1998", "1998-08-07")))
    assert by_trigger(events, "killed").time.value == "1998-08-07"
    assert all(event.time is None for event in events if event.trigger_text in ("heads", "investigating"))


def test_no_token_is_the_trigger_of_two_events() -> None:
    text = ("The two leaders signed a trade deal in Hanoi on Friday. Negotiators will hold a new round of "
            "talks next month to continue discussions on tariffs.")
    events = events_of(text, date(2025, 3, 12), given(text, ("Friday", "2025-03-07"),
                                                        ("next month", "2025-04")))
    spans = sorted((event.trigger_start, event.trigger_end) for event in events)
    assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))
    deal = by_trigger(events, "deal")
    assert (deal.trigger_text, deal.type, deal.status, deal.location) == ("signed a trade deal", "agreement",
                                                                           "past", "Hanoi")
    discussions = by_trigger(events, "discussions")
    assert (discussions.trigger_text, discussions.type) == ("continue discussions", "meeting")


def test_a_noun_restating_its_verb_is_the_same_event() -> None:
    text = "The finance minister said at a news conference in Oslo on Monday that taxes would rise."
    events = events_of(text, date(2025, 3, 12), given(text, ("Monday", "2025-03-10")))
    said = by_trigger(events, "said")
    assert said.trigger_text == "said at a news conference"
    assert (said.type, said.location, said.time.value) == ("statement", "Oslo", "2025-03-10")
    assert said.summary == "The finance minister said at a news conference in Oslo"
    conference_events = [event for event in events if "conference" in event.trigger_text]
    assert conference_events == [said]


def test_an_untyped_verb_at_an_event_takes_the_event_type() -> None:
    text = "Supporters danced at a rally in Lagos on Saturday."
    events = events_of(text, date(2025, 3, 12), given(text, ("Saturday", "2025-03-08")))
    assert len(events) == 1
    rally = events[0]
    assert (rally.type, rally.status, rally.location) == ("protest", "past", "Lagos")
    assert rally.summary == "Supporters danced at a rally in Lagos"


def test_an_untyped_noun_inside_a_verb_event_stays_below_the_display_threshold() -> None:
    text = "The board approved the acquisition of the refinery on Tuesday."
    events = events_of(text, date(2025, 3, 12), given(text, ("Tuesday", "2025-03-11")))
    approved = by_trigger(events, "approved")
    acquisition = by_trigger(events, "acquisition")
    assert approved.confidence >= 0.5 > acquisition.confidence
    assert acquisition.time is not None


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The bank’s chief executive resigned on Friday.", "resigned",
         "The bank’s chief executive resigned"),
        ("The mayor welcomed the budget on Friday but added that costs would rise.", "added",
         "The mayor added"),
        ("Officials who announced the cuts on Friday resigned.", "announced", "Officials announced the cuts"),
        ("The U.S.-Japan talks ended on Friday.", "talks", "The U.S.-Japan talks ended"),
    ],
)
def test_summaries_name_the_subject_and_keep_the_text_spacing(text: str, trigger: str, expected: str) -> None:
    events = events_of(text, date(2025, 3, 12), given(text, ("Friday", "2025-03-07")))
    assert by_trigger(events, trigger).summary == expected


def test_a_heading_gives_no_actor_and_no_summary_word() -> None:
    text = ("Prices fell sharply in Lima on Monday.\n\n‘Act quickly’\n\n"
            "Finance Minister Ana Berg announced new tax cuts on Tuesday.")
    timexes = given(text, ("Monday", "2025-03-10"), ("Tuesday", "2025-03-11"))
    events = events_of(text, date(2025, 3, 12), timexes)
    announced = by_trigger(events, "announced")
    assert announced.actors[0] == "Ana Berg"
    assert announced.summary.startswith("Ana Berg announced")
    assert not [event for event in events if event.trigger_text == "Act"]


def test_headings_are_short_unpunctuated_paragraphs() -> None:
    from extractors.events.headings import heading_spans

    text = "Talks resume\n\nThe talks resumed on Monday.\nThey were\nwrapped here.\n\n“Move fast”\n\nEnd."
    assert [text[start:end] for start, end in heading_spans(text)] == ["Talks resume", "“Move fast”"]
    assert heading_spans("A single line with no full stop") == []


@pytest.mark.parametrize(
    ("attribution", "shown"),
    [
        ("the officials said on Thursday.", False),
        ("Mayor Ana Ruiz said.", False),
        ("Mayor Ana Ruiz said on Thursday.", True),
    ],
)
def test_quote_attributions_show_only_with_a_named_speaker_and_a_date_of_their_own(
    attribution: str, shown: bool
) -> None:
    text = f"Floods hit Valencia on Wednesday. “We will rebuild the bridge,” {attribution}"
    days = [(day, value) for day, value in (("Wednesday", "2025-03-12"), ("Thursday", "2025-03-13"))
            if day in text]
    events = events_of(text, date(2025, 3, 14), given(text, *days))
    said = by_trigger(events, "said")
    assert said.type == "statement" and said.time is not None
    assert (said.confidence >= 0.5) is shown


def test_hypothetical_events_with_no_named_party_stay_below_the_display_threshold() -> None:
    text = "Troops would leave only if there is a settlement. Moscow and Kyiv discussed a prisoner exchange."
    events = events_of(text, date(2025, 3, 12), [])
    assert by_trigger(events, "settlement").confidence < 0.5
    assert by_trigger(events, "discussed").confidence >= 0.5


def test_a_date_split_in_two_dates_the_event_by_its_narrower_part() -> None:
    text = "In June last year, the firm opened a plant in Ohio."
    timexes = given(text, ("June", "1997-06"), ("last year", "1997"))
    opened = by_trigger(events_of(text, date(1998, 2, 19), timexes), "opened")
    assert opened.time.value == "1997-06"

