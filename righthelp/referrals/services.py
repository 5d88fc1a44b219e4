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
from righthelp.core.packs.schema import (
    Approver,
    ConsentRequirement,
    ConsentRoute,
    ReferralRoute,
    Rule,
)
from righthelp.core.referral_rules import (
    APPROVER_ROLE_NAMES,
    ConsentCheck,
    check_consent,
    either_of,
    never_disclosed,
)
from righthelp.dashboards.tallies import referral_sent
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
    if referral.approved_at and referral.approved_by_id:
        done.add(R.MANAGER_APPROVAL)
    if referral.approved_at and referral.approver_role:
        done.add(R.APPROVAL)
    if referral.consultation_outcome.strip():
        done.add(R.CONSULTATION_OUTCOME)
    # Approval given before sending means the undue-delay route was not taken.
    if referral.undue_delay_reason.strip() and not referral.approved_at:
        done.add(R.UNDUE_DELAY_REASON)
    if referral.approver_told_on:
        done.add(R.APPROVER_TOLD_AFTERWARDS)
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
    consultation_outcome: str = "",
    undue_delay_reason: str = "",
) -> Referral:
    """What the practitioner records about consent. Fields of other routes are cleared, so
    the record never claims two stories at once. On the refused route the outcome of the
    consultation, and the reason when seeking approval would cause undue delay, are kept."""
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
        consultation_outcome=consultation_outcome.strip() if refused else "",
        undue_delay_reason=undue_delay_reason.strip() if refused else "",
        # An approval was given for one story; a new story needs a new approval.
        **(
            {
                "approved_by": None,
                "approved_at": None,
                "approval_requested_at": None,
                "approver_role": "",
                "approver_name": "",
                "approval_recorded_by": None,
            }
            if changing_route
            else {}
        ),
    )
    _audit(by, referral, Action.CHANGED, consent_route=consent_route.value)
    return referral


def approval_needed(referral: Referral) -> bool:
    return consent_check(referral).needs_approval


def manager_may_give_approval(check: ConsentCheck) -> bool:
    """A manager of the team approving in Right Help meets this route's approval."""
    return check.needs_manager_approval or (
        check.needs_approval and Approver.MANAGER in check.approvers
    )


def approval_may_be_recorded(check: ConsentCheck) -> bool:
    """The practitioner may record an approval given by one of the route's approvers
    (the refused route: a manager, the Designated Senior Person or Named Professional)."""
    return R.APPROVAL in check.missing_before_sending and bool(check.approvers)


def refused_route_approvers(check: ConsentCheck) -> str:
    """Who may approve going ahead after a refusal, in words, whatever route is chosen."""
    needs = check.rule.routes.get(ConsentRoute.REFUSED) if check.rule else None
    return either_of(needs.approvers) if needs and needs.approvers else ""


def consultation_asked(check: ConsentCheck) -> bool:
    """The route asks for the outcome of the consultation to be recorded (the refused
    route: "the outcome of the consultation and any further advice should be fully
    recorded"), so whoever approves is shown what is on record of it."""
    needs = (
        check.rule.routes.get(check.consent_route) if check.rule and check.consent_route else None
    )
    return needs is not None and R.CONSULTATION_OUTCOME in needs.before_sending


@transaction.atomic
def referral_request_approval(*, referral: Referral, by: User) -> None:
    if not manager_may_give_approval(consent_check(referral)):
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
    if not manager_may_give_approval(consent_check(referral)):
        raise ValidationError("This referral does not need a manager's approval now.")
    _save(
        referral,
        referral.version,
        approved_by=by,
        approved_at=timezone.now(),
        approver_role=Approver.MANAGER.value,
        approver_name=by.display_name,
        approval_recorded_by=by,
        undue_delay_reason="",
    )
    _audit(by, referral, Action.CHANGED, approved=True, approver_role=Approver.MANAGER.value)
    return referral


@transaction.atomic
def referral_record_approval(
    *,
    referral: Referral,
    by: User,
    expected_version: int,
    approver_role: Approver,
    approver_name: str,
    consultation_outcome: str,
) -> Referral:
    """Record the approval, and the outcome of the consultation, given by one of the
    route's approvers: "a manager or the Designated Senior Person or Named Professional"."""
    check = consent_check(referral)
    if not approval_may_be_recorded(check):
        raise ValidationError("This referral does not need that approval now.")
    if approver_role not in check.approvers:
        raise ValidationError(f"The approval must come from {either_of(check.approvers)}.")
    if not approver_name.strip():
        raise ValidationError("Enter the name of the person who approved it")
    if not consultation_outcome.strip():
        raise ValidationError("Enter the outcome of the consultation and any further advice")
    _save(
        referral,
        expected_version,
        approved_by=None,
        approved_at=timezone.now(),
        approver_role=approver_role.value,
        approver_name=approver_name.strip(),
        approval_recorded_by=by,
        consultation_outcome=consultation_outcome.strip(),
        undue_delay_reason="",
    )
    _audit(by, referral, Action.CHANGED, approved=True, approver_role=approver_role.value)
    return referral


