"""Writes for families and people: keyword-only, one transaction, one audit event each.

An edit carries the version the practitioner started from; if someone saved since, the
edit is refused with ``StaleEdit`` and nothing is overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.dashboards.tallies import family_added
from righthelp.families.access import does_casework_in
from righthelp.families.models import (
    EmergencyAccess,
    Family,
    FamilyWorker,
    Person,
    Relationship,
    RelationshipKind,
)
from righthelp.partnerships.models import Agency, Partnership
from righthelp.versioned import StaleEdit, save_if_unchanged

EMERGENCY_ACCESS_HOURS = 4
V = TypeVar("V", Family, Person)

FAMILY_FIELDS = ("name", "address_line_1", "address_line_2", "town", "postcode")
PERSON_FIELDS = (
    "kind",
    "given_name",
    "family_name",
    "date_of_birth",
    "gender",
    "school_or_setting",
    "nhs_number",
)


def _worker_add(family: Family, user: User, added_by: User) -> None:
    FamilyWorker.objects.get_or_create(family=family, user=user, defaults={"added_by": added_by})


@transaction.atomic
def family_create(
    *,
    partnership: Partnership,
    created_by: User,
    name: str,
    lead_practitioner: User | None = None,
    agencies: Iterable[Agency] = (),
    **address: str,
) -> Family:
    lead = lead_practitioner or created_by
    family = Family.objects.create(
        partnership=partnership,
        name=name,
        lead_practitioner=lead,
        created_by=created_by,
        **{key: value for key, value in address.items() if key in FAMILY_FIELDS},
    )
    family_added(partnership.pk)
    family.agencies.set(agencies)
    for worker in {created_by, lead}:
        _worker_add(family, worker, created_by)
    audit(
        actor=created_by,
        action=Action.CREATED,
        record_type="family",
        record_id=family.pk,
        family_id=family.pk,
    )
    return family


def _changed_fields(record: Any, changes: Mapping[str, Any], allowed: Iterable[str]) -> list[str]:
    return [name for name in allowed if name in changes and getattr(record, name) != changes[name]]


def _save_if_unchanged_since(record: V, expected_version: int, **values: Any) -> None:
    """Write ``values`` only if nobody saved the record after ``expected_version``."""
    model = type(record)
    if not save_if_unchanged(model, record.pk, expected_version, **values):
        raise StaleEdit(model.objects.get(pk=record.pk))


@transaction.atomic
def family_update(
    *,
    family: Family,
    by: User,
    expected_version: int,
    changes: Mapping[str, Any],
    agencies: Iterable[Agency] | None = None,
    lead_practitioner: User | None = None,
) -> Family:
    fields = _changed_fields(family, changes, FAMILY_FIELDS)
    _save_if_unchanged_since(
        family,
        expected_version,
        **{name: changes[name] for name in fields},
        **({"lead_practitioner": lead_practitioner} if lead_practitioner else {}),
        updated_at=timezone.now(),
    )
    if agencies is not None:
        family.agencies.set(agencies)
        fields.append("agencies")
    if lead_practitioner is not None and lead_practitioner.pk != family.lead_practitioner_id:
        _worker_add(family, lead_practitioner, by)
        fields.append("lead_practitioner")
    audit(
        actor=by,
        action=Action.CHANGED,
        record_type="family",
        record_id=family.pk,
        family_id=family.pk,
        detail={"fields": fields},
    )
    family.refresh_from_db()
    return family


@transaction.atomic
def person_add(*, family: Family, by: User, **details: Any) -> Person:
    person = Person.objects.create(
        family=family, **{key: value for key, value in details.items() if key in PERSON_FIELDS}
    )
    audit(
        actor=by,
        action=Action.CREATED,
        record_type="person",
        record_id=person.pk,
        family_id=family.pk,
    )
    return person


@transaction.atomic
def person_update(
    *, person: Person, by: User, expected_version: int, changes: Mapping[str, Any]
) -> Person:
    fields = _changed_fields(person, changes, PERSON_FIELDS)
    _save_if_unchanged_since(person, expected_version, **{name: changes[name] for name in fields})
    audit(
        actor=by,
        action=Action.CHANGED,
        record_type="person",
        record_id=person.pk,
        family_id=person.family_id,
        detail={"fields": fields},
    )
    person.refresh_from_db()
    return person


@transaction.atomic
def relationship_set(
    *, family: Family, by: User, person: Person, relative: Person, kind: RelationshipKind
) -> Relationship:
    if person.family_id != family.pk or relative.family_id != family.pk:
        raise ValidationError("Both people must be members of this family.")
    if person.pk == relative.pk:
        raise ValidationError("Choose two different people.")
    relationship, _ = Relationship.objects.update_or_create(
        person=person, relative=relative, defaults={"family": family, "kind": kind}
    )
    audit(
        actor=by,
        action=Action.CHANGED,
        record_type="relationship",
        record_id=relationship.pk,
        family_id=family.pk,
    )
    return relationship


@transaction.atomic
def worker_add(*, family: Family, by: User, user: User) -> None:
    if not does_casework_in(user, family.partnership):
        raise ValidationError("Only practitioners and managers in this partnership can be added.")
    _worker_add(family, user, by)
    audit(
        actor=by,
        action=Action.CHANGED,
        record_type="family_workers",
        record_id=user.pk,
        family_id=family.pk,
    )


@transaction.atomic
def emergency_access_grant(*, family: Family, user: User, reason: str) -> EmergencyAccess:
    """Break glass: time-limited access for someone not working with the family, recorded."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Enter why you need to see this family's records now")
    if not does_casework_in(user, family.partnership):
        raise ValidationError("Only practitioners and managers in this partnership can do this.")
    now = timezone.now()
    grant = EmergencyAccess.objects.create(
        family=family,
        user=user,
        reason=reason,
        granted_at=now,
        expires_at=now + timedelta(hours=EMERGENCY_ACCESS_HOURS),
    )
    audit(
        actor=user,
        action=Action.BROKE_GLASS,
        record_type="family",
        record_id=family.pk,
        family_id=family.pk,
        detail={"expires_at": grant.expires_at.isoformat()},
    )
    return grant
