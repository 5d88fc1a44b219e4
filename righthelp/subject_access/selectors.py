"""The record a subject access request discloses, built from what may be disclosed.

Scope: what is recorded about the person, or about their whole family. Records about
another member only are someone else's data and are not part of it.

Prevent: the source says referrals "should not be disclosed to the child or young person
or their family at the time of referral" and says no more about later disclosure. So a
referral the partnership's rules never disclose, and the chronology entries about it, are
not dropped silently: they are shown to the manager producing the record (``to_decide``),
who decides for each, with a recorded reason, whether it is withheld (an exemption is
theirs to apply). Until every one is decided the record is not produced; one withheld is
counted for the manager and never shown in the record.

Left out by construction, whatever a template does: intelligence for the police, its
chronology entries and its source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.assessments.models import Assessment, Status
from righthelp.assessments.selectors import assessment_summary
from righthelp.chronology.models import ChronologyEntry, EntryKind
from righthelp.disagreements.models import Disagreement
from righthelp.families.access import of_visible_families
from righthelp.families.models import Family, Person
from righthelp.plans.models import FamilyPlan, PlanAction, PlanCriterion
from righthelp.plans.selectors import plan_view
from righthelp.referrals.models import Referral
from righthelp.screening.models import IntelligenceSubmission, Screening
from righthelp.screening.selectors import screening_result
from righthelp.sharing.models import InformationShare
from righthelp.subject_access.access import may_produce
from righthelp.subject_access.models import (
    SubjectAccessRequest,
    WithheldKind,
    WithholdingDecision,
)

Detail = tuple[str, str]


@dataclass(frozen=True)
class Item:
    on: dt.date | None
    heading: str
    details: tuple[Detail, ...]
    """Label and text, in order; empty texts are left out when the item is made."""
    check_before_sending: bool = False
    """Written for practitioners only: may hold what an exemption covers."""


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Withheld:
    never_disclosed_referrals: int
    never_disclosed_entries: int
    intelligence_submissions: int
    intelligence_entries: int

    @property
    def any(self) -> bool:
        return bool(
            self.never_disclosed_referrals
            + self.never_disclosed_entries
            + self.intelligence_submissions
            + self.intelligence_entries
        )


@dataclass(frozen=True)
class NeverDisclosedItem:
    """An item the partnership's rules never disclose to the family, for the manager to
    decide on: its content, and the decision so far (None: not decided yet)."""

    kind: WithheldKind
    record_id: str
    item: Item
    decision: WithholdingDecision | None

    @property
    def key(self) -> str:
        """A form prefix that names the item without personal data."""
        return f"{self.kind}-{self.record_id}"


@dataclass(frozen=True)
class SubjectAccessRecord:
    request: SubjectAccessRequest
    person: Person
    family: Family
    sections: tuple[Section, ...]
    withheld: Withheld
    to_decide: tuple[NeverDisclosedItem, ...] = ()

    @property
    def undecided(self) -> int:
        return sum(item.decision is None for item in self.to_decide)

    @property
    def to_check(self) -> int:
        return sum(item.check_before_sending for s in self.sections for item in s.items)

    @property
    def counts(self) -> dict[str, int]:
        return {section.title: len(section.items) for section in self.sections}


def _item(
    on: dt.date | None, heading: str, details: Iterable[Detail], *, check: bool = False
) -> Item:
    return Item(on, heading, tuple((label, text) for label, text in details if text), check)


def _day(on: dt.date) -> str:
    return f"{on.day} {on:%B %Y}"


def _about(person: Person) -> Q:
    """Records about this person or about the whole family (no person named)."""
    return Q(person=person) | Q(person__isnull=True)


def _details(person: Person, family: Family) -> Section:
    address = ", ".join(
        part
        for part in (family.address_line_1, family.address_line_2, family.town, family.postcode)
        if part
    )
    return Section(
        "Details we hold",
        (
            _item(
                None,
                person.full_name,
                (
                    (
                        "Date of birth",
                        _day(person.date_of_birth) if person.date_of_birth else "",
                    ),
                    ("Gender", person.get_gender_display()),
                    ("School or setting", person.school_or_setting),
                    ("NHS number", person.nhs_number),
                    ("Family", family.name),
                    ("Address", address),
                ),
            ),
        ),
    )


def _assessments(person: Person, family: Family) -> Section:
    items = []
    completed = Assessment.objects.filter(family=family, status=Status.COMPLETED).order_by(
        "completed_at"
    )
    for assessment in completed.select_related("family__partnership"):
        summary = assessment_summary(assessment)
        seen = [
            ticked.indicator.text
            for findings in summary.outcomes
            for ticked in findings.ticked
            if None in ticked.people
            or any(p is not None and p.pk == person.pk for p in ticked.people)
        ]
        on = timezone.localdate(assessment.completed_at) if assessment.completed_at else None
        items.append(
            _item(
                on,
                f"Level of need: {summary.level.number}, {summary.level.name}",
                (
                    ("What we saw", "\n".join(seen)),
                    ("Why the level differs from what we saw", assessment.override_reason),
                    *summary.conversation,
                    ("What the practitioner saw, in their words", assessment.what_was_seen),
                ),
            )
        )
    return Section("Assessments of the family's needs", tuple(items))


def _plans(person: Person, family: Family) -> Section:
    items = []
    for plan in FamilyPlan.objects.filter(family=family).order_by("created_at"):
        view = plan_view(plan)
        items.append(
            _item(
                timezone.localdate(plan.created_at),
                "Family plan",
                (("Notes for practitioners only", plan.internal_notes),),
                check=bool(plan.internal_notes),
            )
        )
        for criterion in view.criteria:
            record: PlanCriterion = criterion.record
            if record.person_id not in (None, person.pk):
                continue
            items.append(
                _item(
                    record.identified_on,
                    f"{criterion.criterion.criterion.need} ({criterion.for_whom})",
                    (
                        ("Status", criterion.status_label),
                        ("Achieved when", criterion.criterion.criterion.achieved_when),
                    ),
                )
            )
        for action_view in view.actions:
            action: PlanAction = action_view.action
            if action.criterion is not None and action.criterion.person_id not in (None, person.pk):
                continue
            items.append(
                _item(
                    action.due_on,
                    f"Action: {action.what}",
                    (("Who", action_view.owner), ("Status", action.get_status_display())),
                )
            )
        for review in view.reviews:
            items.append(
                _item(
                    review.held_on,
                    "Review meeting",
                    (
                        ("Who came", review.attendees),
                        ("What was agreed", review.summary),
                        ("Parent or carer's score", _score(review.parent_scaling)),
                        ("Young person's score", _score(review.young_person_scaling)),
                        ("Notes for practitioners only", review.internal_notes),
                    ),
                    check=bool(review.internal_notes),
                )
            )
    return Section("Family plans", tuple(items))


def _score(value: int | None) -> str:
    return "" if value is None else f"{value} out of 10"


def _included(request: SubjectAccessRequest, kind: WithheldKind) -> QuerySet[WithholdingDecision]:
    """The never-disclosed items of this kind the manager decided to include."""
    return WithholdingDecision.objects.filter(request=request, kind=kind, withhold=False)


def _disclosed_entries(
    person: Person, family: Family, request: SubjectAccessRequest | None = None
) -> QuerySet[ChronologyEntry]:
    included = (
        _included(request, WithheldKind.CHRONOLOGY_ENTRY).values("record_id")
        if request is not None
        else WithholdingDecision.objects.none().values("record_id")
    )
    return (
        ChronologyEntry.objects.filter(family=family)
        .filter(_about(person))
        .filter(Q(never_disclosed=False) | Q(pk__in=included))
        .exclude(kind=EntryKind.INTELLIGENCE)
        .select_related("agency")
        .order_by("occurred_on", "recorded_at")
    )


def _entry_item(entry: ChronologyEntry) -> Item:
    return _item(
        entry.occurred_on,
        entry.get_kind_display(),
        (
            ("What happened", entry.what_happened),
            ("Agency", entry.agency.name if entry.agency else ""),
            ("Significance", entry.get_significance_display()),
        ),
    )


def _referral_item(referral: Referral) -> Item:
    return _item(
        timezone.localdate(referral.created_at),
        referral.get_route_display(),
        (
            ("What help is needed, and why", referral.what_is_needed),
            ("Status", referral.get_status_display()),
            (
                "Consent",
                referral.get_consent_route_display() if referral.consent_route else "",
            ),
            (
                "Sent",
                _day(timezone.localdate(referral.sent_at)) if referral.sent_at else "",
            ),
        ),
    )


def _chronology(person: Person, family: Family, request: SubjectAccessRequest) -> Section:
    return Section(
        "Chronology",
        tuple(_entry_item(entry) for entry in _disclosed_entries(person, family, request)),
    )


def _referrals(person: Person, family: Family, request: SubjectAccessRequest) -> Section:
    included = _included(request, WithheldKind.REFERRAL).values("record_id")
    referrals = (
        Referral.objects.filter(family=family)
        .filter(Q(never_disclosed=False) | Q(pk__in=included))
        .filter(_about(person))
        .order_by("created_at")
    )
    return Section("Requests for service", tuple(_referral_item(r) for r in referrals))


def never_disclosed_items(request: SubjectAccessRequest) -> tuple[NeverDisclosedItem, ...]:
    """Everything in scope the partnership's rules never disclose to the family, with the
    manager's decision on each so far."""
    person, family = request.person, request.family
    decisions = {(d.kind, str(d.record_id)): d for d in request.decisions.all()}
    referrals = (
        Referral.objects.filter(family=family, never_disclosed=True)
        .filter(_about(person))
        .order_by("created_at")
    )
    entries = (
        ChronologyEntry.objects.filter(family=family, never_disclosed=True)
        .filter(_about(person))
        .exclude(kind=EntryKind.INTELLIGENCE)
        .select_related("agency")
        .order_by("occurred_on", "recorded_at")
    )
    found = [(WithheldKind.REFERRAL, str(r.pk), _referral_item(r)) for r in referrals] + [
        (WithheldKind.CHRONOLOGY_ENTRY, str(e.pk), _entry_item(e)) for e in entries
    ]
    return tuple(
        NeverDisclosedItem(kind, record_id, item, decisions.get((kind.value, record_id)))
        for kind, record_id, item in found
    )


