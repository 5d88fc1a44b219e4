"""Writes for professional disagreements and their escalation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.chronology.models import EntryKind, Significance
from righthelp.chronology.services import chronology_record
from righthelp.core.escalation import escalation_policy, next_stage
from righthelp.disagreements.models import Disagreement, EscalationStep
from righthelp.families.models import Family
from righthelp.partnerships.models import Agency
from righthelp.partnerships.selectors import pack_set_for
from righthelp.versioned import StaleEdit, save_if_unchanged


def _not_future(day: dt.date, label: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(f"{label} must be today or in the past")


@transaction.atomic
def disagreement_raise(
    *, family: Family, by: User, about: str, raised_on: dt.date, agencies: Iterable[Agency]
) -> Disagreement:
    chosen = list(agencies)
    if len(chosen) < 2:
        raise ValidationError({"agencies": "Select the agencies that disagree: at least two"})
    if any(agency.partnership_id != family.partnership_id for agency in chosen):
        raise ValidationError({"agencies": "Choose agencies in this partnership"})
    _not_future(raised_on, "The date raised")
    disagreement = Disagreement.objects.create(
        family=family, about=about.strip(), raised_on=raised_on, raised_by=by
    )
    disagreement.agencies.set(chosen)
    audit(
        actor=by,
        action=Action.CREATED,
        record_type="disagreement",
        record_id=disagreement.pk,
        family_id=family.pk,
    )
    chronology_record(
        family=family,
        by=by,
        kind=EntryKind.DISAGREEMENT,
        significance=Significance.MEDIUM,
        what_happened="Professional disagreement raised.",
        occurred_on=raised_on,
    )
    return disagreement


@transaction.atomic
def disagreement_escalate(
    *,
    disagreement: Disagreement,
    by: User,
    on: dt.date,
    escalated_to: str,
    note: str = "",
    expected_version: int | None = None,
) -> EscalationStep:
    """The next stage of the escalation policy. Refused (StaleEdit) if the disagreement was
    saved since ``expected_version``: two people escalating at once never both take the
    same stage."""
    if disagreement.resolved_on is not None:
        raise ValidationError("This disagreement is resolved.")
    _not_future(on, "The date escalated")
    if not save_if_unchanged(Disagreement, disagreement.pk, expected_version):
        raise StaleEdit(Disagreement.objects.filter(pk=disagreement.pk).first())
    steps = list(disagreement.steps.all())
    if on < (steps[-1].on if steps else disagreement.raised_on):
        raise ValidationError("A stage cannot be earlier than the one before it")
    policy = escalation_policy(pack_set_for(disagreement.family.partnership).rules())
    stage = next_stage(policy, len(steps))
    if stage is None:
        raise ValidationError("Every stage of the escalation policy has been used.")
    number, title = stage
    step = EscalationStep.objects.create(
        disagreement=disagreement,
        stage=number,
        stage_title=title,
        on=on,
        escalated_to=escalated_to.strip(),
        note=note.strip(),
        recorded_by=by,
    )
    audit(
        actor=by,
        action=Action.CHANGED,
        record_type="disagreement",
        record_id=disagreement.pk,
        family_id=disagreement.family_id,
        detail={"stage": number},
    )
    chronology_record(
        family=disagreement.family,
        by=by,
        kind=EntryKind.DISAGREEMENT,
        significance=Significance.MEDIUM,
        occurred_on=on,
        what_happened=f"Professional disagreement escalated: {title}.",
    )
    return step


@transaction.atomic
def disagreement_resolve(
    *, disagreement: Disagreement, by: User, on: dt.date, outcome: str
) -> Disagreement:
    if not outcome.strip():
        raise ValidationError({"outcome": "Enter the outcome"})
    _not_future(on, "The date resolved")
    if on < disagreement.raised_on:
        raise ValidationError("It cannot be resolved before it was raised")
    # Only an open disagreement is resolved: of two people resolving it at once, the second
    # is told, rather than writing over the first one's outcome.
    resolved = Disagreement.objects.filter(pk=disagreement.pk, resolved_on__isnull=True).update(
        resolved_on=on, outcome=outcome.strip()
    )
    if not resolved:
        raise ValidationError(
            "Someone else recorded this disagreement as resolved after you opened the page. "
            "The page now shows their outcome."
        )
    disagreement.refresh_from_db()
    audit(
        actor=by,
        action=Action.CHANGED,
        record_type="disagreement",
        record_id=disagreement.pk,
        family_id=disagreement.family_id,
        detail={"resolved": True},
    )
    chronology_record(
        family=disagreement.family,
        by=by,
        kind=EntryKind.DISAGREEMENT,
        significance=Significance.LOW,
        occurred_on=on,
        what_happened="Professional disagreement resolved.",
    )
    return disagreement
