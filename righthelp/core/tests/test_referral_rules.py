"""The consent rules for a request for service, every route allowed and refused, with
Stoke-on-Trent's rules as the partnership's policy."""

from __future__ import annotations

from functools import cache

import pytest

from righthelp.core.packs.registry import PackRegistry
from righthelp.core.packs.schema import ConsentRequirement, ConsentRoute, ReferralRoute, Rule
from righthelp.core.referral_rules import check_consent, never_disclosed

R = ConsentRequirement
CSC = ReferralRoute.CHILDRENS_SOCIAL_CARE


@cache
def rules() -> tuple[Rule, ...]:
    return PackRegistry().get("stoke-on-trent").rules


def test_a_social_care_referral_needs_a_consent_route_first() -> None:
    check = check_consent(rules(), CSC, None, [])
    assert check.needs_consent_route and not check.may_send


@pytest.mark.parametrize(
    ("route", "recorded", "missing_before", "missing_after"),
    [
        (ConsentRoute.GIVEN, [], [R.CONSENT_CONFIRMED], []),
        (ConsentRoute.GIVEN, [R.CONSENT_CONFIRMED], [], []),
        (ConsentRoute.NOT_SOUGHT, [], [R.REASON_NOT_SOUGHT, R.MANAGER_APPROVAL], []),
        (ConsentRoute.NOT_SOUGHT, [R.REASON_NOT_SOUGHT], [R.MANAGER_APPROVAL], []),
        (ConsentRoute.NOT_SOUGHT, [R.REASON_NOT_SOUGHT, R.MANAGER_APPROVAL], [], []),
        (
            ConsentRoute.REFUSED,
            [],
            [R.REASON_FOR_PROCEEDING, R.MANAGER_APPROVAL, R.SOCIAL_CARE_TOLD_CONSENT_WITHHELD],
            [R.PARENT_TOLD_AFTER_REFERRAL],
        ),
        (
            ConsentRoute.REFUSED,
            [R.REASON_FOR_PROCEEDING, R.MANAGER_APPROVAL],
            [R.SOCIAL_CARE_TOLD_CONSENT_WITHHELD],
            [R.PARENT_TOLD_AFTER_REFERRAL],
        ),
        (
            ConsentRoute.REFUSED,
            [R.REASON_FOR_PROCEEDING, R.MANAGER_APPROVAL, R.SOCIAL_CARE_TOLD_CONSENT_WITHHELD],
            [],
            [R.PARENT_TOLD_AFTER_REFERRAL],
        ),
        (
            ConsentRoute.REFUSED,
            [
                R.REASON_FOR_PROCEEDING,
                R.MANAGER_APPROVAL,
                R.SOCIAL_CARE_TOLD_CONSENT_WITHHELD,
                R.PARENT_TOLD_AFTER_REFERRAL,
            ],
            [],
            [],
        ),
    ],
)
def test_each_consent_route(
    route: ConsentRoute,
    recorded: list[R],
    missing_before: list[R],
    missing_after: list[R],
) -> None:
    check = check_consent(rules(), CSC, route, recorded)
    assert list(check.missing_before_sending) == missing_before
    assert list(check.missing_after_sending) == missing_after
    assert check.may_send == (not missing_before)


@pytest.mark.parametrize(
    "route", [ReferralRoute.EARLY_HELP, ReferralRoute.PREVENT, ReferralRoute.DIRECTORY_SERVICE]
)
def test_routes_without_a_consent_rule_may_be_sent(route: ReferralRoute) -> None:
    check = check_consent(rules(), route, None, [])
    assert check.may_send and check.rule is None


def test_prevent_referrals_are_never_disclosed() -> None:
    assert never_disclosed(rules(), ReferralRoute.PREVENT)
    assert not never_disclosed(rules(), CSC)
    assert not never_disclosed((), ReferralRoute.PREVENT)
