"""The dashboard page counts a partnership's figures once every few minutes and says when;
a manager's figures are their own."""

from __future__ import annotations

import re

from django.core.cache import cache
from django.test import Client, override_settings

from righthelp.conftest import Cast
from righthelp.testing.factories import make_family


def _not_assessed(page: str) -> int:
    match = re.search(r"Not yet assessed</th>\s*<td[^>]*>(\d+)</td>", page)
    assert match, "the families-by-level table has a Not yet assessed row"
    return int(match.group(1))


@override_settings(RIGHTHELP_DASHBOARD_CACHE_SECONDS=300)
def test_the_page_shows_counted_figures_for_a_while_and_says_when_they_were_counted(
    client: Client, cast: Cast
) -> None:
    cache.clear()
    client.force_login(cast.dana)
    first = client.get("/dashboards/").content.decode()
    assert "Figures counted at" in first
    assert "counted again when they are 5 minutes old" in first
    before = _not_assessed(first)
    make_family(cast.alice, "Newly added household")
    assert _not_assessed(client.get("/dashboards/").content.decode()) == before
    cache.clear()
    assert _not_assessed(client.get("/dashboards/").content.decode()) == before + 1


def test_without_a_cache_time_every_view_counts_afresh(client: Client, cast: Cast) -> None:
    client.force_login(cast.dana)
    before = _not_assessed(client.get("/dashboards/").content.decode())
    make_family(cast.alice, "Newly added household")
    page = client.get("/dashboards/").content.decode()
    assert _not_assessed(page) == before + 1
    assert "counted again" not in page


@override_settings(RIGHTHELP_DASHBOARD_CACHE_SECONDS=300)
def test_a_managers_cached_figures_are_not_an_analysts(client: Client, cast: Cast) -> None:
    cache.clear()
    make_family(cast.charlie, "Other team's household")  # the analyst's, not bob's
    client.force_login(cast.dana)
    analyst = _not_assessed(client.get("/dashboards/").content.decode())
    client.force_login(cast.bob)
    assert _not_assessed(client.get("/dashboards/").content.decode()) == analyst - 1


@override_settings(RIGHTHELP_DASHBOARD_CACHE_SECONDS=300)
def test_the_sections_are_drawn_once_with_the_figures_they_show(client: Client, cast: Cast) -> None:
    """A thousand template nodes of tables and charts: kept with the figures, not drawn at
    every view; the second view shows the same sections."""
    cache.clear()
    client.force_login(cast.dana)
    first = client.get("/dashboards/")
    second = client.get("/dashboards/")
    drawn = [[t.name for t in response.templates] for response in (first, second)]
    assert "dashboards/_sections.html" in drawn[0]
    assert "dashboards/_sections.html" not in drawn[1]
    sections = re.findall(
        r'<section class="rh-dashboard-section".*?</section>', first.content.decode(), re.S
    )
    assert sections and sections == re.findall(
        r'<section class="rh-dashboard-section".*?</section>', second.content.decode(), re.S
    )
