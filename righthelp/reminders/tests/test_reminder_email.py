"""Reminder emails through a real SMTP server: each person one digest of kinds and counts;
people who chose the worklist get none; failures are retried and recorded; no email
configured means no email and no error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.cli import main
from righthelp.config.env import smtp_from_url
from righthelp.conftest import Cast
from righthelp.plans import services as plans
from righthelp.reminders.models import EmailStatus, ReminderChoice, ReminderEmail
from righthelp.reminders.services import reminder_choice_set, reminder_send, reminders_prepare
from righthelp.reminders.tasks import queue_reminders, send_reminder
from righthelp.testing.pending import decided_at_risk_support
from righthelp.testing.smtp import Inbox, smtp_server


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with (
        smtp_server() as server,
        override_settings(
            RIGHTHELP_EMAIL_ENABLED=True,
            RIGHTHELP_BASE_URL="https://righthelp.example",
            **smtp_from_url(server.url),
        ),
    ):
        yield server


def _addresses(cast: Cast) -> None:
    for user, address in ((cast.alice, "alice@example.org"), (cast.bob, "bob@example.org")):
        User.objects.filter(pk=user.pk).update(email=address)


def _work(cast: Cast) -> None:
    plan = plans.plan_start(family=cast.family, by=cast.alice)
    plans.plan_action_add(
        plan=plan,
        by=cast.alice,
        what="Ring Gwen Ash at 12 Acacia Road",
        due_on=timezone.localdate() - dt.timedelta(days=2),
        owner_name="Alice",
    )
    decided_at_risk_support(cast.family, cast.alice, cast.child, days_ago=2)


def test_each_person_gets_one_digest_of_kinds_counts_and_a_link(cast: Cast, inbox: Inbox) -> None:
    _addresses(cast)
    _work(cast)
    assert main(["remind", "--now"]) == 0
    [alice] = inbox.to("alice@example.org")
    [bob] = inbox.to("bob@example.org")
    assert "Plan action overdue: 1" in alice.text
    assert "Decision waiting for your sign-off: 1" in bob.text
    assert "https://righthelp.example/work/" in alice.text
    for message in (alice, bob):
        for detail in ("Ash", "Gwen", "Tom", "Acacia", "safe-41"):
            assert detail not in message.text
    # Run again the same day: nobody gets a second digest.
    assert main(["remind", "--now"]) == 0
    assert len(inbox.received) == 2


def test_someone_who_chose_the_worklist_gets_no_email(cast: Cast, inbox: Inbox) -> None:
    _addresses(cast)
    _work(cast)
    reminder_choice_set(user=cast.bob, by_email=False)
    reminders = reminders_prepare()
    assert [r.user for r in reminders] == [cast.alice]


def test_the_choice_page(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    url = reverse("worklist:reminders")
    assert "does not send email yet" in client.get(url).content.decode()
    missing = client.post(url, {})
    assert "Choose how you want to hear about your work" in missing.content.decode()
    client.post(url, {"by_email": "no"})
    assert ReminderChoice.objects.get(user=cast.alice).by_email is False
    client.force_login(cast.dana)
    assert client.get(url).status_code == 403


def test_a_failed_send_is_recorded_and_retried(cast: Cast, inbox: Inbox) -> None:
    _addresses(cast)
    _work(cast)
    inbox.refuse = True
    [email, _] = reminders_prepare()
    assert reminder_send(email_id=email.pk) == (EmailStatus.RETRYING, 5)
    email.refresh_from_db()
    assert (email.attempts, email.last_error) == (1, "SMTPDataError 451")
    inbox.refuse = False
    assert reminder_send(email_id=email.pk) == (EmailStatus.SENT, None)
    assert len(inbox.received) == 1


def test_after_the_last_retry_it_is_recorded_as_failed(cast: Cast, inbox: Inbox) -> None:
    _addresses(cast)
    _work(cast)
    inbox.refuse = True
    [email, _] = reminders_prepare()
    statuses = [reminder_send(email_id=email.pk)[0] for _ in range(5)]
    assert statuses[-1] == EmailStatus.FAILED
    assert ReminderEmail.objects.get(pk=email.pk).status == EmailStatus.FAILED
    assert reminder_send(email_id=email.pk) == (EmailStatus.FAILED, None)  # not tried again


def test_no_email_configured_means_no_email_and_no_error(cast: Cast, capsys: object) -> None:
    _addresses(cast)
    _work(cast)
    assert main(["remind"]) == 0
    assert "Email is not configured" in capsys.readouterr().out  # type: ignore[attr-defined]
    assert not ReminderEmail.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_what_remind_queued(cast: Cast, inbox: Inbox) -> None:
    _addresses(cast)
    _work(cast)
    assert main(["remind"]) == 0
    assert inbox.received == []  # queued, not sent
    assert main(["worker", "--batch"]) == 0
    assert sorted(r.to[0] for r in inbox.received) == ["alice@example.org", "bob@example.org"]
    assert set(ReminderEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}


@pytest.mark.django_db(transaction=True)
def test_the_worker_schedules_the_daily_run(cast: Cast) -> None:
    from django_tasks_db.models import DBTaskResult

    assert main(["worker", "--batch"]) == 0
    [daily] = DBTaskResult.objects.filter(task_path="righthelp.reminders.tasks.daily_reminders")
    assert daily.status == "READY" and daily.run_after > timezone.now()
    assert main(["worker", "--batch"]) == 0  # not scheduled twice
    assert DBTaskResult.objects.filter(task_path__endswith="daily_reminders").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_job_already_sent_is_not_sent_twice(cast: Cast, inbox: Inbox) -> None:
    _addresses(cast)
    _work(cast)
    assert queue_reminders() == 2
    [email, _] = ReminderEmail.objects.order_by("pk")
    assert send_reminder.call(email.pk) == "sent"
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert len(inbox.received) == 2