@transaction.atomic
def referral_send(*, referral: Referral, by: User) -> Referral:
    """Send it, if it has everything its route requires before sending; else refuse."""
    check = consent_check(referral)
    if check.needs_consent_route:
        raise ReferralNotSent(["Record whether the parent or carer agreed to the referral"])
    if check.missing_before_sending:
        raise ReferralNotSent(check.labels_before_sending())
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
    referral_sent(
        partnership_id=referral.family.partnership_id,
        sent_at=now,
        route=referral.route,
        consent=referral.consent_route,
    )
    _audit(by, referral, Action.CHANGED, sent=True, undue_delay=check.undue_delay)
    entry = (
        pack_set_for(referral.family.partnership).services_by_key.get(referral.service)
        if referral.service
        else None
    )
    to = entry.service.name if entry is not None else referral.get_route_display()
    what_happened = f"Request for service sent: {to}."
    if check.undue_delay:
        what_happened += (
            " Sent without approval first, because seeking it would have caused undue delay:"
            f" {referral.undue_delay_reason}"
        )
    elif referral.approver_role:
        what_happened += f" Approved by {approval_credit(referral)}."
    chronology_record(
        family=referral.family,
        by=by,
        kind=EntryKind.REFERRAL,
        significance=Significance.HIGH,
        what_happened=what_happened,
        occurred_on=timezone.localdate(now),
        never_disclosed=referral.never_disclosed,
        person=referral.person,
    )
    request_receive(referral=referral, by=by)  # into the front door's queue, if it has one
    return referral


@transaction.atomic
def referral_record_parent_told(
    *, referral: Referral, by: User, on: dt.date, expected_version: int | None = None
) -> Referral:
    """After a referral made without the parent's agreement: the parent was told. Refused
    (StaleEdit) if the referral was saved since ``expected_version``."""
    if referral.status != ReferralStatus.SENT:
        raise ValidationError("Record this once the referral has been sent.")
    if on > timezone.localdate():
        raise ValidationError("The date the parent was told must be today or in the past")
    if referral.sent_at and on < timezone.localdate(referral.sent_at):
        raise ValidationError("The parent is told after the referral is made: check the date")
    if not save_if_unchanged(Referral, referral.pk, expected_version, parent_told_on=on):
        raise StaleEdit(Referral.objects.filter(pk=referral.pk).first())
    referral.refresh_from_db()
    _audit(by, referral, Action.CHANGED, parent_told=True)
    return referral


def approval_credit(referral: Referral) -> str:
    """ "Sam Jones (Designated Senior Person)": who approved, by name and role."""
    role = APPROVER_ROLE_NAMES[Approver(referral.approver_role)]
    return f"{referral.approver_name} ({role})"


@transaction.atomic
def referral_record_approver_told(
    *,
    referral: Referral,
    by: User,
    on: dt.date,
    approver_role: Approver,
    approver_name: str,
    consultation_outcome: str,
) -> Referral:
    """After a referral sent on the undue-delay route: who was told, by role and name, on
    what date, and the outcome of the consultation and any further advice."""
    check = consent_check(referral)
    if referral.status != ReferralStatus.SENT or not check.undue_delay:
        raise ValidationError("Record this once a referral sent without approval has gone.")
    if approver_role not in check.approvers:
        raise ValidationError(f"Tell {either_of(check.approvers)}.")
    if not approver_name.strip():
        raise ValidationError("Enter the name of the person who was told")
    if not consultation_outcome.strip():
        raise ValidationError("Enter the outcome of the consultation and any further advice")
    if on > timezone.localdate():
        raise ValidationError("The date they were told must be today or in the past")
    if referral.sent_at and on < timezone.localdate(referral.sent_at):
        raise ValidationError("They are told after the referral is sent: check the date")
    save_if_unchanged(
        Referral,
        referral.pk,
        None,
        approver_told_on=on,
        approver_role=approver_role.value,
        approver_name=approver_name.strip(),
        approval_recorded_by=by,
        consultation_outcome=consultation_outcome.strip(),
    )
    referral.refresh_from_db()
    _audit(by, referral, Action.CHANGED, approver_told=True, approver_role=approver_role.value)
    chronology_record(
        family=referral.family,
        by=by,
        kind=EntryKind.REFERRAL,
        significance=Significance.MEDIUM,
        what_happened=(
            f"{approval_credit(referral)} told that the request for service "
            f"({referral.get_route_display()}) was sent without approval first."
        ),
        occurred_on=on,
        never_disclosed=referral.never_disclosed,
        person=referral.person,
    )
    return referral
