"""Professional disagreements about a child's safety, and their escalation through the
stages of the partnership's escalation policy."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from righthelp.families.models import Family
from righthelp.partnerships.models import Agency


class Disagreement(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="disagreements")
    agencies = models.ManyToManyField(Agency, related_name="+")
    about = models.TextField("What the disagreement is about")
    raised_on = models.DateField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    resolved_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    # Raised by each escalation: a save names the version it started from (righthelp.versioned).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-raised_on"]

    def __str__(self) -> str:
        return f"Disagreement raised {self.raised_on}"


class EscalationStep(models.Model):
    """One stage reached: the stage's number, and its title from the policy where the pack
    holds the policy's stages."""

    disagreement = models.ForeignKey(Disagreement, on_delete=models.CASCADE, related_name="steps")
    stage = models.PositiveSmallIntegerField()
    stage_title = models.CharField(max_length=200)
    on = models.DateField()
    escalated_to = models.CharField("Escalated to", max_length=300)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["stage"]
        constraints = [
            models.UniqueConstraint(fields=["disagreement", "stage"], name="stage_once"),
        ]

    def __str__(self) -> str:
        return f"Stage {self.stage}: {self.stage_title}"
