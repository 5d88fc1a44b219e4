"""Summaries the analyst's whole-partnership figures read instead of every family row (ADR
0054), kept by ``dashboards.tallies`` in the same transaction as the write they summarise.

A level of 0 stands for none (not assessed), so every key column is a plain value and one
``INSERT ... ON CONFLICT`` adds to a row on PostgreSQL and SQLite alike."""

from __future__ import annotations

from django.db import models

from righthelp.families.models import Family
from righthelp.partnerships.models import Partnership


class FamilyTally(models.Model):
    """How many of a partnership's families have each current level and set of outcome
    areas (``Family.current_level``, 0 for none, and ``Family.current_outcomes``)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    current_level = models.PositiveSmallIntegerField()
    current_outcomes = models.BigIntegerField()
    families = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "current_level", "current_outcomes"],
                name="family_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.families} families at level {self.current_level}"


class LevelChange(models.Model):
    """A change of a family's level: on ``day`` (the local date of the completion of the
    assessment that set it) from ``from_level`` (0: not assessed) to ``to_level``. What
    the family's rows in ``MovementTally`` were counted from, so a later write can take
    them back out whatever happened to the assessments since."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    from_level = models.PositiveSmallIntegerField()
    to_level = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return f"{self.day}: level {self.from_level} to {self.to_level}"


class MovementTally(models.Model):
    """Level changes of a partnership's families on ``day``, by from-level, to-level and
    the family's current level: the movement figure for any period ending today is the
    current levels with the changes since its start taken back (``tallies.movement``)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    from_level = models.PositiveSmallIntegerField()
    to_level = models.PositiveSmallIntegerField()
    current_level = models.PositiveSmallIntegerField()
    changes = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "day", "from_level", "to_level", "current_level"],
                name="movement_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.changes} changes from {self.from_level} to {self.to_level}"


class DueKind(models.TextChoices):
    REVIEW = "review", "Open plans by agreed review date"
    ACTION = "action", "Open actions of open plans by due date"


class PlanDueTally(models.Model):
    """A partnership's open plans by their next review date, and the not-started or
    in-progress actions of its open plans by their due date: what is overdue today is
    every row before today (``tallies.overdue``)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=DueKind.choices)
    day = models.DateField()
    due = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "kind", "day"], name="plan_due_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.due} {self.kind} due on {self.day}"


class ReferralTally(models.Model):
    """Requests for service a partnership's practitioners sent on ``day`` (local date),
    by route and consent route."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    route = models.CharField(max_length=30)
    consent_route = models.CharField(max_length=30)
    sent = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "day", "route", "consent_route"], name="referral_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sent} sent on {self.day} by {self.route}"
