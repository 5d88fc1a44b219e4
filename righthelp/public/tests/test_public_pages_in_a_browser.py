"""The public pages in headless Chromium, as a new practitioner would use them.

Each step is screenshotted into test-artifacts/screenshots and checked with axe-core for
WCAG 2.2 A and AA; every page is also checked at 320px wide, where nothing may scroll
sideways.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from righthelp.partnerships.models import Partnership
from righthelp.partnerships.services import partnership_create
from righthelp.public.tests.conftest import DEMO_PACKS, PUBLIC_PAGES
from righthelp.testing.browser import look, screenshot

# Pages as a person sees them: the result fragment is for the explorer's script only.
PAGES = [path for path in PUBLIC_PAGES if "/result/" not in path] + [
    "/explore/demo/?i=edu-99&i=edu-07",  # an old bookmark: error summary
    "/directory/demo/?age=ten",  # bad input: error summary
    "/screening/demo/bands/high/",
    "/guidance/demo/coventry/starting-a-difficult-conversation/",
    "/directory/demo/stoke-on-trent/integrated-front-door/",
]
CHECKED_AGAIN_AT_320 = {
    "/explore/demo/?i=edu-13&i=safe-41",
    "/directory/demo/?q=horizon&outcome=6&criterion=6.3&age=14",
    "/screening/demo/bands/low/",
}


@pytest.fixture
def demo_live(transactional_db: None) -> Partnership:
    return partnership_create(name="Demo partnership", slug="demo", pack_ids=DEMO_PACKS)


def shot_name(path: str, width: int) -> str:
    return f"public-{width}-{path.strip('/') or 'start'}"


def fits_320(page: Any) -> int:
    """The page's width with every details element open; they are closed again after."""
    return int(
        page.evaluate(
            """() => {
              const closed = [...document.querySelectorAll('details:not([open])')]
              closed.forEach(d => { d.open = true })
              const width = document.documentElement.scrollWidth
              closed.forEach(d => { d.open = false })
              return width
            }"""
        )
    )


@pytest.mark.django_db(transaction=True)
def test_a_new_practitioner_finds_what_to_do_next_in_under_a_minute(
    live_server: Any, page: Any, demo_live: Partnership
) -> None:
    from playwright.sync_api import expect

    started = time.monotonic()
    page.goto(live_server.url)
    look(page, "journey-1-start")
    page.get_by_role("button", name="Check the level of need").click()
    look(page, "journey-2-choose-partnership")
    page.get_by_role("link", name="Demo partnership").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the level of need")
    look(page, "journey-3-explorer")

    page.get_by_text("1. Getting a good education").click()
    page.get_by_label(
        "Poor punctuality, frequent absence from school, attendance below 90%."
    ).check()
    expect(page.locator("#level-status")).to_contain_text("Getting Help")
    page.get_by_text("6. Children are safe from abuse and exploitation").click()
    page.get_by_label("Disclosure of abuse from a child or other.").check()
    # The result follows the ticks as they are made, and so does the address.
    expect(page.locator("#level-status")).to_contain_text("Getting Risk Support, from 2 ticks")
    assert page.url.endswith("/explore/demo/?i=edu-13&i=safe-41")
    look(page, "journey-4-ticked")

    page.get_by_role("button", name="Show what to do next").click()
    result = page.locator("#result")
    expect(page.get_by_role("heading", name="What to do next")).to_be_focused()
    expect(result).to_contain_text("Request for service to Children's Social Care")
    expect(result.get_by_role("link", name="01782 235100").first).to_have_attribute(
        "href", "tel:01782235100"
    )
    expect(result).to_contain_text("Consent for a referral to Children's Social Care")
    expect(result).to_contain_text("If you think a child is in immediate danger")
    expect(result.get_by_role("link", name="01782 234234").first).to_be_visible()  # out of hours
    expect(result).to_contain_text(
        "Professional discussion is encouraged if you have concerns about a child"
    )
    look(page, "journey-5-what-to-do-next")
    elapsed = time.monotonic() - started
    assert elapsed < 60, f"the journey took {elapsed:.1f}s"

    page.get_by_role("link", name="One-page summary to print").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Level of need summary")
    look(page, "journey-6-summary")
    # Unticking works too, and the address follows.
    page.go_back()
    page.get_by_label("Disclosure of abuse from a child or other.").uncheck()
    expect(page.locator("#level-status")).to_contain_text("Getting Help, from 1 tick")
    assert page.url.endswith("?i=edu-13")


