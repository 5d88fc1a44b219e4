"""A request for service at the partnership's front door: the steps it may take, and what each
step must record. Each rule is a small named class whose docstring is the message the person
sees, in the shape of ``assessment_rules``.

received -> acknowledged -> (information requested -> acknowledged, after the answer) -> decided
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    INFORMATION_REQUESTED = "information_requested"
    DECIDED = "decided"


class Step(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    ASK = "ask"
    ANSWER = "answer"
    DECIDE = "decide"


MOVES: dict[Step, tuple[frozenset[Stage], Stage]] = {
    Step.ACKNOWLEDGE: (frozenset({Stage.RECEIVED}), Stage.ACKNOWLEDGED),
    Step.ASK: (frozenset({Stage.RECEIVED, Stage.ACKNOWLEDGED}), Stage.INFORMATION_REQUESTED),
    Step.ANSWER: (frozenset({Stage.INFORMATION_REQUESTED}), Stage.ACKNOWLEDGED),
    Step.DECIDE: (
        frozenset({Stage.RECEIVED, Stage.ACKNOWLEDGED, Stage.INFORMATION_REQUESTED}),
        Stage.DECIDED,
    ),
}

NOT_NOW = {
    Step.ACKNOWLEDGE: "This request has already been acknowledged",
    Step.ASK: "A question is already waiting for an answer, or the request has been decided",
    Step.ANSWER: "There is no question waiting for an answer",
    Step.DECIDE: "A decision has already been recorded on this request",
}


def may_take(step: Step, stage: Stage) -> bool:
    return stage in MOVES[step][0]


def after(step: Step, stage: Stage) -> Stage:
    """The stage after ``step``; ``ValueError`` (with the message to show) if not allowed now."""
    allowed, then = MOVES[step]
    if stage not in allowed:
        raise ValueError(NOT_NOW[step])
    return then


def waiting_on_front_door(stage: Stage) -> bool:
    """In the front door's queue as work to do (a question out with the sender is not)."""
    return stage in (Stage.RECEIVED, Stage.ACKNOWLEDGED)


@dataclass(frozen=True)
class DecisionFacts:
    decision: str
    reason: str
    allowed_decisions: frozenset[str]
    names_lead_practitioner: bool
    """Whether the chosen decision may name a lead practitioner."""
    lead_practitioner_named: bool


class Rule:
    code: str = ""
    field: str = ""

    @classmethod
    def message(cls) -> str:
        return " ".join((cls.__doc__ or "").split())

    @classmethod
    def broken_by(cls, facts: DecisionFacts) -> bool:
        raise NotImplementedError


class DecisionFromThePack(Rule):
    """Choose one of the partnership's decisions"""

    code = "FRONT01"
    field = "decision"

    @classmethod
    def broken_by(cls, facts: DecisionFacts) -> bool:
        return facts.decision not in facts.allowed_decisions


class DecisionNeedsReason(Rule):
    """Give the reason for the decision"""

    code = "FRONT02"
    field = "reason"

    @classmethod
    def broken_by(cls, facts: DecisionFacts) -> bool:
        return not facts.reason.strip()


class LeadOnlyForStepDown(Rule):
    """A lead practitioner is named only when services are to be provided: choose that
    decision, or leave the lead practitioner empty"""

    code = "FRONT03"
    field = "lead_practitioner"

    @classmethod
    def broken_by(cls, facts: DecisionFacts) -> bool:
        return facts.lead_practitioner_named and not facts.names_lead_practitioner


DECISION_RULES: tuple[type[Rule], ...] = (
    DecisionFromThePack,
    DecisionNeedsReason,
    LeadOnlyForStepDown,
)


def problems_with_decision(facts: DecisionFacts) -> list[type[Rule]]:
    return [rule for rule in DECISION_RULES if rule.broken_by(facts)]


def reference_for(number: int) -> str:
    """The reference a request is known by at the front door and to its sender."""
    return f"RFS-{number:06d}"
