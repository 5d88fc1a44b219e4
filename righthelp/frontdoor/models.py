"""A request for service as the partnership's front door receives it: its reference, when it
came, when a decision is due, the questions asked of its sender and the decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from righthelp.core.front_door import Stage, reference_for
from righthelp.partnerships.models import Partnership
from righthelp.referrals.models import Referral

STAGE_CHOICES = [
    (Stage.RECEIVED.value, "Received"),
    (Stage.ACKNOWLEDGED.value, "Acknowledged"),
    (Stage.INFORMATION_REQUESTED.value, "More information asked for"),
    (Stage.DECIDED.value, "Decided"),
]


class Receipt(models.Model):
    """One sent request for service in the front door's queue. The integer id is the
    reference (RFS-000123): no personal data."""

    id = models.BigAutoField(primary_key=True)
    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="receipt")
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    rule_id = models.CharField(max_length=80, help_text="The pack rule it was received under")
    received_at = models.DateTimeField(default=timezone.now)
    decision_due_on = models.DateField()
    stage = models.CharField(max_length=30, choices=STAGE_CHOICES, default=Stage.RECEIVED.value)
    stage_since = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision = models.CharField(max_length=80, blank=True)
    decision_title = models.TextField(blank=True, help_text="As the pack worded it then")
    decision_reason = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lead_practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["received_at"]
        indexes = [
            models.Index(fields=["partnership", "stage", "received_at"], name="receipt_queue"),
            # The requests still to decide (the queue, and the count in the front door's
            # navigation and worklist), oldest first: read in order, never sorted whole
            # (ADR 0051). Two equalities, not IN: PostgreSQL prints them back the same way.
            models.Index(
                fields=["partnership", "received_at"],
                condition=Q(stage=Stage.RECEIVED.value) | Q(stage=Stage.ACKNOWLEDGED.value),
                name="receipt_open_by_arrival",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=[c for c, _ in STAGE_CHOICES]), name="receipt_stage_valid"
            ),
            models.CheckConstraint(
                condition=~Q(stage=Stage.DECIDED.value)
                | (Q(decided_at__isnull=False) & ~Q(decision="") & ~Q(decision_reason="")),
                name="decided_receipt_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return reference_for(self.pk)


class Question(models.Model):
    """The front door asks the sender for more information; the sender answers."""

    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="questions")
    question = models.TextField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer=""),
                name="answered_question_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"Question on {self.receipt_id}"
