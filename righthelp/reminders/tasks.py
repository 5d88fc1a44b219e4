"""The background jobs: send one reminder (and retry it), and the daily run that prepares
the day's reminders and, where the backend can defer a job, schedules the next day's run."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import default_task_backend, task, task_backends

from righthelp.reminders.models import EmailStatus
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
def daily_reminders() -> int:
    queued = queue_reminders()
    schedule_daily_reminders()
    return queued


def schedule_daily_reminders() -> bool:
    """Queue tomorrow's (or today's, if still to come) run, unless one is already waiting.
    Only the database backend can be asked what is waiting; True when one is queued."""
    if not default_task_backend.supports_defer:
        return False
    if type(task_backends["default"]).__module__.startswith("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(task_path=DAILY_TASK, status="READY")
        if waiting.exists():
            return False
    daily_reminders.using(run_after=next_run_at()).enqueue()
    return True
