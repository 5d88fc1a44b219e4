"""The Coventry demo partnership: its Supporting Families and exploitation pack and the
self-assessment, West Midlands Police, Coventry's services and CV postcodes.

Coventry's pack has no thresholds (no levels of need), so its families have no threshold
assessments: they are helped through family plans against the Supporting Families
criteria and through exploitation screenings. Everyone here is invented.
"""

from __future__ import annotations

from righthelp.accounts.models import Role, User
from righthelp.chronology.models import Significance
from righthelp.core.criterion_status import CriterionStatus
from righthelp.core.information_sharing import LawfulBasis
from righthelp.core.packs.schema import ReferralRoute
from righthelp.demo.builder import DemoPartnership
from righthelp.demo.making import ago, backdate_plan, move
from righthelp.demo.screenings import build_screenings
from righthelp.demo.specs import A, Account, C, F, FamilySpec, M, Member, Note, P, _d
from righthelp.families.models import Family, RelationshipKind
from righthelp.partnerships.models import Agency, Partnership
from righthelp.plans import services as plans
from righthelp.plans.models import ActionStatus
from righthelp.referrals import services as referrals
from righthelp.sharing import services as sharing

COVENTRY_SLUG = "coventry"
COVENTRY_PACKS = ("coventry", "partnership-self-assessment")
POLICE = "West Midlands Police"
HEALTH = "Coventry 0-19 Health Visiting and School Nursing"
SCHOOL = "Eastfield Academy"

ACCOUNTS = (
    Account(
        "cov-practitioner",
        "Jas",
        "Sandhu",
        Role.PRACTITIONER,
        "Children's Services",
        "Family Hub Foleshill",
        key="practitioner",
    ),
    Account(
        "cov-manager",
        "Marcus",
        "Bell",
        Role.MANAGER,
        "Children's Services",
        "Family Hub Foleshill",
        key="manager",
    ),
    Account(
        "cov-analyst",
        "Nina",
        "Patel",
        Role.ANALYST,
        "Safeguarding Partnership",
        "Business unit",
        key="analyst",
    ),
    Account(
        "cov-admin",
        "Tom",
        "Hughes",
        Role.ADMINISTRATOR,
        "Safeguarding Partnership",
        "Right Help administration",
        key="admin",
    ),
    Account(
        "cov-outsider",
        "Rachel",
        "Green",
        Role.PRACTITIONER,
        "Children's Services",
        "Family Hub Willenhall",
        key="outsider",
    ),
    Account(
        "cov-schoolsafeguarding",
        "Dev",
        "Mistry",
        Role.PRACTITIONER,
        SCHOOL,
        "Safeguarding team",
        key="schoolsafeguarding",
    ),
    Account(
        "cov-policelead",
        "Kelly",
        "Ward",
        Role.PRACTITIONER,
        POLICE,
        "Child exploitation team",
        key="policelead",
    ),
    Account(
        "cov-healthlead",
        "Fatima",
        "Hussain",
        Role.PRACTITIONER,
        HEALTH,
        "Safeguarding nurses",
        key="healthlead",
    ),
)

