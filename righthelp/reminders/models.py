"""Who wants reminder emails, and every reminder email: queued, sent, retried or failed, so
none is lost silently. An email holds only kinds of work, counts and a link."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ReminderChoice(models.Model):
    """A person's choice: a daily email digest, or only the worklist. No row: the default,
    the email digest (when the installation sends email and they have an address)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_choice"
    )
    by_email = models.BooleanField(default=True)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id}: {'email' if self.by_email else 'worklist only'}"


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    SENT = "sent", "Sent"
    RETRYING = "retrying", "Failed, to be tried again"
    FAILED = "failed", "Failed, not tried again"


class ReminderEmail(models.Model):
    """One digest to one person for one day (never two for the same day)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    for_day = models.DateField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "for_day"], name="one_digest_a_day"),
            models.CheckConstraint(
                condition=~Q(status=EmailStatus.SENT) | Q(sent_at__isnull=False),
                name="sent_email_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Reminder for {self.user_id} on {self.for_day} ({self.status})"


class ReminderRun(models.Model):
    """One day's reminder run: made when the run is scheduled (so a second worker, or a
    restart, finds it and schedules nothing), and marked started by the one job that runs
    it (so a second job for the same day does nothing). Works the same whatever the job
    backend, because the claim is in the application's database, not the queue."""

    for_day = models.DateField(unique=True)
    run_at = models.DateTimeField()
    job_id = models.CharField(max_length=64, blank=True)
    """The job that will run it, to check that it is still waiting after a restart."""
    scheduled_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    queued = models.PositiveIntegerField(null=True, blank=True)
    """How many reminder emails the run queued."""

    class Meta:
        ordering = ["-for_day"]

    def __str__(self) -> str:
        return f"Reminder run for {self.for_day}"
