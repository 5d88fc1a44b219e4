"""The menu offers each person exactly the sections they may use."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from righthelp.accounts.models import Role
from righthelp.accounts.services import administrator_permissions_grant
from righthelp.testing.factories import make_user
from righthelp.ui.navigation import menu_for

pytestmark = pytest.mark.django_db

EXPECTED = {
    Role.PRACTITIONER: ["Your work (0)", "Your families", "Self-assessment"],
    Role.MANAGER: ["Your work (0)", "Your families", "Dashboards", "Self-assessment"],
    Role.ANALYST: ["Dashboards", "Self-assessment"],
    Role.ADMINISTRATOR: ["Accounts and teams", "Audit log"],
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_is_offered_its_own_sections(role: Role) -> None:
    user = make_user(f"someone-{role}", role=role)
    if role == Role.ADMINISTRATOR:
        administrator_permissions_grant(user=user)
    assert [item.label for item in menu_for(user)] == EXPECTED[role]


@pytest.mark.parametrize("role", list(EXPECTED))
def test_every_link_in_the_menu_opens_for_the_person_it_is_shown_to(role: Role) -> None:
    user = make_user(f"someone-{role}", role=role)
    if role == Role.ADMINISTRATOR:
        administrator_permissions_grant(user=user)
    client = Client()
    client.force_login(user)
    page = client.get("/self-assessment/" if role == Role.ANALYST else "/families/")
    menu = page.content.decode().split('id="navigation"', 1)[1].split("</ul>", 1)[0]
    links = re.findall(r'class="govuk-service-navigation__link" href="([^"]+)"', menu)
    # The service's pages, then (GOV.UK service navigation) the account's: who is signed in,
    # their name as a link to their own account page ("Signed in as" for screen readers),
    # then "Sign out" (a button: it posts).
    assert len(links) == len(EXPECTED[role]) + 1
    assert links[-1] == reverse("accounts:password-change")
    account = menu.rsplit("<li", 2)[1]
    assert '<span class="govuk-visually-hidden">Signed in as </span>' in account
    assert f'<span class="rh-account__who">{user.display_name}</span>' in account
    assert menu.rstrip().endswith("</li>") and ">Sign out</button>" in menu.rsplit("<li", 1)[1]
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_current_section_is_marked_for_screen_readers() -> None:
    client = Client()
    client.force_login(make_user("pat"))
    page = client.get("/families/").content.decode()
    assert (
        'href="/families/" aria-current="true">'
        '<strong class="govuk-service-navigation__active-fallback">Your families</strong>'
    ) in page
