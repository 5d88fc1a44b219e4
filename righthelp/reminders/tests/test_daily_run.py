"""The daily reminder run, scheduled by the worker: once a day, however many workers start
or restart, and a second job for the same day sends nothing. On the database backend here
(SQLite and PostgreSQL, whichever the suite runs on); on RQ in test_rq_backend.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from righthelp.cli import main
from righthelp.conftest import Cast
from righthelp.reminders.models import ReminderEmail, ReminderRun
from righthelp.reminders.tasks import daily_reminders, next_run_at, schedule_daily_reminders
from righthelp.reminders.tests.test_reminder_email import _addresses, _work
from righthelp.testing.smtp import Inbox, smtp_server


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    from righthelp.config.env import smtp_from_url

    with (
        smtp_server() as server,
        override_settings(RIGHTHELP_EMAIL_ENABLED=True, **smtp_from_url(server.url)),
    ):
        yield server


def _daily_jobs() -> list[object]:
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.filter(task_path__endswith="daily_reminders"))


@pytest.mark.django_db(transaction=True)
def test_two_workers_and_a_restart_schedule_one_run(cast: Cast) -> None:
    assert main(["worker", "--batch"]) == 0
    assert main(["worker", "--batch"]) == 0  # a second worker, or the same one restarted
    assert not schedule_daily_reminders()
    [job] = _daily_jobs()
    [run] = ReminderRun.objects.all()
    assert run.job_id == str(job.pk)  # type: ignore[attr-defined]
    assert run.for_day == timezone.localdate(next_run_at())
    assert run.started_at is None


@pytest.mark.django_db(transaction=True)
def test_a_run_whose_job_was_lost_is_scheduled_again(cast: Cast) -> None:
    from django_tasks_db.models import DBTaskResult

    assert schedule_daily_reminders()
    DBTaskResult.objects.all().delete()  # the queue lost it (a restore, a flushed Redis)
    assert schedule_daily_reminders()
    assert len(_daily_jobs()) == 1
    assert ReminderRun.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_days_run_sends_once_however_many_jobs_run_it(cast: Cast, inbox: Inbox) -> None:
    _addresses(cast)
    _work(cast)
    today = timezone.localdate().isoformat()
    assert daily_reminders.call(today) == 2
    assert daily_reminders.call(today) == 0  # a second job for the same day
    daily_reminders.enqueue(today)
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert sorted(r.to[0] for r in inbox.received) == ["alice@example.org", "bob@example.org"]
    assert ReminderEmail.objects.count() == 2
    run = ReminderRun.objects.get(for_day=timezone.localdate())
    assert run.started_at is not None and run.queued == 2
    # and each run schedules the next day's, once
    assert ReminderRun.objects.filter(for_day__gt=timezone.localdate()).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_day_when_its_time_comes(cast: Cast, inbox: Inbox) -> None:
    _addresses(cast)
    _work(cast)
    yesterday_evening = timezone.now() - dt.timedelta(days=1)
    with override_settings(RIGHTHELP_REMINDER_HOUR=timezone.localtime().hour):
        assert schedule_daily_reminders(now=yesterday_evening)
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.update(run_after=timezone.now() - dt.timedelta(minutes=1))
    assert main(["worker", "--batch"]) == 0
    assert len(inbox.received) == 2
