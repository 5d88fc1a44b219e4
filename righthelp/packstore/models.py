"""Every pack version a record has used, kept so old records show the wording they were
made with."""

from __future__ import annotations

from django.db import models


class PackSnapshot(models.Model):
    pack_id = models.CharField(max_length=80)
    version = models.CharField(max_length=40)
    content_hash = models.CharField(max_length=80, unique=True)
    content = models.JSONField()
    first_used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pack_id", "first_used_at"]

    def __str__(self) -> str:
        return f"{self.pack_id} {self.version} ({self.content_hash[:15]})"
