"""A front door team and a sent request for service, made through the services."""

from __future__ import annotations

from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.conftest import Cast
from righthelp.core.packs.schema import ConsentRoute, ReferralRoute
from righthelp.frontdoor.models import Receipt
from righthelp.partnerships.models import Team
from righthelp.referrals import services as referrals
from righthelp.referrals.models import Referral
from righthelp.testing.factories import make_user, team


def front_door_worker(username: str = "fiona") -> User:
    door: Team = team("Integrated Front Door")
    Team.objects.filter(pk=door.pk).update(front_door=True)
    return make_user(
        username, first_name="Fiona", last_name="Ford", team_=Team.objects.get(pk=door.pk)
    )


def sent_request(
    cast: Cast, route: ReferralRoute = ReferralRoute.CHILDRENS_SOCIAL_CARE
) -> Referral:
    referral = referrals.referral_start(
        family=cast.family,
        by=cast.alice,
        route=route,
        what_is_needed="Tom has told his teacher he is frightened to go home.",
        person=cast.child,
    )
    referral = referrals.referral_record_consent(
        referral=referral,
        by=cast.alice,
        expected_version=referral.version,
        consent_route=ConsentRoute.GIVEN,
        consent_confirmed_on=timezone.localdate(),
    )
    return referrals.referral_send(referral=referral, by=cast.alice)


def receipt_of(referral: Referral) -> Receipt:
    return Receipt.objects.get(referral=referral)