def _sharing(person: Person, family: Family) -> Section:
    shares = InformationShare.objects.filter(family=family).filter(_about(person))
    return Section(
        "Information shared",
        tuple(
            _item(
                share.shared_on,
                f"Shared with {share.shared_with}",
                (
                    ("What was shared", share.what),
                    ("Lawful basis", share.get_lawful_basis_display()),
                    ("With consent", "Yes" if share.with_consent else "No"),
                    ("Why", share.reason),
                ),
            )
            for share in shares.order_by("shared_on")
        ),
    )


def _screenings(person: Person, family: Family) -> Section:
    items = []
    for screening in Screening.objects.filter(family=family, person=person).order_by("screened_on"):
        result = screening_result(screening)
        plan = tuple(
            (
                text.section.title,
                text.text
                if text.safe_adult is None
                else f"{text.text}\nSafe adult: {text.safe_adult}".strip(),
            )
            for text in result.plan_texts
        )
        items.append(
            _item(
                screening.screened_on,
                "Exploitation screening: " + " / ".join(view.band.name for view in result.bands),
                (("Decision", screening.decision), *plan),
            )
        )
    return Section("Exploitation screenings", tuple(items))


def _disagreements(family: Family) -> Section:
    return Section(
        "Professional disagreements about the family's support",
        tuple(
            _item(
                disagreement.raised_on,
                "Professional disagreement",
                (
                    ("What it is about", disagreement.about),
                    (
                        "Resolved",
                        _day(disagreement.resolved_on) if disagreement.resolved_on else "",
                    ),
                    ("Outcome", disagreement.outcome),
                ),
            )
            for disagreement in Disagreement.objects.filter(family=family).order_by("raised_on")
        ),
    )


