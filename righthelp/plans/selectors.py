"""Reads for family plan pages and documents, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from righthelp.core.criterion_status import ALLOWED, LABELS, CriterionStatus
from righthelp.core.pack_set import PackSet, ServiceEntry
from righthelp.core.packs.pack import ResolvedCriterion
from righthelp.core.packs.schema import Choice
from righthelp.families.models import Family
from righthelp.partnerships.selectors import pack_set_for
from righthelp.plans.models import (
    OPEN_ACTION,
    ActionProgress,
    Evidence,
    FamilyPlan,
    PlanAction,
    PlanCriterion,
    Review,
)
from righthelp.plans.services import criterion_pack
from righthelp.referrals.models import Referral
from righthelp.ui.charts import ScalingChart, scaling_chart

STATUS_TAGS = {
    CriterionStatus.IDENTIFIED: "govuk-tag--grey",
    CriterionStatus.IN_PROGRESS: "govuk-tag--blue",
    CriterionStatus.ACHIEVED: "govuk-tag--green",
    CriterionStatus.SUSTAINED: "govuk-tag--turquoise",
    CriterionStatus.CLOSED_NOT_ACHIEVED: "govuk-tag--red",
}


@dataclass(frozen=True)
class EvidenceRow:
    evidence: Evidence
    method: str


@dataclass(frozen=True)
class CriterionView:
    record: PlanCriterion
    criterion: ResolvedCriterion
    interventions: tuple[Choice, ...]
    evidence: tuple[EvidenceRow, ...]
    who_can_help: tuple[ServiceEntry, ...]

    @property
    def status(self) -> CriterionStatus:
        return CriterionStatus(self.record.status)

    @property
    def status_label(self) -> str:
        return LABELS[self.status]

    @property
    def status_tag(self) -> str:
        return STATUS_TAGS[self.status]

    @property
    def next_statuses(self) -> list[tuple[str, str]]:
        return [(s.value, LABELS[s]) for s in CriterionStatus if s in ALLOWED[self.status]]

    @property
    def for_whom(self) -> str:
        return self.record.person.full_name if self.record.person else "The whole family"


@dataclass(frozen=True)
class ActionView:
    action: PlanAction
    owner: str
    overdue: bool


@dataclass(frozen=True)
class PlanView:
    plan: FamilyPlan
    criteria: tuple[CriterionView, ...]
    actions: tuple[ActionView, ...]
    reviews: tuple[Review, ...]
    progress: dict[object, list[ActionProgress]] = field(default_factory=dict)
    scaling: ScalingChart | None = None
    referrals: tuple[Referral, ...] = ()

    @property
    def review_overdue(self) -> bool:
        due = self.plan.next_review_on
        return self.plan.closed_at is None and due is not None and due < timezone.localdate()

    @property
    def achieved_count(self) -> int:
        done = (CriterionStatus.ACHIEVED, CriterionStatus.SUSTAINED)
        return sum(1 for c in self.criteria if c.status in done)


def _owner(action: PlanAction, packs: PackSet) -> str:
    if action.owner_service:
        entry = packs.services_by_key.get(action.owner_service)
        return entry.service.name if entry else action.owner_service
    if action.owner_agency is not None:
        return action.owner_agency.name
    return action.owner_name


def current_plan(family: Family) -> FamilyPlan | None:
    return (
        FamilyPlan.objects.filter(family=family, closed_at__isnull=True)
        .order_by("-created_at")
        .first()
    )


def plan_view(plan: FamilyPlan, *, today: object = None) -> PlanView:
    day = today or timezone.localdate()
    packs = pack_set_for(plan.family.partnership)
    criteria_records: QuerySet[PlanCriterion] = plan.criteria.select_related(
        "person"
    ).prefetch_related(
        "interventions", Prefetch("evidence", queryset=Evidence.objects.order_by("recorded_on"))
    )
    views = []
    for record in criteria_records:
        pack = criterion_pack(record)
        resolved = pack.criteria_by_id[record.criterion_id]
        chosen = {i.intervention_id for i in record.interventions.all()}
        methods = {choice.id: choice.name for choice in resolved.evidence}
        views.append(
            CriterionView(
                record=record,
                criterion=resolved,
                interventions=tuple(c for c in resolved.interventions if c.id in chosen),
                evidence=tuple(
                    EvidenceRow(e, methods.get(e.method_id, e.method_id))
                    for e in record.evidence.all()
                ),
                who_can_help=tuple(
                    entry
                    for service_id in resolved.who_can_help
                    if (entry := packs.service(pack.id, service_id)) is not None
                ),
            )
        )
    actions = plan.actions.select_related("owner_agency")
    reviews = tuple(plan.reviews.order_by("held_on"))
    progress: dict[object, list[ActionProgress]] = defaultdict(list)
    for item in ActionProgress.objects.filter(review__plan=plan).select_related("review"):
        progress[item.action_id].append(item)
    return PlanView(
        plan=plan,
        criteria=tuple(views),
        actions=tuple(
            ActionView(a, _owner(a, packs), a.status in OPEN_ACTION and a.due_on < day)  # type: ignore[operator]
            for a in actions
        ),
        reviews=reviews,
        progress=dict(progress),
        scaling=scaling_chart(
            [(r.held_on, r.parent_scaling, r.young_person_scaling) for r in reviews]
        ),
        referrals=tuple(Referral.objects.filter(family=plan.family).order_by("created_at")),
    )
