"""The demo's front door: a `frontdoor` account with requests in its queue at different ages."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from righthelp.accounts.models import User
from righthelp.demo.front_door import REQUESTS
from righthelp.frontdoor.models import Receipt
from righthelp.testing.demo import DEMO_PASSWORD, demo_loaded

pytestmark = pytest.mark.django_db


def test_the_front_door_account_sees_its_queue_at_different_ages(client: Client) -> None:
    assert "frontdoor" in demo_loaded()
    door = User.objects.get(username="frontdoor")
    assert door.check_password(DEMO_PASSWORD)
    assert door.team is not None and door.team.front_door
    stages = sorted(
        Receipt.objects.filter(
            referral__what_is_needed__in=[needed for _, _, needed, _, _ in REQUESTS]
        ).values_list("stage", flat=True)
    )
    assert stages == ["acknowledged", "information_requested", "received"]
    to_do = Receipt.objects.filter(stage__in=["received", "acknowledged"]).count()
    client.force_login(door)
    html = unescape(client.get(reverse("frontdoor:queue")).content.decode())
    assert "Overdue" in html  # the oldest is past its one working day
    assert f"Front door ({to_do})" in html  # not the one whose question is with the sender
    assert "(4 days ago)" in html and "(0 days ago)" in html