def _withheld(
    person: Person, family: Family, to_decide: tuple[NeverDisclosedItem, ...]
) -> Withheld:
    """What is left out: never-disclosed items the manager decided to withhold, and
    intelligence (always)."""
    entries = ChronologyEntry.objects.filter(family=family).filter(_about(person))

    def withheld(kind: WithheldKind) -> int:
        return sum(
            i.kind == kind and i.decision is not None and i.decision.withhold for i in to_decide
        )

    return Withheld(
        never_disclosed_referrals=withheld(WithheldKind.REFERRAL),
        never_disclosed_entries=withheld(WithheldKind.CHRONOLOGY_ENTRY),
        intelligence_submissions=IntelligenceSubmission.objects.filter(family=family).count(),
        intelligence_entries=entries.filter(
            kind=EntryKind.INTELLIGENCE, never_disclosed=False
        ).count(),
    )


def awaiting_production_for(manager: User) -> QuerySet[SubjectAccessRequest]:
    """Requests about the manager's families not yet answered, the soonest due first."""
    if not may_produce(manager):
        return SubjectAccessRequest.objects.none()
    return (
        of_visible_families(
            manager, SubjectAccessRequest.objects.filter(last_produced_at__isnull=True)
        )
        .select_related("family", "person")
        .order_by("due_on")
    )


def subject_access_record(request: SubjectAccessRequest) -> SubjectAccessRecord:
    person, family = request.person, request.family
    to_decide = never_disclosed_items(request)
    return SubjectAccessRecord(
        request=request,
        person=person,
        family=family,
        sections=(
            _details(person, family),
            _assessments(person, family),
            _plans(person, family),
            _chronology(person, family, request),
            _referrals(person, family, request),
            _sharing(person, family),
            _screenings(person, family),
            _disagreements(family),
        ),
        withheld=_withheld(person, family, to_decide),
        to_decide=to_decide,
    )
