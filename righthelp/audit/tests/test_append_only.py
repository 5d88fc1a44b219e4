"""The audit log can be added to, never changed or emptied: by the model or by raw SQL."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from righthelp.audit.models import Action, AuditEvent, AuditLogIsAppendOnly
from righthelp.audit.services import audit
from righthelp.audit.testing import _override
from righthelp.conftest import Cast


@pytest.fixture
def event(cast: Cast) -> AuditEvent:
    _override(False)
    return audit(
        actor=cast.alice,
        action=Action.VIEWED,
        record_type="family_overview",
        record_id=cast.family.pk,
        family_id=cast.family.pk,
    )


def test_the_model_refuses_changes_and_deletes(event: AuditEvent) -> None:
    event.detail = {"tampered": True}
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_auditevent SET action = 'changed'", "DELETE FROM audit_auditevent"],
)
def test_the_database_refuses_changes_and_deletes(event: AuditEvent, statement: str) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEvent.objects.filter(pk=event.pk, action=Action.VIEWED).exists()


def test_queryset_bulk_updates_are_refused_too(event: AuditEvent) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action=Action.CHANGED)
