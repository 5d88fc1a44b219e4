"""Writes for the information-sharing log."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.chronology.models import EntryKind, Significance
from righthelp.chronology.services import chronology_record
from righthelp.core.information_sharing import LawfulBasis, sharing_problems
from righthelp.families.models import Family, Person
from righthelp.sharing.models import InformationShare


class SharingRefused(ValidationError):
    pass


@transaction.atomic
def share_record(
    *,
    family: Family,
    by: User,
    what: str,
    shared_with: str,
    shared_on: dt.date,
    lawful_basis: LawfulBasis | None,
    with_consent: bool,
    reason: str = "",
    person: Person | None = None,
) -> InformationShare:
    problems = sharing_problems(with_consent=with_consent, lawful_basis=lawful_basis, reason=reason)
    if problems:
        raise SharingRefused({problem.field: problem.message for problem in problems})
    if lawful_basis is None:  # for the type checker: sharing_problems refused it already
        raise SharingRefused({"lawful_basis": "Select the lawful basis for sharing"})
    if person is not None and person.family_id != family.pk:
        raise ValidationError("Choose a member of this family.")
    if shared_on > timezone.localdate():
        raise ValidationError({"shared_on": "The date shared must be today or in the past"})
    share = InformationShare.objects.create(
        family=family,
        person=person,
        what=what.strip(),
        shared_with=shared_with.strip(),
        shared_on=shared_on,
        lawful_basis=lawful_basis,
        with_consent=with_consent,
        reason=reason.strip(),
        recorded_by=by,
    )
    audit(
        actor=by,
        action=Action.CREATED,
        record_type="information_share",
        record_id=share.pk,
        family_id=family.pk,
        detail={"with_consent": with_consent},
    )
    chronology_record(
        family=family,
        by=by,
        kind=EntryKind.SHARING,
        significance=Significance.LOW if with_consent else Significance.MEDIUM,
        what_happened=f"Information shared with {share.shared_with}"
        + ("." if with_consent else " without consent."),
        occurred_on=shared_on,
        person=person,
    )
    return share
