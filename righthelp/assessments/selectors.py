"""Reads for assessment pages: what was ticked, in the wording of the pack it was made
with, the level it gives and who can help."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Exists, OuterRef, QuerySet

from righthelp.accounts.models import Role, User
from righthelp.assessments.models import Assessment, IndicatorFinding, Status
from righthelp.assessments.services import pack_of, workflow_of
from righthelp.core.need_level import (
    LEVEL_SHOWN,
    NeedLevel,
    SeveralNeedsPrompt,
    level_of_need,
    several_needs_prompt,
)
from righthelp.core.pack_set import PackSet, WhoCanHelp
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.schema import Indicator, Level, Outcome, Workflow
from righthelp.families.access import CASEWORK_ROLES, of_visible_families
from righthelp.families.models import Person
from righthelp.partnerships.selectors import pack_set_for
from righthelp.plans.models import FamilyPlan


@dataclass(frozen=True)
class TickedIndicator:
    indicator: Indicator
    people: tuple[Person | None, ...]
    """Who it applies to; ``None`` stands for the whole family."""


@dataclass(frozen=True)
class OutcomeFindings:
    outcome: Outcome
    ticked: tuple[TickedIndicator, ...]


@dataclass(frozen=True)
class AssessmentSummary:
    assessment: Assessment
    pack: Pack
    result: NeedLevel
    outcomes: tuple[OutcomeFindings, ...]
    who_can_help: WhoCanHelp
    levels: tuple[Level, ...]
    workflow: Workflow | None = None

    @property
    def outcomes_concerned(self) -> tuple[OutcomeFindings, ...]:
        return tuple(o for o in self.outcomes if o.ticked)

    @property
    def level_number(self) -> int:
        """The decided level once submitted; until then, what the indicators give."""
        return self.assessment.final_level or self.result.number

    @property
    def level(self) -> Level:
        return self.pack.level(self.level_number)

    @property
    def levels_by_number(self) -> dict[int, Level]:
        return self.pack.levels_by_number

    @property
    def level_shown(self) -> str:
        return LEVEL_SHOWN

    @property
    def several_needs(self) -> SeveralNeedsPrompt | None:
        return several_needs_prompt(self.pack, self.result)

    @property
    def signoff_levels(self) -> tuple[int, ...]:
        return self.workflow.manager_signoff_levels if self.workflow else ()

    @property
    def signoff_level_names(self) -> str:
        return " or ".join(self.pack.level(n).name for n in self.signoff_levels)

    @property
    def local_practice_note(self) -> str:
        return self.workflow.local_practice_note if self.workflow else ""

    @property
    def conversation(self) -> list[tuple[str, str]]:
        fields = (
            "working_well",
            "worried_about",
            "needs_to_happen",
            "child_wishes",
            "parents_view",
        )
        return [(str(_verbose_name(name)), getattr(self.assessment, name)) for name in fields]


def _verbose_name(field_name: str) -> str:
    field = Assessment._meta.get_field(field_name)
    return str(getattr(field, "verbose_name", field_name))


def findings_by_indicator(assessment: Assessment) -> dict[str, set[UUID | None]]:
    chosen: dict[str, set[UUID | None]] = defaultdict(set)
    for indicator_id, person_id in assessment.findings.values_list("indicator_id", "person_id"):
        chosen[indicator_id].add(person_id)
    return dict(chosen)


def assessment_summary(assessment: Assessment, packs: PackSet | None = None) -> AssessmentSummary:
    """What the assessment found, in the wording of its pack. ``packs``: the partnership's
    pack set as it is now, when the caller has already read it (one query saved)."""
    pack = pack_of(assessment)
    # The findings with the people they name, in one query (not the family's members, then
    # the findings).
    chosen: dict[str, set[UUID | None]] = defaultdict(set)
    members: dict[UUID, Person] = {}
    for finding in assessment.findings.select_related("person").order_by():
        chosen[finding.indicator_id].add(finding.person_id)
        if finding.person is not None and finding.person.family_id == assessment.family_id:
            members[finding.person.pk] = finding.person
    findings = dict(chosen)
    outcomes = tuple(
        OutcomeFindings(
            outcome=outcome,
            ticked=tuple(
                TickedIndicator(
                    indicator=indicator,
                    people=tuple(
                        members.get(person) if person else None
                        for person in sorted(findings[indicator.id], key=lambda p: str(p or ""))
                    ),
                )
                for indicator in outcome.indicators
                if indicator.id in findings
            ),
        )
        for outcome in pack.outcomes
    )
    result = level_of_need(pack, findings)
    # The thresholds as the assessment used them; the directory and criteria as they are now.
    current = packs if packs is not None else pack_set_for(assessment.family.partnership)
    as_used = PackSet((pack, *(p for p in current.packs if p.id != pack.id)))
    level_number = assessment.final_level or result.number
    return AssessmentSummary(
        assessment=assessment,
        pack=pack,
        result=result,
        outcomes=outcomes,
        who_can_help=as_used.who_can_help(
            level_number, [o.outcome.number for o in outcomes if o.ticked]
        ),
        levels=pack.levels,
        workflow=workflow_of(assessment, current),
    )


def awaiting_signoff_for(manager: User) -> QuerySet[Assessment]:
    """Assessments waiting for sign-off that the manager's team submitted, oldest first."""
    if manager.role != Role.MANAGER or manager.team_id is None:
        return Assessment.objects.none()
    waiting = Assessment.objects.filter(
        status=Status.AWAITING_SIGNOFF, submitted_by__team_id=manager.team_id
    )
    return (
        of_visible_families(manager, waiting)
        .exclude(submitted_by=manager)
        .select_related("family", "submitted_by")
        .order_by("submitted_at")
    )


