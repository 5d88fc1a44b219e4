"""Failed sign-ins and the delays they start are seen by the administrator of the
partnership whose account was tried, and by no other partnership's administrator; a
username that names no one is kept nowhere."""

from __future__ import annotations

from django.test import Client

from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast, OtherPartnership


def _try(username: str, password: str = "not-the-password") -> int:  # noqa: S107
    response = Client(REMOTE_ADDR="10.1.2.3").post(
        "/accounts/sign-in/", {"username": username, "password": password}
    )
    return response.status_code


def test_erin_sees_failures_and_the_delay_on_alice_s_account_and_zed_does_not(
    client: Client, cast: Cast, other: OtherPartnership
) -> None:
    assert [_try("alice") for _ in range(6)] == [200] * 5 + [429]
    failed = AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED, record_id=str(cast.alice.pk))
    assert failed.count() == 6
    partnership = cast.alice.team.agency.partnership_id  # type: ignore[union-attr]
    assert {e.detail["partnership"] for e in failed} == {partnership}
    assert [e.detail.get("delay_minutes") for e in failed.order_by("id")][4] == 1
    assert failed.order_by("id").last().detail["reason"] == "delayed"  # type: ignore[union-attr]

    client.force_login(cast.erin)
    page = client.get("/audit/", {"action": "sign_in_failed"}).content.decode()
    assert page.count("about Alice Ash's account") == 6
    assert "Delay minutes: 1" in page and "Reason: delayed" in page
    assert "not-the-password" not in page

    client.force_login(other.admin)
    page = client.get("/audit/", {"action": "sign_in_failed"}).content.decode()
    assert "about Alice" not in page and "Nothing recorded." in page


def test_a_username_that_names_no_one_is_kept_nowhere(
    client: Client, cast: Cast, other: OtherPartnership
) -> None:
    _try("mallory-guess")
    event = AuditEvent.objects.get(action=Action.SIGN_IN_FAILED)
    assert event.record_id == "" and "partnership" not in event.detail
    assert "mallory" not in str(event.detail)
    for admin in (cast.erin, other.admin):
        client.force_login(admin)
        assert "Sign-in failed account" not in client.get("/audit/").content.decode()
