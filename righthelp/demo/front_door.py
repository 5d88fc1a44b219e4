"""The demo's front door: the Integrated Front Door team, a ``frontdoor`` account, and a few
requests for service in its queue at different ages, made through the same services as the
pages and then dated."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from righthelp.accounts.models import Role, User
from righthelp.core.packs.schema import ConsentRoute, ReferralRoute
from righthelp.core.worklist import response_due
from righthelp.demo.specs import Account
from righthelp.families.models import Family
from righthelp.frontdoor import services as front_door
from righthelp.frontdoor.models import Receipt
from righthelp.partnerships.models import Team
from righthelp.referrals import services as referrals

FRONT_DOOR_TEAM = "Integrated Front Door"
FRONT_DOOR_ACCOUNT = Account(
    "frontdoor", "Farah", "Quinn", Role.PRACTITIONER, "Children's Services", FRONT_DOOR_TEAM
)

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


def _mark_front_door(user: User) -> None:
    if user.team_id is None:
        raise ValueError("the front door account has no team")
    Team.objects.filter(pk=user.team_id).update(front_door=True)
    user.refresh_from_db()
    if user.team is not None:
        user.team.refresh_from_db()


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


def build_front_door(families: dict[str, Family], users: dict[str, User]) -> User:
    """The ``frontdoor`` account's team made the front door, and its queue; returns the
    account."""
    door = users[FRONT_DOOR_ACCOUNT.ref]
    _mark_front_door(door)
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
