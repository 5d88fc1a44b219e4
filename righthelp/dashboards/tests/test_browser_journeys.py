"""A manager opens the dashboards and downloads a table, in Chromium, with axe on every
page; the analyst's dashboards are checked too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from righthelp.testing.browser import look, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_opens_the_dashboards_and_downloads_a_csv(demo: str, page: Any) -> None:
    sign_in(page, demo, "manager")
    page.get_by_role("link", name="Dashboards").click()
    page.get_by_role("heading", name="Dashboards").wait_for()
    look(page, "dashboards-01-manager")
    table = page.locator("table", has=page.get_by_text("Level of need", exact=True))
    assert "Not yet assessed" in table.inner_text()
    assert page.locator("svg.rh-bar-chart").count() == 3  # levels, outcomes, overdue work

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV of families by current level of need").first.click()
    download = download_info.value
    assert download.suggested_filename.startswith("families-by-level-partnership-")
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    assert "Exact counts, for use within the partnership only." in content
    assert "Level of need,Families" in content

    page.locator("#id_start_0").fill("1")
    page.locator("#id_start_1").fill("1")
    page.locator("#id_start_2").fill("2020")
    page.get_by_role("button", name="Show this period").click()
    page.get_by_text("Showing 1 January 2020 to").wait_for()
    look(page, "dashboards-02-manager-period")


def test_the_analyst_lands_on_the_partnership_dashboards(demo: str, page: Any) -> None:
    sign_in(page, demo, "analyst")
    page.get_by_role("heading", name="Dashboards").wait_for()
    assert "Every family in Stoke-on-Trent (demo)" in page.locator("main").inner_text()
    look(page, "dashboards-03-analyst")
    page.locator("#id_end_0").fill("31")
    page.locator("#id_end_1").fill("2")
    page.get_by_role("button", name="Show this period").click()
    page.get_by_text("There is a problem").wait_for()
    look(page, "dashboards-04-period-error")
