"""A family's chronology: dated entries from anyone working with the family, and the
assessments, level changes, sign-offs, exploitation screenings, safety plans and intelligence
for the police that the product records by itself."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from righthelp.families.models import Family, Person
from righthelp.partnerships.models import Agency


class Significance(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class EntryKind(models.TextChoices):
    NOTE = "note", "Entry"
    ASSESSMENT = "assessment", "Assessment"
    LEVEL_CHANGE = "level_change", "Level of need changed"
    SIGN_OFF = "sign_off", "Manager sign-off"
    PLAN = "plan", "Family plan"
    REFERRAL = "referral", "Request for service"
    SHARING = "sharing", "Information shared"
    DISAGREEMENT = "disagreement", "Professional disagreement"
    SCREENING = "screening", "Exploitation screening"
    SAFETY_PLAN = "safety_plan", "Safety plan"
    INTELLIGENCE = "intelligence", "Intelligence for the police"


class ChronologyEntry(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="chronology")
    occurred_on = models.DateField("Date")
    # The time of day, local. Entries made before times were recorded have none and show
    # only their date.
    occurred_at = models.TimeField("Time", null=True, blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    what_happened = models.TextField("What happened")
    significance = models.CharField(max_length=10, choices=Significance.choices)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="chronology"
    )
    kind = models.CharField(max_length=20, choices=EntryKind.choices, default=EntryKind.NOTE)
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    # About a referral the family must not be told of (Prevent): never in family outputs.
    never_disclosed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-occurred_on", "-recorded_at"]
        verbose_name_plural = "chronology entries"
        # A family's chronology, newest first, from the index (see docs/adr/0022).
        indexes = [
            models.Index(
                fields=["family", "-occurred_on", "-recorded_at"], name="chronology_family_date"
            ),
            models.Index(fields=["recorded_at"], name="chronology_recorded_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(significance__in=Significance.values),
                name="chronology_significance_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EntryKind.values), name="chronology_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_kind_display()}"