FAMILIES: tuple[FamilySpec, ...] = (
    FamilySpec(
        "Byrne household",
        ("41 Jardine Crescent", "Tile Hill", "CV4 9PL"),
        (
            Member(A, "Siobhan", "Byrne", _d(1982, 8, 21), F),
            Member(C, "Callum", "Byrne", _d(2013, 5, 5), M, SCHOOL),
        ),
        ((0, P, 1),),
        notes=(
            Note(
                260,
                "PCSO saw Callum with older boys known for dealing near the shops.",
                Significance.MEDIUM,
                POLICE,
                1,
            ),
        ),
    ),
    FamilySpec(
        "Doherty household",
        ("12 Lythalls Lane", "Foleshill", "CV6 6FN"),
        (
            Member(A, "Sharon", "Doherty", _d(1980, 2, 11), F),
            Member(C, "Shannon", "Doherty", _d(2009, 11, 3), F, SCHOOL),
            Member(C, "Liam", "Doherty", _d(2011, 6, 19), M, SCHOOL),
        ),
        ((0, P, 1), (0, P, 2), (1, RelationshipKind.SIBLING, 2)),
        notes=(
            Note(
                72,
                "Shannon reported missing by her mother; found the next morning.",
                Significance.HIGH,
                POLICE,
                1,
            ),
            Note(
                26,
                "Strategy discussion held after a second night missing.",
                Significance.HIGH,
                "Children's Services",
                1,
            ),
        ),
        extra_workers=("schoolsafeguarding",),
    ),
    FamilySpec(
        "Ali household",
        ("8 Stoney Stanton Road", "Hillfields", "CV1 5FP"),
        (
            Member(A, "Samina", "Ali", _d(1988, 7, 30), F),
            Member(C, "Zara", "Ali", _d(2015, 4, 12), F, "Hillfields Primary"),
        ),
        ((0, P, 1),),
        notes=(
            Note(
                9,
                "Zara told her teacher about shouting and hitting at home.",
                Significance.HIGH,
                SCHOOL,
                1,
            ),
        ),
    ),
    FamilySpec(
        "Kaur household",
        ("63 Cross Road", "Foleshill", "CV6 5GR"),
        (
            Member(A, "Harpreet", "Kaur", _d(1990, 1, 5), F),
            Member(C, "Arjun", "Singh", _d(2016, 9, 22), M, "Hillfields Primary"),
        ),
        ((0, P, 1),),
        notes=(
            Note(
                14,
                "Health visitor: Harpreet asked the Family Hub about help with debts.",
                Significance.LOW,
                HEALTH,
            ),
        ),
    ),
    FamilySpec(
        "Evans household",
        ("19 Middlemarch Road", "Radford", "CV6 3GD"),
        (
            Member(A, "Karen", "Evans", _d(1977, 12, 2), F),
            Member(C, "Tyler", "Evans", _d(2008, 3, 14), M, SCHOOL),
        ),
        ((0, P, 1),),
        notes=(
            Note(
                30,
                "Tyler excluded for five days after a fight; school asked for early help.",
                Significance.MEDIUM,
                SCHOOL,
                1,
            ),
        ),
        lead="manager",
    ),
    FamilySpec(
        "Bello household",
        ("4 Aldermoor Lane", "Stoke Aldermoor", "CV3 1DG"),
        (
            Member(A, "Funmi", "Bello", _d(1986, 10, 9), F),
            Member(C, "Daniel", "Bello", _d(2020, 2, 17), M),
        ),
        ((0, P, 1),),
        notes=(
            Note(
                40,
                "Missed the 2-year health check; the health visitor will call again.",
                Significance.LOW,
                HEALTH,
                1,
            ),
        ),
    ),
)


