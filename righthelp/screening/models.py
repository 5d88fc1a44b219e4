"""Child exploitation screenings, the low-risk safety plan, and intelligence for the police.

A screening is about one young person and stores the pack id, version and content hash of
the instrument it used, and the bands that instrument gave, so an old screening always
shows the wording it was made with (``packstore.selectors.pack_as_used``).

The source of intelligence lives in its own table, reachable only from the source's side
(``related_name="+"``): nothing that renders the shareable body of a submission can reach
it by following a relation.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from righthelp.families.models import Family, Person


class Screening(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="screenings")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="screenings")
    screened_on = models.DateField("Date of the screening")
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    score = models.PositiveSmallIntegerField()
    vulnerabilities = models.PositiveSmallIntegerField()
    risk_indicators = models.PositiveSmallIntegerField()
    significant_risk_indicators = models.PositiveSmallIntegerField()

    pack_id = models.CharField(max_length=80)
    pack_version = models.CharField(max_length=40)
    pack_hash = models.CharField(max_length=80)
    instrument_id = models.CharField(max_length=80)
    score_band = models.CharField(max_length=80)
    count_band = models.CharField(max_length=80)
    bands_disagree = models.BooleanField()

    decision = models.TextField("Decision")

    screen_again_by = models.DateField("Screen again by", null=True, blank=True)
    """When the young person is to be screened again: the partnership's setting
    (``workflow.screen_again`` in the pack) unless the practitioner chose another date."""
    screen_again_reason = models.TextField(blank=True)
    """Why the date differs from the partnership's setting (empty when it does not)."""

    class Meta:
        ordering = ["-screened_on", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=0)
                & Q(vulnerabilities__gte=0)
                & Q(risk_indicators__gte=0)
                & Q(significant_risk_indicators__gte=0),
                name="screening_numbers_not_negative",
            ),
            models.CheckConstraint(condition=~Q(decision=""), name="screening_has_decision"),
            models.CheckConstraint(
                condition=(Q(bands_disagree=True) & ~Q(score_band=F("count_band")))
                | Q(bands_disagree=False, score_band=F("count_band")),
                name="screening_disagreement_matches_bands",
            ),
        ]
        indexes = [
            models.Index(
                fields=["family", "person", "screened_on"], name="screening_person_date_idx"
            ),
            models.Index(fields=["screen_again_by"], name="screening_again_idx"),
        ]

    def __str__(self) -> str:
        return f"Screening of {self.person_id} on {self.screened_on}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMPLETE = "complete", "Saved"


class SafetyPlan(models.Model):
    """The safety plan a low-risk screening calls for: one text per section of the pack's
    plan (by section id), and the safe adult the young person can talk to."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    screening = models.OneToOneField(
        Screening, on_delete=models.CASCADE, related_name="safety_plan"
    )
    sections = models.JSONField(default=dict, blank=True)
    safe_adult = models.TextField("Safe adult the young person can talk to", blank=True)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PlanStatus.values), name="safety_plan_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=PlanStatus.DRAFT) | Q(completed_at__isnull=False),
                name="saved_safety_plan_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Safety plan ({self.get_status_display()})"


class IntelligenceSubmission(models.Model):
    """The shareable body of intelligence for the police. Its source is not here."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="intelligence")
    victims = models.TextField("Victims", blank=True)
    perpetrators = models.TextField("Perpetrators", blank=True)
    locations = models.TextField("Locations", blank=True)
    what_happened = models.TextField("What was seen or what happened")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    sent_on = models.DateField("Date sent to the police", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(what_happened=""), name="intelligence_says_what_happened"
            ),
            models.CheckConstraint(
                condition=Q(sent_on__isnull=True, sent_by__isnull=True)
                | Q(sent_on__isnull=False, sent_by__isnull=False),
                name="intelligence_sent_by_someone_on_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Intelligence {self.pk}"

    @property
    def is_sent(self) -> bool:
        return self.sent_on is not None


class SourceKnows(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"


class IntelligenceSource(models.Model):
    """Where the information came from: kept apart, seen only by the submitter and managers
    with access to the family, never part of the shared body."""

    submission = models.OneToOneField(
        IntelligenceSubmission, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    who = models.TextField("Who gave the information")
    how = models.TextField("How the information was given or found out")
    knows_shared = models.CharField(
        "Do they know it is being shared with the police?",
        max_length=10,
        choices=SourceKnows.choices,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(knows_shared__in=SourceKnows.values),
                name="intelligence_source_knows_valid",
            ),
            models.CheckConstraint(
                condition=~Q(who="") & ~Q(how=""), name="intelligence_source_complete"
            ),
        ]

    def __str__(self) -> str:
        return f"Source of intelligence {self.submission_id}"
