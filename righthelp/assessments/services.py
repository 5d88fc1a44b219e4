"""Writes for threshold assessments: start, record what was seen, submit, sign off, return.

The level comes from the rules core (``level_of_need``) over the pack the assessment was
started with; what must be recorded first comes from ``core.assessment_rules``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from righthelp.accounts.models import Role, User
from righthelp.assessments.family_level import family_level_refresh
from righthelp.assessments.models import Assessment, IndicatorFinding, Status
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.chronology.models import EntryKind, Significance
from righthelp.chronology.services import chronology_record
from righthelp.core.assessment_rules import (
    AssessmentFacts,
    needs_manager_signoff,
    problems_before_submitting,
)
from righthelp.core.need_level import level_of_need
from righthelp.core.pack_set import PackSet
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.schema import Workflow
from righthelp.families.models import Family, MemberKind
from righthelp.packstore.selectors import pack_as_used
from righthelp.packstore.services import snapshot_pack
from righthelp.partnerships.selectors import pack_set_for
from righthelp.versioned import StaleEdit, save_if_unchanged

CONVERSATION_FIELDS = (
    "working_well",
    "worried_about",
    "needs_to_happen",
    "child_wishes",
    "parents_view",
)
WHOLE_FAMILY = None


class AssessmentNotEditable(Exception):
    pass


@dataclass(frozen=True)
class SubmissionProblem:
    field: str
    message: str


class SubmissionRefused(Exception):
    def __init__(self, problems: list[SubmissionProblem]) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


def _audit(by: User, assessment: Assessment, action: Action, **detail: Any) -> None:
    audit(
        actor=by,
        action=action,
        record_type="assessment",
        record_id=assessment.pk,
        family_id=assessment.family_id,
        detail=detail,
    )


def _bump(assessment: Assessment, expected_version: int, **changes: Any) -> None:
    """Save ``changes`` only if nobody saved since ``expected_version``."""
    if not save_if_unchanged(
        Assessment, assessment.pk, expected_version, where={"status": Status.DRAFT}, **changes
    ):
        current = Assessment.objects.get(pk=assessment.pk)
        if current.status != Status.DRAFT:
            raise AssessmentNotEditable("This assessment has been submitted and cannot be changed.")
        raise StaleEdit(current)
    assessment.refresh_from_db()


def pack_of(assessment: Assessment) -> Pack:
    return pack_as_used(assessment.pack_id, assessment.pack_hash)


def workflow_of(assessment: Assessment, packs: PackSet | None = None) -> Workflow | None:
    """The partnership's workflow settings as they are now (how work is done today), from
    the current version of the pack the assessment was made with; its wording stays as used.
    ``packs``: the partnership's pack set, when the caller has already read it."""
    current = packs if packs is not None else pack_set_for(assessment.family.partnership)
    same = next((p for p in current.packs if p.id == assessment.pack_id), None)
    return same.workflow if same is not None else pack_of(assessment).workflow


@transaction.atomic
def assessment_start(*, family: Family, by: User) -> Assessment:
    thresholds = pack_set_for(family.partnership).thresholds
    if thresholds is None:
        raise ValidationError("This partnership has no thresholds pack.")
    snapshot_pack(thresholds)
    assessment = Assessment.objects.create(
        family=family,
        pack_id=thresholds.id,
        pack_version=thresholds.version,
        pack_hash=thresholds.content_hash,
        started_by=by,
    )
    _audit(by, assessment, Action.CREATED, pack=f"{thresholds.id} {thresholds.version}")
    return assessment


