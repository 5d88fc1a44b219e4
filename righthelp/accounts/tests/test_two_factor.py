"""Two-factor authentication: set up with an authenticator app, then a code each sign-in."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast
from righthelp.testing.factories import PASSWORD

pytestmark = pytest.mark.usefixtures("two_factor_on")


@pytest.fixture
def two_factor_on() -> object:
    with override_settings(RIGHTHELP_REQUIRE_2FA=True):
        yield


def code_for(device: TOTPDevice) -> str:
    code = totp(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift
    )
    return f"{code:06d}"


def sign_in(client: Client) -> None:
    response = client.post(reverse("accounts:sign-in"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302


def test_first_sign_in_sets_up_an_authenticator(client: Client, cast: Cast) -> None:
    sign_in(client)
    families = client.get(reverse("families:home"))
    assert families.status_code == 302
    assert families["Location"].startswith(reverse("accounts:two-factor-setup"))

    setup = client.get(families["Location"])
    html = setup.content.decode()
    assert "<svg" in html and "Key:" in html
    device = TOTPDevice.objects.get(user=cast.alice, confirmed=False)

    wrong = client.post(
        families["Location"], {"code": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert "That code is not right" in unescape(wrong.content.decode())
    assert AuditEvent.objects.filter(
        actor=cast.alice, action=Action.REFUSED, record_type="two_factor_setup"
    ).exists()

    # Straight after a wrong code, even the right one waits (django-otp's throttling)...
    throttled = client.post(families["Location"], {"code": code_for(device)})
    assert throttled.status_code == 200
    # ...until the wait is over.
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post(families["Location"], {"code": code_for(device)})
    assert done["Location"] == reverse("families:home")
    assert client.get(reverse("families:home")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_later_sign_ins_ask_for_a_code(client: Client, cast: Cast) -> None:
    device = TOTPDevice.objects.create(user=cast.alice, name="Authenticator app", confirmed=True)
    sign_in(client)
    page = client.get(reverse("families:overview", args=[cast.family.pk]))
    assert page["Location"].startswith(reverse("accounts:two-factor"))
    assert client.post(page["Location"], {"code": "12ab"}).status_code == 200
    response = client.post(page["Location"], {"code": code_for(device)})
    assert response["Location"] == reverse("families:overview", args=[cast.family.pk])


def test_an_offsite_next_page_is_ignored(client: Client, cast: Cast) -> None:
    device = TOTPDevice.objects.create(user=cast.alice, name="Authenticator app", confirmed=True)
    sign_in(client)
    response = client.post(
        reverse("accounts:two-factor") + "?next=https://elsewhere.example/",
        {"code": code_for(device)},
    )
    assert response["Location"] == reverse("families:home")


def test_public_pages_and_sign_out_need_no_second_factor(client: Client, cast: Cast) -> None:
    sign_in(client)
    assert client.get("/").status_code == 200
    assert client.post(reverse("accounts:sign-out")).status_code == 302
