"""Threshold assessments: the indicators seen for each person, the conversation around
them, the level of need and, at the highest level, a manager's sign-off.

Each assessment stores the pack id, version and content hash it was made with, so it
always shows the wording it was made with (``packstore.selectors.pack_as_used``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from righthelp.families.models import Family, Person


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_SIGNOFF = "awaiting_signoff", "Waiting for sign-off"
    COMPLETED = "completed", "Completed"


class Assessment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="assessments")
    pack_id = models.CharField(max_length=80)
    pack_version = models.CharField(max_length=40)
    pack_hash = models.CharField(max_length=80)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)

    working_well = models.TextField("What is working well", blank=True)
    worried_about = models.TextField("What are we worried about", blank=True)
    needs_to_happen = models.TextField("What needs to happen", blank=True)
    child_wishes = models.TextField("The child's wishes and feelings", blank=True)
    parents_view = models.TextField("The parents' or carers' view", blank=True)
    # What the practitioner saw, in their words: suggestions of indicators come from it.
    what_was_seen = models.TextField("What was seen", blank=True)

    indicator_level = models.PositiveSmallIntegerField(null=True, blank=True)
    final_level = models.PositiveSmallIntegerField(null=True, blank=True)
    override_reason = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    returned_comment = models.TextField(blank=True)
    # The manager's comment when signing off; where they agreed at a different level, the
    # level the practitioner submitted is kept and the comment is the reason.
    signoff_comment = models.TextField(blank=True)
    submitted_level = models.PositiveSmallIntegerField(null=True, blank=True)
    # Outcome numbers whose page has been saved at least once, for the task list.
    outcomes_reviewed = models.JSONField(default=list, blank=True)

    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            # The family's latest completed and oldest waiting assessment (family_level).
            models.Index(
                fields=["family", "status", "completed_at"], name="assessment_family_status"
            ),
            # A family's level at a moment (the dashboard's movement between levels): its
            # latest completed assessment before then, read from the index alone.
            models.Index(
                fields=["family", "-completed_at", "-id"],
                include=["final_level"],
                condition=Q(status="completed"),
                name="assessment_completed_level",
            ),
            # A practitioner's own assessments not yet submitted (their worklist), oldest
            # first: the few drafts, not every assessment they ever started (ADR 0051).
            models.Index(
                fields=["started_by", "started_at"],
                condition=Q(status="draft"),
                name="assessment_draft_by_starter",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="assessment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT)
                | Q(final_level__isnull=False, submitted_at__isnull=False),
                name="submitted_assessment_has_level",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[Status.DRAFT, Status.AWAITING_SIGNOFF])
                | Q(completed_at__isnull=False),
                name="completed_assessment_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment of {self.family} ({self.get_status_display()})"


class IndicatorFinding(models.Model):
    """An indicator ticked for one person, or for the whole family when ``person`` is empty.

    The outcome and level are copied from the pack when ticked, so counts by level and
    outcome run in the database.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    indicator_id = models.CharField(max_length=80)
    outcome_number = models.PositiveSmallIntegerField()
    level = models.PositiveSmallIntegerField()
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator_id", "person"], name="finding_once_per_person"
            ),
            models.UniqueConstraint(
                fields=["assessment", "indicator_id"],
                condition=Q(person__isnull=True),
                name="finding_once_for_whole_family",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} ({self.person_id or 'whole family'})"