def _casework(partnership: Partnership, users: dict[str, User]) -> None:
    """Family plans, exploitation screenings, intelligence, requests for service and
    information sharing, so every part of the product Coventry's packs support has
    something to show."""
    practitioner = users["practitioner"]
    by_name = {f.name: f for f in Family.objects.filter(partnership=partnership)}

    byrne = by_name["Byrne household"]
    callum = byrne.members.get(given_name="Callum")
    plan = plans.plan_start(family=byrne, by=practitioner)
    exploitation = plans.plan_criterion_add(
        plan=plan, by=practitioner, criterion_id="6.4", person=callum
    )
    plans.plan_interventions_set(
        criterion=exploitation,
        by=practitioner,
        intervention_ids=["exploitation-indicator-tool", "youth-crime-diversions"],
        expected_version=exploitation.version,
    )
    backdate_plan(plan, 250)
    move(exploitation, practitioner, CriterionStatus.IN_PROGRESS, 240)
    move(exploitation, practitioner, CriterionStatus.ACHIEVED, 200)
    mentoring = plans.plan_action_add(
        plan=plan,
        by=practitioner,
        what="Weekly mentoring sessions for Callum",
        due_on=ago(-30),
        owner_service="coventry/positive-youth-foundation",
        criterion=exploitation,
    )
    plans.plan_action_add(
        plan=plan,
        by=practitioner,
        what="Talk to the school about a reduced timetable",
        due_on=ago(7),
        owner_agency=Agency.objects.get(partnership=partnership, name=SCHOOL),
    )
    plans.evidence_add(
        criterion=exploitation,
        by=practitioner,
        method_id="indicator-tool-before-after",
        recorded_on=ago(200),
        note="Indicator tool score up from 4 to 9.",
    )
    plans.review_record(
        plan=plan,
        by=practitioner,
        held_on=ago(150),
        attendees="Siobhan, Callum, school, mentor",
        summary="Callum attends mentoring; no contact with the older group.",
        parent_scaling=6,
        young_person_scaling=5,
        progress={mentoring.pk: (ActionStatus.IN_PROGRESS, "Going well")},
    )
    plans.review_record(
        plan=plan,
        by=practitioner,
        held_on=ago(5),
        attendees="Siobhan, Callum, mentor",
        summary="Still no contact; Callum has joined the boxing club.",
        parent_scaling=8,
        young_person_scaling=8,
        internal_notes="Police intelligence suggests the group has moved on.",
        next_review_on=ago(-40),
        moves={exploitation.pk: CriterionStatus.SUSTAINED},
    )

    doherty = by_name["Doherty household"]
    shannon = doherty.members.get(given_name="Shannon")
    plan = plans.plan_start(family=doherty, by=practitioner)
    missing = plans.plan_criterion_add(
        plan=plan, by=practitioner, criterion_id="6.2", person=shannon
    )
    plans.plan_criterion_add(plan=plan, by=practitioner, criterion_id="6.3", person=shannon)
    backdate_plan(plan, 38)
    move(missing, practitioner, CriterionStatus.IN_PROGRESS, 35)
    plans.plan_action_add(
        plan=plan,
        by=practitioner,
        what="Return home interview after each missing episode",
        due_on=ago(-14),
        owner_service="coventry/horizon",
        criterion=missing,
    )
    plans.review_record(
        plan=plan,
        by=practitioner,
        held_on=ago(12),
        attendees="Sharon, Shannon, Horizon, police",
        summary="One missing episode since the last meeting.",
        next_review_on=ago(2),
        parent_scaling=4,
        young_person_scaling=3,
    )
    sharing.share_record(
        family=doherty,
        by=practitioner,
        what="Shannon's missing episodes and the car seen",
        shared_with="West Midlands Police missing persons coordinator",
        shared_on=ago(71),
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        with_consent=False,
        reason="To help find Shannon quickly; seeking consent would have delayed it.",
        person=shannon,
    )
    horizon = referrals.referral_start(
        family=doherty,
        by=practitioner,
        route=ReferralRoute.DIRECTORY_SERVICE,
        service="coventry/horizon",
        person=shannon,
        what_is_needed="Specialist support for Shannon after two nights missing.",
    )
    referrals.referral_send(referral=horizon, by=practitioner)

    ali = by_name["Ali household"]
    samina = ali.members.get(given_name="Samina")
    plan = plans.plan_start(family=ali, by=practitioner)
    plans.plan_criterion_add(plan=plan, by=practitioner, criterion_id="8.1", person=samina)
    plans.plan_criterion_add(
        plan=plan, by=practitioner, criterion_id="8.3", person=ali.members.get(given_name="Zara")
    )
    backdate_plan(plan, 7)
    haven = referrals.referral_start(
        family=ali,
        by=practitioner,
        route=ReferralRoute.DIRECTORY_SERVICE,
        service="coventry/coventry-haven-womens-aid",
        person=samina,
        what_is_needed="Refuge and an IDVA for Samina.",
    )
    referrals.referral_send(referral=haven, by=practitioner)

    build_screenings(by_name, users)


COVENTRY = DemoPartnership(
    slug=COVENTRY_SLUG,
    name="Coventry (demo)",
    packs=COVENTRY_PACKS,
    accounts=ACCOUNTS,
    other_agencies=(HEALTH, POLICE),
    families=FAMILIES,
    casework=_casework,
    agency_leads=(
        ("Children's Services", "practitioner"),
        (POLICE, "policelead"),
        (HEALTH, "healthlead"),
        (SCHOOL, "schoolsafeguarding"),
    ),
    first_serial=50,
)
