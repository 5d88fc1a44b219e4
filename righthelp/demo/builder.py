"""The demo partnership: one account of each role, an outsider, and a dozen synthetic families.

Everyone here is invented. NHS numbers are from the 999 range the NHS reserves for
testing, and postcodes are well-formed but belong to no one in particular. Records are
made through the same services the web pages use, then dated into the past so the
overview and chronology have a history to show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from righthelp.accounts.models import Role, User
from righthelp.accounts.services import administrator_permissions_grant
from righthelp.assessments import services as assessments
from righthelp.assessments.family_level import family_level_refresh
from righthelp.assessments.models import Assessment
from righthelp.chronology.models import ChronologyEntry, EntryKind, Significance
from righthelp.chronology.services import chronology_add
from righthelp.core.criterion_status import CriterionStatus
from righthelp.core.information_sharing import LawfulBasis
from righthelp.core.packs.schema import ConsentRoute, ReferralRoute
from righthelp.demo.front_door import build_front_door
from righthelp.demo.screenings import build_screenings
from righthelp.disagreements import services as disagreements
from righthelp.families import services as families
from righthelp.families.models import Family, Gender, MemberKind, Person, RelationshipKind
from righthelp.partnerships.models import Agency, Partnership, Team
from righthelp.partnerships.services import partnership_create, team_create
from righthelp.plans import services as plans
from righthelp.plans.models import ActionStatus, FamilyPlan, PlanCriterion
from righthelp.referrals import services as referrals
from righthelp.self_assessment.demo import build_self_assessment
from righthelp.sharing import services as sharing

DEMO_SLUG = "demo"
DEMO_PACKS = ("stoke-on-trent", "coventry", "partnership-self-assessment")


@dataclass(frozen=True)
class Account:
    username: str
    first_name: str
    last_name: str
    role: Role
    agency: str
    team: str


ACCOUNTS = (
    Account(
        "practitioner",
        "Priya",
        "Shah",
        Role.PRACTITIONER,
        "Children's Services",
        "Early Help North",
    ),
    Account("manager", "Morgan", "Hale", Role.MANAGER, "Children's Services", "Early Help North"),
    Account("analyst", "Alex", "Reed", Role.ANALYST, "Safeguarding Partnership", "Business unit"),
    Account(
        "admin",
        "Ada",
        "Lane",
        Role.ADMINISTRATOR,
        "Safeguarding Partnership",
        "Right Help administration",
    ),
    Account(
        "outsider", "Owen", "Stone", Role.PRACTITIONER, "Children's Services", "Early Help South"
    ),
    Account(
        "schoolsafeguarding",
        "Sam",
        "Carter",
        Role.PRACTITIONER,
        "Northfield Academy",
        "Safeguarding team",
    ),
    Account(
        "policelead",
        "Pat",
        "Doyle",
        Role.PRACTITIONER,
        "Staffordshire Police",
        "Child exploitation team",
    ),
    Account(
        "healthlead",
        "Hana",
        "Iqbal",
        Role.PRACTITIONER,
        "0-19 Health Visiting and School Nursing",
        "Safeguarding nurses",
    ),
)
OTHER_AGENCIES = ("0-19 Health Visiting and School Nursing", "Staffordshire Police")


def test_nhs_number(serial: int) -> str:
    """A valid NHS number from the 999 range reserved for testing."""
    for extra in range(100):
        digits = [int(ch) for ch in f"999{serial + extra:06d}"]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits)) + str(check)
    raise ValueError("no valid check digit nearby")


@dataclass(frozen=True)
class Member:
    kind: MemberKind
    given: str
    family: str
    born: dt.date | None
    gender: Gender
    school: str = ""


@dataclass(frozen=True)
class PastAssessment:
    days_ago: int
    findings: dict[str, Sequence[int | None]]
    """indicator id -> member indexes it applies to (None: the whole family)."""
    worried_about: str
    child_wishes: str = "Spoke with the children at school; their words are recorded in the notes."
    level: int | None = None
    override_reason: str = ""
    signed_off: bool = True


@dataclass(frozen=True)
class Note:
    days_ago: int
    text: str
    significance: Significance
    agency: str | None = None
    member: int | None = None


@dataclass(frozen=True)
class FamilySpec:
    name: str
    address: tuple[str, str, str]
    members: tuple[Member, ...]
    relationships: tuple[tuple[int, RelationshipKind, int], ...] = ()
    assessments: tuple[PastAssessment, ...] = ()
    notes: tuple[Note, ...] = ()
    extra_workers: tuple[str, ...] = ()
    lead: str = "practitioner"
    draft: dict[str, Sequence[int | None]] = field(default_factory=dict)
    seen: str = ""  # what the practitioner saw, for the draft's suggestions


C, A = MemberKind.CHILD, MemberKind.ADULT
F, M = Gender.FEMALE, Gender.MALE
P = RelationshipKind.PARENT


def _d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


FAMILIES: tuple[FamilySpec, ...] = (
    FamilySpec(
        "Hartley household",
        ("14 Beacon Road", "Hanley", "ST1 4AB"),
        (
            Member(A, "Claire", "Hartley", _d(1989, 5, 2), F),
            Member(C, "Jack", "Hartley", _d(2015, 9, 14), M, "Northfield Primary"),
            Member(C, "Ellie", "Hartley", _d(2019, 2, 3), F, "Little Acorns Nursery"),
        ),
        ((0, P, 1), (0, P, 2)),
        (
            PastAssessment(
                120, {"edu-07": [1], "edu-10": [1]}, "Jack's attendance has dropped since the move."
            ),
            PastAssessment(
                20,
                {"edu-13": [1], "fam-15": [0]},
                "Attendance now below 90%; Claire is finding mornings hard.",
            ),
        ),
        (
            Note(
                130,
                "School raised attendance concerns at a parents' meeting.",
                Significance.LOW,
                "Northfield Academy",
                1,
            ),
            Note(
                25,
                "Attendance below 90% this half term.",
                Significance.MEDIUM,
                "Northfield Academy",
                1,
            ),
        ),
        extra_workers=("schoolsafeguarding",),
    ),
    FamilySpec(
        "Okafor household",
        ("7 Cauldon Avenue", "Shelton", "ST4 2DP"),
        (
            Member(A, "Grace", "Okafor", _d(1985, 11, 20), F),
            Member(A, "Daniel", "Okafor", _d(1983, 1, 8), M),
            Member(C, "Tobi", "Okafor", _d(2012, 6, 30), M, "Northfield Academy"),
        ),
        ((0, P, 2), (1, P, 2), (0, RelationshipKind.PARTNER, 1)),
        (
            PastAssessment(
                60,
                {"fin-03": [None], "house-04": [None]},
                "Rent arrears after Daniel's hours were cut.",
            ),
        ),
        (
            Note(
                65,
                "Family asked the Family Hub for help with debt advice.",
                Significance.LOW,
                "Children's Services",
            ),
        ),
    ),
    FamilySpec(
        "Nowak household",
        ("22 Trentmill Road", "Bucknall", "ST2 9QT"),
        (
            Member(A, "Marta", "Nowak", _d(1990, 3, 17), F),
            Member(C, "Zofia", "Nowak", _d(2021, 8, 1), F),
        ),
        ((0, P, 1),),
        (
            PastAssessment(
                200,
                {"eyd-10": [1]},
                "Zofia is entitled to 2-year-old provision but is not attending a setting.",
            ),
            PastAssessment(
                90,
                {"eyd-17": [1], "eyd-18": [0]},
                "Missed the 2-year health check; Marta is isolated.",
            ),
            PastAssessment(10, {"eyd-10": [1]}, "Zofia now attends nursery three mornings a week."),
        ),
        (
            Note(
                95,
                "Health visitor could not make contact after two visits.",
                Significance.MEDIUM,
                "0-19 Health Visiting and School Nursing",
                1,
            ),
        ),
    ),
    FamilySpec(
        "Price household",
        ("3 Leek New Road", "Cobridge", "ST6 2LH"),
        (
            Member(A, "Dean", "Price", _d(1979, 7, 7), M),
            Member(C, "Kayleigh", "Price", _d(2009, 12, 12), F, "Northfield Academy"),
            Member(C, "Mason", "Price", _d(2011, 4, 25), M, "Northfield Academy"),
        ),
        ((0, P, 1), (0, P, 2), (1, RelationshipKind.SIBLING, 2)),
        (
            PastAssessment(
                40,
                {"safe-27": [1], "safe-41": [1], "crime-13": [2]},
                "Kayleigh has gone missing overnight twice; seen with older males.",
                level=5,
                signed_off=True,
            ),
        ),
        (
            Note(
                45,
                "Kayleigh reported missing by her father; found next morning.",
                Significance.HIGH,
                "Staffordshire Police",
                1,
            ),
            Note(
                41,
                "Strategy discussion held; exploitation screening to follow.",
                Significance.HIGH,
                "Children's Services",
                1,
            ),
        ),
    ),
    FamilySpec(
        "Begum household",
        ("56 Lightwood Road", "Longton", "ST3 4HY"),
        (
            Member(A, "Rukhsana", "Begum", _d(1987, 9, 9), F),
            Member(C, "Aisha", "Begum", _d(2016, 1, 19), F, "Northfield Primary"),
        ),
        ((0, P, 1),),
        (
            PastAssessment(
                5,
                {"da-15": [0], "da-21": [1], "safe-28": [1]},
                "Disclosure to school of violence at home; Aisha is frightened.",
                level=5,
                signed_off=False,
            ),
        ),
        (
            Note(
                6,
                "Aisha told her teacher about shouting and hitting at home.",
                Significance.HIGH,
                "Northfield Academy",
                1,
            ),
        ),
        extra_workers=("schoolsafeguarding",),
    ),
    FamilySpec(
        "Fletcher household",
        ("9 Weston Coyney Road", "Meir", "ST3 5JT"),
        (
            Member(A, "Leanne", "Fletcher", _d(1995, 2, 14), F),
            Member(C, "Riley", "Fletcher", _d(2020, 10, 30), M),
        ),
        ((0, P, 1),),
        (
            PastAssessment(
                30,
                {"hlth-13": [1], "hlth-25": [1]},
                "Riley is underweight and immunisations are behind.",
            ),
        ),
        (
            Note(
                35,
                "GP missed-appointment letter copied to the health visitor.",
                Significance.LOW,
                "0-19 Health Visiting and School Nursing",
                1,
            ),
        ),
    ),
    FamilySpec(
        "Mensah household",
        ("18 Victoria Road", "Fenton", "ST4 2HX"),
        (
            Member(A, "Kofi", "Mensah", _d(1975, 4, 4), M),
            Member(C, "Ama", "Mensah", _d(2008, 3, 3), F, "St Joseph's College"),
        ),
        ((0, P, 1),),
        (
            PastAssessment(
                75,
                {"subs-10": [1], "hlth-36": [1]},
                "Ama's drinking is affecting school; she has self-harmed.",
                level=4,
            ),
        ),
        (
            Note(
                80,
                "Ama attended A&E after drinking at a party.",
                Significance.HIGH,
                "0-19 Health Visiting and School Nursing",
                1,
            ),
        ),
    ),
    FamilySpec(
        "Walsh household",
        ("41 Clough Street", "Etruria", "ST1 4AF"),
        (
            Member(A, "Siobhan", "Walsh", _d(1982, 8, 21), F),
            Member(C, "Connor", "Walsh", _d(2013, 5, 5), M, "Northfield Academy"),
        ),
        ((0, P, 1),),
        (
            PastAssessment(
                15,
                {"crime-06": [1], "crime-10": [1]},
                "Connor is spending time in a park where drugs are sold.",
                level=4,
                override_reason=(
                    "Older peers linked to county lines contact Connor daily; "
                    "the indicators understate the risk."
                ),
            ),
        ),
        (
            Note(
                18,
                "PCSO saw Connor with older boys known for dealing.",
                Significance.MEDIUM,
                "Staffordshire Police",
                1,
            ),
        ),
    ),
    FamilySpec(
        "Ahmed household",
        ("2 Hartshill Road", "Hartshill", "ST4 7NA"),
        (
            Member(A, "Yusuf", "Ahmed", _d(1980, 12, 1), M),
            Member(A, "Samira", "Ahmed", _d(1984, 6, 16), F),
            Member(C, "Bilal", "Ahmed", _d(2014, 2, 28), M, "Northfield Primary"),
            Member(C, "Noor", "Ahmed", _d(2017, 11, 11), F, "Northfield Primary"),
        ),
        ((0, P, 2), (1, P, 2), (0, P, 3), (1, P, 3)),
        (
            PastAssessment(
                50,
                {"edu-01": [2, 3], "fam-01": [None]},
                "No current worries; family asked for advice on Bilal's reading.",
            ),
        ),
    ),
    FamilySpec(
        "Turner household",
        ("77 Uttoxeter Road", "Normacot", "ST3 1NX"),
        (
            Member(A, "Gemma", "Turner", _d(1993, 1, 25), F),
            Member(C, "Lily", "Turner", _d(2018, 7, 9), F, "Little Acorns Nursery"),
        ),
        ((0, P, 1),),
        (
            PastAssessment(
                140, {"house-06": [None]}, "Temporary accommodation; Gemma fears eviction."
            ),
            PastAssessment(
                35, {"house-08": [None], "fin-10": [0]}, "Notice to quit served; arrears growing."
            ),
        ),
        (
            Note(
                36,
                "Housing officer confirmed a section 21 notice.",
                Significance.HIGH,
                "Children's Services",
            ),
        ),
    ),
    FamilySpec(
        "Kowalczyk household",
        ("5 Werrington Road", "Bucknall", "ST2 9AA"),
        (
            Member(A, "Piotr", "Kowalczyk", _d(1978, 10, 10), M),
            Member(C, "Julia", "Kowalczyk", _d(2010, 9, 2), F, "Northfield Academy"),
        ),
        ((0, P, 1),),
        (),
        (
            Note(
                3,
                "Julia's form tutor noticed weight loss; referred to the school nurse.",
                Significance.MEDIUM,
                "Northfield Academy",
                1,
            ),
        ),
        draft={"hlth-25": [1]},
        seen=(
            "Julia's form tutor says she has lost a lot of weight since the summer and skips "
            "lunch. She has a new friend, a man in his twenties who picks her up from school in "
            "his car."
        ),
    ),
    FamilySpec(
        "Osei household",
        ("11 Ford Green Road", "Smallthorne", "ST6 1NX"),
        (
            Member(A, "Abena", "Osei", _d(1991, 4, 30), F),
            Member(C, "Kwame", "Osei", _d(2022, 3, 15), M),
        ),
        ((0, P, 1),),
        (PastAssessment(100, {"eyd-01": [1]}, "Settled; Abena asked about parenting groups."),),
        lead="manager",
    ),
)


def _team(partnership: Partnership, account: Account) -> Team:
    return team_create(partnership=partnership, agency_name=account.agency, team_name=account.team)


def _ensure_users(partnership: Partnership, password: str) -> dict[str, User]:
    users: dict[str, User] = {}
    for account in ACCOUNTS:
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
        users[account.username] = user
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


def _build_family(
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


def _ago(days: int) -> dt.date:
    return timezone.localdate() - timedelta(days=days)


def _move(criterion: PlanCriterion, by: User, to: CriterionStatus, days_ago: int) -> None:
    criterion.refresh_from_db()
    plans.plan_criterion_move(
        criterion=criterion, by=by, to=to, on=_ago(days_ago), expected_version=criterion.version
    )


def _backdate_plan(plan: FamilyPlan, days_ago: int) -> None:
    """The demo's plans began before their backdated reviews and moves, as real ones did."""
    started = timezone.now() - timedelta(days=days_ago)
    FamilyPlan.objects.filter(pk=plan.pk).update(created_at=started)
    PlanCriterion.objects.filter(plan=plan).update(identified_on=timezone.localdate(started))
    ChronologyEntry.objects.filter(
        family=plan.family, kind=EntryKind.PLAN, what_happened="Family plan started."
    ).update(occurred_on=timezone.localdate(started), recorded_at=started)


