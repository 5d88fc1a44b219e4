from __future__ import annotations

from typing import Any

import pytest

from righthelp.testing.browser import look


@pytest.mark.django_db(transaction=True)
def test_the_start_page_in_a_browser(live_server: Any, page: Any) -> None:
    page.goto(live_server.url)
    assert page.locator("h1").inner_text().startswith("Right help")
    # GOV.UK Frontend's script ran under the strict content security policy.
    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")
    look(page, "public-start")
