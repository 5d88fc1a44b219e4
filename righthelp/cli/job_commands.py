"""`righthelp worker` and `righthelp remind`: background jobs and the daily reminders."""

from __future__ import annotations

import argparse
from typing import Any

from righthelp.cli.web_commands import use_django


def register(commands: Any) -> None:
    worker = commands.add_parser(
        "worker", help="run the background worker: email, reminders (and schedule them daily)"
    )
    worker.add_argument(
        "--batch",
        action="store_true",
        help="run every job waiting now, then stop (for cron or a test), instead of running on",
    )
    worker.set_defaults(handler=run_worker)

    remind = commands.add_parser(
        "remind", help="prepare today's reminder emails: each person one digest of what is due"
    )
    remind.add_argument(
        "--now",
        action="store_true",
        help="send them in this process rather than queueing them for the worker",
    )
    remind.set_defaults(handler=run_remind)


def run_worker(args: argparse.Namespace) -> int:
    use_django()
    from django.conf import settings
    from django.core.management import call_command

    from righthelp.downloads.services import prepared_files_delete_expired
    from righthelp.reminders.tasks import schedule_daily_reminders

    if schedule_daily_reminders():
        print("Scheduled the daily reminders.", flush=True)
    if deleted := prepared_files_delete_expired():  # any whose deferred deletion was lost
        print(f"Deleted {deleted} prepared download{'s' if deleted != 1 else ''}.", flush=True)
    if settings.RIGHTHELP_TASKS == "rq":
        # --with-scheduler: RQ's own scheduler moves deferred jobs (the daily run, retries)
        # to the queue when their time comes.
        options = ["default", "--with-scheduler", "--job-class", "django_tasks_rq.Job"]
        options += ["--burst"] if args.batch else []
        print("Right Help worker (RQ on Redis) is running. Ctrl+C stops it.", flush=True)
        call_command("rqworker", *options)
        return 0
    if not args.batch:
        print("Right Help worker is running. Ctrl+C stops it.", flush=True)
    call_command("db_worker", "--no-startup-delay", *(["--batch"] if args.batch else []))
    return 0


def run_remind(args: argparse.Namespace) -> int:
    use_django()
    from righthelp.reminders.services import email_enabled, reminders_prepare
    from righthelp.reminders.tasks import queue_reminders, send_reminder

    if not email_enabled():
        print(
            "Email is not configured (RIGHTHELP_SMTP_URL), so no reminders are sent: "
            "everyone's work is on their worklist."
        )
        return 0
    if not args.now:
        queued = queue_reminders()
        print(f"Queued {queued} reminder email{'s' if queued != 1 else ''}; the worker sends them.")
        return 0
    sent = failed = 0
    for email in reminders_prepare():
        status = send_reminder.call(email.pk)  # a failure is queued again for the worker
        sent += status == "sent"
        failed += status != "sent"
    print(
        f"Sent {sent} reminder email{'s' if sent != 1 else ''}; {failed} failed "
        "(recorded; the worker tries them again)."
    )
    return 1 if failed else 0
