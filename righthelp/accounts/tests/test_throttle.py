"""Guessing passwords, written as the attacks: each failure makes the next try wait longer,
by address and by account, never a lock anyone can keep on someone else; a try while
waiting moves nothing; the address comes from the configured proxy header only; and
anonymous sign-ins cannot take every server thread."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from righthelp.accounts import throttle
from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast
from righthelp.testing.factories import PASSWORD, make_user

SIGN_IN = "/accounts/sign-in/"


class Clock:
    def __init__(self) -> None:
        self.at = 1_800_000_000.0

    def __call__(self) -> float:
        return self.at


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(throttle, "now", clock)
    return clock


WRONG = "wrong"


def _try(client: Client, username: str, password: str = WRONG, **extra: str) -> int:
    response = client.post(SIGN_IN, {"username": username, "password": password}, **extra)  # type: ignore[arg-type]
    return response.status_code


def test_each_failure_past_five_doubles_the_wait(client: Client, cast: Cast, clock: Clock) -> None:
    for _ in range(5):
        assert _try(client, "alice") == 200
    assert _try(client, "alice", PASSWORD) == 429  # even the right password waits
    clock.at += 61
    assert _try(client, "alice") == 200  # the sixth failure: now two minutes
    clock.at += 61
    page = client.post(SIGN_IN, {"username": "alice", "password": PASSWORD})
    assert page.status_code == 429
    assert "Wait 1 minute" in unescape(page.content.decode())  # 59 seconds left of two
    clock.at += 60
    assert _try(client, "alice", PASSWORD) == 302


def test_trying_while_waiting_never_restarts_the_clock(
    client: Client, cast: Cast, clock: Clock
) -> None:
    for _ in range(5):
        _try(client, "alice")
    for _ in range(50):  # the attacker hammers during the wait
        clock.at += 1
        assert _try(client, "alice") == 429
    clock.at += 11  # 61 seconds after the fifth failure: the wait is over
    assert _try(client, "alice", PASSWORD) == 302
    refused = AuditEvent.objects.filter(
        action=Action.SIGN_IN_FAILED, detail__reason="delayed", record_id=str(cast.alice.pk)
    )
    assert refused.count() == 50  # each refused try is still in the audit log


def test_a_stranger_guessing_does_not_keep_alice_out_of_her_own_browser(
    cast: Cast, clock: Clock
) -> None:
    alices_browser = Client()
    assert _try(alices_browser, "alice", PASSWORD) == 302  # remembered as a known browser
    alices_browser.post(reverse("accounts:sign-out"))
    stranger = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(12):
        stranger.post(SIGN_IN, {"username": "alice", "password": "guess"})
    assert _try(stranger, "alice", PASSWORD) == 429  # the stranger waits ...
    assert _try(alices_browser, "alice", PASSWORD) == 302  # ... Alice does not


def test_the_longest_wait_is_fifteen_minutes_however_many_guesses(
    client: Client, cast: Cast, clock: Clock
) -> None:
    for _ in range(40):
        _try(client, "alice")
        clock.at += 16 * 60
    _try(client, "alice")
    clock.at += 15 * 60 + 1
    assert _try(client, "alice", PASSWORD) == 302


def test_one_address_guessing_across_many_accounts_is_slowed(
    client: Client, cast: Cast, clock: Clock
) -> None:
    people = [make_user(f"person{n}") for n in range(14)]
    tries = [_try(client, person.username) for person in people for _ in range(2)]
    assert tries[:20] == [200] * 20  # 20 failures from one address ...
    assert set(tries[20:]) == {429}  # ... and the 21st waits, whichever account it names
    assert _try(Client(REMOTE_ADDR="198.51.100.7"), "alice", PASSWORD) == 302


@override_settings(RIGHTHELP_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_the_load_balancer_the_address_is_its_header_right_most_entry(
    client: Client, cast: Cast, clock: Clock
) -> None:
    # The attacker writes their own X-Forwarded-For and X-Real-IP; the load balancer appends
    # the address it saw, which is the one counted.
    for n in range(21):
        status = _try(
            client,
            f"nobody{n}",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 192.0.2.50",
            HTTP_X_REAL_IP=f"10.1.0.{n}",
        )
    assert status == 429
    other_client_same_balancer = _try(client, "alice", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.51")
    assert other_client_same_balancer == 302


def test_without_the_setting_a_forwarded_header_is_ignored(
    client: Client, cast: Cast, clock: Clock
) -> None:
    for n in range(21):
        status = _try(client, f"nobody{n}", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert status == 429  # changing the header bought nothing


@override_settings(RIGHTHELP_SIGN_IN_CONCURRENCY=1, RIGHTHELP_SIGN_IN_WAIT_SECONDS=0.05)
def test_password_checks_at_once_are_bounded(client: Client, cast: Cast) -> None:
    checks = throttle.password_checks()
    with checks.slot() as acquired:  # another request is checking a password
        assert acquired
        busy = client.post(SIGN_IN, {"username": "alice", "password": PASSWORD})
    assert busy.status_code == 503
    assert busy["Retry-After"] == "5"
    assert _try(client, "alice", PASSWORD) == 302


def test_failed_sign_ins_at_either_door_are_audited(client: Client, cast: Cast) -> None:
    _try(client, "alice")
    _try(client, "nosuchperson")
    client.post("/admin/login/", {"username": "erin", "password": "wrong"})
    failed = AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED)
    assert {(e.record_id, e.detail["via"], e.detail["reason"]) for e in failed} == {
        (str(cast.alice.pk), "sign_in", "wrong_password"),
        ("", "sign_in", "unknown_account"),
        (str(cast.erin.pk), "admin", "wrong_password"),
    }
    assert "nosuchperson" not in str([e.detail for e in failed])  # what was typed is not kept


def test_a_sign_in_through_the_admin_door_is_audited(client: Client, cast: Cast) -> None:
    from righthelp.accounts.services import administrator_permissions_grant

    administrator_permissions_grant(user=cast.erin)
    response = client.post("/admin/login/", {"username": "erin", "password": PASSWORD})
    assert response.status_code == 302
    signed_in = AuditEvent.objects.get(action=Action.SIGNED_IN, actor=cast.erin)
    assert signed_in.detail == {"via": "admin"}


def test_a_username_too_long_is_told_not_a_server_error(client: Client, cast: Cast) -> None:
    assert _try(client, "a" * 5000) == 200
    assert (
        client.post("/admin/login/", {"username": "a" * 5000, "password": "x"}).status_code == 200
    )


@override_settings(RIGHTHELP_SIGN_IN_CONCURRENCY=1, RIGHTHELP_SIGN_IN_WAIT_SECONDS=30)
def test_beyond_the_waiting_room_a_sign_in_is_told_at_once(client: Client, cast: Cast) -> None:
    import time

    checks = throttle.password_checks()
    with checks.slot() as hashing, checks._admitted_slot() as waiting:
        assert hashing and waiting
        started = time.monotonic()
        busy = client.post(SIGN_IN, {"username": "alice", "password": PASSWORD})
        assert busy.status_code == 503
        assert time.monotonic() - started < 5  # not made to wait the 30 seconds
