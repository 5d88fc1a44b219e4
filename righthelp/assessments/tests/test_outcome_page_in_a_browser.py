"""The outcome page in Chromium at 1280 and 320 CSS pixels: "find an indicator" narrows the
list as you type, "what the indicators point to" follows the ticks (from the server's rule),
and the result page shows the level as a panel with the next steps. Axe on every view."""

from __future__ import annotations

from typing import Any

import pytest

from righthelp.testing.browser import look, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1280, 320])
def test_find_an_indicator_and_what_they_point_to(demo: str, page: Any, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, demo, "practitioner", start="/families/")
    page.get_by_label("Search for a family").fill("Kowalczyk")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Kowalczyk household").click()
    page.get_by_role("link", name="Continue the assessment").click()
    page.get_by_role("link", name="1. Getting a good education").click()

    summary = page.locator("#points-to")
    assert "What the indicators point to" in summary.inner_text()
    assert "This is not a decision." in summary.inner_text()
    items = page.locator("[data-rh-filter-item]")
    everything = items.count()

    finder = page.get_by_label("Find an indicator")
    finder.fill("attendance")
    page.locator("#indicator-filter-status").get_by_text("match", exact=False).wait_for()
    shown = [i for i in range(everything) if items.nth(i).is_visible()]
    assert 0 < len(shown) < everything
    texts = [items.nth(i).inner_text().lower() for i in shown]
    assert all("attendance" in text for text in texts), texts
    look(page, f"outcome-filter-{width}")

    finder.fill("")
    assert all(items.nth(i).is_visible() for i in range(everything))

    # The family's other outcomes already point somewhere; a tick at this outcome's highest
    # level moves the reading there, and unticking it moves it back.
    before = summary.locator("strong").first.inner_text()
    top = page.locator("[data-rh-filter-group]").last
    level = top.locator("legend").first.inner_text()  # "5. Getting Risk Support"
    assert level not in before
    top.locator("input[name=indicators]").first.check()
    summary.locator("strong", has_text=level).wait_for()
    assert "From 1 indicator at that level" in summary.inner_text()
    look(page, f"outcome-points-to-{width}")
    top.locator("input[name=indicators]").first.uncheck()
    summary.locator("strong", has_text=before).wait_for()
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= max(width, 1280 if width == 1280 else 320), wide


def test_the_result_is_a_panel_offering_the_next_steps(demo: str, page: Any) -> None:
    sign_in(page, demo, "practitioner", start="/families/")
    page.get_by_label("Search for a family").fill("Kowalczyk")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Kowalczyk household").click()
    page.get_by_role("link", name="Continue the assessment").click()
    page.get_by_role("link", name="1. Getting a good education").click()
    education = "Emerging attendance concerns, attendance has dropped below 95%."
    page.get_by_label(education).check()
    page.locator("#conditional-indicator-edu-07").get_by_label("Julia Kowalczyk").check()
    page.get_by_role("button", name="Save and go back to the list").click()
    page.get_by_role("link", name="Working well, worries, what needs to happen").click()
    page.get_by_label("The child's wishes and feelings").fill("Julia says school is hard.")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Submit assessment").click()
    page.get_by_text("Assessment completed.").wait_for()

    panel = page.locator(".govuk-panel")
    # The demo family's other outcomes put it at Getting Help (as the journey test shows).
    assert "Level of need: 3" in panel.inner_text() and "Getting Help" in panel.inner_text()
    page.get_by_role("link", name="Make a request for service").wait_for()
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        look(page, f"assessment-result-panel-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("link", name="Make a request for service").click()
    page.get_by_role("heading", name="Make a request for service").wait_for()

    # The directory's service is asked for only under "A service in the directory".
    service = page.get_by_label("Which service?")
    assert not service.is_visible()
    page.get_by_label("A service in the directory").check()
    assert service.is_visible()
    assert service.locator("optgroup").count() > 3
    look(page, "referral-service-revealed")
