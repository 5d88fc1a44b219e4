"""A partnership's directory goes out as Open Referral UK data and comes back in.

Every exported service must be valid HSDS 3.0 (checked against the standard's own schema
in righthelp/standards), keep its id from one export to the next, and say nothing the
pack does not say. Importing checks each item first and names the item and the field.
"""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from righthelp.core.contacts import contact_href
from righthelp.core.openreferral import (
    DEFAULT_PER_PAGE,
    ID_NAMESPACE,
    MAX_PER_PAGE,
    PACK_SERVICE_TERM,
    SERVICE_SCHEMA,
    STANDARD_DIR,
    OpenReferralImportError,
    PageOutOfRangeError,
    PageRequest,
    PageRequestError,
    export_entries,
    export_pack_services,
    export_service,
    import_services,
    page_of,
    page_request,
    phone_description,
    schema_problems,
    service_uuid,
    services_yaml,
    slug,
    split_phone_description,
)
from righthelp.core.pack_set import PackSet
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.registry import PackRegistry
from righthelp.core.packs.schema import (
    ID_PATTERN,
    AgeRange,
    Contact,
    ContactKind,
    Service,
    ServiceStatus,
)
from righthelp.core.packs.yaml_source import read_yaml

EXAMPLES = STANDARD_DIR / "examples"


def exported(shipped: PackRegistry) -> list[dict[str, Any]]:
    return [document for pack in shipped for document in export_pack_services(pack)]


