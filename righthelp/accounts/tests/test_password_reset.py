"""Resetting a forgotten password by email, written as the attacks on it: finding out which
addresses have accounts, using a link twice, late, or for someone else's account, getting
round the second factor, and asking for links without end. Email goes through a real SMTP
server (aiosmtpd) and a real job worker."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from righthelp.accounts.models import User
from righthelp.audit.models import Action, AuditEvent
from righthelp.cli import main
from righthelp.config.env import smtp_from_url
from righthelp.conftest import Cast, OtherPartnership
from righthelp.testing.factories import PASSWORD
from righthelp.testing.smtp import Inbox, Received, smtp_server

# The worker (run here in the test's process) closes its database connection when it is done,
# as it would in production; on PostgreSQL that would end a test kept in one transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _throttle_counts_start_at_nought() -> Iterator[None]:
    """The throttle keeps its counts in the database cache, which a transactional test's
    flush does not empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


RESET = "/accounts/password/reset/"
NEW_PASSWORD = "copper kettle under the stairs"


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with (
        smtp_server() as server,
        override_settings(
            RIGHTHELP_EMAIL_ENABLED=True,
            RIGHTHELP_BASE_URL="https://righthelp.example",
            **smtp_from_url(server.url),
        ),
    ):
        yield server


@pytest.fixture
def addresses(cast: Cast) -> Cast:
    User.objects.filter(pk=cast.alice.pk).update(email="alice@example.org")
    User.objects.filter(pk=cast.bob.pk).update(email="bob@example.org")
    cast.alice.refresh_from_db()
    cast.bob.refresh_from_db()
    return cast


def _run_jobs() -> None:
    assert main(["worker", "--batch"]) == 0


def _link_in(message: Received) -> str:
    match = re.search(r"https://righthelp\.example(/accounts/password/reset/\S+/)", message.text)
    assert match, message.text
    return match.group(1)


def _reset_with(client: Client, link: str, password: str = NEW_PASSWORD) -> str:
    """Open the link and choose a password; the page it lands on."""
    opened = client.get(link)
    assert opened.status_code == 302  # the token leaves the address for the session
    form_page = opened["Location"]
    assert "set-password" in form_page
    saved = client.post(form_page, {"new_password1": password, "new_password2": password})
    return str(saved["Location"]) if saved.status_code == 302 else saved.content.decode()


def _sign_in(client: Client, username: str, password: str) -> str:
    response = client.post("/accounts/sign-in/", {"username": username, "password": password})
    return str(response["Location"]) if response.status_code == 302 else str(response.status_code)


def test_a_reset_by_email_end_to_end(client: Client, addresses: Cast, inbox: Inbox) -> None:
    cast = addresses
    response = client.post(RESET, {"email": "Alice@Example.org"})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert inbox.received == []  # sent by the worker, never in the request
    _run_jobs()
    [message] = inbox.to("alice@example.org")
    # Only the link: no name, username, team or partnership.
    for detail in ("Alice", "Ash", "alice", "Early Help", "North"):
        assert detail not in message.text
    assert "60 minutes" in message.text

    assert _reset_with(client, _link_in(message)) == reverse("accounts:password-reset-done")
    assert _sign_in(Client(), "alice", PASSWORD) == "200"  # the old one is refused
    assert _sign_in(Client(), "alice", NEW_PASSWORD) == reverse("families:home")

    _run_jobs()
    [changed] = [m for m in inbox.to("alice@example.org") if m is not message]
    assert "password" in changed.text and "was changed" in changed.text
    assert "Alice" not in changed.text

    steps = [
        (e.action, e.record_type, e.detail.get("step", e.detail.get("via")))
        for e in AuditEvent.objects.filter(record_id=str(cast.alice.pk)).order_by("id")
        if e.record_type in ("password_reset", "password")
    ]
    assert steps == [
        (Action.CREATED, "password_reset", "requested"),
        (Action.CREATED, "password_reset", "emailed"),
        (Action.CHANGED, "password", "reset"),
    ]


