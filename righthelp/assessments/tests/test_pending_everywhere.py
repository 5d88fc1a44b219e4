"""A level 5 decision waiting for a manager's sign-off shows as its level, "awaiting sign-off
(N days)", on every page that shows a level: never as "Not assessed"."""

from __future__ import annotations

import csv
import io
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from righthelp.api.tokens import token_issue
from righthelp.conftest import Cast
from righthelp.dashboards.selectors import decisions_awaiting_sign_off
from righthelp.dashboards.tests.test_figures import _figures
from righthelp.testing.pending import decided_at_risk_support

LABEL = "5. Getting Risk Support, awaiting sign-off (3 days)"


@pytest.fixture
def pending(cast: Cast) -> Cast:
    decided_at_risk_support(cast.family, cast.alice, cast.child, days_ago=3)
    return cast


def _page(client: Client, url: str) -> str:
    return unescape(client.get(url).content.decode())


def test_your_families_shows_the_pending_level_and_its_wait(client: Client, pending: Cast) -> None:
    client.force_login(pending.alice)
    html = _page(client, reverse("families:home"))
    assert LABEL in html
    assert "Not assessed" not in html


def test_the_family_overview_shows_the_pending_level(client: Client, pending: Cast) -> None:
    client.force_login(pending.bob)
    html = _page(client, reverse("families:overview", args=[pending.family.pk]))
    assert "Current level of need: " in html and LABEL in html
    assert "Not assessed" not in html


def test_the_api_family_list_and_detail_carry_the_pending_level(
    client: Client, pending: Cast
) -> None:
    token = token_issue(user=pending.alice, name="Case system", by=None).secret
    headers = {"Authorization": f"Bearer {token}"}
    [family] = client.get("/api/v1/families", headers=headers).json()
    assert family["current_level"] is None
    assert family["pending_level"]["number"] == 5
    assert family["pending_level"]["waiting_days"] == 3
    assert family["pending_level"]["label"] == LABEL
    detail = client.get(f"/api/v1/families/{pending.family.pk}", headers=headers).json()
    assert detail["pending_level"]["label"] == LABEL


def test_the_dashboard_counts_it_as_pending_at_its_level(client: Client, pending: Cast) -> None:
    table = decisions_awaiting_sign_off(_figures(pending.bob)).as_dict()
    assert table["5. Getting Risk Support"] == {
        "Families awaiting sign-off": 1,
        "Longest wait": "3 days",
    }
    assert table["4. Getting More Help"]["Families awaiting sign-off"] == 0
    client.force_login(pending.bob)
    html = _page(client, reverse("dashboards:index"))
    assert "Decisions awaiting sign-off, by level" in html
    export = client.get(reverse("dashboards:export", args=["decisions-awaiting-sign-off", "csv"]))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert ["5. Getting Risk Support", "1", "3 days"] in rows


def test_the_other_teams_manager_counts_none(pending: Cast) -> None:
    # Charlie works in another team; the analyst sees the whole partnership.
    analyst = decisions_awaiting_sign_off(_figures(pending.dana)).as_dict()
    assert analyst["5. Getting Risk Support"]["Families awaiting sign-off"] == 1


def test_the_front_door_sees_the_pending_level_with_the_request(
    client: Client, pending: Cast
) -> None:
    from righthelp.frontdoor.tests.helpers import front_door_worker, receipt_of, sent_request

    receipt = receipt_of(sent_request(pending))
    client.force_login(front_door_worker())
    html = _page(client, reverse("frontdoor:detail", args=[receipt.pk]))
    assert "Latest threshold decision" in html and LABEL in html
    assert "Not assessed" not in html


def test_the_assessment_itself_shows_it_is_awaiting_sign_off(client: Client, pending: Cast) -> None:
    from righthelp.assessments.models import Assessment

    assessment = Assessment.objects.get(family=pending.family)
    client.force_login(pending.alice)
    html = _page(client, reverse("assessments:view", args=[pending.family.pk, assessment.pk]))
    assert LABEL in html
    assert "Not assessed" not in html