@transaction.atomic
def assessment_record_findings(
    *,
    assessment: Assessment,
    by: User,
    expected_version: int,
    outcome_number: int,
    findings: Mapping[str, set[UUID | None]],
) -> None:
    """Replace the findings under one outcome: indicator id -> the people it applies to
    (``None`` for the whole family)."""
    pack = pack_of(assessment)
    outcome = next((o for o in pack.outcomes if o.number == outcome_number), None)
    if outcome is None:
        raise ValidationError(f"There is no outcome {outcome_number} in this pack.")
    levels = {indicator.id: indicator.level for indicator in outcome.indicators}
    unknown = set(findings) - levels.keys()
    if unknown:
        raise ValidationError(f"Unknown indicators for this outcome: {', '.join(sorted(unknown))}")
    members = set(assessment.family.members.values_list("pk", flat=True))
    for people in findings.values():
        strangers = {p for p in people if p is not None} - members
        if strangers:
            raise ValidationError("Findings can only be about members of this family.")
    reviewed = sorted({*assessment.outcomes_reviewed, outcome_number})
    _bump(assessment, expected_version, outcomes_reviewed=reviewed)
    IndicatorFinding.objects.filter(assessment=assessment, outcome_number=outcome_number).delete()
    IndicatorFinding.objects.bulk_create(
        IndicatorFinding(
            assessment=assessment,
            indicator_id=indicator_id,
            outcome_number=outcome_number,
            level=levels[indicator_id],
            person_id=person,
        )
        for indicator_id, people in findings.items()
        for person in sorted(people, key=lambda p: str(p or ""))
    )
    _audit(by, assessment, Action.CHANGED, outcome=outcome_number, indicators=len(findings))


@transaction.atomic
def assessment_record_conversation(
    *, assessment: Assessment, by: User, expected_version: int, texts: Mapping[str, str]
) -> None:
    changes = {name: texts[name].strip() for name in CONVERSATION_FIELDS if name in texts}
    _bump(assessment, expected_version, **changes)
    _audit(by, assessment, Action.CHANGED, fields=sorted(changes))


@transaction.atomic
def assessment_record_what_was_seen(
    *, assessment: Assessment, by: User, expected_version: int, text: str
) -> None:
    """Keep what the practitioner saw, in their words; the audit names the field, never the text."""
    _bump(assessment, expected_version, what_was_seen=text.strip())
    _audit(by, assessment, Action.CHANGED, fields=["what_was_seen"])


def facts_for(assessment: Assessment, chosen_level: int, override_reason: str) -> AssessmentFacts:
    pack = pack_of(assessment)
    workflow = workflow_of(assessment)
    ticked = assessment.findings.values_list("indicator_id", flat=True).distinct()
    return AssessmentFacts(
        indicator_level=level_of_need(pack, ticked).number,
        chosen_level=chosen_level,
        override_reason=override_reason,
        family_has_children=assessment.family.members.filter(kind=MemberKind.CHILD).exists(),
        child_wishes=assessment.child_wishes,
        signoff_levels=workflow.manager_signoff_levels if workflow else (),
    )


def _current_level(family: Family, excluding: Assessment) -> int | None:
    latest = (
        Assessment.objects.filter(family=family, status=Status.COMPLETED)
        .exclude(pk=excluding.pk)
        .order_by("-completed_at")
        .values_list("final_level", flat=True)
        .first()
    )
    return latest


def _complete(assessment: Assessment, by: User, now: Any) -> None:
    """Record the completion and, if the family's level moved, the change, on the chronology."""
    pack = pack_of(assessment)
    if assessment.final_level is None:
        raise ValueError("only a submitted assessment can be completed")
    level = pack.level(assessment.final_level)
    previous = _current_level(assessment.family, excluding=assessment)
    # Credit each step to who did it: the practitioner completed the assessment, even when
    # it is a manager's sign-off that makes it final.
    practitioner = assessment.submitted_by or by
    chronology_record(
        family=assessment.family,
        by=practitioner,
        kind=EntryKind.ASSESSMENT,
        significance=Significance.HIGH if level.number >= 4 else Significance.MEDIUM,
        what_happened=(
            f"Threshold assessment completed by {practitioner.display_name}: "
            f"level {level.number}, {level.name}."
        ),
        assessment=assessment,
        occurred_on=timezone.localdate(now),
    )
    if previous is not None and previous != level.number:
        before = pack.levels_by_number.get(previous)
        chronology_record(
            family=assessment.family,
            by=by,
            kind=EntryKind.LEVEL_CHANGE,
            significance=Significance.HIGH,
            what_happened=(
                f"Level of need changed from {previous}"
                f"{f' ({before.name})' if before else ''} to {level.number} ({level.name})."
            ),
            assessment=assessment,
            occurred_on=timezone.localdate(now),
        )


