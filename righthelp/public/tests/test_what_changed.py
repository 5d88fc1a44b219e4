"""What changed between two versions of a partnership's pack: ``righthelp pack diff`` as a page."""

from __future__ import annotations

from django.test import Client

from righthelp.partnerships.models import Partnership


def test_with_one_version_the_page_says_there_is_nothing_to_compare(
    client: Client, demo: Partnership
) -> None:
    index = client.get("/changes/demo/").content.decode()
    assert "Only version 1.1.0 is on this site, so there is nothing to compare yet." in index
    html = client.get("/changes/demo/stoke-on-trent/").content.decode()
    assert "Only version 1.1.0 of Thresholds for Intervention is on this site" in html


def test_a_manager_reads_what_changed_in_the_new_thresholds(
    client: Client, demo: Partnership, second_version: None
) -> None:
    index = client.get("/changes/demo/").content.decode()
    assert "Versions on this site: 1.1.0, 1.2.0." in index
    html = client.get("/changes/demo/stoke-on-trent/").content.decode()
    assert "From version 1.1.0 to version 1.2.0" in html
    assert "A new indicator for the new version." in html  # added, at level 2
    assert "Level 2: Getting Advice" in html
    assert "Parent/ carers are considering home education" in html  # removed
    assert "attendance below 90%." in html and "attendance below 88%." in html  # reworded
    assert "From level 2: Getting Advice to level 3: Getting Help" in html  # moved
    for heading in (
        "Indicators added",
        "Indicators removed",
        "Indicators reworded",
        "Indicators moved",
    ):
        assert f'<h3 class="govuk-heading-m">{heading}</h3>' in html


def test_the_explorer_uses_the_current_version_and_explains_old_bookmarks(
    client: Client, demo: Partnership, second_version: None
) -> None:
    html = client.get("/explore/demo/?i=edu-12&i=edu-07").content.decode()
    assert "version 1.2.0" in html
    assert "has no indicator edu-12" in html
    assert "Level of need: <strong>Getting Help</strong>" in html  # edu-07 moved up a level


def test_choosing_versions(client: Client, demo: Partnership, second_version: None) -> None:
    html = client.get("/changes/demo/stoke-on-trent/?old=1.2.0&new=1.1.0").content.decode()
    assert "From version 1.2.0 to version 1.1.0" in html
    same = client.get("/changes/demo/stoke-on-trent/?old=1.1.0&new=1.1.0").content.decode()
    assert "Choose two different versions to compare" in same
    unknown = client.get("/changes/demo/stoke-on-trent/?old=0.1&new=1.1.0").content.decode()
    assert "Choose a version from the list" in unknown
    assert "govuk-error-summary" in unknown


def test_a_pack_the_partnership_does_not_use_is_not_found(
    client: Client, demo: Partnership
) -> None:
    assert client.get("/changes/demo/somewhere-else/").status_code == 404
