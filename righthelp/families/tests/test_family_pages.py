"""Recording a family and its people through the pages, as alice would."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast
from righthelp.families import services
from righthelp.families.models import Family, Person
from righthelp.testing.factories import make_family
from righthelp.versioned import StaleEdit


@pytest.fixture
def alice_client(client: Client, cast: Cast) -> Client:
    client.force_login(cast.alice)
    return client


def test_alice_adds_a_family_and_a_child(alice_client: Client, cast: Cast) -> None:
    response = alice_client.post(
        reverse("families:new"),
        {
            "name": "Rowe household",
            "address_line_1": "1 High Street",
            "town": "Stoke-on-Trent",
            "postcode": "st4 1hh",
            "lead_practitioner": cast.alice.pk,
        },
    )
    family = Family.objects.get(name="Rowe household")
    assert response.status_code == 302
    assert family.postcode == "ST4 1HH"
    assert AuditEvent.objects.filter(
        action=Action.CREATED, record_type="family", family_id=family.pk
    ).exists()

    response = alice_client.post(
        reverse("families:person-new", args=[family.pk]),
        {
            "kind": "child",
            "given_name": "Ava",
            "family_name": "Rowe",
            "date_of_birth_0": "27",
            "date_of_birth_1": "3",
            "date_of_birth_2": "2015",
            "gender": "female",
            "nhs_number": "943 476 5919",
        },
    )
    assert response.status_code == 302
    ava = Person.objects.get(given_name="Ava")
    assert (ava.date_of_birth, ava.nhs_number) == (dt.date(2015, 3, 27), "9434765919")


def _born(day: str, month: str, year: str) -> dict[str, str]:
    return {"date_of_birth_0": day, "date_of_birth_1": month, "date_of_birth_2": year}


NEXT_YEAR = str(timezone.localdate().year + 1)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (_born("31", "2", "2015"), "Date of birth must be a real date"),
        (_born("1", "", "2015"), "Date of birth must include a month"),
        (_born("1", "1", "15"), "The year must include 4 numbers"),
        (_born("1", "1", NEXT_YEAR), "Date of birth must be today or in the past"),
        ({"nhs_number": "943 476 5918"}, "Enter a real NHS number"),
        ({"nhs_number": "12345"}, "NHS number must be 10 numbers"),
        ({"given_name": ""}, "Enter the first name"),
    ],
)
def test_bad_details_get_a_clear_message_and_keep_what_was_typed(
    alice_client: Client, cast: Cast, fields: dict[str, str], message: str
) -> None:
    data = {
        "kind": "child",
        "given_name": "Ava",
        "family_name": "Rowe-Smythe",
        "gender": "female",
        "school_or_setting": "Northfield Primary",
        **fields,
    }
    response = alice_client.post(reverse("families:person-new", args=[cast.family.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert 'class="govuk-error-summary"' in html
    assert 'value="Rowe-Smythe"' in html and 'value="Northfield Primary"' in html
    assert not Person.objects.filter(family_name="Rowe-Smythe").exists()


def test_a_malformed_postcode_is_refused(alice_client: Client, cast: Cast) -> None:
    response = alice_client.post(
        reverse("families:new"),
        {"name": "Rowe household", "postcode": "NOT A CODE", "lead_practitioner": cast.alice.pk},
    )
    html = response.content.decode()
    assert "Enter a real postcode, like ST4 1HH" in html
    assert 'href="#id_postcode"' in html
    assert 'value="Rowe household"' in html


def test_a_stale_edit_is_refused_and_shows_both_versions(client: Client, cast: Cast) -> None:
    url = reverse("families:edit", args=[cast.family.pk])
    client.force_login(cast.alice)
    opened_version = cast.family.version
    # Bob saves a change after alice opened the page.
    services.family_update(
        family=cast.family,
        by=cast.bob,
        expected_version=opened_version,
        changes={"name": "Ash-Birch household"},
    )
    response = client.post(
        url,
        {
            "name": "Ash family",
            "postcode": "ST4 1HH",
            "lead_practitioner": cast.alice.pk,
            "version": opened_version,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed these details" in html
    assert "Ash-Birch household" in html and "Ash family" in html
    cast.family.refresh_from_db()
    assert cast.family.name == "Ash-Birch household"
    # Having seen both, alice saves hers deliberately.
    response = client.post(
        url,
        {
            "name": "Ash family",
            "postcode": "ST4 1HH",
            "lead_practitioner": cast.alice.pk,
            "version": cast.family.version,
        },
    )
    assert response.status_code == 302
    cast.family.refresh_from_db()
    assert cast.family.name == "Ash family"


def test_a_stale_person_edit_is_refused(cast: Cast) -> None:
    services.person_update(
        person=cast.child, by=cast.bob, expected_version=1, changes={"given_name": "Thomas"}
    )
    with pytest.raises(StaleEdit) as stale:
        services.person_update(
            person=cast.child, by=cast.alice, expected_version=1, changes={"given_name": "Tommy"}
        )
    current = stale.value.current
    assert isinstance(current, Person) and current.given_name == "Thomas"


def test_a_stale_person_edit_lists_only_the_details_that_differ(
    alice_client: Client, cast: Cast
) -> None:
    """Choices are compared by what they mean: an unchanged gender is not 'what changed'."""
    child = cast.child
    opened_version = child.version
    services.person_update(
        person=child, by=cast.bob, expected_version=opened_version, changes={"given_name": "Thomas"}
    )
    response = alice_client.post(
        reverse("families:person-edit", args=[cast.family.pk, child.pk]),
        {
            "kind": child.kind,
            "given_name": "Tommy",
            "family_name": child.family_name,
            "gender": child.gender,
            "version": opened_version,
        },
    )
    html = response.content.decode()
    comparison = html.split("What changed since you opened this page", 1)[1].split("</table>")[0]
    assert "Thomas" in comparison and "Tommy" in comparison
    assert "Gender" not in comparison
    assert "child or an adult" not in comparison


def test_relationships_between_members(alice_client: Client, cast: Cast) -> None:
    response = alice_client.post(
        reverse("families:relationship-new", args=[cast.family.pk]),
        {"person": cast.parent.pk, "kind": "parent", "relative": cast.child.pk},
    )
    assert response.status_code == 302
    overview = alice_client.get(
        reverse("families:overview", args=[cast.family.pk])
    ).content.decode()
    assert "Gwen Ash is parent of Tom Ash" in overview
    response = alice_client.post(
        reverse("families:relationship-new", args=[cast.family.pk]),
        {"person": cast.child.pk, "kind": "sibling", "relative": cast.child.pk},
    )
    assert "cannot be related to themselves" in response.content.decode()


def test_a_practitioner_is_added_to_the_family(alice_client: Client, cast: Cast) -> None:
    response = alice_client.post(
        reverse("families:worker-new", args=[cast.family.pk]), {"user": cast.charlie.pk}
    )
    assert response.status_code == 302
    from righthelp.families.access import may_see_family

    assert may_see_family(cast.charlie, cast.family)


def test_only_practitioners_and_managers_are_offered_as_workers(
    alice_client: Client, cast: Cast
) -> None:
    """Both pickers name each person with their team; analysts and administrators are not
    offered, and neither is anyone who has left."""
    cast.bob.is_active = False
    cast.bob.save()
    for page in (
        reverse("families:new"),
        reverse("families:worker-new", args=[cast.family.pk]),
    ):
        html = alice_client.get(page).content.decode()
        assert escape(f"Alice Ash, {cast.alice.team}") in html
        assert escape(f"Charlie Cole, {cast.charlie.team}") in html
        assert "Bob Birch" not in html
        assert cast.dana.display_name not in html
        assert cast.erin.display_name not in html


def test_the_families_home_shows_fifty_families_a_page(client: Client, cast: Cast) -> None:
    for number in range(55):
        make_family(cast.alice, f"Household {number:02d}")
    client.force_login(cast.alice)
    first = client.get("/families/").content.decode()
    assert first.count('class="govuk-table__row"') == 51  # a header row and 50 families
    assert "1 to 50 of 56, by name" in first
    assert 'aria-label="Pages of families"' in first
    second = client.get("/families/?page=2").content.decode()
    assert second.count('class="govuk-table__row"') == 7
    assert "Household 54" in second
    assert 'rel="prev"' in second


def _person(nhs: str = "", **extra: str) -> dict[str, str]:
    return {
        "kind": "child",
        "given_name": "Tom",
        "family_name": "Ash",
        "gender": "male",
        "nhs_number": nhs,
        **extra,
    }


def test_adding_someone_already_known_warns_and_offers_their_record(
    alice_client: Client, cast: Cast
) -> None:
    """Alice adds "Tom Ash" to a new household: the partnership already holds him."""
    Person.objects.filter(pk=cast.child.pk).update(
        nhs_number="9434765919", date_of_birth=dt.date(2014, 3, 1)
    )
    from righthelp.testing.factories import make_family

    other = make_family(cast.alice, "Birch household")
    url = reverse("families:person-new", args=[other.pk])
    response = alice_client.post(url, _person(nhs="9434765919"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This person may already be known" in html
    assert "Same NHS number" in html
    assert reverse("families:overview", args=[cast.family.pk]) in html  # she may open it
    assert 'value="Tom"' in html  # nothing typed is lost
    assert not Person.objects.filter(family=other).exists()

    dob = {"date_of_birth_0": "1", "date_of_birth_1": "3", "date_of_birth_2": "2014"}
    html = alice_client.post(url, {**_person(), "given_name": "tom", **dob}).content.decode()
    assert "Same name and date of birth" in html

    added = alice_client.post(url, {**_person(nhs="9434765919"), "add_anyway": "1"})
    assert added.status_code == 302
    assert Person.objects.filter(family=other, given_name="Tom").exists()


def test_a_match_in_a_family_she_cannot_open_is_not_named(client: Client, cast: Cast) -> None:
    from righthelp.testing.factories import make_family

    Person.objects.filter(pk=cast.child.pk).update(nhs_number="9434765919")
    client.force_login(cast.charlie)
    mine = make_family(cast.charlie, "Cole household")
    html = client.post(
        reverse("families:person-new", args=[mine.pk]), _person(nhs="9434765919")
    ).content.decode()
    assert "This person may already be known" in html
    assert "held in a family you cannot open" in html
    assert "Ash household" not in html
    assert reverse("families:overview", args=[cast.family.pk]) not in html


def test_the_postcode_box_keeps_the_govuk_input_class(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    html = client.get(reverse("families:new")).content.decode()
    assert 'class="govuk-input govuk-input--width-10"' in html
