"""What a threshold assessment must record before it is submitted, and who must agree.

Each rule is a small named class whose docstring is the message the practitioner sees;
``problems_before_submitting`` returns the rules an assessment breaks. The level itself
comes from ``need_level.level_of_need``; these rules are about the record around it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AssessmentFacts:
    """What the rules need to know about an assessment, whatever stores it."""

    indicator_level: int
    chosen_level: int
    override_reason: str
    family_has_children: bool
    child_wishes: str
    signoff_levels: tuple[int, ...] = ()
    """Levels at which the partnership's workflow wants a manager's sign-off (the pack's
    ``workflow.manager_signoff_levels``): local practice, not a source's rule."""


class Rule:
    code: str = ""
    field: str = ""

    @classmethod
    def message(cls) -> str:
        return " ".join((cls.__doc__ or "").split())

    @classmethod
    def broken_by(cls, facts: AssessmentFacts) -> bool:
        raise NotImplementedError


class OverrideNeedsReason(Rule):
    """Give the reason for setting a different level from the one the indicators give"""

    code = "ASSESS01"
    field = "override_reason"

    @classmethod
    def broken_by(cls, facts: AssessmentFacts) -> bool:
        return facts.chosen_level != facts.indicator_level and not facts.override_reason.strip()


class ChildsVoiceRecorded(Rule):
    """Record the child's wishes and feelings, or why they could not be found out"""

    code = "ASSESS02"
    field = "child_wishes"

    @classmethod
    def broken_by(cls, facts: AssessmentFacts) -> bool:
        return facts.family_has_children and not facts.child_wishes.strip()


SUBMISSION_RULES: tuple[type[Rule], ...] = (OverrideNeedsReason, ChildsVoiceRecorded)


def problems_before_submitting(facts: AssessmentFacts) -> tuple[type[Rule], ...]:
    return tuple(rule for rule in SUBMISSION_RULES if rule.broken_by(facts))


def needs_manager_signoff(facts: AssessmentFacts) -> bool:
    """Where the partnership's workflow says so (in the Stoke-on-Trent pack, a decision at
    Getting Risk Support), the decision is final only once a manager has signed it off."""
    return facts.chosen_level in facts.signoff_levels


def is_override(facts: AssessmentFacts) -> bool:
    return facts.chosen_level != facts.indicator_level
