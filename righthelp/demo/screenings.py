"""The demo's exploitation screenings, a low-risk safety plan and intelligence for the police.

In Coventry, Shannon Doherty is screened twice (medium, then high); Callum Byrne once (low),
with a saved safety plan; the Doherty household has intelligence waiting to be sent, its source
recorded apart. Everyone and everything here is invented: the phone number is from the
range Ofcom keeps for drama, the vehicle has no registration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.chronology.models import ChronologyEntry, EntryKind
from righthelp.core.exploitation_bands import SeenCounts
from righthelp.families.models import Family, Person
from righthelp.screening import services
from righthelp.screening.models import (
    IntelligenceSubmission,
    SafetyPlan,
    Screening,
    SourceKnows,
)


@dataclass(frozen=True)
class PastScreening:
    family: str
    given_name: str
    days_ago: int
    score: int
    counts: tuple[int, int, int]
    decision: str


SCREENINGS = (
    PastScreening(
        "Doherty household",
        "Shannon",
        70,
        4,
        (4, 3, 0),
        "Medium risk. Followed the local safeguarding procedure: discussed with the Horizon "
        "Team and made a MASH referral. Strategy discussion to follow.",
    ),
    PastScreening(
        "Doherty household",
        "Shannon",
        25,
        2,
        (5, 4, 1),
        "High risk: missing overnight twice and seen with older males in a car. Strategy "
        "discussion held the same day; police informed.",
    ),
    PastScreening(
        "Byrne household",
        "Callum",
        12,
        7,
        (3, 1, 0),
        "Low risk. A single agency safety plan with school and the youth service; review in "
        "six weeks or sooner if anything changes.",
    ),
)

CALLUM_PLAN = {
    "risk-factors": (
        "Callum spends evenings in the park where older boys are known to sell drugs. The "
        "youth worker will meet him there on Tuesdays and Thursdays and offer the boxing club "
        "instead."
    ),
    "awareness-raising": (
        "Six one-to-one sessions with the school mentor on healthy friendships, grooming and "
        "staying safe online."
    ),
    "education-training-employment": (
        "Head of year to check attendance weekly; a place on the after-school music project."
    ),
    "family-support": (
        "Siobhan to be offered the Family Hub parenting group. Callum's uncle takes him to "
        "football on Saturdays."
    ),
    "other-concerns": "None at present.",
}
CALLUM_SAFE_ADULT = "His uncle Michael, who takes him to football on Saturdays."

INTELLIGENCE = {
    "victims": "Shannon Doherty, 16, Year 11 at Eastfield Academy.",
    "perpetrators": (
        "A man in his twenties known as 'Jay', slim, short dark hair. Drives a silver hatchback "
        "(registration not seen). Contacts Shannon on 07700 900461."
    ),
    "locations": "The car park behind the shops on Lythalls Lane, late evenings.",
    "what_happened": (
        "On three evenings in the last fortnight Shannon was seen getting into the silver "
        "hatchback at about 10pm. She came home the next morning with a new phone and would "
        "not say where she had been."
    ),
}


def _person(family: Family, given_name: str) -> Person:
    return family.members.get(given_name=given_name)


def _backdate_screening(screening: Screening, days_ago: int) -> None:
    when = timezone.now() - timedelta(days=days_ago)
    Screening.objects.filter(pk=screening.pk).update(recorded_at=when)
    ChronologyEntry.objects.filter(
        family=screening.family, kind=EntryKind.SCREENING, occurred_on=screening.screened_on
    ).update(recorded_at=when)


def build_screenings(partnership_families: dict[str, Family], users: dict[str, User]) -> None:
    practitioner = users["practitioner"]
    callum_low: Screening | None = None
    for past in SCREENINGS:
        family = partnership_families[past.family]
        screening = services.screening_record(
            family=family,
            by=practitioner,
            person=_person(family, past.given_name),
            screened_on=timezone.localdate() - timedelta(days=past.days_ago),
            score=past.score,
            counts=SeenCounts(*past.counts),
            decision=past.decision,
        )
        _backdate_screening(screening, past.days_ago)
        if past.given_name == "Callum":
            callum_low = screening
    if callum_low is not None:
        plan = services.safety_plan_save(
            screening=callum_low,
            by=practitioner,
            expected_version=0,
            sections=CALLUM_PLAN,
            safe_adult=CALLUM_SAFE_ADULT,
            complete=True,
        )
        when = timezone.now() - timedelta(days=10)
        SafetyPlan.objects.filter(pk=plan.pk).update(
            created_at=when, updated_at=when, completed_at=when
        )
        ChronologyEntry.objects.filter(family=callum_low.family, kind=EntryKind.SAFETY_PLAN).update(
            occurred_on=timezone.localdate(when), recorded_at=when
        )

    doherty = partnership_families["Doherty household"]
    submission = services.intelligence_create(family=doherty, by=practitioner, texts=INTELLIGENCE)
    services.intelligence_source_record(
        submission=submission,
        by=practitioner,
        expected_version=0,
        who="Shannon's friend Chloe (Year 11), who asked not to be named to Shannon.",
        how="Told the practitioner in a one-to-one session at school.",
        knows_shared=SourceKnows.YES,
    )
    when = timezone.now() - timedelta(days=3)
    IntelligenceSubmission.objects.filter(pk=submission.pk).update(created_at=when, updated_at=when)
