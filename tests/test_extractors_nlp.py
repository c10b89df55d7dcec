"""The spaCy pipeline and Dateline's own component in it."""

from __future__ import annotations

from extractors.nlp import load_nlp


def test_the_pipeline_has_every_component_it_needs_in_order() -> None:
    nlp = load_nlp()
    assert nlp.analyze_pipes()["problems"] == {name: [] for name in nlp.pipe_names}
    assert nlp.pipe_names.index("dateline_paragraph_breaks") < nlp.pipe_names.index("parser")


def test_a_heading_paragraph_never_becomes_the_subject_of_the_next_sentence() -> None:
    doc = load_nlp()("‘Move in quickly’\n\nThe finance minister welcomed the plan on Monday.")
    first_sentence, second_sentence = list(doc.sents)
    assert first_sentence.text.strip() == "‘Move in quickly’"
    assert second_sentence.text.startswith("The finance minister")


def test_single_line_breaks_inside_a_sentence_are_left_to_the_parser() -> None:
    doc = load_nlp()("The ministers met in Paris\non Wednesday to discuss the plan.")
    assert len(list(doc.sents)) == 1
