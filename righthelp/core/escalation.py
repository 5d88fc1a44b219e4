"""Escalating a professional disagreement through the stages of the partnership's policy.

Where the pack lists the policy's stages, each step is the next stage, by its title;
where it does not (Stoke-on-Trent's thresholds point to a policy they do not reproduce),
steps are numbered and the practitioner says who it went to. No stage is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence

from righthelp.core.packs.schema import EscalationRule, EscalationStage, Rule


def escalation_policy(rules: Sequence[Rule]) -> EscalationRule | None:
    return next((r for r in rules if isinstance(r, EscalationRule)), None)


def next_stage(policy: EscalationRule | None, stages_reached: int) -> tuple[int, str] | None:
    """The number and title of the next stage, or None when the policy's stages are used up."""
    number = stages_reached + 1
    stages: Sequence[EscalationStage] = policy.stages if policy else ()
    if not stages:
        return number, f"Stage {number}"
    match = next((stage for stage in stages if stage.number == number), None)
    return (number, match.title) if match else None
