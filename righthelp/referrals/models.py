"""Requests for service: to early help, Children's Social Care (the Integrated Front Door
or MASH), Prevent or a directory service, under the partnership's consent rules."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from righthelp.core.packs.schema import Approver, ConsentRoute, ReferralRoute
from righthelp.core.referral_rules import APPROVER_ROLE_NAMES
from righthelp.families.models import Family, Person

ROUTE_CHOICES = [
    (ReferralRoute.EARLY_HELP.value, "Early help"),
    (
        ReferralRoute.CHILDRENS_SOCIAL_CARE.value,
        "Children's Social Care (Integrated Front Door or MASH)",
    ),
    (ReferralRoute.PREVENT.value, "Prevent"),
    (ReferralRoute.DIRECTORY_SERVICE.value, "A service in the directory"),
]
CONSENT_CHOICES = [
    (ConsentRoute.GIVEN.value, "The parent or carer agreed to the referral"),
    (ConsentRoute.NOT_SOUGHT.value, "Consent was not sought"),
    (ConsentRoute.REFUSED.value, "The parent or carer refused"),
]

APPROVER_CHOICES = [(a.value, APPROVER_ROLE_NAMES[a]) for a in Approver]


class ReferralStatus(models.TextChoices):
    DRAFT = "draft", "Not sent"
    SENT = "sent", "Sent"


class Referral(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="referrals")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    route = models.CharField(max_length=30, choices=ROUTE_CHOICES)
    service = models.CharField(max_length=170, blank=True, help_text="pack-id/service-id")
    what_is_needed = models.TextField("What help is needed, and why")
    status = models.CharField(
        max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT
    )
    # Set from the partnership's rules when the referral is made: never shown to the family.
    never_disclosed = models.BooleanField(default=False)

    consent_route = models.CharField(max_length=30, choices=CONSENT_CHOICES, blank=True)
    consent_confirmed_on = models.DateField(null=True, blank=True)
    reason_not_sought = models.TextField(blank=True)
    reason_for_proceeding = models.TextField(blank=True)
    approval_requested_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # Who approved, by role and name: a manager approving in Right Help, or an approver
    # (a manager, the Designated Senior Person or Named Professional) whose approval the
    # practitioner recorded. On the undue-delay route, who was told afterwards.
    approver_role = models.CharField(max_length=30, choices=APPROVER_CHOICES, blank=True)
    approver_name = models.CharField(max_length=200, blank=True)
    approval_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    consultation_outcome = models.TextField(blank=True)
    undue_delay_reason = models.TextField(blank=True)
    approver_told_on = models.DateField(null=True, blank=True)
    social_care_told_on = models.DateField(null=True, blank=True)
    parent_told_on = models.DateField(null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # Referrals waiting for a manager's approval, by family: a team's few, looked up
            # from the team's family ids (ADR 0051), not every referral its people made.
            models.Index(
                fields=["family", "approval_requested_at"],
                condition=Q(
                    status=ReferralStatus.DRAFT,
                    approval_requested_at__isnull=False,
                    approved_at__isnull=True,
                ),
                name="referral_awaiting_approval",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(route__in=[c for c, _ in ROUTE_CHOICES]), name="referral_route_valid"
            ),
            models.CheckConstraint(
                condition=Q(consent_route="")
                | Q(consent_route__in=[c for c, _ in CONSENT_CHOICES]),
                name="referral_consent_route_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=ReferralStatus.DRAFT) | Q(sent_at__isnull=False),
                name="sent_referral_has_date",
            ),
            models.CheckConstraint(
                condition=Q(approver_role="")
                | Q(approver_role__in=[c for c, _ in APPROVER_CHOICES]),
                name="referral_approver_role_valid",
            ),
            models.CheckConstraint(
                condition=~Q(route=ReferralRoute.DIRECTORY_SERVICE.value) | ~Q(service=""),
                name="directory_referral_names_service",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_route_display()} ({self.get_status_display()})"
