"""The two floors the web benchmark measures against: ``/health/`` (no session, no personal
data) and the signed-in empty page (no queries of its own)."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from righthelp.conftest import Cast


def test_health_answers_without_a_session_and_says_nothing_personal(
    client: Client, db: None
) -> None:
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_the_signed_in_empty_page_needs_a_session_and_makes_no_queries_of_its_own(
    client: Client, cast: Cast
) -> None:
    assert client.get("/signed-in/").status_code == 302
    client.force_login(cast.alice)
    client.get("/signed-in/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/signed-in/")
    assert response.status_code == 200
    assert "You are signed in" in response.content.decode()
    # The session, the user (with team, agency and partnership) and the navigation's count.
    assert len(captured) <= 3