def test_the_answer_is_the_same_whether_or_not_an_account_has_the_address(
    addresses: Cast, inbox: Inbox
) -> None:
    answers = []
    for address in ("alice@example.org", "nobody@example.org"):
        client = Client()
        with CaptureQueriesContext(connection) as queries:
            response = client.post(RESET, {"email": address})
        following = client.get(response["Location"])
        answers.append(
            (response.status_code, response["Location"], following.content, len(queries))
        )
    # Same redirect, same page, the same database work (the lookup, one audit event, one
    # queued job) and no email sent during the request.
    assert answers[0] == answers[1]
    assert inbox.received == []
    _run_jobs()
    assert [m.to for m in inbox.received] == [["alice@example.org"]]
    # Nothing of the unknown address is kept.
    unknown = AuditEvent.objects.get(record_type="password_reset", record_id="")
    assert unknown.detail == {"step": "requested", "reason": "unknown_address"}
    assert "nobody" not in str(list(AuditEvent.objects.values_list("detail", flat=True)))


def test_a_used_link_does_not_work_again(client: Client, addresses: Cast, inbox: Inbox) -> None:
    client.post(RESET, {"email": "alice@example.org"})
    _run_jobs()
    link = _link_in(inbox.received[0])
    assert _reset_with(client, link) == reverse("accounts:password-reset-done")
    again = Client().get(link)
    assert again.status_code == 200 and b"This link does not work" in again.content
    refused = AuditEvent.objects.filter(action=Action.REFUSED, record_type="password_reset")
    assert refused.get().record_id == str(addresses.alice.pk)


