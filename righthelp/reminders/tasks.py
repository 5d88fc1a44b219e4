"""The background jobs: send one reminder (and retry it), and the daily run that prepares
the day's reminders and schedules the next day's.

The daily run is scheduled once per day, whichever backend runs the jobs and however many
workers start: ``schedule_daily_reminders`` claims the day's ``ReminderRun`` row in the
application's database before it queues the job, and the job claims the row again (its
``started_at``) before it prepares anything. A digest is in any case made at most once per
person per day (``ReminderEmail``'s unique constraint), so ``righthelp remind`` from cron
beside the worker sends nothing twice either.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend, task
from django_tasks.exceptions import TaskResultDoesNotExist

from righthelp.reminders.models import EmailStatus, ReminderRun
from righthelp.reminders.services import reminder_send, reminders_prepare

DAILY_TASK = "righthelp.reminders.tasks.daily_reminders"


@task()
def send_reminder(email_id: int) -> str:
    status, delay = reminder_send(email_id=email_id)
    if status == EmailStatus.RETRYING and delay is not None:
        later = timezone.now() + dt.timedelta(minutes=delay)
        if default_task_backend.supports_defer:
            send_reminder.using(run_after=later).enqueue(email_id)
    return status.value


def queue_reminders(today: dt.date | None = None) -> int:
    """Prepare the day's digests and queue a job to send each; how many were queued."""
    prepared = reminders_prepare(today=today)
    for email in prepared:
        send_reminder.enqueue(email.pk)
    return len(prepared)


def next_run_at(now: dt.datetime | None = None) -> dt.datetime:
    """The next reminder run: the coming RIGHTHELP_REMINDER_HOUR o'clock, local time."""
    local = timezone.localtime(now or timezone.now())
    hour = getattr(settings, "RIGHTHELP_REMINDER_HOUR", 7)
    run = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    return run if run > local else run + dt.timedelta(days=1)


@task()
def daily_reminders(for_day: str | None = None) -> int:
    """The day's run: prepare and queue the digests, unless another job already ran this
    day's; then schedule the next day's. How many were queued."""
    day = dt.date.fromisoformat(for_day) if for_day else timezone.localdate()
    ReminderRun.objects.get_or_create(for_day=day, defaults={"run_at": timezone.now()})
    claimed = ReminderRun.objects.filter(for_day=day, started_at__isnull=True).update(
        started_at=timezone.now()
    )
    queued = 0
    if claimed:
        queued = queue_reminders(today=day)
        ReminderRun.objects.filter(for_day=day).update(queued=queued)
    schedule_daily_reminders()
    return queued


def _still_waiting(job_id: str) -> bool:
    """Whether the job that is to run a day is still waiting or running in the backend."""
    if not job_id:
        return False
    try:
        result = default_task_backend.get_result(job_id)
    except (TaskResultDoesNotExist, NotImplementedError):
        return False
    return result.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def schedule_daily_reminders(now: dt.datetime | None = None) -> bool:
    """Queue the next run (today's, if still to come, else tomorrow's) unless it is already
    queued or done. True when this call queued it. A backend that cannot defer a job
    schedules nothing (run ``righthelp remind`` from cron instead)."""
    if not default_task_backend.supports_defer:
        return False
    run_at = next_run_at(now)
    if ReminderRun.objects.filter(
        for_day=timezone.localdate(run_at), started_at__isnull=False
    ).exists():
        run_at += dt.timedelta(days=1)  # that day's has run already (early, or caught up)
    day = timezone.localdate(run_at)
    with transaction.atomic():
        run, created = ReminderRun.objects.select_for_update().get_or_create(
            for_day=day, defaults={"run_at": run_at}
        )
        if not created and (run.started_at is not None or _still_waiting(run.job_id)):
            return False
        result = daily_reminders.using(run_after=run_at).enqueue(day.isoformat())
        run.job_id = result.id
        run.run_at = run_at
        run.save(update_fields=["job_id", "run_at"])
    return True