@pytest.mark.django_db(transaction=True)
def test_a_practitioner_finds_an_indicator_by_typing_and_nothing_typed_leaves_the_page(
    live_server: Any, page: Any, demo_live: Partnership
) -> None:
    from playwright.sync_api import expect

    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}/explore/demo/")
    finder = page.get_by_label("Find an indicator")
    finder.fill("missing episodes")
    status = page.locator("#indicator-filter-status")
    expect(status).to_contain_text("match")
    shown = page.locator(".govuk-checkboxes__item:visible")
    matching = shown.count()
    assert matching >= 1
    assert all("missing episodes" in text.lower() for text in shown.all_inner_texts())
    look(page, "explorer-filtered")

    shown.first.locator("input").check()
    expect(page.locator("#level-status")).to_contain_text("from 1 tick")
    finder.fill("zzzz")
    expect(status).to_contain_text("No indicator has those words")
    finder.fill("")
    # Every indicator is back; the outcome with the tick stays open.
    assert page.locator(".govuk-checkboxes__item:visible").count() > matching
    assert page.locator("details[open]").count() == 1
    assert not any("missing" in url or "zzzz" in url for url in [page.url, *requests])


@pytest.fixture
def page_without_javascript(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1200, "height": 900}, locale="en-GB", java_script_enabled=False
    )
    yield context.new_page()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_the_explorer_works_without_javascript(
    live_server: Any, page_without_javascript: Any, demo_live: Partnership
) -> None:
    page = page_without_javascript
    page.goto(f"{live_server.url}/explore/demo/")
    page.get_by_text("1. Getting a good education").click()
    page.get_by_label("Emerging attendance concerns, attendance has dropped below 95%.").check()
    page.get_by_role("button", name="Show what to do next").click()
    page.wait_for_url("**/explore/demo/?i=edu-07#result")
    assert "Getting Advice" in page.locator("#result").inner_text()
    screenshot(page, "explorer-without-javascript")


@pytest.mark.django_db(transaction=True)
def test_the_not_found_page(live_server: Any, browser: Any, demo_live: Partnership) -> None:
    # Its own context: the page fixture counts the 404 itself as a browser error.
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="en-GB")
    page = context.new_page()
    response = page.goto(f"{live_server.url}/explore/nowhere/")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert fits_320(page) <= 320
    look(page, "public-320-not-found")
    context.close()


@pytest.mark.django_db(transaction=True)
def test_every_public_page_is_accessible_and_fits_320px(
    live_server: Any, page: Any, demo_live: Partnership
) -> None:
    for path in PAGES:
        page.set_viewport_size({"width": 1200, "height": 900})
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        assert page.title(), path
        look(page, shot_name(path, 1200))
        page.set_viewport_size({"width": 320, "height": 640})
        assert fits_320(page) <= 320, f"{path} scrolls sideways at 320px"
        # axe's rules do not change with the width; the pages people use most are
        # checked again at 320px, the others screenshotted.
        if path in CHECKED_AGAIN_AT_320:
            look(page, shot_name(path, 320))
        else:
            screenshot(page, shot_name(path, 320))


@pytest.mark.django_db(transaction=True)
def test_what_changed_between_two_versions(
    live_server: Any, page: Any, demo_live: Partnership, second_version: None
) -> None:
    path = "/changes/demo/stoke-on-trent/"
    page.goto(f"{live_server.url}{path}")
    assert page.get_by_role("heading", name="From version 1.1.0 to version 1.2.0").is_visible()
    look(page, "public-1200-changes-two-versions")
    page.set_viewport_size({"width": 320, "height": 640})
    assert fits_320(page) <= 320
    look(page, "public-320-changes-two-versions")
