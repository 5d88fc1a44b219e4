"""Writes for accounts: sign-in events, what a person is told about their account, and
every change an administrator makes in the admin screens (each one audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from righthelp.accounts.models import AccountNotice, Role, User
from righthelp.audit.models import Action
from righthelp.audit.services import audit


def record_sign_in(*, user: User, via: str = "sign_in") -> None:
    audit(
        actor=user,
        action=Action.SIGNED_IN,
        record_type="account",
        record_id=user.pk,
        detail={"via": via} if via != "sign_in" else None,
    )


def record_sign_out(*, user: User, reason: str = "") -> None:
    if user.is_authenticated:
        audit(
            actor=user,
            action=Action.SIGNED_OUT,
            record_type="account",
            record_id=user.pk,
            detail={"reason": reason} if reason else None,
        )


def record_sign_in_failed(
    *, account: User | None, via: str, reason: str, delay_seconds: int = 0
) -> None:
    """A failed sign-in: the account's id when the username names one, never what was typed
    (a password is sometimes typed in the username box). Held against the account's
    partnership, so its administrator sees failures and delays for its people.
    ``delay_seconds``: the wait this failure started (the throttle's lockout), if any."""
    detail: dict[str, Any] = {"via": via, "reason": reason}
    if delay_seconds:
        detail["delay_minutes"] = -(-delay_seconds // 60)
    if account is not None and account.team_id is not None:
        detail["partnership"] = account.team.agency.partnership_id  # type: ignore[union-attr]
    audit(
        actor=None,
        action=Action.SIGN_IN_FAILED,
        record_type="account",
        record_id=account.pk if account is not None else "",
        detail=detail,
    )


def notice_send(*, user: User, text: str) -> AccountNotice:
    """Tell a person something about their account, at their next sign-in."""
    return AccountNotice.objects.create(user=user, text=text)


@transaction.atomic
def notices_take(*, user: User) -> list[str]:
    """The notices not yet shown to the person, marked shown."""
    notices = list(
        AccountNotice.objects.select_for_update().filter(user=user, shown_at__isnull=True)
    )
    AccountNotice.objects.filter(pk__in=[n.pk for n in notices]).update(shown_at=timezone.now())
    return [n.text for n in notices]


def admin_change_record(
    *,
    by: User,
    action: Action,
    record: Any,
    fields: list[str] | None = None,
) -> None:
    """One audit event for a change made in the admin screens: what kind of record, its id,
    the names of the fields changed (never their values)."""
    detail: dict[str, Any] = {"via": "admin"}
    if fields:
        detail["fields"] = sorted(fields)
    audit(
        actor=by,
        action=action,
        record_type=record._meta.model_name,
        record_id=record.pk,
        detail=detail,
    )


RIGHTS_NOTICE = (
    "An administrator changed your role, team or access to Right Help on {date}. "
    "If you did not expect this, tell your manager."
)


def rights_changed(*, account: User, by: User, fields: list[str]) -> None:
    """After an administrator changed someone's role, team or rights: their admin permissions
    follow their role, and they are told."""
    if "role" in fields:
        if account.role == Role.ADMINISTRATOR:
            administrator_permissions_grant(user=account)
        else:
            administrator_permissions_revoke(user=account)
    if account.pk != by.pk:
        notice_send(
            user=account,
            text=RIGHTS_NOTICE.format(date=timezone.localdate().strftime("%-d %B %Y")),
        )


def own_rights_change_refused(*, by: User, fields: list[str]) -> None:
    """An administrator tried to change their own role, team or rights: refused, recorded."""
    audit(
        actor=by,
        action=Action.REFUSED,
        record_type="user",
        record_id=by.pk,
        detail={"via": "admin", "fields": fields, "rule": "ACCOUNT01"},
    )


ADMINISTRATOR_MODELS = (
    ("accounts", "user"),
    ("partnerships", "agency"),
    ("partnerships", "team"),
    ("otp_totp", "totpdevice"),  # to reset a lost authenticator (never to read its key)
    ("api", "apitoken"),  # to see who holds API tokens and revoke them; issued on the server
    ("reminders", "reminderemail"),  # to see which reminder emails were sent or failed
)
_ADMINISTRATOR_CODENAMES = (
    r"^((add|change|view|delete)_(user|agency|team)|(view|change)_(apitoken|totpdevice)"
    r"|view_reminderemail)$"
)


def _administrator_permissions() -> Any:
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label__in={app for app, _ in ADMINISTRATOR_MODELS},
        content_type__model__in={model for _, model in ADMINISTRATOR_MODELS},
        codename__regex=_ADMINISTRATOR_CODENAMES,
    )


def administrator_permissions_grant(*, user: User) -> None:
    """What an administrator needs in the admin screens: accounts, agencies and teams of
    their own partnership (the screens confine them to it), tokens and authenticators."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(*_administrator_permissions())


def administrator_permissions_revoke(*, user: User) -> None:
    if user.is_superuser:
        return
    user.is_staff = False
    user.save(update_fields=["is_staff"])
    user.user_permissions.remove(*_administrator_permissions())


def password_changed(*, user: User) -> None:
    """A person changed their own password (never the password itself in the log)."""
    audit(
        actor=user,
        action=Action.CHANGED,
        record_type="password",
        record_id=user.pk,
        detail={"own": True},
    )
