"""What an agency's self-assessment must hold before it is submitted."""

from __future__ import annotations

from functools import cache

from righthelp.core.packs.registry import PackRegistry
from righthelp.core.packs.schema import Instrument
from righthelp.core.self_assessment_rules import Answer, answer_problems, evidence_required


@cache
def instrument() -> Instrument:
    return (
        PackRegistry().get("partnership-self-assessment").instruments_by_id["cce-self-assessment"]
    )


def _all(rating: str, evidence: str) -> dict[str, Answer]:
    return {
        q.id: Answer(rating, evidence)
        for section in instrument().sections
        for q in section.questions
    }


def test_good_and_some_evidence_need_the_evidence_no_or_minimal_do_not() -> None:
    assert evidence_required(instrument(), "good")
    assert evidence_required(instrument(), "some")
    assert not evidence_required(instrument(), "minimal")
    assert not evidence_required(instrument(), "none")
    assert not evidence_required(instrument(), "")


def test_every_question_rated_with_evidence_may_be_submitted() -> None:
    assert answer_problems(instrument(), _all("good", "Audit of 20 case files, May.")) == ()
    assert answer_problems(instrument(), _all("none", "")) == ()


def test_problems_name_the_question_in_order_even_when_its_number_repeats() -> None:
    answers = _all("none", "")
    answers["q1-8b"] = Answer("some", "  ")
    del answers["q4-5a"]
    problems = answer_problems(instrument(), answers)
    assert [p.question.id for p in problems] == ["q1-8b", "q4-5a"]
    assert problems[0].message == (
        "Give the evidence for question 1.8 (Is there evidence that children and families "
        "voices ...): you rated it some evidence"
    )
    assert problems[1].message.startswith("Rate question 4.5 (Is the voice of children")
    assert problems[0].section.id == "service-response"
