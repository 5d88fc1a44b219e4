"""A service imported from Open Referral UK data, in headless Chromium: its place, hours,
languages, cost and categories on its page, and a temporarily closed one marked, checked
with axe-core for WCAG 2.2 A and AA and at 320px wide."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from righthelp.packstore.registry import installed_packs
from righthelp.partnerships.services import partnership_create
from righthelp.public.tests.test_openreferral_feed import write_northtown_pack
from righthelp.testing.browser import look


@pytest.fixture
def northtown_live(transactional_db: None, tmp_path: Path) -> Iterator[None]:
    write_northtown_pack(tmp_path)
    with override_settings(RIGHTHELP_PACK_ROOTS=[tmp_path]):
        installed_packs.cache_clear()
        partnership_create(
            name="Northtown", slug="northtown", pack_ids=["northtown", "stoke-on-trent"]
        )
        yield
    installed_packs.cache_clear()


@pytest.mark.django_db(transaction=True)
def test_an_imported_service_reads_well_and_a_closed_one_is_marked(
    live_server: Any, page: Any, northtown_live: None
) -> None:
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/directory/northtown/northtown/family-hub-drop-in-1/")
    expect(page.get_by_role("heading", name="More about this service")).to_be_visible()
    expect(page.locator("address")).to_contain_text("NT1 1AA")
    look(page, "directory-imported-service")

    page.goto(f"{live_server.url}/directory/northtown/northtown/family-hub-drop-in-5/")
    expect(page.locator(".govuk-warning-text")).to_contain_text("Temporarily closed")
    look(page, "directory-imported-service-closed")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.goto(f"{live_server.url}/directory/northtown/?q=drop-in")
    expect(page.locator(".govuk-tag", has_text="Temporarily closed")).to_have_count(1)
    look(page, "directory-imported-list")
