"""In Chromium, checked with axe: when the band from the score and the band from what was
seen disagree, what each calls for is labelled with its band, on the check page and on the
recorded result; the count rule that is the partnership's reading says so."""

from __future__ import annotations

from typing import Any

import pytest

from righthelp.testing.browser import look, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

LOW_STEP = "A single agency safety plan should be developed to support the young person."


def _what_it_calls_for(page: Any, heading: str) -> str:
    """The text from a heading to the next h2 or h3: what one band calls for."""
    return str(
        page.evaluate(
            """(heading) => {
                const h = [...document.querySelectorAll('main h3')]
                    .find((e) => e.textContent.trim() === heading);
                if (!h) return '';
                let text = '', node = h.nextElementSibling;
                while (node && !/^H[23]$/.test(node.tagName)) {
                    text += node.innerText + ' '; node = node.nextElementSibling;
                }
                return text;
            }""",
            heading,
        )
    )


def test_each_bands_next_step_is_labelled_with_its_band(demo: str, page: Any) -> None:
    sign_in(page, demo, "cov-practitioner", start="/families/")
    page.get_by_role("link", name="Kaur household").click()
    page.get_by_role("link", name="Exploitation screenings").click()
    page.get_by_role("link", name="New screening").click()
    page.get_by_label("Arjun Singh").check()
    # A score of 4 is Medium; three vulnerabilities and one risk indicator are Low.
    page.get_by_label("Screening score").fill("4")
    page.get_by_label("Number of vulnerabilities seen").fill("3")
    page.get_by_label("Number of risk indicators seen").fill("1")
    page.get_by_label("Number of significant risk indicators seen").fill("0")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="The two bands disagree").wait_for()
    look(page, "bands-disagree-01-check")
    medium = _what_it_calls_for(page, "For medium (moderate) risk, the band from the score")
    low = _what_it_calls_for(page, "For low (mild) risk, the band from what you saw")
    assert "No next step is given for this band alone." in medium and LOW_STEP not in medium
    assert LOW_STEP in low

    page.get_by_label("Your decision and the reasons for it").fill(
        "Medium on the score; safety plan with school while the Horizon Team advises."
    )
    page.get_by_role("button", name="Record the screening").click()
    page.get_by_text("Screening recorded.").wait_for()
    look(page, "bands-disagree-02-result")
    medium = _what_it_calls_for(page, "For medium (moderate) risk, the band from the score")
    low = _what_it_calls_for(page, "For low (mild) risk, the band from what was seen")
    assert "No next step is given for this band alone." in medium and LOW_STEP not in medium
    assert LOW_STEP in low
    assert page.get_by_role("link", name="Write the safety plan").is_visible()


def test_a_count_band_from_the_partnerships_reading_is_labelled(demo: str, page: Any) -> None:
    sign_in(page, demo, "cov-practitioner", start="/families/")
    page.get_by_role("link", name="Kaur household").click()
    page.get_by_role("link", name="Exploitation screenings").click()
    page.get_by_role("link", name="New screening").click()
    page.get_by_label("Arjun Singh").check()
    # A score of 7 is Low; three risk indicators are Medium only by the partnership's reading.
    page.get_by_label("Screening score").fill("7")
    page.get_by_label("Number of vulnerabilities seen").fill("2")
    page.get_by_label("Number of risk indicators seen").fill("3")
    page.get_by_label("Number of significant risk indicators seen").fill("0")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="The two bands disagree").wait_for()
    look(page, "bands-disagree-03-partnership-reading")
    reading = page.locator(".rh-reading")
    assert reading.count() == 1
    assert "partnership" in reading.inner_text().lower()
    assert LOW_STEP in _what_it_calls_for(page, "For low (mild) risk, the band from the score")
    assert "No next step is given for this band alone." in _what_it_calls_for(
        page, "For medium (moderate) risk, the band from what you saw"
    )
