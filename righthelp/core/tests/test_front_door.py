"""A request's steps at the front door, and what a decision must record."""

from __future__ import annotations

import pytest

from righthelp.core.front_door import (
    DecisionFacts,
    DecisionFromThePack,
    DecisionNeedsReason,
    LeadOnlyForStepDown,
    Stage,
    Step,
    after,
    may_take,
    problems_with_decision,
    reference_for,
    waiting_on_front_door,
)


def test_a_request_is_acknowledged_questioned_answered_and_decided() -> None:
    stage = Stage.RECEIVED
    for step, expected in [
        (Step.ACKNOWLEDGE, Stage.ACKNOWLEDGED),
        (Step.ASK, Stage.INFORMATION_REQUESTED),
        (Step.ANSWER, Stage.ACKNOWLEDGED),
        (Step.DECIDE, Stage.DECIDED),
    ]:
        stage = after(step, stage)
        assert stage == expected


@pytest.mark.parametrize("step", list(Step))
def test_nothing_moves_after_the_decision(step: Step) -> None:
    assert not may_take(step, Stage.DECIDED)
    with pytest.raises(ValueError):
        after(step, Stage.DECIDED)


def test_no_second_question_while_one_waits_and_no_answer_without_one() -> None:
    assert not may_take(Step.ASK, Stage.INFORMATION_REQUESTED)
    assert not may_take(Step.ANSWER, Stage.ACKNOWLEDGED)
    with pytest.raises(ValueError, match="already been acknowledged"):
        after(Step.ACKNOWLEDGE, Stage.ACKNOWLEDGED)


def test_a_question_with_the_sender_is_not_the_front_doors_work() -> None:
    assert waiting_on_front_door(Stage.RECEIVED)
    assert not waiting_on_front_door(Stage.INFORMATION_REQUESTED)
    assert not waiting_on_front_door(Stage.DECIDED)


def _facts(**changes: object) -> DecisionFacts:
    values: dict[str, object] = {
        "decision": "services-required",
        "reason": "Needs are met by early help.",
        "allowed_decisions": frozenset({"services-required", "section-47-enquiries"}),
        "names_lead_practitioner": True,
        "lead_practitioner_named": True,
    }
    values.update(changes)
    return DecisionFacts(**values)  # type: ignore[arg-type]


def test_a_full_decision_breaks_no_rule() -> None:
    assert problems_with_decision(_facts()) == []


def test_each_rule_with_its_message() -> None:
    assert problems_with_decision(_facts(decision="made-up")) == [DecisionFromThePack]
    assert problems_with_decision(_facts(reason="  ")) == [DecisionNeedsReason]
    assert problems_with_decision(_facts(names_lead_practitioner=False)) == [LeadOnlyForStepDown]
    assert DecisionNeedsReason.message() == "Give the reason for the decision"


def test_references_are_zero_padded() -> None:
    assert reference_for(42) == "RFS-000042"
