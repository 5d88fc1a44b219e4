"""Making a demo partnership's records through the same services the web pages use, then
dating them into the past so the overview and chronology have a history to show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.utils import timezone

from righthelp.accounts.models import Role, User
from righthelp.accounts.services import administrator_permissions_grant
from righthelp.assessments import services as assessments
from righthelp.assessments.family_level import family_level_refresh
from righthelp.assessments.models import Assessment
from righthelp.chronology.models import ChronologyEntry, EntryKind
from righthelp.chronology.services import chronology_add
from righthelp.core.criterion_status import CriterionStatus
from righthelp.demo.specs import Account, FamilySpec
from righthelp.families import services as families
from righthelp.families.models import Family, Person
from righthelp.partnerships.models import Agency, Partnership, Team
from righthelp.partnerships.services import team_create
from righthelp.plans import services as plans
from righthelp.plans.models import FamilyPlan, PlanCriterion


def test_nhs_number(serial: int) -> str:
    """A valid NHS number from the 999 range reserved for testing."""
    for extra in range(100):
        digits = [int(ch) for ch in f"999{serial + extra:06d}"]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits)) + str(check)
    raise ValueError("no valid check digit nearby")


def _team(partnership: Partnership, account: Account) -> Team:
    return team_create(partnership=partnership, agency_name=account.agency, team_name=account.team)


def ensure_users(
    partnership: Partnership, accounts: Sequence[Account], password: str
) -> dict[str, User]:
    """The partnership's accounts, by what the builder calls them (``Account.ref``)."""
    users: dict[str, User] = {}
    for account in accounts:
        user, _ = User.objects.update_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "role": account.role,
                "team": _team(partnership, account),
                "is_staff": account.role == Role.ADMINISTRATOR,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        if account.role == Role.ADMINISTRATOR:
            administrator_permissions_grant(user=user)
        users[account.ref] = user
    return users


def _backdate(assessment: Assessment, days_ago: int) -> None:
    when = timezone.now() - timedelta(days=days_ago)
    Assessment.objects.filter(pk=assessment.pk).update(started_at=when - timedelta(days=2))
    fields = {"submitted_at": when}
    if assessment.completed_at is not None:
        fields["completed_at"] = when
    if assessment.signed_off_at is not None:
        fields["signed_off_at"] = when
    Assessment.objects.filter(pk=assessment.pk).update(**fields)
    ChronologyEntry.objects.filter(assessment=assessment).update(
        occurred_on=timezone.localdate(when), recorded_at=when
    )
    family_level_refresh(assessment.family_id)


def _findings(
    members: list[Person], spec: dict[str, Sequence[int | None]]
) -> dict[str, set[object]]:
    return {
        indicator: {members[index].pk if index is not None else None for index in people}
        for indicator, people in spec.items()
    }


def _record_findings(assessment: Assessment, by: User, findings: dict[str, set[Any]]) -> None:
    pack = assessments.pack_of(assessment)
    by_outcome: dict[int, dict[str, set[Any]]] = {}
    for indicator_id, people in findings.items():
        number = pack.indicators_by_id[indicator_id].outcome.number
        by_outcome.setdefault(number, {})[indicator_id] = people
    for outcome in pack.outcomes:
        assessment.refresh_from_db()
        assessments.assessment_record_findings(
            assessment=assessment,
            by=by,
            expected_version=assessment.version,
            outcome_number=outcome.number,
            findings=by_outcome.get(outcome.number, {}),
        )


def build_family(
    partnership: Partnership, spec: FamilySpec, users: dict[str, User], serial: int
) -> Family:
    practitioner = users["practitioner"]
    line_1, town, postcode = spec.address
    agencies = Agency.objects.filter(
        partnership=partnership,
        name__in=["Children's Services", *[n.agency for n in spec.notes if n.agency]],
    )
    family = families.family_create(
        partnership=partnership,
        created_by=practitioner,
        name=spec.name,
        lead_practitioner=users[spec.lead],
        agencies=agencies,
        address_line_1=line_1,
        town=town,
        postcode=postcode,
    )
    for username in spec.extra_workers:
        families.worker_add(family=family, by=practitioner, user=users[username])
    members = [
        families.person_add(
            family=family,
            by=practitioner,
            kind=m.kind,
            given_name=m.given,
            family_name=m.family,
            date_of_birth=m.born,
            gender=m.gender,
            school_or_setting=m.school,
            nhs_number=test_nhs_number(serial * 10 + index),
        )
        for index, m in enumerate(spec.members)
    ]
    for person, kind, relative in spec.relationships:
        families.relationship_set(
            family=family,
            by=practitioner,
            person=members[person],
            relative=members[relative],
            kind=kind,
        )
    for past in spec.assessments:
        assessment = assessments.assessment_start(family=family, by=practitioner)
        _record_findings(assessment, practitioner, _findings(members, past.findings))
        assessment.refresh_from_db()
        assessments.assessment_record_conversation(
            assessment=assessment,
            by=practitioner,
            expected_version=assessment.version,
            texts={
                "worried_about": past.worried_about,
                "child_wishes": past.child_wishes,
                "working_well": "The family engages with the lead practitioner.",
                "needs_to_happen": "Review at the next Team Around the Family meeting.",
            },
        )
        assessment.refresh_from_db()
        chosen = past.level or assessments.facts_for(assessment, 1, "").indicator_level
        assessments.assessment_submit(
            assessment=assessment,
            by=practitioner,
            expected_version=assessment.version,
            chosen_level=chosen,
            override_reason=past.override_reason,
        )
        assessment.refresh_from_db()
        if assessment.status == "awaiting_signoff" and past.signed_off:
            assessments.assessment_sign_off(assessment=assessment, by=users["manager"])
            assessment.refresh_from_db()
        _backdate(assessment, past.days_ago)
    if spec.draft:
        draft = assessments.assessment_start(family=family, by=practitioner)
        _record_findings(draft, practitioner, _findings(members, spec.draft))
        if spec.seen:
            draft.refresh_from_db()
            assessments.assessment_record_what_was_seen(
                assessment=draft, by=practitioner, expected_version=draft.version, text=spec.seen
            )
    for note in spec.notes:
        entry = chronology_add(
            family=family,
            by=practitioner,
            occurred_on=timezone.localdate() - timedelta(days=note.days_ago),
            what_happened=note.text,
            significance=note.significance,
            agency=Agency.objects.filter(partnership=partnership, name=note.agency).first()
            if note.agency
            else None,
            person=members[note.member] if note.member is not None else None,
        )
        ChronologyEntry.objects.filter(pk=entry.pk).update(
            recorded_at=timezone.now() - timedelta(days=note.days_ago)
        )
    return family


def ago(days: int) -> dt.date:
    return timezone.localdate() - timedelta(days=days)


def move(criterion: PlanCriterion, by: User, to: CriterionStatus, days_ago: int) -> None:
    criterion.refresh_from_db()
    plans.plan_criterion_move(
        criterion=criterion, by=by, to=to, on=ago(days_ago), expected_version=criterion.version
    )


def backdate_plan(plan: FamilyPlan, days_ago: int) -> None:
    """The demo's plans began before their backdated reviews and moves, as real ones did."""
    started = timezone.now() - timedelta(days=days_ago)
    FamilyPlan.objects.filter(pk=plan.pk).update(created_at=started)
    PlanCriterion.objects.filter(plan=plan).update(identified_on=timezone.localdate(started))
    ChronologyEntry.objects.filter(
        family=plan.family, kind=EntryKind.PLAN, what_happened="Family plan started."
    ).update(occurred_on=timezone.localdate(started), recorded_at=started)
