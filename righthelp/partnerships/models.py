"""A safeguarding partnership, the packs it uses, and its agencies and teams."""

from __future__ import annotations

from django.db import models


class Partnership(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    # Counts below this are suppressed in anything meant to leave the partnership.
    small_number_threshold = models.PositiveSmallIntegerField(default=5)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnershipPack(models.Model):
    """A pack the partnership uses; the lowest position wins where packs overlap."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="packs")
    pack_id = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["partnership", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "pack_id"], name="pack_once_per_partnership"
            ),
            models.UniqueConstraint(
                fields=["partnership", "position"], name="pack_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.pack_id}"


class Agency(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="agency_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)
    front_door = models.BooleanField(
        default=False,
        help_text=(
            "The partnership's front door (Integrated Front Door or MASH): its members receive "
            "and decide requests for service."
        ),
    )

    class Meta:
        ordering = ["agency__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="team_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency.name})"
