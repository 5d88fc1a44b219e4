"""Resetting a forgotten password by email: Django's reset tokens, Right Help's rules.

- The page answers the same whatever address was typed (the lookup, the audit event and the
  queued job are the same work for an address with an account and one without); the email
  goes from a job, never from the request, so sending takes no time the caller can see.
- Requests are throttled per caller's address and per address typed (``core.sign_in_throttle``
  ``RESET_*``), counted alike for known and unknown addresses.
- The link carries the account's id and a token (Django's ``default_token_generator``): it
  works once (the token covers the password hash, which the reset changes) and for
  ``PASSWORD_RESET_TIMEOUT`` seconds (``RIGHTHELP_PASSWORD_RESET_MINUTES``). It is built on
  ``RIGHTHELP_BASE_URL``, never on the request's Host header.
- The email names no one and nothing about any case: only the link.
- Setting the new password goes through the password validators, signs the account out
  everywhere (the session's password hash no longer matches), and does not sign anyone in:
  the person signs in with the new password and their second factor as always.
- Every step is an audit event, held against the account's partnership so its
  administrator sees it; the person is told by email that their password changed.
"""

from __future__ import annotations

import smtplib
import socket
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from righthelp.accounts import throttle
from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit

RECORD = "password_reset"
SEND_ERRORS = (smtplib.SMTPException, OSError, socket.timeout)


def email_enabled() -> bool:
    return bool(getattr(settings, "RIGHTHELP_EMAIL_ENABLED", False))


def lifetime_minutes() -> int:
    return int(settings.PASSWORD_RESET_TIMEOUT) // 60


def account_detail(user: User | None, **detail: Any) -> dict[str, Any]:
    """An account event's detail: what happened, and the partnership the account is in (so
    that partnership's administrator sees it); never a name or what was typed."""
    if user is not None and user.team_id is not None:
        detail["partnership"] = user.team.agency.partnership_id  # type: ignore[union-attr]
    return detail


def _accounts_for(email: str) -> list[User]:
    return list(
        User.objects.filter(email__iexact=email.strip(), is_active=True)
        .exclude(email="")
        .select_related("team__agency")
        .order_by("pk")
    )


def password_reset_request(*, request: HttpRequest, email: str) -> float:
    """Someone asked for a reset link for ``email``. Returns 0, or the Unix time before which
    no more requests from this caller or for this address are taken (a throttle)."""
    from righthelp.accounts.tasks import send_password_reset

    found = throttle.reset_buckets(request, email)
    until = throttle.delayed_until(found)
    if until > throttle.now():
        audit(
            actor=None,
            action=Action.REFUSED,
            record_type=RECORD,
            detail={"step": "requested", "reason": "delayed"},
        )
        return until
    throttle.failure_count(found)
    accounts = _accounts_for(email)
    for user in accounts:
        audit(
            actor=None,
            action=Action.CREATED,
            record_type=RECORD,
            record_id=user.pk,
            detail=account_detail(user, step="requested"),
        )
    if not accounts:
        # Nothing is kept of an address that matches no one: the event says only that.
        audit(
            actor=None,
            action=Action.CREATED,
            record_type=RECORD,
            detail={"step": "requested", "reason": "unknown_address"},
        )
    send_password_reset.enqueue([user.pk for user in accounts])
    return 0.0


RESET_SUBJECT = "Reset your Right Help password"
RESET_BODY = """Someone asked to reset the password of the Right Help account that uses this
email address. If it was you, choose a new password here:

{link}

The link works once, for {minutes} minutes. You will still need the code from your
authenticator app to sign in.

If you did not ask for this, you can ignore this email: your password has not changed.
If you keep getting these emails, tell your Right Help administrator.
"""

CHANGED_SUBJECT = "Your Right Help password was changed"
CHANGED_BODY = """The password of the Right Help account that uses this email address was
changed on {when}{how}.

If you did this, there is nothing more to do. If you did not, tell your Right Help
administrator straight away: they can switch the account off and reset it.
"""


def reset_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
    return str(settings.RIGHTHELP_BASE_URL) + path


def reset_email_send(*, user_ids: list[int]) -> int:
    """Send each account its link (from the job). How many were sent."""
    sent = 0
    for user in User.objects.filter(pk__in=user_ids, is_active=True).select_related("team__agency"):
        if not (email_enabled() and user.email and user.has_usable_password()):
            continue
        body = RESET_BODY.format(link=reset_link(user), minutes=lifetime_minutes())
        try:
            send_mail(RESET_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except SEND_ERRORS as error:
            audit(
                actor=None,
                action=Action.REFUSED,
                record_type=RECORD,
                record_id=user.pk,
                detail=account_detail(user, step="emailed", reason=type(error).__name__),
            )
            continue
        sent += 1
        audit(
            actor=None,
            action=Action.CREATED,
            record_type=RECORD,
            record_id=user.pk,
            detail=account_detail(user, step="emailed"),
        )
    return sent


def reset_link_refused(*, user: User | None) -> None:
    """A reset link that does not work (used, expired, altered or another account's)."""
    audit(
        actor=None,
        action=Action.REFUSED,
        record_type=RECORD,
        record_id=user.pk if user is not None else "",
        detail=account_detail(user, step="link", reason="invalid_or_expired"),
    )


def password_reset_complete(*, user: User) -> None:
    """The new password is saved (by Django's form): record it, and tell the person."""
    from righthelp.accounts.tasks import send_password_changed

    audit(
        actor=None,
        action=Action.CHANGED,
        record_type="password",
        record_id=user.pk,
        detail=account_detail(user, via="reset"),
    )
    send_password_changed.enqueue(user.pk, "reset")


def password_changed_email_send(*, user_id: int, how: str) -> bool:
    """Tell the person their password changed (from the job). True when sent."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not (email_enabled() and user.email):
        return False
    when = timezone.localtime().strftime("%-d %B %Y at %H:%M")
    body = CHANGED_BODY.format(
        when=when, how=" with a reset link sent by email" if how == "reset" else ""
    )
    try:
        send_mail(CHANGED_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except SEND_ERRORS:
        return False
    return True
