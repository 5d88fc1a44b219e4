"""What a threshold assessment must record before it is submitted, one rule at a time."""

from __future__ import annotations

from dataclasses import replace

from righthelp.core.assessment_rules import (
    AssessmentFacts,
    ChildsVoiceRecorded,
    OverrideNeedsReason,
    is_override,
    needs_manager_signoff,
    problems_before_submitting,
)

FACTS = AssessmentFacts(
    indicator_level=3,
    chosen_level=3,
    override_reason="",
    family_has_children=True,
    child_wishes="Wants to stay at her school.",
    signoff_levels=(5,),
)


def test_an_agreed_level_with_the_childs_voice_is_ready() -> None:
    assert problems_before_submitting(FACTS) == ()
    assert not is_override(FACTS)


def test_ASSESS01_a_different_level_needs_a_reason() -> None:
    raised = replace(FACTS, chosen_level=4)
    assert problems_before_submitting(raised) == (OverrideNeedsReason,)
    assert problems_before_submitting(replace(raised, override_reason="   ")) == (
        OverrideNeedsReason,
    )
    assert problems_before_submitting(replace(raised, override_reason="Pattern of missing.")) == ()
    assert OverrideNeedsReason.message() == (
        "Give the reason for setting a different level from the one the indicators give"
    )


def test_ASSESS02_the_childs_voice_is_recorded_when_there_are_children() -> None:
    silent = replace(FACTS, child_wishes="")
    assert problems_before_submitting(silent) == (ChildsVoiceRecorded,)
    assert problems_before_submitting(replace(silent, family_has_children=False)) == ()


def test_only_the_levels_the_workflow_names_wait_for_a_manager() -> None:
    assert needs_manager_signoff(replace(FACTS, chosen_level=5))
    assert not needs_manager_signoff(replace(FACTS, chosen_level=4))


def test_without_the_workflow_setting_nothing_waits_for_a_manager() -> None:
    """The sign-off is the partnership's local practice, not the source's: a pack that does
    not set it has none."""
    assert not needs_manager_signoff(replace(FACTS, chosen_level=5, signoff_levels=()))
