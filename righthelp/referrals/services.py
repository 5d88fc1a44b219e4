"""Writes for requests for service, under the partnership's consent rules.

``core.referral_rules.check_consent`` decides what a referral still needs; this module
records it and refuses to send a referral that lacks what its route requires.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from righthelp.accounts.models import Role, User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.chronology.models import EntryKind, Significance
from righthelp.chronology.services import chronology_record
from righthelp.core.packs.schema import ConsentRequirement, ConsentRoute, ReferralRoute, Rule
from righthelp.core.referral_rules import (
    REQUIREMENT_LABELS,
    ConsentCheck,
    check_consent,
    never_disclosed,
)
from righthelp.families.models import Family, Person
from righthelp.frontdoor.services import request_receive
from righthelp.partnerships.selectors import pack_set_for
from righthelp.referrals.models import Referral, ReferralStatus
from righthelp.versioned import StaleEdit, save_if_unchanged

R = ConsentRequirement


class ReferralNotSent(Exception):
    """The referral lacks what its route requires; ``missing`` says what, in order."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("; ".join(missing))
        self.missing = missing


def _rules(referral: Referral) -> tuple[Rule, ...]:
    return pack_set_for(referral.family.partnership).rules()


def recorded(referral: Referral) -> set[ConsentRequirement]:
    """The consent requirements this referral has on record."""
    done: set[ConsentRequirement] = set()
    if referral.consent_confirmed_on:
        done.add(R.CONSENT_CONFIRMED)
    if referral.reason_not_sought.strip():
        done.add(R.REASON_NOT_SOUGHT)
    if referral.reason_for_proceeding.strip():
        done.add(R.REASON_FOR_PROCEEDING)
    if referral.approved_at:
        done.add(R.MANAGER_APPROVAL)
    if referral.social_care_told_on:
        done.add(R.SOCIAL_CARE_TOLD_CONSENT_WITHHELD)
    if referral.parent_told_on:
        done.add(R.PARENT_TOLD_AFTER_REFERRAL)
    return done


def consent_check(referral: Referral) -> ConsentCheck:
    return check_consent(
        _rules(referral),
        ReferralRoute(referral.route),
        ConsentRoute(referral.consent_route) if referral.consent_route else None,
        recorded(referral),
    )


def _audit(by: User, referral: Referral, action: Action, **detail: Any) -> None:
    audit(
        actor=by,
        action=action,
        record_type="referral",
        record_id=referral.pk,
        family_id=referral.family_id,
        detail=detail,
    )


def _save(referral: Referral, expected_version: int, **values: Any) -> None:
    draft = {"status": ReferralStatus.DRAFT}
    if not save_if_unchanged(Referral, referral.pk, expected_version, where=draft, **values):
        current = Referral.objects.get(pk=referral.pk)
        if current.status != ReferralStatus.DRAFT:
            raise ValidationError("This referral has been sent and cannot be changed.")
        raise StaleEdit(current)
    referral.refresh_from_db()


@transaction.atomic
def referral_start(
    *,
    family: Family,
    by: User,
    route: ReferralRoute,
    what_is_needed: str,
    person: Person | None = None,
    service: str = "",
) -> Referral:
    if person is not None and person.family_id != family.pk:
        raise ValidationError("Choose a member of this family.")
    packs = pack_set_for(family.partnership)
    if route == ReferralRoute.DIRECTORY_SERVICE and packs.services_by_key.get(service) is None:
        raise ValidationError("Choose the service from the directory.")
    referral = Referral.objects.create(
        family=family,
        person=person,
        route=route,
        service=service if route == ReferralRoute.DIRECTORY_SERVICE else "",
        what_is_needed=what_is_needed.strip(),
        never_disclosed=never_disclosed(packs.rules(), route),
        created_by=by,
    )
    _audit(by, referral, Action.CREATED, route=route.value)
    return referral


