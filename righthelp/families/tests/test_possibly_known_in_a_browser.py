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


def _add_kayleigh(page: Any) -> None:
    page.get_by_label("Child or young person").check()
    page.get_by_label("First name").fill("Kayleigh")
    page.get_by_label("Last name").fill("Price")
    group = page.get_by_role("group", name="Date of birth")
    group.get_by_label("Day").fill("12")
    group.get_by_label("Month").fill("12")
    group.get_by_label("Year").fill("2009")
    page.get_by_role("button", name="Save", exact=True).click()


def test_no_offer_to_open_a_record_the_user_may_not_open(demo: str, page: Any) -> None:
    # Owen works in another team: he is warned, but not offered (or told about) the family.
    sign_in(page, demo, "outsider", start="/families/")
    page.get_by_role("button", name="Add a family").click()
    page.get_by_label("Family name").fill("Carter household")
    page.get_by_role("button", name="Add family", exact=True).click()
    page.get_by_text("Family added. Now add the people in it.").wait_for()
    _add_kayleigh(page)
    page.get_by_role("heading", name="This person may already be known").wait_for()
    look(page, "possibly-known-02-not-theirs")
    warning = page.locator("#possibly-known")
    assert "held in a family you cannot open. Ask your manager" in warning.inner_text()
    assert warning.get_by_role("link").count() == 0
    assert "Price household" not in page.locator("main").inner_text()
    page.get_by_role("button", name="Add them anyway").click()
    page.get_by_text("Kayleigh Price added.").wait_for()