def test_an_expired_link_does_not_work(
    client: Client, addresses: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = addresses.alice
    made_at = dt.datetime.now() - dt.timedelta(minutes=61)  # noqa: DTZ005 (Django's own clock)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: made_at)
    token = default_token_generator.make_token(alice)
    monkeypatch.undo()
    uid = urlsafe_base64_encode(force_bytes(alice.pk))
    link = reverse("accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
    response = client.get(link)
    assert response.status_code == 200 and b"This link does not work" in response.content
    # One minute younger, inside the hour, it works.
    monkeypatch.setattr(
        PasswordResetTokenGenerator, "_now", lambda self: made_at + dt.timedelta(minutes=2)
    )
    token = default_token_generator.make_token(alice)
    monkeypatch.undo()
    link = reverse("accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
    assert client.get(link).status_code == 302


@override_settings(RIGHTHELP_PASSWORD_RESET_MINUTES=10, PASSWORD_RESET_TIMEOUT=600)
def test_the_link_s_lifetime_is_a_setting_and_the_email_says_it(
    addresses: Cast, inbox: Inbox
) -> None:
    Client().post(RESET, {"email": "alice@example.org"})
    _run_jobs()
    assert "10 minutes" in inbox.received[0].text


def test_one_account_s_token_does_not_open_another_account(
    client: Client, addresses: Cast, other: OtherPartnership
) -> None:
    alice_token = default_token_generator.make_token(addresses.alice)
    for victim in (addresses.bob, other.admin):
        uid = urlsafe_base64_encode(force_bytes(victim.pk))
        link = reverse(
            "accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": alice_token}
        )
        response = client.get(link)
        assert response.status_code == 200 and b"This link does not work" in response.content
        victim.refresh_from_db()
        assert victim.check_password(PASSWORD)


def test_the_new_password_meets_the_password_rules(
    client: Client, addresses: Cast, inbox: Inbox
) -> None:
    client.post(RESET, {"email": "alice@example.org"})
    _run_jobs()
    link = _link_in(inbox.received[0])
    page = _reset_with(client, link, "short")
    assert "at least 12 characters" in page
    form_page = client.get(link)["Location"] if "set-password" not in link else link
    for weak in ("password1234", "123456789012345"):
        response = client.post(form_page, {"new_password1": weak, "new_password2": weak})
        assert response.status_code == 200 and "There is a problem" in response.content.decode()
    addresses.alice.refresh_from_db()
    assert addresses.alice.check_password(PASSWORD)


def test_a_reset_signs_the_account_out_everywhere(
    client: Client, addresses: Cast, inbox: Inbox
) -> None:
    elsewhere = Client()
    assert _sign_in(elsewhere, "alice", PASSWORD) == reverse("families:home")
    assert elsewhere.get("/families/").status_code == 200
    client.post(RESET, {"email": "alice@example.org"})
    _run_jobs()
    _reset_with(client, _link_in(inbox.received[0]))
    gone = elsewhere.get("/families/")
    assert gone.status_code == 302 and gone["Location"].startswith("/accounts/sign-in/")


@override_settings(RIGHTHELP_REQUIRE_2FA=True)
def test_a_reset_does_not_get_round_the_second_factor(
    client: Client, addresses: Cast, inbox: Inbox
) -> None:
    TOTPDevice.objects.create(user=addresses.alice, name="Authenticator app", confirmed=True)
    client.post(RESET, {"email": "alice@example.org"})
    _run_jobs()
    done = _reset_with(client, _link_in(inbox.received[0]))
    assert done == reverse("accounts:password-reset-done")
    assert client.get("/families/").status_code == 302  # the reset signed no one in
    assert _sign_in(client, "alice", NEW_PASSWORD) == reverse("families:home")
    assert client.get("/families/")["Location"].startswith("/accounts/two-factor/")
    assert TOTPDevice.objects.filter(user=addresses.alice, confirmed=True).count() == 1


def test_asking_again_and_again_is_slowed_for_known_and_unknown_addresses_alike(
    addresses: Cast, inbox: Inbox
) -> None:
    for address in ("alice@example.org", "nobody@example.org"):
        statuses = [
            Client(REMOTE_ADDR=f"10.0.0.{n}").post(RESET, {"email": address}).status_code
            for n in range(4)
        ]
        assert statuses == [302, 302, 302, 429]
    _run_jobs()
    assert len(inbox.to("alice@example.org")) == 3


def test_one_machine_asking_for_many_addresses_is_slowed(addresses: Cast, inbox: Inbox) -> None:
    client = Client(REMOTE_ADDR="10.9.9.9")
    statuses = [
        client.post(RESET, {"email": f"person{n}@example.org"}).status_code for n in range(11)
    ]
    assert statuses[:10] == [302] * 10 and statuses[10] == 429
    refused = client.post(RESET, {"email": "alice@example.org"})
    assert refused.status_code == 429 and "Retry-After" in refused
    _run_jobs()
    assert inbox.to("alice@example.org") == []


def test_with_no_email_the_page_says_to_ask_the_administrator(
    client: Client, addresses: Cast
) -> None:
    for response in (client.get(RESET), client.post(RESET, {"email": "alice@example.org"})):
        assert response.status_code == 200
        assert "Ask your Right Help administrator" in response.content.decode()
    assert not AuditEvent.objects.filter(record_type="password_reset").exists()


def test_the_sign_in_page_offers_the_reset(client: Client, addresses: Cast) -> None:
    assert RESET in client.get("/accounts/sign-in/").content.decode()


def test_changing_one_s_own_password_is_told_by_email(
    client: Client, addresses: Cast, inbox: Inbox
) -> None:
    client.force_login(addresses.alice)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    _run_jobs()
    [told] = inbox.to("alice@example.org")
    assert "was changed" in told.text and "reset link" not in told.text


def test_the_partnership_s_administrator_sees_the_reset_and_the_other_does_not(
    client: Client, addresses: Cast, other: OtherPartnership, inbox: Inbox
) -> None:
    Client().post(RESET, {"email": "alice@example.org"})
    client.force_login(addresses.erin)
    page = client.get("/audit/").content.decode()
    assert "password reset" in page and "about Alice Ash's account" in page
    client.force_login(other.admin)
    assert "password reset" not in client.get("/audit/").content.decode()
