"""A subject access request received about someone in a family, and who prepared the
record for it. What the record holds is built afresh, from what may be disclosed, each
time it is produced (``selectors.subject_access_record``)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from righthelp.families.models import Family, Person


class Requester(models.TextChoices):
    THE_PERSON = "the_person", "The person themselves"
    PARENT = "parent", "A parent or carer, for a child"
    REPRESENTATIVE = "representative", "Someone else acting with their authority"


class SubjectAccessRequest(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="access_requests")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access_requests")
    received_on = models.DateField("Date the request was received")
    requester = models.CharField(max_length=20, choices=Requester.choices)
    due_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    last_produced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_produced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(requester__in=Requester.values), name="sar_requester_valid"
            ),
            models.CheckConstraint(
                condition=Q(due_on__gt=models.F("received_on")), name="sar_due_after_received"
            ),
        ]

    def __str__(self) -> str:
        return f"Subject access request received {self.received_on}"


class WithheldKind(models.TextChoices):
    REFERRAL = "referral", "Request for service"
    CHRONOLOGY_ENTRY = "chronology_entry", "Chronology entry"


class WithholdingDecision(models.Model):
    """A manager's decision, with its reason, on one item the partnership's rules never
    disclose to the family (a Prevent referral and its chronology entries): withheld from
    this request's record, or included in it. The record is not produced until every such
    item has one, so nothing is left out silently."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    request = models.ForeignKey(
        SubjectAccessRequest, on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(max_length=20, choices=WithheldKind.choices)
    record_id = models.UUIDField()
    withhold = models.BooleanField()
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind", "record_id"], name="one_decision_per_item"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=WithheldKind.values), name="withheld_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="withholding_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{'Withheld' if self.withhold else 'Included'}: {self.get_kind_display()}"