def findings_for_outcome(assessment: Assessment, outcome_number: int) -> QuerySet[IndicatorFinding]:
    return assessment.findings.filter(outcome_number=outcome_number)


def points_to(assessment: Assessment, outcome_number: int, ticked_here: set[str]) -> NeedLevel:
    """What the indicators point to with this outcome's ticks as they are on the page (not
    yet saved) and every other outcome's as saved: the core rule, never a decision."""
    pack = pack_of(assessment)
    here = next(o for o in pack.outcomes if o.number == outcome_number)
    own = {i.id for i in here.indicators}
    saved = {
        indicator_id
        for indicator_id, number in assessment.findings.values_list(
            "indicator_id", "outcome_number"
        )
        if number != outcome_number
    }
    return level_of_need(pack, saved | (ticked_here & own))


@dataclass(frozen=True)
class NextSteps:
    """What the assessment's page offers next: only what the partnership's packs support
    and the person may do."""

    request_for_service: bool
    plan: bool
    """The packs hold Supporting Families criteria a plan is made of."""
    plan_open: bool
    """The family already has an open plan: the step is to open it, not start one."""

    @property
    def any(self) -> bool:
        return self.request_for_service or self.plan


def with_plan_open(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """``assessments``, each read with whether its family has an open plan
    (``family_plan_open``), which ``next_steps_after`` then needs no query for."""
    return assessments.annotate(
        family_plan_open=Exists(
            FamilyPlan.objects.filter(family=OuterRef("family"), closed_at__isnull=True)
        )
    )


def next_steps_after(assessment: Assessment, user: User, packs: PackSet | None = None) -> NextSteps:
    """``packs``: the partnership's pack set, when the caller has already read it; an
    assessment read through ``with_plan_open`` says whether the plan is open already."""
    family = assessment.family
    may_work = user.role in CASEWORK_ROLES and assessment.status == Status.COMPLETED
    packs = packs if packs is not None else pack_set_for(family.partnership)
    plan_open = getattr(assessment, "family_plan_open", None)
    if plan_open is None:
        plan_open = FamilyPlan.objects.filter(family=family, closed_at__isnull=True).exists()
    return NextSteps(
        request_for_service=may_work,
        plan=may_work and bool(packs.criteria),
        plan_open=plan_open,
    )
