"""The demo: two partnerships, each with its own packs, people, families and services.

Stoke-on-Trent uses its thresholds pack and the self-assessment: its families have
threshold assessments, Staffordshire Police and Stoke-on-Trent's services. Coventry uses
its Supporting Families and exploitation pack and the self-assessment: it has no
thresholds, so its families are helped through family plans and exploitation screenings,
with West Midlands Police and Coventry's services (``righthelp/demo/coventry.py``). Each has
an account of every role, an outsider and its own administrator; nothing of one is
visible to the other's people.

Everyone here is invented. NHS numbers are from the 999 range the NHS reserves for
testing, and postcodes are well-formed but belong to no one in particular. Records are
made through the same services the web pages use, then dated into the past so the
overview and chronology have a history to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from righthelp.accounts.models import Role, User
from righthelp.chronology.models import Significance
from righthelp.core.information_sharing import LawfulBasis
from righthelp.core.packs.schema import ConsentRoute, ReferralRoute
from righthelp.dashboards.tallies import tallies_rebuild
from righthelp.demo.front_door import FRONT_DOOR_ACCOUNT, build_front_door
from righthelp.demo.making import ago, build_family, ensure_users
from righthelp.demo.specs import (
    A,
    Account,
    C,
    F,
    FamilySpec,
    M,
    Member,
    Note,
    P,
    PastAssessment,
    _d,
)
from righthelp.disagreements import services as disagreements
from righthelp.families.models import Family, RelationshipKind
from righthelp.partnerships.models import Agency, Partnership
from righthelp.partnerships.services import partnership_create
from righthelp.referrals import services as referrals
from righthelp.self_assessment.demo import AGENCY_LEADS, build_self_assessment
from righthelp.sharing import services as sharing

STOKE_SLUG = "stoke-on-trent"
STOKE_PACKS = ("stoke-on-trent", "partnership-self-assessment")


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
    FRONT_DOOR_ACCOUNT,
)
OTHER_AGENCIES = ("0-19 Health Visiting and School Nursing", "Staffordshire Police")
"""Stoke-on-Trent's accounts keep the names the demo has always had."""


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


def _stoke_casework(partnership: Partnership, users: dict[str, User]) -> None:
    """Requests for service, information sharing and a disagreement for a few families, so
    every part of the product Stoke-on-Trent's packs support has something to show."""
    practitioner, manager = users["practitioner"], users["manager"]
    families_by_name = {f.name: f for f in Family.objects.filter(partnership=partnership)}

    price = families_by_name["Price household"]
    kayleigh = price.members.get(given_name="Kayleigh")
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
        social_care_told_on=ago(40),
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
        shared_on=ago(41),
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
        raised_on=ago(20),
        agencies=[police, services_agency],
        about=(
            "Police think a strategy discussion is needed now; social care wants to wait "
            "for an assessment of the risk of exploitation."
        ),
    )
    disagreements.disagreement_escalate(
        disagreement=disagreement,
        by=practitioner,
        on=ago(15),
        escalated_to="Team managers of both agencies",
    )

    begum = families_by_name["Begum household"]
    given = referrals.referral_start(
        family=begum,
        by=practitioner,
        route=ReferralRoute.DIRECTORY_SERVICE,
        service="stoke-on-trent/family-hubs",
        person=begum.members.get(given_name="Rukhsana"),
        what_is_needed="Support for Rukhsana and Aisha after Aisha's disclosure at school.",
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
    build_front_door(families_by_name, users)


@dataclass(frozen=True)
class DemoPartnership:
    """One demo partnership: its packs, people, families and what happened to them."""

    slug: str
    name: str
    packs: tuple[str, ...]
    accounts: tuple[Account, ...]
    other_agencies: tuple[str, ...]
    families: tuple[FamilySpec, ...]
    casework: Callable[[Partnership, dict[str, User]], None]
    agency_leads: tuple[tuple[str, str], ...]
    """Who completes each agency's self-assessment: (agency, account ref); the first is
    Children's Services, then police, health and a school."""
    first_serial: int = 1
    """Where this partnership's test NHS numbers start, so the two never share one."""


STOKE = DemoPartnership(
    slug=STOKE_SLUG,
    name="Stoke-on-Trent (demo)",
    packs=STOKE_PACKS,
    accounts=ACCOUNTS,
    other_agencies=OTHER_AGENCIES,
    families=FAMILIES,
    casework=_stoke_casework,
    agency_leads=AGENCY_LEADS,
)


def demo_partnerships() -> tuple[DemoPartnership, ...]:
    from righthelp.demo.coventry import COVENTRY

    return (STOKE, COVENTRY)


def all_accounts() -> tuple[Account, ...]:
    """Every demo account, Stoke-on-Trent's first: what the sign-in message lists."""
    return tuple(account for demo in demo_partnerships() for account in demo.accounts)


def build_partnership(demo: DemoPartnership, *, password: str) -> tuple[Partnership, bool]:
    """One demo partnership with its accounts and families; (partnership, created).

    Run again, it keeps the records and only resets the accounts' passwords."""
    existing = Partnership.objects.filter(slug=demo.slug).first()
    if existing is not None:
        ensure_users(existing, demo.accounts, password)
        return existing, False
    partnership = partnership_create(name=demo.name, slug=demo.slug, pack_ids=demo.packs)
    for name in demo.other_agencies:
        Agency.objects.get_or_create(partnership=partnership, name=name)
    users = ensure_users(partnership, demo.accounts, password)
    for serial, spec in enumerate(demo.families, start=demo.first_serial):
        build_family(partnership, spec, users, serial)
    demo.casework(partnership, users)
    build_self_assessment(partnership, users, demo.agency_leads)
    # The demo dates its records behind the services' backs (requests sent days ago,
    # assessments completed months ago): count the dashboards' tallies again from them.
    tallies_rebuild([partnership.pk])
    return partnership, True


@transaction.atomic
def build_demo(*, password: str) -> list[tuple[Partnership, bool]]:
    """Every demo partnership; for each, (partnership, created)."""
    return [build_partnership(demo, password=password) for demo in demo_partnerships()]
