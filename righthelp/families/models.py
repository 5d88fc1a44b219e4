"""Families (households), the people in them, how they are related, and who works with them.

Identifiers in URLs are random UUIDs: nothing about a family can be read from an address.
``version`` numbers let an edit be refused when someone else saved first.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from righthelp.partnerships.models import Agency, Partnership


class Family(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="families")
    name = models.CharField("Family name", max_length=200)
    address_line_1 = models.CharField("Address line 1", max_length=200, blank=True)
    address_line_2 = models.CharField("Address line 2", max_length=200, blank=True)
    town = models.CharField("Town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    lead_practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="lead_families"
    )
    agencies = models.ManyToManyField(Agency, blank=True, related_name="families")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    # The family's level of need as its assessments stand, kept current on write by
    # ``assessments.family_level.family_level_refresh`` in the same transaction as the
    # assessment change, so lists, worklists and dashboards never recompute it from history.
    current_level = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    current_level_pack = models.CharField(max_length=80, blank=True, editable=False)
    current_level_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The outcome areas the latest completed assessment found an indicator in, one bit
    # each (bit n for outcome n): the dashboard counts families by outcome area from the
    # family rows, never from the findings (``core.outcome_bits``).
    current_outcomes = models.BigIntegerField(default=0, editable=False)
    pending_level = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    pending_since = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "families"
        indexes = [
            models.Index(fields=["partnership", "current_level"], name="family_partnership_level"),
            models.Index(
                fields=["pending_since"],
                condition=Q(pending_since__isnull=False),
                name="family_pending_signoff",
            ),
            # The decisions awaiting sign-off by level, and the longest wait, for the
            # whole partnership: as many entries as decisions wait (dashboards).
            models.Index(
                fields=["partnership", "pending_level", "pending_since"],
                condition=Q(pending_level__isnull=False),
                name="family_pending_by_partnership",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MemberKind(models.TextChoices):
    CHILD = "child", "Child or young person"
    ADULT = "adult", "Adult"


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    NOT_KNOWN = "not_known", "Not known"


class Person(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="members")
    kind = models.CharField(max_length=10, choices=MemberKind.choices)
    given_name = models.CharField("First name", max_length=100)
    family_name = models.CharField("Last name", max_length=100)
    date_of_birth = models.DateField(null=True, blank=True, db_index=True)
    gender = models.CharField(max_length=10, choices=Gender.choices, default=Gender.NOT_KNOWN)
    school_or_setting = models.CharField("School or setting", max_length=200, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, db_index=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kind", "date_of_birth", "given_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MemberKind.values), name="person_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(gender__in=Gender.values), name="person_gender_valid"
            ),
            models.CheckConstraint(
                condition=Q(nhs_number="") | Q(nhs_number__regex=r"^[0-9]{10}$"),
                name="person_nhs_number_ten_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class RelationshipKind(models.TextChoices):
    PARENT = "parent", "parent of"
    STEP_PARENT = "step_parent", "step-parent of"
    CARER = "carer", "carer of"
    GRANDPARENT = "grandparent", "grandparent of"
    SIBLING = "sibling", "sibling of"
    HALF_SIBLING = "half_sibling", "half-sibling of"
    PARTNER = "partner", "partner of"
    OTHER = "other", "other relative of"


class Relationship(models.Model):
    """``person`` is <kind> ``relative``: "Amy is parent of Ben"."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="relationships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "relative"], name="one_relationship_per_pair"
            ),
            models.CheckConstraint(condition=~Q(person=F("relative")), name="not_related_to_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person} is {self.get_kind_display()} {self.relative}"


class FamilyWorker(models.Model):
    """A practitioner working with the family: what gives them, and their managers, access."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="workers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="family_work"
    )
    since = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["family", "user"], name="worker_once_per_family"),
        ]
        # Whose families: a user's (or their team's) worker rows give family ids from the
        # index alone (see ``access.visible_family_ids``).
        indexes = [models.Index(fields=["user", "family"], name="worker_user_family")]

    def __str__(self) -> str:
        return f"{self.user} works with {self.family_id}"


class EmergencyAccess(models.Model):
    """A recorded "break glass": someone not working with the family opened its record."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="emergency_access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "expires_at"], name="emergency_user_expires")]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("granted_at")), name="emergency_access_expires_later"
            ),
        ]

    def __str__(self) -> str:
        return f"Emergency access by {self.user} until {self.expires_at:%Y-%m-%d %H:%M}"
