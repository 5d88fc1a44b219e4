"""Erin, the administrator, sees who holds API tokens and revokes one; she never sees a
token, and cannot make or delete one in the admin screens."""

from __future__ import annotations

from django.test import Client

from righthelp.accounts.services import administrator_permissions_grant
from righthelp.api.models import ApiToken
from righthelp.api.tokens import token_issue, user_for_token
from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast


def test_erin_revokes_a_token_from_the_admin(client: Client, cast: Cast) -> None:
    issued = token_issue(user=cast.alice, name="Case system", by=None)
    administrator_permissions_grant(user=cast.erin)
    client.force_login(cast.erin)

    listing = client.get("/admin/api/apitoken/").content.decode()
    assert issued.record.prefix in listing and "Case system" in listing
    detail = client.get(f"/admin/api/apitoken/{issued.record.pk}/change/").content.decode()
    assert issued.record.digest not in detail and issued.secret not in detail
    assert client.get("/admin/api/apitoken/add/").status_code == 403

    response = client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [issued.record.pk]},
    )
    assert response.status_code == 302
    assert user_for_token(issued.secret) is None
    assert AuditEvent.objects.filter(
        actor=cast.erin, action=Action.CHANGED, record_type="api_token"
    ).exists()
    assert ApiToken.objects.filter(pk=issued.record.pk).exists()  # kept on record


def test_a_practitioner_cannot_reach_the_tokens(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    assert client.get("/admin/api/apitoken/").status_code == 302