def the_standards_validator() -> Draft202012Validator:
    """The standard's schema read afresh, not through the module under test."""
    schema = json.loads(SERVICE_SCHEMA.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def pack_attribute(service_id: str, value: str, document: dict[str, Any]) -> dict[str, Any]:
    """The attribute that carries a service's pack ids, in the product's own vocabulary."""
    return {
        "id": document["attributes"][0]["id"],
        "link_id": service_id,
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": PACK_SERVICE_TERM["id"],
        "taxonomy_term": PACK_SERVICE_TERM,
        "value": value,
    }


def service(pack: Pack, service_id: str) -> dict[str, Any]:
    return export_service(pack.services_by_id[service_id], pack.id)


@pytest.fixture(scope="module")
def coventry(shipped: PackRegistry) -> Pack:
    return shipped.get("coventry")


# --- the standard is kept with the product ----------------------------------------------------


def test_the_standard_is_a_local_copy_with_its_licence() -> None:
    assert SERVICE_SCHEMA.is_file()
    assert (STANDARD_DIR / "schema" / "openapi.json").is_file()
    assert "Creative Commons Attribution Share-Alike 4.0" in (STANDARD_DIR / "LICENSE").read_text()
    readme = (STANDARD_DIR.parent / "README.md").read_text()
    assert "CC BY-SA 4.0" in readme
    assert "Open Referral" in readme


def test_the_standards_own_examples_are_valid_against_its_schema() -> None:
    full = json.loads((EXAMPLES / "service_full.json").read_text())
    assert schema_problems(full) == []
    listing = json.loads((EXAMPLES / "service_list.json").read_text())
    assert all(schema_problems(item) == [] for item in listing["contents"])


# --- export ---------------------------------------------------------------------------------


def test_every_service_of_every_shipped_pack_exports_to_a_valid_hsds_service(
    shipped: PackRegistry,
) -> None:
    documents = exported(shipped)
    assert len(documents) == sum(len(pack.services) for pack in shipped) == 68
    validator = the_standards_validator()
    for document in documents:
        errors = [error.message for error in validator.iter_errors(document)]
        assert errors == [], document["name"]
        assert schema_problems(document) == []


def test_ids_are_the_same_on_every_export_and_unique(shipped: PackRegistry) -> None:
    first, second = exported(shipped), exported(shipped)
    assert first == second
    ids = [document["id"] for document in first]
    parts = [
        part["id"]
        for document in first
        for key in ("phones", "contacts", "schedules", "service_areas")
        for part in document.get(key, [])
    ]
    assert len(set(ids + parts)) == len(ids) + len(parts)


def test_a_services_id_is_a_uuid5_of_its_pack_and_service_ids(coventry: Pack) -> None:
    # Pinned: consumers key on these ids, so the namespace may never change.
    assert service_uuid("coventry", "horizon") == "bcb7cab5-1b1f-5c72-b788-c39730666ca2"
    assert service_uuid("coventry", "horizon") == str(uuid.uuid5(ID_NAMESPACE, "coventry/horizon"))
    assert service(coventry, "horizon")["id"] == "bcb7cab5-1b1f-5c72-b788-c39730666ca2"
    assert uuid.UUID(service(coventry, "horizon")["id"]).version == 5


def test_a_phone_with_hours_and_an_email(coventry: Pack) -> None:
    horizon = service(coventry, "horizon")
    assert horizon == {
        "id": "bcb7cab5-1b1f-5c72-b788-c39730666ca2",
        "name": "Horizon Team",
        "description": coventry.services_by_id["horizon"].description,
        "email": "cse.horizon@coventry.gov.uk",
        "status": "active",
        "phones": [
            {
                "id": horizon["phones"][0]["id"],
                "number": "024 7678 8555",
                "description": "Hours: weekdays 8.30am-5pm",
            }
        ],
        "attributes": [pack_attribute(horizon["id"], "coventry/horizon", horizon)],
    }


def test_ages_eligibility_referral_route_area_and_labelled_contacts(coventry: Pack) -> None:
    apollo = service(coventry, "project-apollo-artimus")
    assert (apollo["minimum_age"], apollo["maximum_age"]) == (12, 19)
    assert apollo["eligibility_description"] == (
        "Females living in Coventry between the ages of 12-19."
    )
    assert apollo["application_process"].startswith("For referrals please contact Kimberley")
    assert [area["name"] for area in apollo["service_areas"]] == ["Coventry"]
    # Both emails are labelled, so neither is the service's one unlabelled address.
    assert "email" not in apollo
    assert [(c.get("name"), c.get("title"), c.get("email")) for c in apollo["contacts"]] == [
        ("Partnerships email", None, "coventry_partnership@west-midlands.pnn.police.uk"),
        ("Kimberley Keating", "For referrals", None),
        ("Kimberley Keating (referrals)", None, "kimberley.keating@westmidlands.police.uk"),
    ]


def test_a_youngest_age_of_zero_is_kept(coventry: Pack) -> None:
    family_hub = service(coventry, "family-hub")
    assert (family_hub["minimum_age"], family_hub["maximum_age"]) == (0, 19)


def test_hours_are_a_schedule_description_and_no_times_are_invented(shipped: PackRegistry) -> None:
    front_door = service(shipped.get("stoke-on-trent"), "integrated-front-door")
    assert [schedule.keys() - {"id"} for schedule in front_door["schedules"]] == [{"description"}]
    assert front_door["schedules"][0]["description"] == "office hours"
    (phone,) = front_door["phones"]
    assert phone["description"] == (
        "for emergency safeguarding referrals. "
        "Hours: Mon-Thurs, 8.30am – 5pm and Fri, 8.30am – 4.30pm"
    )


def test_a_website_the_pack_gives_as_www_becomes_a_full_address(coventry: Pack) -> None:
    assert service(coventry, "family-hub")["url"] == "https://www.CoventryFamilies.co.uk"


def test_a_service_the_pack_says_little_about_exports_as_little() -> None:
    bare = Service(id="bare", name="A service named only")
    document = export_service(bare, "tiny")
    assert document == {
        "id": service_uuid("tiny", "bare"),
        "name": "A service named only",
        "status": "active",
        "attributes": [pack_attribute(service_uuid("tiny", "bare"), "tiny/bare", document)],
    }


def test_a_pack_set_exports_every_packs_services_in_order(demo: PackSet) -> None:
    documents = export_entries(demo.services)
    assert [d["name"] for d in documents] == [e.service.name for e in demo.services]
    assert documents[0]["id"] == service_uuid(
        demo.services[0].source.pack_id, demo.services[0].service.id
    )


# --- round trip -----------------------------------------------------------------------------


def comparable(contact: Contact) -> tuple[str, str, str | None, str | None]:
    """What HSDS can carry of a contact: a website is one address, without its label."""
    if contact.kind is ContactKind.WEBSITE:
        return (contact.kind.value, contact_href(contact) or "", None, None)
    return (contact.kind.value, contact.value, contact.label, contact.hours)


def test_export_then_import_gives_the_same_services(shipped: PackRegistry) -> None:
    originals = [s for pack in shipped for s in pack.services]
    result = import_services(exported(shipped))
    assert result.left_out == ()
    assert len(result.services) == len(originals)
    for original, back in zip(originals, result.services, strict=True):
        assert back.name == original.name
        assert back.description == original.description
        assert sorted(map(comparable, back.contacts)) == sorted(
            map(comparable, original.contacts)
        ), original.id
        assert back.hours == original.hours
        assert back.ages == original.ages
        assert back.referral_route == original.referral_route
        assert back.area == original.area


def test_an_imported_service_says_where_it_came_from(coventry: Pack) -> None:
    (back,) = import_services([service(coventry, "horizon")]).services
    # The pack's own id comes back with it, and the id it went out with is kept.
    assert back.id == "horizon"
    assert back.openreferral_id == service_uuid("coventry", "horizon")
    assert back.source_note == (
        "Imported from Open Referral UK data, where its service id is "
        "bcb7cab5-1b1f-5c72-b788-c39730666ca2."
    )


# Text a pack can hold: what a YAML file may contain, stripped.
pack_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), whitelist_characters="\n"),
    min_size=1,
).map(str.strip)


