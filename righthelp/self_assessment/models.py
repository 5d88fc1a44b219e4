"""The partnership self-assessment: rounds, each agency's response, its ratings, and the
action plan that answers the gaps.

A round stores the pack id, version and content hash of the instrument it uses, so a
closed round always shows the questions it asked (``packstore.selectors.pack_as_used``).
Ratings are option ids of the instrument's scale (good, some, minimal, none).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from righthelp.partnerships.models import Agency, Partnership


class RoundStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Round(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="self_assessment_rounds"
    )
    title = models.CharField(max_length=200)
    opened_on = models.DateField()
    closes_on = models.DateField()
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    pack_id = models.CharField(max_length=80)
    pack_version = models.CharField(max_length=40)
    pack_hash = models.CharField(max_length=80)
    instrument_id = models.CharField(max_length=80)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RoundStatus.values), name="round_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opened_on")), name="round_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(status=RoundStatus.OPEN) | Q(closed_at__isnull=False),
                name="closed_round_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class ResponseStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


class AgencyResponse(models.Model):
    """One agency's self-assessment in one round, completed by people of that agency."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.NOT_STARTED
    )
    sections_saved = models.JSONField(default=list, blank=True)
    """Ids of the areas whose page has been saved at least once, for the task list."""
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "agency"], name="one_response_per_agency"),
            models.CheckConstraint(
                condition=Q(status__in=ResponseStatus.values), name="response_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=ResponseStatus.SUBMITTED) | Q(submitted_at__isnull=False),
                name="submitted_response_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} in {self.round}"


class QuestionRating(models.Model):
    response = models.ForeignKey(AgencyResponse, on_delete=models.CASCADE, related_name="ratings")
    question_id = models.CharField(max_length=80)
    rating = models.CharField(max_length=40, blank=True)
    """A scale option id; blank while not yet rated."""
    evidence = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["response", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question_id"], name="one_rating_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.rating or 'not rated'}"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class PlanAction(models.Model):
    """An action in the round's action plan, owned by an agency, answering questions."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField("Action")
    owner = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="plan_action_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class ActionQuestion(models.Model):
    """The questions an action answers: a many-to-many to the instrument's question ids."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="questions")
    question_id = models.CharField(max_length=80)

    class Meta:
        ordering = ["action", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "question_id"], name="question_once_per_action"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action_id} answers {self.question_id}"
