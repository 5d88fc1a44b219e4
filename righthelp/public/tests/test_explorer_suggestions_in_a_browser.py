"""A practitioner describes what they saw, reads the suggestions, ticks what fits and checks
the level of need: in headless Chromium, each step checked with axe (WCAG 2.2 A and AA)."""

from __future__ import annotations

from typing import Any

import pytest

from righthelp.partnerships.models import Partnership
from righthelp.partnerships.services import partnership_create
from righthelp.public.tests.conftest import DEMO_PACKS
from righthelp.testing.browser import look

NOTE = (
    "Mum cannot afford the gas or food this week, the meter is empty. "
    "Kayden's attendance is 86% and he is late most mornings."
)


@pytest.fixture
def demo_live(transactional_db: None) -> Partnership:
    return partnership_create(name="Demo partnership", slug="demo", pack_ids=DEMO_PACKS)


@pytest.mark.django_db(transaction=True)
def test_a_practitioner_describes_what_they_saw_and_ticks_what_fits(
    live_server: Any, page: Any, demo_live: Partnership
) -> None:
    from playwright.sync_api import expect

    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}/explore/demo/")
    page.get_by_role("link", name="Describe what you are seeing in your own words").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Describe what you are seeing")
    look(page, "suggest-1-describe")

    page.get_by_role("button", name="Suggest indicators").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what you are seeing")
    look(page, "suggest-2-nothing-entered")

    page.get_by_label("What are you seeing?").fill(NOTE)
    page.get_by_role("button", name="Suggest indicators").click()
    suggestions = page.locator("#suggestions")
    expect(suggestions).to_contain_text("Suggestions are not findings")
    expect(page.get_by_label("What are you seeing?")).to_have_value(NOTE)
    # Nothing is ticked for the practitioner.
    assert suggestions.locator("input:checked").count() == 0
    look(page, "suggest-3-suggestions")

    suggestions.get_by_label(
        "Poor punctuality, frequent absence from school, attendance below 90%."
    ).check()
    page.get_by_role("button", name="Check the level of need for what you ticked").click()
    expect(page.locator("#result")).to_contain_text("Getting Help")
    assert page.url.endswith("/explore/demo/?i=edu-13#result")
    look(page, "suggest-4-level")
    # The note never went into an address.
    assert not any("meter" in url or "Kayden" in url for url in [page.url, *requests])