@given(label=st.none() | pack_text.filter(bool), hours=st.none() | pack_text.filter(bool))
def test_a_phones_label_and_hours_come_back_apart(label: str | None, hours: str | None) -> None:
    assume(label is None or "Hours:" not in label)
    assert split_phone_description(phone_description(label, hours)) == (label, hours)


# --- import ---------------------------------------------------------------------------------


def page_with_a_broken_phone(coventry: Pack) -> dict[str, Any]:
    contents = export_pack_services(coventry)[:5]
    del contents[3]["phones"][0]["number"]
    return {"total_items": 5, "page_number": 1, "contents": contents}


def problems_of(data: object) -> list[str]:
    with pytest.raises(OpenReferralImportError) as raised:
        import_services(data)
    return [str(problem) for problem in raised.value.problems]


def test_a_broken_item_on_a_page_is_named_by_index_and_field(coventry: Pack) -> None:
    assert problems_of(page_with_a_broken_phone(coventry)) == [
        "contents[3].phones[0].number: 'number' is a required property"
    ]


def test_every_problem_in_a_bare_list_is_reported_at_once(coventry: Pack) -> None:
    good = export_pack_services(coventry)[:3]
    broken = copy.deepcopy(good)
    broken[0]["id"] = "horizon"
    broken[1]["status"] = "open"
    del broken[2]["name"]
    broken[2]["minimum_age"] = "twelve"
    assert problems_of(broken) == [
        "[0].id: 'horizon' is not a 'uuid'",
        "[1].status: 'open' is not one of ['active', 'inactive', 'defunct', 'temporarily closed']",
        "[2].minimum_age: 'twelve' is not of type 'number'",
        "[2].name: 'name' is a required property",
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"services": []}, "expected a list of services or a page with 'contents'"),
        ("services", "expected a list of services or a page with 'contents'"),
        (["not a service"], "[0]: 'not a service' is not of type 'object'"),
    ],
)
def test_data_that_is_not_a_service_list(data: object, problem: str) -> None:
    assert problems_of(data)[0] == problem


def test_what_the_schema_allows_and_a_pack_does_not(coventry: Pack) -> None:
    horizon = service(coventry, "horizon")
    assert problems_of([{**horizon, "minimum_age": 2.5}]) == [
        "[0].minimum_age: 2.5 is not a whole number from 0 to 120"
    ]
    assert problems_of([{**horizon, "minimum_age": 19, "maximum_age": 12}]) == [
        "[0].minimum_age: 19 is above maximum_age 12"
    ]
    assert problems_of([{**horizon, "name": "  "}]) == ["[0].name: is empty"]
    assert problems_of([horizon, horizon]) == ["[1].id: [0] has the same id"]


def test_closed_services_are_left_out_and_said_to_be(coventry: Pack) -> None:
    horizon, crasac, apollo = export_pack_services(coventry)[:3]
    result = import_services(
        [horizon, {**crasac, "status": "defunct"}, {**apollo, "status": "temporarily closed"}]
    )
    assert [s.name for s in result.services] == ["Horizon Team", "Project Apollo/Artimus"]
    assert result.left_out == (
        "[1]: 'Coventry Rape and Sexual Abuse Centre (CRASAC)' is defunct there",
    )
    assert result.services[1].status is ServiceStatus.TEMPORARILY_CLOSED


def test_pack_ids_are_made_from_names_and_kept_unique(coventry: Pack) -> None:
    police = service(coventry, "police")
    copies = [{**police, "id": str(uuid.uuid4())} for _ in range(3)]
    assert [s.id for s in import_services(copies).services] == ["police", "police-2", "police-3"]
    assert slug("Coventry Haven Women's Aid (including FGM support)") == (
        "coventry-haven-women-s-aid-including-fgm-support"
    )
    assert slug("Café Ümlaut") == "cafe-umlaut"
    assert slug("???") == "service"


@given(st.text())
def test_a_slug_is_always_a_pack_id(name: str) -> None:
    made = slug(name)
    assert ID_PATTERN.match(made)
    assert len(made) <= 76


