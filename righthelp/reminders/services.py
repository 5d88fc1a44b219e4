"""Writes for reminders: a person's choice, the day's digests, and sending one.

A digest is built by ``core.reminders.digest_for`` from kinds and counts only
(``worklist.selectors.counts_for``), so an email never carries a name, an address, a date of
birth or any case detail. With no email configured nothing is prepared and nothing fails.
"""

from __future__ import annotations

import datetime as dt
import smtplib
import socket

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.core.reminders import digest_for, retry_delay
from righthelp.families.access import CASEWORK_ROLES
from righthelp.reminders.models import EmailStatus, ReminderChoice, ReminderEmail
from righthelp.worklist.selectors import counts_for


def email_enabled() -> bool:
    return bool(getattr(settings, "RIGHTHELP_EMAIL_ENABLED", False))


def wants_email(user: User) -> bool:
    choice = ReminderChoice.objects.filter(user=user).values_list("by_email", flat=True).first()
    return True if choice is None else bool(choice)


@transaction.atomic
def reminder_choice_set(*, user: User, by_email: bool) -> ReminderChoice:
    choice, _ = ReminderChoice.objects.update_or_create(
        user=user, defaults={"by_email": by_email, "changed_at": timezone.now()}
    )
    audit(
        actor=user,
        action=Action.CHANGED,
        record_type="reminder_choice",
        record_id=user.pk,
        detail={"by_email": by_email},
    )
    return choice


def _recipients() -> list[User]:
    """Active people who do casework (front door teams included) with an address, who have
    not chosen the worklist only."""
    opted_out = ReminderChoice.objects.filter(by_email=False).values("user_id")
    return list(
        User.objects.filter(is_active=True, role__in=CASEWORK_ROLES, team__isnull=False)
        .exclude(email="")
        .exclude(pk__in=opted_out)
        .select_related("team__agency__partnership")
        .order_by("pk")
    )


def reminders_prepare(*, today: dt.date | None = None) -> list[ReminderEmail]:
    """The day's digests, one per person with something waiting; none twice for one day."""
    if not email_enabled():
        return []
    day = today or timezone.localdate()
    link = settings.RIGHTHELP_BASE_URL + reverse("worklist:your-work")
    prepared = []
    for user in _recipients():
        digest = digest_for(counts_for(user, day), link)
        if digest is None:
            continue
        try:
            with transaction.atomic():
                prepared.append(
                    ReminderEmail.objects.create(
                        user=user, for_day=day, subject=digest.subject, body=digest.body
                    )
                )
        except IntegrityError:
            continue  # already prepared today
    return prepared


SEND_ERRORS = (smtplib.SMTPException, OSError, socket.timeout)


def reminder_send(*, email_id: int) -> tuple[EmailStatus, int | None]:
    """Try to send one digest. Returns its status and, when it is to be tried again, in how
    many minutes. A failure is recorded (the kind of error, never the message's content)."""
    email = ReminderEmail.objects.select_related("user").get(pk=email_id)
    if email.status in (EmailStatus.SENT, EmailStatus.FAILED):
        return EmailStatus(email.status), None
    attempts = email.attempts + 1
    try:
        send_mail(
            email.subject,
            email.body,
            settings.DEFAULT_FROM_EMAIL,
            [email.user.email],
            fail_silently=False,
        )
    except SEND_ERRORS as error:
        delay = retry_delay(attempts)
        status = EmailStatus.RETRYING if delay is not None else EmailStatus.FAILED
        code = getattr(error, "smtp_code", "")
        ReminderEmail.objects.filter(pk=email.pk).update(
            attempts=attempts,
            status=status,
            last_error=f"{type(error).__name__}{f' {code}' if code else ''}"[:300],
        )
        return status, delay
    ReminderEmail.objects.filter(pk=email.pk).update(
        attempts=attempts, status=EmailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return EmailStatus.SENT, None
