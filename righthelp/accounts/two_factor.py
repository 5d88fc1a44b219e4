"""Two-factor authentication with an authenticator app (TOTP, via django-otp).

Setting up shows a QR code and the secret to type in; the device counts once a code from
it has been accepted. After that its secret is never shown again, to anyone: not in the
admin screens, not as a QR code. An administrator can only reset a person's two-factor
authentication (``two_factor_reset``), which makes them set it up again. Wrong codes slow
down (django-otp's throttling), and every set-up, reset and refusal is audited.
"""

from __future__ import annotations

import io

import segno
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit

DEVICE_NAME = "Authenticator app"


def device_being_set_up(user: User) -> TOTPDevice:
    """The user's unconfirmed device, made on first visit; a confirmed one is never reused.
    Only this (unconfirmed) device's secret is ever shown, to its own user."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_code_svg(device: TOTPDevice) -> str:
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        scale=5,
        title="QR code to scan with your authenticator app",
        svgclass="rh-qr",
    )
    return buffer.getvalue().decode()


def secret_for_typing(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for apps that cannot scan."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_device(*, user: User, device: TOTPDevice, token: str) -> bool:
    if device.user_id != user.pk or not device.verify_token(token):
        audit(actor=user, action=Action.REFUSED, record_type="two_factor_setup", record_id=user.pk)
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    audit(actor=user, action=Action.CHANGED, record_type="two_factor_setup", record_id=user.pk)
    return True


def verify(*, user: User, token: str) -> TOTPDevice | None:
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            return device
    audit(actor=user, action=Action.REFUSED, record_type="two_factor_code", record_id=user.pk)
    return None


RESET_NOTICE = (
    "An administrator reset your two-factor authentication on {date}. Set up your "
    "authenticator app again when you sign in. If you did not ask for this, tell your manager."
)


@transaction.atomic
def two_factor_reset(*, user: User, by: User) -> int:
    """Forget a person's authenticators (a lost phone): they set one up at their next
    sign-in. Audited, and the person is told. Returns how many devices were removed."""
    from django.utils import timezone

    from righthelp.accounts.services import notice_send

    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    audit(
        actor=by,
        action=Action.DELETED,
        record_type="two_factor",
        record_id=user.pk,
        detail={"devices": removed, "reset": True},
    )
    notice_send(
        user=user, text=RESET_NOTICE.format(date=timezone.localdate().strftime("%-d %B %Y"))
    )
    return int(removed)
