"""The append-only record of who looked at, created, changed or exported what, and when.

Rows are never updated or deleted: the model refuses it; underneath, database triggers
(migration 0003) refuse it on SQLite and PostgreSQL alike, with no way round them in a
deployment; and on PostgreSQL the application's own database role may only INSERT and
SELECT here (``righthelp db roles``). Each event carries ``hash``, chained to the event
before it (``righthelp.core.audit_chain``), so ``righthelp audit verify`` finds any event
changed, removed or slipped in by someone who got past all that. Details hold ids and field
names, never the personal data itself.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class Action(models.TextChoices):
    VIEWED = "viewed", "Viewed"
    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    EXPORTED = "exported", "Exported"
    REFUSED = "refused", "Refused access"
    BROKE_GLASS = "broke_glass", "Emergency access"
    SIGNED_IN = "signed_in", "Signed in"
    SIGNED_OUT = "signed_out", "Signed out"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    DELETED = "deleted", "Deleted"


class AuditEvent(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    record_type = models.CharField(max_length=40)
    record_id = models.CharField(max_length=64, blank=True)
    family_id = models.UUIDField(null=True, db_index=True)
    detail = models.JSONField(default=dict, blank=True)
    # sha256 of the previous event's hash and this event's content; set by ``audit``.
    hash = models.CharField(max_length=64, default="", editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        # The reads the product makes: a family's record of access, one person's actions,
        # and the log by date (``at`` has its own index). See docs/adr/0022.
        indexes = [
            models.Index(fields=["family_id", "-at"], name="audit_family_at"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=Action.values), name="audit_action_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.record_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogIsAppendOnly("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("audit events cannot be deleted")


class AuditLogIsAppendOnly(Exception):
    pass
