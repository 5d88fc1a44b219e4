"""The log of information shared about a family: what, with whom, when, on what lawful
basis, with or without consent, and why."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from righthelp.core.information_sharing import LAWFUL_BASIS_LABELS, LawfulBasis
from righthelp.families.models import Family, Person

BASIS_CHOICES = [(basis.value, LAWFUL_BASIS_LABELS[basis]) for basis in LawfulBasis]


class InformationShare(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="shares")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    what = models.TextField("What was shared")
    shared_with = models.CharField("Who it was shared with", max_length=300)
    shared_on = models.DateField("Date shared")
    lawful_basis = models.CharField(max_length=30, choices=BASIS_CHOICES)
    with_consent = models.BooleanField()
    reason = models.TextField("Why it was shared", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-shared_on", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lawful_basis__in=[b.value for b in LawfulBasis]),
                name="share_basis_valid",
            ),
            models.CheckConstraint(
                condition=Q(with_consent=True) | ~Q(reason=""),
                name="share_without_consent_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Shared with {self.shared_with} on {self.shared_on}"
