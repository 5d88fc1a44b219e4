"""Signing in: no self-registration, every sign-in recorded, lockout after repeated failures."""

from __future__ import annotations

from html import unescape

from django.test import Client
from django.urls import reverse

from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast
from righthelp.testing.factories import PASSWORD


def test_alice_signs_in_and_lands_on_her_families(client: Client, cast: Cast) -> None:
    page = client.get(reverse("accounts:sign-in"))
    assert "Sign in to Right Help" in page.content.decode()
    response = client.post(reverse("accounts:sign-in"), {"username": "alice", "password": PASSWORD})
    assert response["Location"] == reverse("families:home")
    assert AuditEvent.objects.filter(actor=cast.alice, action=Action.SIGNED_IN).exists()
    assert "Ash household" in client.get(reverse("families:home")).content.decode()


def test_a_wrong_password_is_told_plainly_and_keeps_the_username(
    client: Client, cast: Cast
) -> None:
    response = client.post(reverse("accounts:sign-in"), {"username": "alice", "password": "nope"})
    html = unescape(response.content.decode())
    assert "Enter a correct username and password" in html
    assert 'value="alice"' in html


def test_five_failures_make_the_next_try_wait_a_minute(client: Client, cast: Cast) -> None:
    for _ in range(5):
        client.post(reverse("accounts:sign-in"), {"username": "alice", "password": "wrong"})
    locked = client.post(reverse("accounts:sign-in"), {"username": "alice", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Wait 1 minute before you try again" in locked.content.decode()


def test_signing_out_is_a_post_and_is_recorded(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"] == reverse("accounts:signed-out")
    assert AuditEvent.objects.filter(actor=cast.alice, action=Action.SIGNED_OUT).exists()


def test_there_is_no_self_registration(client: Client) -> None:
    assert client.get("/accounts/register/").status_code in (302, 404)
