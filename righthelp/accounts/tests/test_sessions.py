"""Sessions and what pages carry: an idle timeout beside the absolute one, no name in any
cookie, no case page kept by a browser or a proxy, and a person changing their password."""

from __future__ import annotations

import base64
import contextlib
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from righthelp.accounts.middleware import LAST_SEEN, PERMISSIONS_POLICY
from righthelp.accounts.signals import SIGNED_IN_AT
from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast
from righthelp.testing.factories import PASSWORD


def _sign_in(client: Client) -> None:
    assert client.post("/accounts/sign-in/", {"username": "alice", "password": PASSWORD})[
        "Location"
    ] == reverse("families:home")


def _shift(client: Client, key: str, seconds: int) -> None:
    session = client.session
    session[key] = int(session[key]) - seconds
    session.save()


def test_thirty_minutes_without_a_request_signs_a_person_out(client: Client, cast: Cast) -> None:
    _sign_in(client)
    assert client.get("/families/").status_code == 200
    _shift(client, LAST_SEEN, 29 * 60)
    assert client.get("/families/").status_code == 200  # 29 minutes: still signed in
    _shift(client, LAST_SEEN, 31 * 60)
    response = client.get(f"/families/{cast.family.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")
    assert client.get("/families/").status_code == 302  # signed out, not just redirected
    out = AuditEvent.objects.get(action=Action.SIGNED_OUT, actor=cast.alice)
    assert out.detail == {"reason": "idle"}


@override_settings(RIGHTHELP_IDLE_MINUTES=5)
def test_the_idle_timeout_is_a_setting(client: Client, cast: Cast) -> None:
    _sign_in(client)
    client.get("/families/")
    _shift(client, LAST_SEEN, 6 * 60)
    assert client.get("/families/").status_code == 302


def test_eight_hours_after_sign_in_however_busy_a_person_is_signed_out(
    client: Client, cast: Cast
) -> None:
    _sign_in(client)
    client.get("/families/")
    _shift(client, SIGNED_IN_AT, 8 * 60 * 60 + 1)
    assert client.get("/families/").status_code == 302
    out = AuditEvent.objects.get(action=Action.SIGNED_OUT, actor=cast.alice)
    assert out.detail == {"reason": "session_ended"}


def _cookie_texts(client: Client) -> str:
    texts = []
    for morsel in client.cookies.values():
        value: Any = morsel.value
        texts.append(value)
        for part in value.split(":")[0].split("."):
            with contextlib.suppress(ValueError):
                texts.append(base64.urlsafe_b64decode(part + "==").decode(errors="ignore"))
    return " ".join(texts)


def test_no_name_travels_in_a_cookie(client: Client, cast: Cast) -> None:
    _sign_in(client)
    client.post(
        f"/families/{cast.family.pk}/people/new/",
        {
            "kind": "child",
            "given_name": "Zebedee",
            "family_name": "Quartermaine",
            "date_of_birth_0": "1",
            "date_of_birth_1": "2",
            "date_of_birth_2": "2016",
            "gender": "not_known",
        },
    )
    assert "messages" not in client.cookies
    texts = _cookie_texts(client)
    assert "Zebedee" not in texts and "Quartermaine" not in texts
    assert (
        "Zebedee Quartermaine added" in client.get(f"/families/{cast.family.pk}/").content.decode()
    )


def test_case_pages_are_never_stored_and_public_ones_may_be(client: Client, cast: Cast) -> None:
    _sign_in(client)
    case_page = client.get(f"/families/{cast.family.pk}/")
    assert "no-store" in case_page["Cache-Control"]
    assert case_page["Permissions-Policy"] == PERMISSIONS_POLICY
    public = Client().get("/explore/")
    assert "no-store" not in public.get("Cache-Control", "")
    assert "camera=()" in public["Permissions-Policy"]


def test_the_session_id_changes_at_sign_in(client: Client, cast: Cast) -> None:
    client.get("/accounts/sign-in/")
    client.cookies["sessionid"] = "planted-by-an-attacker"
    _sign_in(client)
    assert client.cookies["sessionid"].value != "planted-by-an-attacker"


def test_a_person_changes_their_own_password(client: Client, cast: Cast) -> None:
    _sign_in(client)
    page = client.get("/accounts/password/")
    assert "Change your password" in page.content.decode()
    weak = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "password1234",
            "new_password2": "password1234",
        },
    )
    assert "too common" in weak.content.decode()
    short = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Tr0ub4dor&3", "new_password2": "Tr0ub4dor&3"},
    )
    assert "at least 12 characters" in short.content.decode()
    new = "correct horse battery staple"
    done = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert done.status_code == 302
    assert client.get("/families/").status_code == 200  # still signed in here
    cast.alice.refresh_from_db()
    assert cast.alice.check_password(new)
    event = AuditEvent.objects.get(action=Action.CHANGED, record_type="password")
    assert event.actor == cast.alice and new not in str(event.detail)


@pytest.mark.parametrize("url", ["/accounts/password/"])
def test_changing_a_password_needs_a_sign_in(client: Client, url: str) -> None:
    assert client.get(url).status_code == 302
