"""The same reminder job on RQ (Redis), for installations that run several servers: queued
through django-tasks' RQ backend, run by an RQ worker, delivered to a real SMTP server.
Runs against the Redis server at RIGHTHELP_TEST_REDIS_URL (default 127.0.0.1:6379, db 3)."""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Iterator

import pytest
from django.test import override_settings

from righthelp.accounts.models import User
from righthelp.config.env import smtp_from_url, tasks_from_env
from righthelp.conftest import Cast
from righthelp.reminders.models import EmailStatus, ReminderEmail
from righthelp.reminders.services import reminders_prepare
from righthelp.reminders.tasks import send_reminder
from righthelp.reminders.tests.test_reminder_email import _work
from righthelp.testing.smtp import Inbox, smtp_server

REDIS_URL = os.environ.get("RIGHTHELP_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


def _redis_is_running() -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", 6379)) == 0


pytestmark = pytest.mark.skipif(
    not _redis_is_running() and not os.environ.get("CI"),
    reason="no Redis at 127.0.0.1:6379 (CI always runs this test)",
)


@pytest.fixture
def rq_settings() -> Iterator[None]:
    rq = tasks_from_env("rq", REDIS_URL)
    tasks = {
        "default": rq["TASKS"]["default"],  # type: ignore[index]
    }
    with override_settings(TASKS=tasks, RQ_QUEUES=rq["RQ_QUEUES"]):
        import django_rq

        django_rq.get_connection("default").flushdb()  # db 3 is this test's own
        yield


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with (
        smtp_server() as server,
        override_settings(
            RIGHTHELP_EMAIL_ENABLED=True,
            **smtp_from_url(server.url),
        ),
    ):
        yield server


@pytest.mark.django_db(transaction=True)
def test_a_reminder_goes_through_rq_and_redis(cast: Cast, inbox: Inbox, rq_settings: None) -> None:
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    User.objects.filter(pk=cast.alice.pk).update(email="alice@example.org")
    _work(cast)
    [email] = reminders_prepare()
    result = send_reminder.enqueue(email.pk)
    assert django_rq.get_queue("default").count == 1
    worker = django_rq.get_worker("default", worker_class=SimpleWorker, job_class=Job)  # type: ignore[arg-type]
    worker.work(burst=True)
    assert ReminderEmail.objects.get(pk=email.pk).status == EmailStatus.SENT
    assert [r.to for r in inbox.received] == [["alice@example.org"]]
    assert result.id


@pytest.mark.django_db(transaction=True)
def test_the_daily_run_is_scheduled_once_on_rq(cast: Cast, rq_settings: None) -> None:
    import django_rq
    from rq.registry import ScheduledJobRegistry

    from righthelp.reminders.models import ReminderRun
    from righthelp.reminders.tasks import next_run_at, schedule_daily_reminders

    assert schedule_daily_reminders()
    assert not schedule_daily_reminders()  # a second server's worker, or a restart
    registry = ScheduledJobRegistry(queue=django_rq.get_queue("default"))  # type: ignore[no-untyped-call]
    [job_id] = registry.get_job_ids()
    [run] = ReminderRun.objects.all()
    assert run.job_id == job_id
    assert registry.get_scheduled_time(job_id) == next_run_at().astimezone(dt.UTC).replace(
        microsecond=0
    )


@pytest.mark.django_db(transaction=True)
def test_two_rq_jobs_for_one_day_send_once(cast: Cast, inbox: Inbox, rq_settings: None) -> None:
    import django_rq
    from django.utils import timezone
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    from righthelp.reminders.models import ReminderRun
    from righthelp.reminders.tasks import daily_reminders

    User.objects.filter(pk=cast.alice.pk).update(email="alice@example.org")
    _work(cast)
    today = timezone.localdate()
    daily_reminders.enqueue(today.isoformat())
    daily_reminders.enqueue(today.isoformat())
    worker = django_rq.get_worker("default", worker_class=SimpleWorker, job_class=Job)  # type: ignore[arg-type]
    worker.work(burst=True)
    assert [r.to for r in inbox.received] == [["alice@example.org"]]
    assert ReminderRun.objects.get(for_day=today).queued == 1