@transaction.atomic
def assessment_submit(
    *,
    assessment: Assessment,
    by: User,
    expected_version: int,
    chosen_level: int,
    override_reason: str = "",
) -> Assessment:
    pack = pack_of(assessment)
    if chosen_level not in pack.levels_by_number:
        raise ValidationError(f"Level {chosen_level} is not one of this pack's levels.")
    facts = facts_for(assessment, chosen_level, override_reason)
    problems = problems_before_submitting(facts)
    if problems:
        raise SubmissionRefused(
            [SubmissionProblem(rule.field, rule.message()) for rule in problems]
        )
    now = timezone.now()
    signoff = needs_manager_signoff(facts)
    _bump(
        assessment,
        expected_version,
        indicator_level=facts.indicator_level,
        final_level=chosen_level,
        override_reason=override_reason.strip() if chosen_level != facts.indicator_level else "",
        submitted_by=by,
        submitted_at=now,
        returned_comment="",
        status=Status.AWAITING_SIGNOFF if signoff else Status.COMPLETED,
        completed_at=None if signoff else now,
    )
    _audit(
        by,
        assessment,
        Action.CHANGED,
        submitted=True,
        level=chosen_level,
        overridden=chosen_level != facts.indicator_level,
    )
    if not signoff:
        _complete(assessment, by, now)
    family_level_refresh(assessment.family_id)
    return assessment


def may_sign_off(assessment: Assessment, manager: User) -> bool:
    return (
        manager.role == Role.MANAGER
        and manager.pk != assessment.submitted_by_id
        and assessment.submitted_by is not None
        and assessment.submitted_by.team_id == manager.team_id
    )


def _decide(assessment: Assessment, by: User, **values: Any) -> None:
    """The manager's decision on an assessment waiting for them, written once."""
    if not may_sign_off(assessment, by):
        raise PermissionDenied("Only a manager of the practitioner's team can decide this.")
    waiting = {"status": Status.AWAITING_SIGNOFF}
    if not save_if_unchanged(Assessment, assessment.pk, None, where=waiting, **values):
        raise AssessmentNotEditable("This assessment is not waiting for sign-off.")
    assessment.refresh_from_db()


@transaction.atomic
def assessment_sign_off(
    *, assessment: Assessment, by: User, comment: str = "", level: int | None = None
) -> Assessment:
    """The manager agrees, with an optional comment; or agrees at a different ``level``,
    which needs the comment as its reason. The practitioner's level is kept beside it."""
    pack = pack_of(assessment)
    submitted = assessment.final_level
    changed = level is not None and level != submitted
    if level is not None and level not in pack.levels_by_number:
        raise ValidationError(f"Level {level} is not one of this pack's levels.")
    if changed and not comment.strip():
        raise ValidationError("Give the reason for agreeing at a different level")
    now = timezone.now()
    _decide(
        assessment,
        by,
        status=Status.COMPLETED,
        signed_off_by=by,
        signed_off_at=now,
        completed_at=now,
        signoff_comment=comment.strip(),
        **({"final_level": level, "submitted_level": submitted} if changed else {}),
    )
    _audit(by, assessment, Action.CHANGED, signed_off=True, level_changed=changed)
    what = f"{by.display_name} (manager) signed off the decision: level {assessment.final_level}"
    if changed:
        what += f", not level {submitted} as submitted. Reason: {comment.strip()}"
    elif comment.strip():
        what += f". Comment: {comment.strip()}"
    chronology_record(
        family=assessment.family,
        by=by,
        kind=EntryKind.SIGN_OFF,
        significance=Significance.HIGH,
        what_happened=what if what.endswith(".") else f"{what}.",
        assessment=assessment,
        occurred_on=timezone.localdate(now),
    )
    _complete(assessment, by, now)
    family_level_refresh(assessment.family_id)
    return assessment


@transaction.atomic
def assessment_return(*, assessment: Assessment, by: User, comment: str) -> Assessment:
    """The manager does not agree: the assessment goes back to the practitioner as a draft."""
    if not comment.strip():
        raise ValidationError("Say why you are returning the assessment")
    _decide(
        assessment,
        by,
        status=Status.DRAFT,
        returned_comment=comment.strip(),
        final_level=None,
        indicator_level=None,
        submitted_at=None,
    )
    _audit(by, assessment, Action.CHANGED, returned=True)
    chronology_record(
        family=assessment.family,
        by=by,
        kind=EntryKind.SIGN_OFF,
        significance=Significance.MEDIUM,
        what_happened="Manager returned the assessment to the practitioner without signing it off.",
        assessment=assessment,
        occurred_on=timezone.localdate(),
    )
    family_level_refresh(assessment.family_id)
    return assessment
