"""People who sign in: each belongs to a team of an agency of a partnership, with one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from righthelp.partnerships.models import Partnership, Team


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    MANAGER = "manager", "Manager"
    ANALYST = "analyst", "Partnership analyst"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PRACTITIONER)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )

    class Meta:
        constraints = [
            # Everyone but the installation's superusers works in a team.
            models.CheckConstraint(
                condition=Q(team__isnull=False) | Q(is_superuser=True), name="user_has_team"
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="user_role_valid"),
        ]

    @property
    def partnership(self) -> Partnership | None:
        return self.team.agency.partnership if self.team else None

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class AccountNotice(models.Model):
    """Something a person must be told about their account (their role changed, their
    two-factor authentication was reset), shown to them at their next sign-in.

    Right Help sends no email yet; when it does, these are what it sends.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notices")
    text = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    shown_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text