def _casework(partnership: Partnership, users: dict[str, User]) -> None:
    """Plans, requests for service, information sharing and a disagreement for a few
    families, so every part of the product has something to show."""
    practitioner, manager = users["practitioner"], users["manager"]
    families_by_name = {f.name: f for f in Family.objects.filter(partnership=partnership)}

    walsh = families_by_name["Walsh household"]
    connor = walsh.members.get(given_name="Connor")
    # Connor's plan began long before the family's latest assessment, so it names none.
    plan = plans.plan_start(family=walsh, by=practitioner)
    exploitation = plans.plan_criterion_add(
        plan=plan, by=practitioner, criterion_id="6.4", person=connor
    )
    plans.plan_interventions_set(
        criterion=exploitation,
        by=practitioner,
        intervention_ids=["exploitation-indicator-tool", "youth-crime-diversions"],
        expected_version=exploitation.version,
    )
    _backdate_plan(plan, 250)
    _move(exploitation, practitioner, CriterionStatus.IN_PROGRESS, 240)
    _move(exploitation, practitioner, CriterionStatus.ACHIEVED, 200)
    mentoring = plans.plan_action_add(
        plan=plan,
        by=practitioner,
        what="Weekly mentoring sessions for Connor",
        due_on=_ago(-30),
        owner_service="coventry/positive-youth-foundation",
        criterion=exploitation,
    )
    plans.plan_action_add(
        plan=plan,
        by=practitioner,
        what="Talk to the school about a reduced timetable",
        due_on=_ago(7),
        owner_agency=Agency.objects.get(partnership=partnership, name="Northfield Academy"),
    )
    plans.evidence_add(
        criterion=exploitation,
        by=practitioner,
        method_id="indicator-tool-before-after",
        recorded_on=_ago(200),
        note="Indicator tool score up from 4 to 9.",
    )
    plans.review_record(
        plan=plan,
        by=practitioner,
        held_on=_ago(150),
        attendees="Siobhan, Connor, school, mentor",
        summary="Connor attends mentoring; no contact with the older group.",
        parent_scaling=6,
        young_person_scaling=5,
        progress={mentoring.pk: (ActionStatus.IN_PROGRESS, "Going well")},
    )
    plans.review_record(
        plan=plan,
        by=practitioner,
        held_on=_ago(5),
        attendees="Siobhan, Connor, mentor",
        summary="Still no contact; Connor has joined the boxing club.",
        parent_scaling=8,
        young_person_scaling=8,
        internal_notes="Police intelligence suggests the group has moved on.",
        next_review_on=_ago(-40),
        moves={exploitation.pk: CriterionStatus.SUSTAINED},
    )

    price = families_by_name["Price household"]
    kayleigh = price.members.get(given_name="Kayleigh")
    plan = plans.plan_start(family=price, by=practitioner, assessment=price.assessments.first())
    missing = plans.plan_criterion_add(
        plan=plan, by=practitioner, criterion_id="6.2", person=kayleigh
    )
    plans.plan_criterion_add(plan=plan, by=practitioner, criterion_id="6.3", person=kayleigh)
    _backdate_plan(plan, 38)  # after the assessment of 40 days ago
    _move(missing, practitioner, CriterionStatus.IN_PROGRESS, 35)
    plans.plan_action_add(
        plan=plan,
        by=practitioner,
        what="Return home interview after each missing episode",
        due_on=_ago(-14),
        owner_service="coventry/horizon",
        criterion=missing,
    )
    plans.review_record(
        plan=plan,
        by=practitioner,
        held_on=_ago(12),
        attendees="Dean, Kayleigh, Horizon, police",
        summary="One missing episode since the last meeting.",
        next_review_on=_ago(2),
        parent_scaling=4,
        young_person_scaling=3,
    )
    referral = referrals.referral_start(
        family=price,
        by=practitioner,
        route=ReferralRoute.CHILDRENS_SOCIAL_CARE,
        person=kayleigh,
        what_is_needed="Kayleigh is going missing overnight and has been seen with older males.",
    )
    referrals.referral_record_consent(
        referral=referral,
        by=practitioner,
        expected_version=referral.version,
        consent_route=ConsentRoute.REFUSED,
        reason_for_proceeding="Risk of sexual exploitation cannot wait for the father's agreement.",
        social_care_told_on=_ago(40),
        consultation_outcome="Manager agreed to refer today; tell the father once it is made.",
    )
    referrals.referral_request_approval(referral=referral, by=practitioner)
    referrals.referral_approve(referral=referral, by=manager)
    referrals.referral_send(referral=referral, by=practitioner)
    sharing.share_record(
        family=price,
        by=practitioner,
        what="Kayleigh's missing episodes and the cars seen",
        shared_with="Staffordshire Police missing persons coordinator",
        shared_on=_ago(41),
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        with_consent=False,
        reason="To help find Kayleigh quickly; seeking consent would have delayed it.",
        person=kayleigh,
    )
    police = Agency.objects.get(partnership=partnership, name="Staffordshire Police")
    services_agency = Agency.objects.get(partnership=partnership, name="Children's Services")
    disagreement = disagreements.disagreement_raise(
        family=price,
        by=practitioner,
        raised_on=_ago(20),
        agencies=[police, services_agency],
        about=(
            "Police think a strategy discussion is needed now; social care wants to wait "
            "for the screening."
        ),
    )
    disagreements.disagreement_escalate(
        disagreement=disagreement,
        by=practitioner,
        on=_ago(15),
        escalated_to="Team managers of both agencies",
    )

    begum = families_by_name["Begum household"]
    rukhsana = begum.members.get(given_name="Rukhsana")
    plan = plans.plan_start(family=begum, by=practitioner)
    plans.plan_criterion_add(plan=plan, by=practitioner, criterion_id="8.1", person=rukhsana)
    plans.plan_criterion_add(
        plan=plan, by=practitioner, criterion_id="8.3", person=begum.members.get(given_name="Aisha")
    )
    _backdate_plan(plan, 4)  # after the assessment of 5 days ago
    given = referrals.referral_start(
        family=begum,
        by=practitioner,
        route=ReferralRoute.DIRECTORY_SERVICE,
        service="coventry/coventry-haven-womens-aid",
        person=rukhsana,
        what_is_needed="Refuge and an IDVA for Rukhsana.",
    )
    referrals.referral_send(referral=given, by=practitioner)

    mensah = families_by_name["Mensah household"]
    prevent = referrals.referral_start(
        family=mensah,
        by=practitioner,
        route=ReferralRoute.PREVENT,
        person=mensah.members.get(given_name="Ama"),
        what_is_needed="Ama has been sharing extremist material with classmates.",
    )
    referrals.referral_send(referral=prevent, by=practitioner)


@transaction.atomic
def build_demo(*, password: str) -> tuple[Partnership, bool]:
    """The demo partnership with its accounts and families; (partnership, created)."""
    existing = Partnership.objects.filter(slug=DEMO_SLUG).first()
    if existing is not None:
        _ensure_users(existing, password)
        return existing, False
    partnership = partnership_create(name="Demo partnership", slug=DEMO_SLUG, pack_ids=DEMO_PACKS)
    for name in OTHER_AGENCIES:
        Agency.objects.get_or_create(partnership=partnership, name=name)
    users = _ensure_users(partnership, password)
    built = {
        spec.name: _build_family(partnership, spec, users, serial)
        for serial, spec in enumerate(FAMILIES, start=1)
    }
    build_screenings(built, users)
    _casework(partnership, users)
    build_self_assessment(partnership, users)
    build_front_door(partnership, built, users, password=password)
    return partnership, True
