"""Administrators create accounts in the admin screens; no one else gets in, and case
records are not there at all."""

from __future__ import annotations

from django.test import Client

from righthelp.accounts.models import User
from righthelp.accounts.services import administrator_permissions_grant
from righthelp.conftest import Cast


def test_an_administrator_creates_a_practitioners_account(client: Client, cast: Cast) -> None:
    administrator_permissions_grant(user=cast.erin)
    client.force_login(cast.erin)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "newstarter",
            "first_name": "New",
            "last_name": "Starter",
            "role": "practitioner",
            "team": cast.alice.team_id,
            "password1": "a-good-long-password-2026",
            "password2": "a-good-long-password-2026",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="newstarter").team == cast.alice.team


def test_practitioners_cannot_use_the_admin(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    assert client.get("/admin/").status_code == 302  # to the admin's own sign-in


def test_families_are_not_in_the_admin(client: Client, cast: Cast) -> None:
    administrator_permissions_grant(user=cast.erin)
    client.force_login(cast.erin)
    index = client.get("/admin/").content.decode()
    assert "Families" not in index and "Assessments" not in index
    assert client.get("/admin/families/family/").status_code == 404
