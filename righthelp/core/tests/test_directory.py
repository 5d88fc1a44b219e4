"""Finding a service: by words, by the outcome or criterion it helps with, by age."""

from __future__ import annotations

import pytest

from righthelp.core.directory import (
    DirectoryQuery,
    InvalidAgeError,
    age_fits,
    find_services,
    helps_with,
    parse_age,
    services_mentioned,
)
from righthelp.core.pack_set import PackSet


def names(demo: PackSet, **query: object) -> list[str]:
    return [e.service.name for e in find_services(demo, DirectoryQuery(**query))]  # type: ignore[arg-type]


def test_no_query_lists_every_service_in_pack_order(demo: PackSet) -> None:
    assert names(demo) == [e.service.name for e in demo.services]


def test_a_name_typed_loosely_is_found_first(demo: PackSet) -> None:
    assert names(demo, text="crasac")[0] == "Coventry Rape and Sexual Abuse Centre (CRASAC)"
    assert names(demo, text="womens aid")[0] == "Coventry Haven Women's Aid (including FGM support)"
    assert names(demo, text="HORIZON")[0] == "Horizon Team"


def test_words_in_a_description_find_the_service(demo: PackSet) -> None:
    found = names(demo, text="substance misuse")
    assert "Positive Choices" in found


def test_a_phone_number_finds_its_service(demo: PackSet) -> None:
    assert names(demo, text="01782 235100") == ["Children's Social Care Integrated Front Door"]


def test_by_criterion(demo: PackSet) -> None:
    found = names(demo, criterion="6.3")
    assert "Horizon Team" in found and "Relate" not in found


def test_by_outcome(demo: PackSet) -> None:
    found = names(demo, outcome=8)
    assert "Relate" in found and "Horizon Team" not in found
    assert names(demo, outcome=9) == []


def test_by_age_keeps_services_whose_ages_the_packs_do_not_give(demo: PackSet) -> None:
    found = names(demo, age=8)
    assert "Project Apollo/Artimus" not in found  # 12-19
    assert "Positive Choices" in found  # 5-25
    assert "Children's Social Care Integrated Front Door" in found  # no ages given
    assert "Project Apollo/Artimus" in names(demo, age=12)


def test_every_part_of_the_query_must_hold(demo: PackSet) -> None:
    assert names(demo, text="horizon", outcome=8) == []
    assert names(demo, text="horizon", outcome=6, age=14) == ["Horizon Team"]


def test_what_a_service_helps_with(demo: PackSet) -> None:
    helping = helps_with(demo)
    assert helping["coventry/crasac"].outcomes == (6, 8)
    assert helping["coventry/crasac"].criteria == (
        "6.1",
        "6.2",
        "6.3",
        "6.4",
        "6.5",
        "6.6",
        "8.1",
        "8.2",
        "8.3",
    )
    front_door = helping["stoke-on-trent/integrated-front-door"]
    assert [level.name for level in front_door.levels] == ["Getting Risk Support"]
    assert "coventry/police-intelligence" not in helping


def test_age_fits(demo: PackSet) -> None:
    youth_work = demo.service("coventry", "youth-work-mentoring-sports-coaching")
    assert youth_work is not None
    assert age_fits(youth_work.service, 8) is False
    assert age_fits(youth_work.service, 40) is True
    front_door = demo.service("stoke-on-trent", "integrated-front-door")
    assert front_door is not None and age_fits(front_door.service, 8) is None


@pytest.mark.parametrize(("raw", "age"), [("", None), (None, None), (" 14 ", 14), ("0", 0)])
def test_parse_age(raw: str | None, age: int | None) -> None:
    assert parse_age(raw) == age


@pytest.mark.parametrize("raw", ["fourteen", "-1", "14.5", "121", "١٤"])
def test_an_age_that_is_not_a_whole_number_of_years_is_refused(raw: str) -> None:
    with pytest.raises(InvalidAgeError, match="whole years"):
        parse_age(raw)


def test_services_whose_contacts_a_page_gives(demo: PackSet) -> None:
    page = demo.thresholds.guidance_by_id["support-from-childrens-social-care"]  # type: ignore[union-attr]
    keys = [e.key for e in services_mentioned(demo, "stoke-on-trent", page.body)]
    assert keys == [
        "stoke-on-trent/integrated-front-door",
        "stoke-on-trent/emergency-duty-team",
        "stoke-on-trent/staffordshire-police",
    ]


def test_services_mentioned_stay_within_the_pack_and_match_whole_values(demo: PackSet) -> None:
    text = "Send it to coventryintel@westmidlands.police.uk, or call 024 7678 8555."
    keys = [e.key for e in services_mentioned(demo, "coventry", text)]
    assert keys == ["coventry/horizon", "coventry/police-intelligence"]
    assert services_mentioned(demo, "stoke-on-trent", text) == ()
    assert services_mentioned(demo, "coventry", "call 9999 or 1010") == ()
    assert services_mentioned(demo, "coventry", "www.coventry.gov.uk/mashreferrals") == ()