def test_the_standards_full_example_imports() -> None:
    full = json.loads((EXAMPLES / "service_full.json").read_text())
    (imported,) = import_services([full]).services
    assert imported.name == "Community Counselling"
    assert imported.ages == AgeRange(
        min=12,
        max=100,
        note="This service is intended for all people aged 12 and over who require "
        "counselling services in the MyCity area",
    )
    assert imported.hours is not None
    assert imported.hours.startswith("The service is available from 10 am to 6pm weekdays.")
    assert imported.referral_route is not None
    assert imported.referral_route.startswith("If you are an NHS patient")
    kinds = [contact.kind for contact in imported.contacts]
    # The example gives its reception phone twice (the service's and its contact's): once.
    assert kinds == [ContactKind.PHONE, ContactKind.EMAIL, ContactKind.WEBSITE, ContactKind.WEBSITE]
    assert imported.contacts[1].label == "Ann Persona, Reception Manager"
    # The location's own website, under the location's name.
    assert imported.contacts[3].label == "MyCity Civic Center"


def test_a_schedule_with_times_and_no_description_keeps_its_times(coventry: Pack) -> None:
    horizon = service(coventry, "horizon")
    schedule = {
        "id": str(uuid.uuid4()),
        "byday": "MO,TU",
        "opens_at": "09:00",
        "closes_at": "17:00",
    }
    (imported,) = import_services([{**horizon, "schedules": [schedule]}]).services
    assert imported.hours == "MO,TU 09:00-17:00"


# --- services.yaml --------------------------------------------------------------------------


def test_printed_services_yaml_reads_back_as_the_same_services(
    shipped: PackRegistry, tmp_path: Path
) -> None:
    services = import_services(exported(shipped)).services
    path = tmp_path / "services.yaml"
    path.write_text(services_yaml(services, ["a comment\nover two lines"]))
    data = read_yaml(path).data
    assert data == {
        "services": [s.model_dump(mode="json", exclude_defaults=True) for s in services]
    }
    assert path.read_text().startswith("# a comment over two lines\nservices:\n")
    assert all(line == line.rstrip() for line in path.read_text().splitlines())


printable = st.text(
    st.characters(whitelist_categories=("L", "N", "P", "S", "Zs"), whitelist_characters="\n"),
    min_size=1,
).map(str.strip)


@given(description=printable.filter(bool), label=printable.filter(bool))
def test_any_text_survives_services_yaml(
    tmp_path_factory: pytest.TempPathFactory, description: str, label: str
) -> None:
    one = Service(
        id="one",
        name="One",
        description=description,
        contacts=(Contact(kind=ContactKind.PHONE, value="01234 567890", label=label),),
    )
    path = tmp_path_factory.mktemp("yaml") / "services.yaml"
    path.write_text(services_yaml([one]))
    assert read_yaml(path).data["services"][0] == one.model_dump(mode="json", exclude_defaults=True)


# --- the standard's API pages ---------------------------------------------------------------


def test_pages_in_the_standards_shape() -> None:
    items = [{"n": n} for n in range(67)]
    first = page_of(items, PageRequest(page=1, per_page=50))
    assert {k: v for k, v in first.items() if k != "contents"} == {
        "total_items": 67,
        "total_pages": 2,
        "page_number": 1,
        "size": 50,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    second = page_of(items, PageRequest(page=2, per_page=50))
    assert (second["size"], second["last_page"], second["first_page"]) == (17, True, False)
    assert first["contents"] + second["contents"] == items
    with pytest.raises(PageOutOfRangeError, match="there is no page 3: the last page is 2"):
        page_of(items, PageRequest(page=3, per_page=50))


def test_an_empty_directory_is_one_empty_page() -> None:
    assert page_of([], PageRequest()) == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


def test_page_and_per_page_from_a_query_string() -> None:
    assert page_request(None, None) == PageRequest(1, DEFAULT_PER_PAGE)
    assert page_request("", " ") == PageRequest(1, DEFAULT_PER_PAGE)
    assert page_request("2", "10") == PageRequest(2, 10)
    assert page_request(None, str(MAX_PER_PAGE)).per_page == MAX_PER_PAGE


@pytest.mark.parametrize(
    ("page", "per_page", "message"),
    [
        ("0", None, "page must be a whole number, 1 or more"),
        ("-1", None, "page must be a whole number, 1 or more"),
        ("1.5", None, "page must be a whole number, 1 or more"),
        ("two", None, "page must be a whole number, 1 or more"),
        ("٣", None, "page must be a whole number, 1 or more"),
        ("9" * 5000, None, "page must be a whole number, 1 or more"),
        (None, "0", f"per_page must be a whole number from 1 to {MAX_PER_PAGE}"),
        (None, str(MAX_PER_PAGE + 1), f"per_page must be a whole number from 1 to {MAX_PER_PAGE}"),
    ],
)
def test_a_bad_page_or_page_size_is_refused(
    page: str | None, per_page: str | None, message: str
) -> None:
    with pytest.raises(PageRequestError) as raised:
        page_request(page, per_page)
    assert str(raised.value) == message
