"""Writes for family plans: keyword-only, one transaction, one audit event each.

Status moves are decided by ``core.criterion_status``; the criteria, interventions and
evidence methods a plan may use are the partnership's packs'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.assessments.models import Assessment
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.chronology.models import EntryKind, Significance
from righthelp.chronology.services import chronology_record
from righthelp.core.criterion_status import LABELS, CriterionStatus, transition_problem
from righthelp.core.packs.pack import Pack, ResolvedCriterion
from righthelp.dashboards.tallies import plan_tallied
from righthelp.families.models import Family, Person
from righthelp.packstore.selectors import pack_as_used
from righthelp.packstore.services import snapshot_pack
from righthelp.partnerships.models import Agency
from righthelp.partnerships.selectors import pack_set_for
from righthelp.plans.models import (
    ActionProgress,
    ActionStatus,
    Evidence,
    FamilyPlan,
    PlanAction,
    PlanCriterion,
    PlanIntervention,
    Review,
    StatusChange,
)
from righthelp.versioned import StaleEdit, save_if_unchanged


def _audit(
    by: User, family_id: UUID, record_type: str, record_id: object, action: Action, **detail: Any
) -> None:
    audit(
        actor=by,
        action=action,
        record_type=record_type,
        record_id=record_id,
        family_id=family_id,
        detail=detail,
    )


def criterion_pack(criterion: PlanCriterion) -> Pack:
    return pack_as_used(criterion.pack_id, criterion.pack_hash)


def resolved(criterion: PlanCriterion) -> ResolvedCriterion:
    return criterion_pack(criterion).criteria_by_id[criterion.criterion_id]


def _member_of(family: Family, person: Person | None) -> None:
    if person is not None and person.family_id != family.pk:
        raise ValidationError("Choose a member of this family.")


@transaction.atomic
def plan_start(*, family: Family, by: User, assessment: Assessment | None = None) -> FamilyPlan:
    if assessment is not None and assessment.family_id != family.pk:
        raise ValidationError("The assessment must be this family's.")
    plan = FamilyPlan.objects.create(family=family, assessment=assessment, created_by=by)
    _audit(by, family.pk, "family_plan", plan.pk, Action.CREATED)
    chronology_record(
        family=family,
        by=by,
        kind=EntryKind.PLAN,
        significance=Significance.MEDIUM,
        what_happened="Family plan started.",
        occurred_on=timezone.localdate(),
    )
    return plan


@transaction.atomic
def plan_update_notes(
    *, plan: FamilyPlan, by: User, internal_notes: str, expected_version: int
) -> None:
    if not save_if_unchanged(
        FamilyPlan, plan.pk, expected_version, internal_notes=internal_notes.strip()
    ):
        raise StaleEdit(FamilyPlan.objects.get(pk=plan.pk))
    _audit(by, plan.family_id, "family_plan", plan.pk, Action.CHANGED, fields=["internal_notes"])


@transaction.atomic
def plan_criterion_add(
    *, plan: FamilyPlan, by: User, criterion_id: str, person: Person | None = None
) -> PlanCriterion:
    _member_of(plan.family, person)
    pack = next(
        (p for p in pack_set_for(plan.family.partnership) if criterion_id in p.criteria_by_id), None
    )
    if pack is None:
        raise ValidationError(f"There is no criterion {criterion_id} in this partnership's packs.")
    duplicate = PlanCriterion.objects.filter(plan=plan, criterion_id=criterion_id, person=person)
    if duplicate.exists():
        who = person.full_name if person else "the whole family"
        raise ValidationError(f"Criterion {criterion_id} is already in the plan for {who}.")
    snapshot_pack(pack)
    criterion = PlanCriterion.objects.create(
        plan=plan,
        criterion_id=criterion_id,
        pack_id=pack.id,
        pack_version=pack.version,
        pack_hash=pack.content_hash,
        outcome_number=pack.criteria_by_id[criterion_id].outcome,
        person=person,
    )
    _audit(
        by, plan.family_id, "plan_criterion", criterion.pk, Action.CREATED, criterion=criterion_id
    )
    return criterion


@transaction.atomic
def plan_criterion_move(
    *,
    criterion: PlanCriterion,
    by: User,
    to: CriterionStatus,
    on: dt.date,
    expected_version: int,
    review: Review | None = None,
    reason: str = "",
) -> PlanCriterion:
    current = CriterionStatus(criterion.status)
    if review is not None and review.plan_id != criterion.plan_id:
        raise ValidationError("The review must be of this plan.")
    when = review.held_on if review is not None else on
    problem = transition_problem(
        current,
        to,
        on=when,
        achieved_on=criterion.achieved_on,
        at_review=review is not None,
        sustain_months=resolved(criterion).sustain_months,
    )
    if problem:
        raise ValidationError(problem)
    dates: dict[str, Any] = {}
    if to == CriterionStatus.ACHIEVED:
        dates["achieved_on"] = when
    elif to == CriterionStatus.SUSTAINED:
        dates["sustained_on"] = when
    elif to == CriterionStatus.CLOSED_NOT_ACHIEVED:
        dates["closed_on"] = when
    elif to == CriterionStatus.IN_PROGRESS and current == CriterionStatus.ACHIEVED:
        dates["achieved_on"] = None
    if not save_if_unchanged(PlanCriterion, criterion.pk, expected_version, status=to, **dates):
        raise StaleEdit(PlanCriterion.objects.get(pk=criterion.pk))
    StatusChange.objects.create(
        criterion=criterion,
        from_status=current,
        to_status=to,
        on=when,
        review=review,
        reason=reason.strip(),
        by=by,
    )
    _audit(
        by,
        criterion.plan.family_id,
        "plan_criterion",
        criterion.pk,
        Action.CHANGED,
        status=to.value,
    )
    if to in (
        CriterionStatus.ACHIEVED,
        CriterionStatus.SUSTAINED,
        CriterionStatus.CLOSED_NOT_ACHIEVED,
    ):
        chronology_record(
            family=criterion.plan.family,
            by=by,
            kind=EntryKind.PLAN,
            significance=Significance.MEDIUM,
            occurred_on=when,
            what_happened=f"Family plan criterion {criterion.criterion_id}: {LABELS[to].lower()}.",
        )
    criterion.refresh_from_db()
    return criterion


@transaction.atomic
def plan_interventions_set(
    *,
    criterion: PlanCriterion,
    by: User,
    intervention_ids: Iterable[str],
    expected_version: int,
    other: str = "",
) -> None:
    """Replace the criterion's interventions with those chosen, if nobody saved the
    criterion since ``expected_version``; otherwise StaleEdit and nothing is written. The
    versioned UPDATE comes first, so a second editor waits for the first to commit and then
    finds the version moved on, rather than merging the two choices."""
    known = {choice.id for choice in resolved(criterion).interventions}
    chosen = set(intervention_ids)
    if unknown := chosen - known:
        raise ValidationError(
            f"Not an intervention for this criterion: {', '.join(sorted(unknown))}"
        )
    if not save_if_unchanged(
        PlanCriterion, criterion.pk, expected_version, custom_interventions=other.strip()
    ):
        raise StaleEdit(PlanCriterion.objects.filter(pk=criterion.pk).first())
    criterion.interventions.exclude(intervention_id__in=chosen).delete()
    existing = set(criterion.interventions.values_list("intervention_id", flat=True))
    PlanIntervention.objects.bulk_create(
        PlanIntervention(criterion=criterion, intervention_id=i) for i in sorted(chosen - existing)
    )
    _audit(
        by,
        criterion.plan.family_id,
        "plan_criterion",
        criterion.pk,
        Action.CHANGED,
        fields=["interventions"],
    )
    criterion.refresh_from_db()


def _owner_problem(owner_service: str, owner_agency: Agency | None, owner_name: str) -> str | None:
    if not (owner_service or owner_agency or owner_name.strip()):
        return "Say who will do it: a service, an agency or a named person"
    return None


@transaction.atomic
def plan_action_add(
    *,
    plan: FamilyPlan,
    by: User,
    what: str,
    due_on: dt.date,
    owner_service: str = "",
    owner_agency: Agency | None = None,
    owner_name: str = "",
    criterion: PlanCriterion | None = None,
) -> PlanAction:
    if problem := _owner_problem(owner_service, owner_agency, owner_name):
        raise ValidationError(problem)
    if criterion is not None and criterion.plan_id != plan.pk:
        raise ValidationError("The criterion must be in this plan.")
    if (
        owner_service
        and pack_set_for(plan.family.partnership).services_by_key.get(owner_service) is None
    ):
        raise ValidationError("Choose a service from the directory.")
    if owner_agency is not None and owner_agency.partnership_id != plan.family.partnership_id:
        raise ValidationError("Choose an agency in this partnership.")
    with plan_tallied(plan.pk):
        action = PlanAction.objects.create(
            plan=plan,
            what=what.strip(),
            due_on=due_on,
            owner_service=owner_service,
            owner_agency=owner_agency,
            owner_name=owner_name.strip(),
            criterion=criterion,
        )
    _audit(by, plan.family_id, "plan_action", action.pk, Action.CREATED)
    return action


@transaction.atomic
def plan_action_set_status(
    *, action: PlanAction, by: User, status: ActionStatus, expected_version: int
) -> None:
    with plan_tallied(action.plan_id):
        if not save_if_unchanged(PlanAction, action.pk, expected_version, status=status):
            raise StaleEdit(PlanAction.objects.get(pk=action.pk))
    _audit(by, action.plan.family_id, "plan_action", action.pk, Action.CHANGED, status=status)


@transaction.atomic
def review_record(
    *,
    plan: FamilyPlan,
    by: User,
    held_on: dt.date,
    attendees: str,
    summary: str = "",
    internal_notes: str = "",
    parent_scaling: int | None = None,
    young_person_scaling: int | None = None,
    progress: Mapping[UUID, tuple[ActionStatus, str]] | None = None,
    moves: Mapping[UUID, CriterionStatus] | None = None,
    next_review_on: dt.date | None = None,
    expected_version: int | None = None,
) -> Review:
    """A Team Around the Family meeting: who came, progress on each action, the scaling
    scores, and any criteria that moved (sustained can only be recorded here).

    ``expected_version`` is the plan's version when the review page was opened: if anyone
    saved the plan since (another review, its notes), nothing is recorded (StaleEdit), so
    two people recording the same meeting never each move its actions and criteria."""
    for label, score in (
        ("parent or carer", parent_scaling),
        ("young person", young_person_scaling),
    ):
        if score is not None and not 0 <= score <= 10:
            raise ValidationError(f"The {label}'s scaling score must be from 0 to 10")
    if next_review_on is not None and next_review_on <= held_on:
        raise ValidationError({"next_review_on": "The next review must be after this meeting"})
    if not save_if_unchanged(FamilyPlan, plan.pk, expected_version):
        raise StaleEdit(FamilyPlan.objects.filter(pk=plan.pk).first())
    with plan_tallied(plan.pk):  # its review date and its actions may move
        review = Review.objects.create(
            plan=plan,
            held_on=held_on,
            attendees=attendees.strip(),
            summary=summary.strip(),
            internal_notes=internal_notes.strip(),
            parent_scaling=parent_scaling,
            young_person_scaling=young_person_scaling,
            recorded_by=by,
            next_review_on=next_review_on,
        )
        actions = {a.pk: a for a in plan.actions.all()}
        for action_id, (status, note) in (progress or {}).items():
            action = actions.get(action_id)
            if action is None:
                raise ValidationError("Progress can only be recorded on this plan's actions.")
            ActionProgress.objects.create(
                review=review, action=action, status=status, note=note.strip()
            )
            if action.status != status:
                save_if_unchanged(PlanAction, action.pk, None, status=status)
        criteria = {c.pk: c for c in plan.criteria.all()}
        for criterion_id, to in (moves or {}).items():
            criterion = criteria.get(criterion_id)
            if criterion is None:
                raise ValidationError("Only this plan's criteria can move at its review.")
            plan_criterion_move(
                criterion=criterion,
                by=by,
                to=to,
                on=held_on,
                expected_version=criterion.version,
                review=review,
            )
        if next_review_on is not None:
            FamilyPlan.objects.filter(pk=plan.pk).update(next_review_on=next_review_on)
        elif plan.next_review_on is not None and plan.next_review_on <= held_on:
            # The review that was due has been held and no next date was agreed: nothing is
            # overdue any more (a later date already agreed stands).
            FamilyPlan.objects.filter(pk=plan.pk).update(next_review_on=None)
    _audit(by, plan.family_id, "plan_review", review.pk, Action.CREATED)
    chronology_record(
        family=plan.family,
        by=by,
        kind=EntryKind.PLAN,
        significance=Significance.LOW,
        what_happened="Team Around the Family review held.",
        occurred_on=held_on,
    )
    return review


@transaction.atomic
def evidence_add(
    *, criterion: PlanCriterion, by: User, method_id: str, recorded_on: dt.date, note: str = ""
) -> Evidence:
    if method_id not in {choice.id for choice in resolved(criterion).evidence}:
        raise ValidationError("Choose one of the ways the toolkit lists to evidence this outcome.")
    evidence = Evidence.objects.create(
        criterion=criterion,
        method_id=method_id,
        recorded_on=recorded_on,
        note=note.strip(),
        recorded_by=by,
    )
    _audit(by, criterion.plan.family_id, "plan_evidence", evidence.pk, Action.CREATED)
    return evidence


@transaction.atomic
def plan_close(*, plan: FamilyPlan, by: User) -> None:
    with plan_tallied(plan.pk):
        FamilyPlan.objects.filter(pk=plan.pk, closed_at__isnull=True).update(
            closed_at=timezone.now()
        )
    _audit(by, plan.family_id, "family_plan", plan.pk, Action.CHANGED, closed=True)
