"""An authenticator's secret is shown once, to its own person, while they set it up; never
again to anyone. An administrator can only reset it (audited, the person told), and the
person sets up a new one. Written as the attacks: the seed is asked for every way."""

from __future__ import annotations

from base64 import b32encode

import pytest
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from righthelp.accounts.models import AccountNotice
from righthelp.accounts.services import administrator_permissions_grant
from righthelp.accounts.tests.test_two_factor import code_for
from righthelp.api.tokens import token_issue, user_for_token
from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast
from righthelp.testing.factories import PASSWORD


@pytest.fixture
def enrolled(cast: Cast) -> TOTPDevice:
    return TOTPDevice.objects.create(user=cast.alice, name="Authenticator app", confirmed=True)


def _secret_forms(device: TOTPDevice) -> list[str]:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return [device.key, secret, secret[:8], " ".join(secret[i : i + 4] for i in range(0, 8, 4))]


def test_no_screen_shows_an_enrolled_seed(client: Client, cast: Cast, enrolled: TOTPDevice) -> None:
    administrator_permissions_grant(user=cast.erin)
    client.force_login(cast.erin)
    pages = [
        client.get(url, follow=True)
        for url in (
            "/admin/otp_totp/totpdevice/",
            f"/admin/otp_totp/totpdevice/{enrolled.pk}/change/",
            f"/admin/otp_totp/totpdevice/{enrolled.pk}/config/",
            f"/admin/otp_totp/totpdevice/{enrolled.pk}/qrcode/",
            f"/admin/accounts/user/{cast.alice.pk}/change/",
        )
    ]
    assert pages[1].status_code == 200 and "Authenticator app" in pages[1].content.decode()
    for page in pages:
        html = page.content.decode()
        assert "otpauth" not in html and "<svg" not in html.split("<!-- END SVGs")[-1]
        assert not any(secret in html for secret in _secret_forms(enrolled))
    # Nor by posting a new key over it.
    client.post(f"/admin/otp_totp/totpdevice/{enrolled.pk}/change/", {"key": "00" * 20})
    enrolled.refresh_from_db()
    assert enrolled.key != "00" * 20


@override_settings(RIGHTHELP_REQUIRE_2FA=True)
def test_the_person_cannot_see_their_own_seed_again(
    client: Client, cast: Cast, enrolled: TOTPDevice
) -> None:
    client.post("/accounts/sign-in/", {"username": "alice", "password": PASSWORD})
    setup = client.get("/accounts/two-factor/set-up/", follow=True)
    html = setup.content.decode()
    assert "Enter the code from your authenticator app" in html
    assert not any(secret in html for secret in _secret_forms(enrolled))


def test_an_administrator_resets_a_lost_authenticator(
    client: Client, cast: Cast, enrolled: TOTPDevice
) -> None:
    administrator_permissions_grant(user=cast.erin)
    client.force_login(cast.erin)
    response = client.post(
        "/admin/accounts/user/",
        {"action": "reset_two_factor", "_selected_action": [cast.alice.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.alice).exists()
    reset = AuditEvent.objects.get(action=Action.DELETED, record_type="two_factor")
    assert (reset.actor, reset.record_id) == (cast.erin, str(cast.alice.pk))
    assert AccountNotice.objects.filter(user=cast.alice, shown_at__isnull=True).exists()

    with override_settings(RIGHTHELP_REQUIRE_2FA=True):
        _alice_sets_up_again(cast)


def _alice_sets_up_again(cast: Cast) -> None:
    alice = Client()
    alice.post("/accounts/sign-in/", {"username": "alice", "password": PASSWORD})
    setup = alice.get("/families/", follow=True)
    html = setup.content.decode()
    assert "Set up" in html or "set up" in html
    assert "An administrator reset your two-factor authentication" in html
    device = TOTPDevice.objects.get(user=cast.alice, confirmed=False)
    session_before = alice.cookies["sessionid"].value
    done = alice.post("/accounts/two-factor/set-up/", {"code": code_for(device)})
    assert done.status_code == 302
    assert alice.cookies["sessionid"].value != session_before  # a new session id
    assert alice.get("/families/").status_code == 200


def test_the_device_screen_offers_a_reset_not_a_delete(
    client: Client, cast: Cast, enrolled: TOTPDevice
) -> None:
    administrator_permissions_grant(user=cast.erin)
    client.force_login(cast.erin)
    assert client.get(f"/admin/otp_totp/totpdevice/{enrolled.pk}/delete/").status_code == 403
    client.post(
        "/admin/otp_totp/totpdevice/", {"action": "reset", "_selected_action": [enrolled.pk]}
    )
    assert not TOTPDevice.objects.filter(pk=enrolled.pk).exists()
    assert AuditEvent.objects.filter(action=Action.DELETED, record_type="two_factor").exists()


def test_a_token_issued_before_two_factor_was_required_stops_working(cast: Cast) -> None:
    issued = token_issue(user=cast.alice, name="Case system", by=cast.erin)
    assert user_for_token(issued.secret) == cast.alice
    TOTPDevice.objects.create(user=cast.alice, name="phone", confirmed=True)
    with override_settings(RIGHTHELP_REQUIRE_2FA=True):
        assert user_for_token(issued.secret) is None
        again = token_issue(user=cast.alice, name="Case system", by=cast.erin)
        assert user_for_token(again.secret) == cast.alice
        # After a reset (a lost phone) the token stands for no second factor either.
        TOTPDevice.objects.filter(user=cast.alice).delete()
        assert user_for_token(again.secret) is None