@transaction.atomic
def referral_record_consent(
    *,
    referral: Referral,
    by: User,
    expected_version: int,
    consent_route: ConsentRoute,
    consent_confirmed_on: dt.date | None = None,
    reason_not_sought: str = "",
    reason_for_proceeding: str = "",
    social_care_told_on: dt.date | None = None,
) -> Referral:
    """What the practitioner records about consent. Fields of other routes are cleared, so
    the record never claims two stories at once."""
    given, not_sought, refused = (
        consent_route == ConsentRoute.GIVEN,
        consent_route == ConsentRoute.NOT_SOUGHT,
        consent_route == ConsentRoute.REFUSED,
    )
    changing_route = referral.consent_route != consent_route.value
    _save(
        referral,
        expected_version,
        consent_route=consent_route,
        consent_confirmed_on=consent_confirmed_on if given else None,
        reason_not_sought=reason_not_sought.strip() if not_sought else "",
        reason_for_proceeding=reason_for_proceeding.strip() if refused else "",
        social_care_told_on=social_care_told_on if refused else None,
        # An approval was given for one story; a new story needs a new approval.
        **(
            {"approved_by": None, "approved_at": None, "approval_requested_at": None}
            if changing_route
            else {}
        ),
    )
    _audit(by, referral, Action.CHANGED, consent_route=consent_route.value)
    return referral


def approval_needed(referral: Referral) -> bool:
    return consent_check(referral).needs_manager_approval


@transaction.atomic
def referral_request_approval(*, referral: Referral, by: User) -> None:
    if not approval_needed(referral):
        raise ValidationError("This referral does not need a manager's approval now.")
    Referral.objects.filter(pk=referral.pk).update(approval_requested_at=timezone.now())
    _audit(by, referral, Action.CHANGED, approval_requested=True)


def may_approve(referral: Referral, manager: User) -> bool:
    return (
        manager.role == Role.MANAGER
        and manager.pk != referral.created_by_id
        and manager.team_id is not None
        and referral.created_by.team_id == manager.team_id
    )


@transaction.atomic
def referral_approve(*, referral: Referral, by: User) -> Referral:
    if not may_approve(referral, by):
        raise PermissionDenied("Only a manager of the referrer's team can approve this.")
    if not approval_needed(referral):
        raise ValidationError("This referral does not need a manager's approval now.")
    _save(referral, referral.version, approved_by=by, approved_at=timezone.now())
    _audit(by, referral, Action.CHANGED, approved=True)
    return referral


@transaction.atomic
def referral_send(*, referral: Referral, by: User) -> Referral:
    """Send it, if it has everything its route requires before sending; else refuse."""
    check = consent_check(referral)
    if check.needs_consent_route:
        raise ReferralNotSent(["Record whether the parent or carer agreed to the referral"])
    if check.missing_before_sending:
        raise ReferralNotSent([REQUIREMENT_LABELS[r] for r in check.missing_before_sending])
    now = timezone.now()
    draft = {"status": ReferralStatus.DRAFT}
    sent = save_if_unchanged(
        Referral,
        referral.pk,
        None,
        where=draft,
        status=ReferralStatus.SENT,
        sent_by=by,
        sent_at=now,
    )
    if not sent:
        raise ValidationError("This referral has already been sent.")
    referral.refresh_from_db()
    _audit(by, referral, Action.CHANGED, sent=True)
    chronology_record(
        family=referral.family,
        by=by,
        kind=EntryKind.REFERRAL,
        significance=Significance.HIGH,
        what_happened=f"Request for service sent: {referral.get_route_display()}.",
        occurred_on=timezone.localdate(now),
        never_disclosed=referral.never_disclosed,
        person=referral.person,
    )
    request_receive(referral=referral, by=by)  # into the front door's queue, if it has one
    return referral


@transaction.atomic
def referral_record_parent_told(*, referral: Referral, by: User, on: dt.date) -> Referral:
    """After a referral made without the parent's agreement: the parent was told."""
    if referral.status != ReferralStatus.SENT:
        raise ValidationError("Record this once the referral has been sent.")
    if on > timezone.localdate():
        raise ValidationError("The date the parent was told must be today or in the past")
    if referral.sent_at and on < timezone.localdate(referral.sent_at):
        raise ValidationError("The parent is told after the referral is made: check the date")
    save_if_unchanged(Referral, referral.pk, None, parent_told_on=on)
    referral.refresh_from_db()
    _audit(by, referral, Action.CHANGED, parent_told=True)
    return referral
