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
            [
                R.REASON_FOR_PROCEEDING,
                R.APPROVAL,
                R.CONSULTATION_OUTCOME,
                R.SOCIAL_CARE_TOLD_CONSENT_WITHHELD,
            ],
            [R.PARENT_TOLD_AFTER_REFERRAL],
        ),
        (
            ConsentRoute.REFUSED,
            [R.REASON_FOR_PROCEEDING, R.APPROVAL, R.CONSULTATION_OUTCOME],
            [R.SOCIAL_CARE_TOLD_CONSENT_WITHHELD],
            [R.PARENT_TOLD_AFTER_REFERRAL],
        ),
        (
            ConsentRoute.REFUSED,
            [
                R.REASON_FOR_PROCEEDING,
                R.APPROVAL,
                R.CONSULTATION_OUTCOME,
                R.SOCIAL_CARE_TOLD_CONSENT_WITHHELD,
                R.PARENT_TOLD_AFTER_REFERRAL,
            ],
            [],
            [],
        ),
        # A manager's approval in Right Help is not the refused route's "approval" on its
        # own: the route asks for one of its approvers, recorded by role and name.
        (
            ConsentRoute.REFUSED,
            [R.REASON_FOR_PROCEEDING, R.MANAGER_APPROVAL, R.CONSULTATION_OUTCOME],
            [R.APPROVAL, R.SOCIAL_CARE_TOLD_CONSENT_WITHHELD],
            [R.PARENT_TOLD_AFTER_REFERRAL],
        ),
        # "unless to do so would cause undue delay": the reason replaces approval and the
        # consultation before sending; the approver is told and the outcome recorded after.
        (
            ConsentRoute.REFUSED,
            [R.REASON_FOR_PROCEEDING, R.UNDUE_DELAY_REASON, R.SOCIAL_CARE_TOLD_CONSENT_WITHHELD],
            [],
            [R.PARENT_TOLD_AFTER_REFERRAL, R.APPROVER_TOLD_AFTERWARDS, R.CONSULTATION_OUTCOME],
        ),
        (
            ConsentRoute.REFUSED,
            [
                R.REASON_FOR_PROCEEDING,
                R.UNDUE_DELAY_REASON,
                R.SOCIAL_CARE_TOLD_CONSENT_WITHHELD,
                R.PARENT_TOLD_AFTER_REFERRAL,
                R.APPROVER_TOLD_AFTERWARDS,
                R.CONSULTATION_OUTCOME,
            ],
            [],
            [],
        ),
        # No undue-delay route where consent was not sought: their manager must approve.
        (
            ConsentRoute.NOT_SOUGHT,
            [R.REASON_NOT_SOUGHT, R.UNDUE_DELAY_REASON],
            [R.MANAGER_APPROVAL],
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


def test_the_refused_route_names_who_may_approve() -> None:
    check = check_consent(rules(), CSC, ConsentRoute.REFUSED, [])
    assert check.needs_approval and not check.needs_manager_approval
    assert check.undue_delay_allowed and not check.undue_delay
    assert check.labels_before_sending()[1] == (
        "Get approval from a manager, the Designated Senior Person or the Named Professional"
    )


def test_the_not_sought_route_names_the_manager_only() -> None:
    check = check_consent(rules(), CSC, ConsentRoute.NOT_SOUGHT, [R.REASON_NOT_SOUGHT])
    assert check.needs_manager_approval and not check.approvers
    assert not check.undue_delay_allowed
    assert check.labels_before_sending() == ["Get a manager's approval"]
