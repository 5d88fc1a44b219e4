"""One partnership's administrator tries everything the admin screens offer on another
partnership's people, teams, agencies, tokens and authenticators: every try fails, and
nothing of the other partnership is shown. Written as the attacks of the security review."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from righthelp.accounts.models import AccountNotice, Role, User
from righthelp.accounts.services import administrator_permissions_grant
from righthelp.api.models import ApiToken
from righthelp.api.tokens import token_issue
from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast, OtherPartnership
from righthelp.testing.factories import PASSWORD, make_user, team

OTHER_NAMES = ("yara", "xavi", "zed", "Young", "Otherton", "Family Support")


@pytest.fixture
def erin(client: Client, cast: Cast) -> User:
    administrator_permissions_grant(user=cast.erin)
    client.force_login(cast.erin)
    return cast.erin


def _shows_nothing_of_the_other(html: str) -> bool:
    return not any(name in html for name in OTHER_NAMES)


def _user_form(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "team": user.team_id,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_lists_show_only_the_administrators_partnership(
    client: Client, erin: User, other: OtherPartnership
) -> None:
    token_issue(user=other.practitioner, name="Their case system", by=other.admin)
    TOTPDevice.objects.create(user=other.practitioner, name="phone", confirmed=True)
    for url in (
        "/admin/accounts/user/",
        "/admin/accounts/user/?q=oun",  # would find Young
        "/admin/partnerships/team/",
        "/admin/partnerships/agency/",
        "/admin/api/apitoken/",
        "/admin/otp_totp/totpdevice/",
        f"/admin/partnerships/team/?agency__id__exact={other.agency.pk}",
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert _shows_nothing_of_the_other(response.content.decode()), url


def test_typed_addresses_of_the_others_records_open_nothing(
    client: Client, erin: User, other: OtherPartnership
) -> None:
    yara = other.practitioner
    token = token_issue(user=yara, name="Their case system", by=other.admin).record
    device = TOTPDevice.objects.create(user=yara, name="phone", confirmed=True)
    for url in (
        f"/admin/accounts/user/{yara.pk}/change/",
        f"/admin/accounts/user/{yara.pk}/password/",
        f"/admin/accounts/user/{yara.pk}/history/",
        f"/admin/accounts/user/{yara.pk}/delete/",
        f"/admin/partnerships/team/{yara.team_id}/change/",
        f"/admin/partnerships/agency/{other.agency.pk}/change/",
        f"/admin/partnerships/partnership/{other.partnership.pk}/change/",
        f"/admin/api/apitoken/{token.pk}/change/",
        f"/admin/otp_totp/totpdevice/{device.pk}/change/",
        f"/admin/otp_totp/totpdevice/{device.pk}/config/",
        f"/admin/otp_totp/totpdevice/{device.pk}/qrcode/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert _shows_nothing_of_the_other(client.get(url, follow=True).content.decode()), url


def test_posting_to_the_others_records_changes_nothing(
    client: Client, erin: User, other: OtherPartnership, cast: Cast
) -> None:
    yara = other.practitioner
    token = token_issue(user=yara, name="Their case system", by=other.admin).record
    TOTPDevice.objects.create(user=yara, name="phone", confirmed=True)
    client.post(
        f"/admin/accounts/user/{yara.pk}/change/",
        _user_form(yara, role=Role.MANAGER, team=cast.alice.team_id),
    )
    client.post(
        f"/admin/accounts/user/{yara.pk}/password/",
        {"password1": "taken-over-2026-x", "password2": "taken-over-2026-x"},
    )
    client.post(f"/admin/accounts/user/{yara.pk}/delete/", {"post": "yes"})
    client.post(
        "/admin/accounts/user/",
        {"action": "reset_two_factor", "_selected_action": [yara.pk]},
    )
    client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    yara.refresh_from_db()
    assert yara.role == Role.PRACTITIONER and yara.team != cast.alice.team
    assert yara.check_password(PASSWORD)
    assert TOTPDevice.objects.filter(user=yara).exists()
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    signed_in = Client()
    assert signed_in.login(username="yara", password=PASSWORD)


def test_no_account_is_placed_in_the_others_teams(
    client: Client, erin: User, other: OtherPartnership, cast: Cast
) -> None:
    other_team = other.practitioner.team_id
    form = client.get("/admin/accounts/user/add/").content.decode()
    assert "Family Support" not in form  # not even offered
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "mole",
            "first_name": "M",
            "last_name": "Ole",
            "role": "manager",
            "team": other_team,
            "password1": "a-good-long-password-2026",
            "password2": "a-good-long-password-2026",
        },
    )
    assert response.status_code == 200 and not User.objects.filter(username="mole").exists()
    client.post(
        f"/admin/accounts/user/{cast.alice.pk}/change/", _user_form(cast.alice, team=other_team)
    )
    cast.alice.refresh_from_db()
    assert cast.alice.team_id != other_team
    client.post(
        "/admin/partnerships/team/add/",
        {"name": "Inside job", "agency": other.agency.pk},
    )
    assert not other.agency.teams.filter(name="Inside job").exists()


def test_the_admin_lookups_give_nothing_of_the_other(
    client: Client, erin: User, other: OtherPartnership
) -> None:
    for url in (
        "/admin/autocomplete/?app_label=accounts&model_name=user&field_name=team&term=Fam",
        "/admin/autocomplete/?app_label=api&model_name=apitoken&field_name=user&term=ya",
        "/admin/accounts/user/?team__id__exact=1&_to_field=id",
        f"/admin/accounts/user/?team__agency__partnership__id__exact={other.family.partnership_id}",
    ):
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        assert _shows_nothing_of_the_other(response.content.decode()), url


def test_a_superuser_is_never_made_from_the_screens(client: Client, erin: User) -> None:
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "root2",
            "first_name": "R",
            "last_name": "Oot",
            "role": "administrator",
            "team": erin.team_id,
            "is_superuser": "on",
            "password1": "a-good-long-password-2026",
            "password2": "a-good-long-password-2026",
        },
    )
    assert response.status_code == 302
    assert not User.objects.get(username="root2").is_superuser


def test_the_installations_superuser_sees_every_partnership(
    client: Client, cast: Cast, other: OtherPartnership
) -> None:
    root = User.objects.create_superuser("root", password=PASSWORD)
    client.force_login(root)
    html = client.get("/admin/accounts/user/").content.decode()
    assert "yara" in html and "alice" in html


def test_an_administrator_cannot_change_their_own_role_or_team(
    client: Client, erin: User, cast: Cast
) -> None:
    response = client.post(
        f"/admin/accounts/user/{erin.pk}/change/", _user_form(erin, role=Role.MANAGER)
    )
    assert response.status_code == 200
    assert "another administrator must do it" in response.content.decode()
    erin.refresh_from_db()
    assert erin.role == Role.ADMINISTRATOR
    refused = AuditEvent.objects.get(action=Action.REFUSED, actor=erin, record_type="user")
    assert refused.detail["fields"] == ["role"]
    # Her own name she may correct.
    client.post(f"/admin/accounts/user/{erin.pk}/change/", _user_form(erin, first_name="Erin"))
    erin.refresh_from_db()
    assert erin.first_name == "Erin"


def test_another_administrator_changes_a_role_audited_and_the_person_is_told(
    client: Client, erin: User, cast: Cast
) -> None:
    response = client.post(
        f"/admin/accounts/user/{cast.alice.pk}/change/", _user_form(cast.alice, role=Role.MANAGER)
    )
    assert response.status_code == 302
    changed = AuditEvent.objects.get(
        action=Action.CHANGED, actor=erin, record_type="user", record_id=str(cast.alice.pk)
    )
    assert changed.detail == {"via": "admin", "fields": ["Role"]}
    assert "Alice" not in str(changed.detail)
    alice = Client()
    signed_in = alice.post(
        "/accounts/sign-in/", {"username": "alice", "password": PASSWORD}, follow=True
    )
    assert "An administrator changed your role, team or access" in signed_in.content.decode()
    assert "An administrator changed" not in alice.get("/families/").content.decode()  # once
    assert AccountNotice.objects.get(user=cast.alice).shown_at is not None


def test_making_someone_an_administrator_gives_them_the_admin_screens(
    client: Client, erin: User, cast: Cast
) -> None:
    client.post(
        f"/admin/accounts/user/{cast.bob.pk}/change/",
        _user_form(cast.bob, role=Role.ADMINISTRATOR),
    )
    bob = Client()
    bob.force_login(User.objects.get(pk=cast.bob.pk))
    assert bob.get("/admin/accounts/user/").status_code == 200
    client.post(
        f"/admin/accounts/user/{cast.bob.pk}/change/",
        _user_form(User.objects.get(pk=cast.bob.pk), role=Role.MANAGER),
    )
    assert bob.get("/admin/accounts/user/").status_code == 302


def test_teams_and_agencies_changes_are_audited(client: Client, erin: User, cast: Cast) -> None:
    agency = cast.alice.team.agency  # type: ignore[union-attr]
    client.post("/admin/partnerships/team/add/", {"name": "Early Help East", "agency": agency.pk})
    made = agency.teams.get(name="Early Help East")
    client.post(f"/admin/partnerships/team/{made.pk}/delete/", {"post": "yes"})
    kinds = {
        (e.action, e.record_type)
        for e in AuditEvent.objects.filter(actor=erin, detail__via="admin")
    }
    assert kinds == {(Action.CREATED, "team"), (Action.DELETED, "team")}


def test_an_administrator_of_no_partnership_sees_nothing(client: Client, cast: Cast) -> None:
    adrift = make_user("adrift", role=Role.ADMINISTRATOR, team_=team("Admin", slug="nowhere"))
    administrator_permissions_grant(user=adrift)
    client.force_login(adrift)
    assert "alice" not in client.get("/admin/accounts/user/").content.decode()


def test_every_admin_screen_an_administrator_may_open_is_confined_to_the_partnership() -> None:
    """A screen added later (reminder emails, say) is scoped like the others, or this fails.
    Screens administrators hold no permission on (the job queue's) are the superuser's."""
    from django.contrib import admin

    from righthelp.accounts.admin import PartnershipScoped
    from righthelp.accounts.services import ADMINISTRATOR_MODELS

    registered = {
        (model._meta.app_label, model._meta.model_name): model_admin
        for model, model_admin in admin.site._registry.items()
    }
    unscoped = [
        key
        for key in ADMINISTRATOR_MODELS
        if not isinstance(registered.get(key), PartnershipScoped)
    ]
    assert unscoped == []


@pytest.mark.parametrize(
    "url",
    [
        "/admin/accounts/user/99999999999999999999999/change/",
        "/admin/accounts/user/abc/password/",
        "/admin/accounts/user/-1/history/",
        "/admin/partnerships/team/99999999999999999999999/delete/",
        "/admin/otp_totp/totpdevice/1e309/change/",
        "/admin/accounts/user/?team__id__exact=99999999999999999999999",
        "/admin/accounts/user/?o=99",
        "/admin/api/apitoken/?revoked_at__isnull=maybe",
        "/admin/accounts/user/?_selected_action=99999999999999999999999",
    ],
)
def test_odd_admin_addresses_are_not_server_errors(client: Client, erin: User, url: str) -> None:
    assert client.get(url, follow=True).status_code < 500


def test_an_action_on_an_impossible_id_is_not_a_server_error(client: Client, erin: User) -> None:
    response = client.post(
        "/admin/accounts/user/",
        {"action": "reset_two_factor", "_selected_action": ["99999999999999999999999"]},
    )
    assert response.status_code < 500
