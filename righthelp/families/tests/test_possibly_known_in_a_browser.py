"""In Chromium: a practitioner adds a person the partnership already holds, is warned that
they may already be known and offered their record, then chooses to add them anyway."""

from __future__ import annotations

from typing import Any

import pytest

from righthelp.testing.browser import look, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_adding_someone_already_known(demo: str, page: Any) -> None:
    sign_in(page, demo, "practitioner", start="/families/")
    page.get_by_role("link", name="Price household").first.click()
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Child or young person").check()
    page.get_by_label("First name").fill("Kayleigh")
    page.get_by_label("Last name").fill("PRICE")
    group = page.get_by_role("group", name="Date of birth")
    group.get_by_label("Day").fill("12")
    group.get_by_label("Month").fill("12")
    group.get_by_label("Year").fill("2009")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("heading", name="This person may already be known").wait_for()
    look(page, "possibly-known-01-warning")
    assert page.get_by_role("link", name="Kayleigh Price, Price household").is_visible()
    assert page.get_by_label("First name").input_value() == "Kayleigh"  # nothing lost
    page.get_by_role("button", name="Add them anyway").click()
    page.get_by_text("Kayleigh PRICE added.").wait_for()
