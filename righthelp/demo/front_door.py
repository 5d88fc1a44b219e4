"""The demo's front door: the Integrated Front Door team, a ``frontdoor`` account, and a few
requests for service in its queue at different ages, made through the same services as the
pages and then dated."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from righthelp.accounts.models import Role, User
from righthelp.core.packs.schema import ConsentRoute, ReferralRoute
from righthelp.core.worklist import response_due
from righthelp.families.models import Family
from righthelp.frontdoor import services as front_door
from righthelp.frontdoor.models import Receipt
from righthelp.partnerships.models import Partnership, Team
from righthelp.partnerships.services import team_create
from righthelp.referrals import services as referrals

FRONT_DOOR_TEAM = "Integrated Front Door"
ACCOUNT = ("frontdoor", "Farah", "Quinn")

REQUESTS = (
    # family, who it is about, what is needed, days since it was received, what happened since
    (
        "Price household",
        "Kayleigh",
        "Kayleigh has been missing three times this month and is seen with older men.",
        4,
        "asked",
    ),
    (
        "Walsh household",
        None,
        "Domestic abuse reported by a neighbour; the children were at home.",
        1,
        "acknowledged",
    ),
    (
        "Okafor household",
        None,
        "The school reports the children arriving hungry and without coats most days.",
        0,
        "received",
    ),
)


def _front_door_user(partnership: Partnership, password: str) -> User:
    team = team_create(
        partnership=partnership, agency_name="Children's Services", team_name=FRONT_DOOR_TEAM
    )
    Team.objects.filter(pk=team.pk).update(front_door=True)
    username, first, last = ACCOUNT
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "role": Role.PRACTITIONER,
            "team": Team.objects.get(pk=team.pk),
        },
    )
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def _received_days_ago(receipt: Receipt, days: int) -> None:
    received = timezone.now() - dt.timedelta(days=days)
    rule = front_door.response_rule(receipt.partnership, receipt.referral.route)
    working_days = rule.decision_within_working_days if rule else 1
    Receipt.objects.filter(pk=receipt.pk).update(
        received_at=received,
        stage_since=received,
        decision_due_on=response_due(timezone.localdate(received), working_days),
    )
    type(receipt.referral).objects.filter(pk=receipt.referral_id).update(sent_at=received)
    receipt.refresh_from_db()


def build_front_door(
    partnership: Partnership, families: dict[str, Family], users: dict[str, User], *, password: str
) -> User:
    """The ``frontdoor`` account and its queue; returns the account."""
    door = _front_door_user(partnership, password)
    practitioner = users["practitioner"]
    for family_name, given_name, needed, days_ago, then in REQUESTS:
        family = families[family_name]
        person = family.members.get(given_name=given_name) if given_name else None
        referral = referrals.referral_start(
            family=family,
            by=practitioner,
            route=ReferralRoute.CHILDRENS_SOCIAL_CARE,
            what_is_needed=needed,
            person=person,
        )
        referral = referrals.referral_record_consent(
            referral=referral,
            by=practitioner,
            expected_version=referral.version,
            consent_route=ConsentRoute.GIVEN,
            consent_confirmed_on=timezone.localdate() - dt.timedelta(days=days_ago),
        )
        referrals.referral_send(referral=referral, by=practitioner)
        receipt = Receipt.objects.get(referral=referral)
        _received_days_ago(receipt, days_ago)
        if then in ("acknowledged", "asked"):
            front_door.request_acknowledge(receipt=receipt, by=door)
        if then == "asked":
            front_door.request_ask(
                receipt=receipt,
                by=door,
                question="Has Kayleigh had a return home interview after each missing episode?",
            )
    return door
