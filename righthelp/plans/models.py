"""The family plan: the Supporting Families criteria the family meets, what will count as
achieved, the actions and interventions, Team Around the Family reviews with scaling
scores, and the evidence that each outcome was achieved and sustained.

Criteria, interventions and evidence methods come from the partnership's packs; each
plan criterion stores the pack it came from (id, version, hash), so its wording survives
a new version of the toolkit.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from righthelp.assessments.models import Assessment
from righthelp.core.criterion_status import LABELS, CriterionStatus
from righthelp.families.models import Family, Person
from righthelp.partnerships.models import Agency

STATUS_CHOICES = [(status.value, LABELS[status]) for status in CriterionStatus]


class FamilyPlan(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="plans")
    assessment = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="plans"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    internal_notes = models.TextField(
        "Notes for practitioners only",
        blank=True,
        help_text="Never shown in the family's copy of the plan.",
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    # Agreed at each Team Around the Family meeting; past it, the review is overdue.
    next_review_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # Worklists and the dashboard's overdue work: a family's open plan and its
            # review date, from the family ids a person may see (never a scan of plans).
            models.Index(
                fields=["family", "next_review_on"],
                condition=Q(closed_at__isnull=True),
                name="plan_open_by_family",
            ),
        ]

    def __str__(self) -> str:
        return f"Family plan for {self.family}"


class PlanCriterion(models.Model):
    """A headline criterion the family (or one member) meets, e.g. 6.2 child going missing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="criteria")
    criterion_id = models.CharField(max_length=10)
    pack_id = models.CharField(max_length=80)
    pack_version = models.CharField(max_length=40)
    pack_hash = models.CharField(max_length=80)
    outcome_number = models.PositiveSmallIntegerField()
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=24, choices=STATUS_CHOICES, default=CriterionStatus.IDENTIFIED
    )
    identified_on = models.DateField(default=timezone.localdate)
    achieved_on = models.DateField(null=True, blank=True)
    sustained_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    custom_interventions = models.TextField("Other interventions", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["outcome_number", "criterion_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in CriterionStatus]),
                name="plan_criterion_status_valid",
            ),
            models.UniqueConstraint(
                fields=["plan", "criterion_id", "person"], name="criterion_once_per_person"
            ),
            models.UniqueConstraint(
                fields=["plan", "criterion_id"],
                condition=Q(person__isnull=True),
                name="criterion_once_for_whole_family",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id} ({self.get_status_display()})"


class PlanIntervention(models.Model):
    """An intervention chosen from the pack's list for the criterion."""

    criterion = models.ForeignKey(
        PlanCriterion, on_delete=models.CASCADE, related_name="interventions"
    )
    intervention_id = models.CharField(max_length=80)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "intervention_id"], name="intervention_once"
            ),
        ]

    def __str__(self) -> str:
        return self.intervention_id


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


OPEN_ACTION = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)
"""The statuses of an action still to be done: what counts as overdue or due."""


class PlanAction(models.Model):
    """What will be done, by whom, by when. Who: a directory service, an agency or a person."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="actions")
    criterion = models.ForeignKey(
        PlanCriterion, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    what = models.TextField("What will be done")
    owner_service = models.CharField(max_length=170, blank=True, help_text="pack-id/service-id")
    owner_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField("Named person", max_length=200, blank=True)
    due_on = models.DateField("Due by")
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(owner_service="") | Q(owner_agency__isnull=False) | ~Q(owner_name=""),
                name="action_has_an_owner",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="action_status_valid"
            ),
        ]
        indexes = [
            # Worklists and the dashboard's overdue work: a plan's open actions by due date.
            models.Index(
                fields=["plan", "due_on"],
                # Two equalities, not IN: PostgreSQL prints them back the same way, so
                # synth's drop-and-rebuild of indexes gives the same definition.
                condition=Q(status=ActionStatus.NOT_STARTED) | Q(status=ActionStatus.IN_PROGRESS),
                name="action_open_by_plan",
            ),
        ]

    def __str__(self) -> str:
        return self.what[:60]


class Review(models.Model):
    """A Team Around the Family meeting."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField("Date of the meeting")
    attendees = models.TextField("Who attended")
    summary = models.TextField("What was agreed", blank=True)
    internal_notes = models.TextField("Notes for practitioners only", blank=True)
    parent_scaling = models.PositiveSmallIntegerField(null=True, blank=True)
    young_person_scaling = models.PositiveSmallIntegerField(null=True, blank=True)
    next_review_on = models.DateField("Date of the next review", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["held_on", "recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent_scaling__isnull=True) | Q(parent_scaling__lte=10),
                name="parent_scaling_0_to_10",
            ),
            models.CheckConstraint(
                condition=Q(young_person_scaling__isnull=True) | Q(young_person_scaling__lte=10),
                name="young_person_scaling_0_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"Review on {self.held_on}"


class ActionProgress(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="progress")
    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(max_length=20, choices=ActionStatus.choices)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "action"], name="progress_once_per_review"),
        ]

    def __str__(self) -> str:
        return f"{self.action} at {self.review}"


class Evidence(models.Model):
    """Evidence that a criterion's outcome was achieved: one of the pack's methods."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    criterion = models.ForeignKey(PlanCriterion, on_delete=models.CASCADE, related_name="evidence")
    method_id = models.CharField(max_length=80)
    recorded_on = models.DateField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["recorded_on"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return f"{self.method_id} on {self.recorded_on}"


class StatusChange(models.Model):
    """The history of a criterion's status: who moved it, when, at which review."""

    criterion = models.ForeignKey(PlanCriterion, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=24, choices=STATUS_CHOICES)
    to_status = models.CharField(max_length=24, choices=STATUS_CHOICES)
    on = models.DateField()
    review = models.ForeignKey(
        Review, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} -> {self.to_status}"
