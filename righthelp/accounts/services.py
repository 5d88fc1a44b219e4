"""Writes for accounts."""

from __future__ import annotations

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit


def record_sign_in(*, user: User) -> None:
    audit(actor=user, action=Action.SIGNED_IN, record_type="account", record_id=user.pk)


def record_sign_out(*, user: User) -> None:
    if user.is_authenticated:
        audit(actor=user, action=Action.SIGNED_OUT, record_type="account", record_id=user.pk)


ADMINISTRATOR_MODELS = (
    ("accounts", "user"),
    ("partnerships", "agency"),
    ("partnerships", "team"),
    ("otp_totp", "totpdevice"),  # to reset a lost authenticator
    ("api", "apitoken"),  # to see who holds API tokens and revoke them; issued on the server
    ("reminders", "reminderemail"),  # to see which reminder emails were sent or failed
)


def administrator_permissions_grant(*, user: User) -> None:
    """What an administrator needs in the admin screens: accounts, agencies and teams."""
    from django.contrib.auth.models import Permission

    user.is_staff = True
    user.save(update_fields=["is_staff"])
    permissions = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in ADMINISTRATOR_MODELS},
        content_type__model__in={model for _, model in ADMINISTRATOR_MODELS},
        codename__regex=r"^((add|change|view|delete)_(user|agency|team|totpdevice)|(view|change)_apitoken|view_reminderemail)$",
    )
    user.user_permissions.add(*permissions)
