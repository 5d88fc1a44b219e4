"""A file prepared in the background for the one person who asked for it: a large export or
PDF that would hold a web request too long. Kept in the data directory for a stated time,
then deleted by the worker. The row holds ids and dates only, never personal data."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class PreparedKind(models.TextChoices):
    PARTNERSHIP_REPORT = "partnership_report", "The partnership report (PDF)"
    SUBJECT_ACCESS_RECORD = "subject_access_record", "A subject access record (PDF)"
    AUDIT_LOG = "audit_log", "Audit log events (CSV)"


class PreparedStatus(models.TextChoices):
    WAITING = "waiting", "Being prepared"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Could not be prepared"
    DELETED = "deleted", "Deleted after its time"


class PreparedFile(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=40, choices=PreparedKind.choices)
    params = models.JSONField(default=dict, blank=True)
    """What to prepare, as ids and dates (a family's id, a period): never names."""
    family_id = models.UUIDField(null=True, blank=True)
    """The family whose record it is, for the audit log (None for partnership figures)."""
    status = models.CharField(
        max_length=10, choices=PreparedStatus.choices, default=PreparedStatus.WAITING
    )
    return_to = models.CharField(max_length=200, blank=True)
    """The page it was asked for from (a path of ids), for the way back."""
    file_name = models.CharField(max_length=120, blank=True)
    """The name it downloads as: a kind and a date, never a person's name."""
    content_type = models.CharField(max_length=80, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)
    """The kind of error when it could not be prepared (never the content)."""
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=PreparedStatus.READY)
                | Q(ready_at__isnull=False, expires_at__isnull=False),
                name="prepared_file_ready_has_times",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"], name="prepared_expiry_idx")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.requested_by_id} ({self.status})"
