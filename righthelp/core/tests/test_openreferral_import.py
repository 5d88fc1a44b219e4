"""A directory team imports a council's Open Referral UK records: nothing is lost without a
word, problems are errors or warnings as the Open Referral UK validator gives them, a file
that cannot be read says so in one line, and ids stay stable on a round trip."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from righthelp.core.openreferral import (
    OpenReferralImportError,
    Publisher,
    export_pack_set,
    export_service,
    import_services,
    schema_problems,
    services_yaml,
)
from righthelp.core.openreferral_checks import DocumentError, read_document
from righthelp.core.packs.registry import PackRegistry
from righthelp.core.packs.schema import Address, ContactKind, Cost, ServiceStatus, TaxonomyTerm
from righthelp.core.packs.yaml_source import read_yaml
from righthelp.core.tests.openreferral_records import rich_service


def problems_of(data: object) -> list[str]:
    with pytest.raises(OpenReferralImportError) as raised:
        import_services(data)
    return [str(problem) for problem in raised.value.problems]


def warnings_of(items: list[dict[str, Any]]) -> list[str]:
    return [str(warning) for warning in import_services(items).warnings]


# --- a rich record keeps what a practitioner or a family would use ---------------------------


def test_a_rich_record_imports_whole_and_without_a_warning() -> None:
    result = import_services([rich_service(3)])
    assert result.warnings == ()
    (hub,) = result.services
    assert hub.organization is not None
    assert (hub.organization.name, hub.organization.website) == (
        "Northtown Council 3",
        "https://www.northtown.example.gov.uk",
    )
    (place,) = hub.locations
    assert place.name == "Northtown Family Hub"
    assert place.address == Address(
        lines=("1 High Street",),
        town="Northtown",
        county="Westshire",
        postcode="NT1 1AA",
        country="GB",
    )
    # The place's own hours are kept with the place, not lost: the service keeps its own.
    assert place.hours == "Tuesdays 10am to 2pm"
    assert hub.hours == "Weekdays 9am to 5pm"
    assert place.accessibility == ("Step-free entrance and lift.",)
    assert place.transport == "Bus 12 stops outside."
    assert (place.latitude, place.longitude) == (52.4, -1.5)
    # The place's phone is one of the service's contacts, under the place's name.
    assert [(c.kind, c.value, c.label) for c in hub.contacts if c.kind is ContactKind.PHONE] == [
        (ContactKind.PHONE, "01632 960000", None),
        (ContactKind.PHONE, "01632 960001", "Northtown Family Hub"),
    ]
    assert hub.languages == ("English", "Polish")
    assert hub.fees == "Free. Some courses charge a small fee."
    assert hub.costs == (
        Cost(
            option="Baby massage course",
            amount=10,
            currency="GBP",
            amount_description="for 4 sessions",
        ),
    )
    assert hub.ages is not None
    assert hub.ages.note == "Families with children up to 19, or 25 with SEND."
    assert hub.taxonomy[0] == TaxonomyTerm(
        name="Family support",
        code="FS",
        vocabulary="Example service types",
        description="Support for families with children.",
        openreferral_id=rich_service(3)["attributes"][0]["taxonomy_term"]["id"],
    )
    assert hub.required_documents == ("Red book, if you have it",)
    assert hub.alert == "Closed on bank holidays."
    assert hub.status is ServiceStatus.ACTIVE
    assert hub.last_modified == datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
    assert hub.openreferral_id == rich_service(3)["id"]


def test_temporarily_closed_is_kept_as_the_services_status() -> None:
    closed = {**rich_service(), "status": "temporarily closed"}
    (service,) = import_services([closed]).services
    assert service.status is ServiceStatus.TEMPORARILY_CLOSED
    assert export_service(service, "imported")["status"] == "temporarily closed"


def test_what_a_pack_cannot_hold_is_listed_for_the_item() -> None:
    item = rich_service()
    item["funding"] = [{"id": item["id"], "source": "Lottery"}]
    item["accreditations"] = "Ofsted registered"
    item["phones"][0]["type"] = "voice"
    assert warnings_of([item]) == [
        "[0]: not held by a pack, so not imported: phones[0].type, funding, accreditations"
    ]


def test_a_location_given_only_by_its_id_is_said_to_be_lost() -> None:
    item = rich_service()
    del item["service_at_locations"][0]["location"]
    assert warnings_of([item]) == [
        "[0].service_at_locations[0]: gives no location, only its id: its place is not kept"
    ]


# --- errors refuse an item; warnings name item and field ------------------------------------


@pytest.mark.parametrize(
    ("defect", "problem"),
    [
        (lambda s: s.pop("name"), "[0].name: 'name' is a required property"),
        (lambda s: s.update(status="open"), "[0].status: 'open' is not one of"),
        (lambda s: s.update(minimum_age="0"), "[0].minimum_age: '0' is not of type 'number'"),
        (lambda s: s.update(id="hub-1"), "[0].id: 'hub-1' is not a 'uuid'"),
        (
            lambda s: s["service_at_locations"][0]["location"]["addresses"][0].pop("postal_code"),
            "[0].service_at_locations[0].location.addresses[0].postal_code: 'postal_code' is a "
            "required property",
        ),
        (lambda s: s.update(languages="English"), "[0].languages: 'English' is not of type"),
    ],
)
def test_a_missing_field_or_a_wrong_type_refuses_the_item(defect: Any, problem: str) -> None:
    item = rich_service()
    defect(item)
    (found,) = problems_of([item])
    assert found.startswith(problem)


@pytest.mark.parametrize(
    ("defect", "warning"),
    [
        (
            lambda s: s.update(descripton="misspelt"),
            "[0].descripton: is not a field of HSDS 3.0 (misspelt?); not read",
        ),
        (
            lambda s: s["organization"].update(websit="https://x.example"),
            "[0].organization.websit: is not a field of HSDS 3.0 (misspelt?); not read",
        ),
        (
            lambda s: s.update(url="www.example.org"),
            "[0].url: 'www.example.org' is not a web address (https://...)",
        ),
        (
            lambda s: s.update(last_modified="14/03/2025"),
            "[0].last_modified: '14/03/2025' is not a date and time with its offset "
            "(2025-01-31T09:00:00Z)",
        ),
        (
            lambda s: s["cost_options"][0].update(valid_from="next week"),
            "[0].cost_options[0].valid_from: 'next week' is not a date (2025-01-31)",
        ),
    ],
)
def test_an_unknown_field_or_a_bad_format_is_a_warning(defect: Any, warning: str) -> None:
    item = rich_service()
    defect(item)
    assert warning in warnings_of([item])


def test_a_bad_date_time_is_not_kept_as_one() -> None:
    (service,) = import_services([{**rich_service(), "last_modified": "yesterday"}]).services
    assert service.last_modified is None


def test_a_coordinate_off_the_earth_is_not_kept_and_said() -> None:
    item = rich_service()
    item["service_at_locations"][0]["location"]["latitude"] = 100
    result = import_services([item])
    assert result.services[0].locations[0].latitude is None
    assert [str(w) for w in result.warnings] == [
        "[0].service_at_locations[0].location.latitude: 100 is not from -90 to 90: not kept"
    ]


# --- whole-file failures in one line ---------------------------------------------------------


def one_line(raw: bytes, **limit: int) -> str:
    with pytest.raises(DocumentError) as raised:
        read_document(raw, **limit)
    message = str(raised.value)
    assert "\n" not in message
    return message


def test_a_file_cut_short() -> None:
    text = json.dumps([rich_service()])
    assert one_line(text[:-40].encode()).endswith("ends too soon (is it cut short?)")


def test_a_file_that_is_not_utf8() -> None:
    raw = json.dumps([rich_service()]).replace("Polish", "Pol\u00e9sh").encode("latin-1")
    assert one_line(raw).startswith("is not UTF-8 text (byte ")


def test_nesting_python_cannot_take() -> None:
    assert one_line(b"[" * 100_000 + b"]" * 100_000) == "nests lists or objects more than 64 deep"


def test_a_number_python_cannot_take() -> None:
    assert one_line(b'[{"minimum_age": ' + b"9" * 5000 + b"}]") == (
        "has a whole number of 5000 digits, too large"
    )
    assert one_line(b'[{"minimum_age": 1e999}]') == "has a number too large to hold: 1e999"
    assert one_line(b'[{"minimum_age": NaN}]') == "has NaN, which JSON does not allow"


def test_a_file_over_the_size_limit() -> None:
    assert one_line(b" " * 3_000_000, limit=2 * 1_048_576) == (
        "is 2.9 MB, over the limit of 2 MB: import it in parts or from the feed"
    )


def test_brackets_inside_text_are_not_nesting() -> None:
    text = json.dumps([{**rich_service(), "description": "[" * 500}])
    assert read_document(text.encode()) == json.loads(text)


# --- ids and labels survive the round trip ---------------------------------------------------


def test_export_import_export_is_identical_for_every_shipped_service(
    shipped: PackRegistry,
) -> None:
    first = export_pack_set(shipped)
    imported = import_services(first)
    assert imported.warnings == ()
    publishers = [Publisher.of(pack) for pack in shipped for _ in pack.services]
    again = [
        export_service(service, publisher.pack_id, publisher)
        for service, publisher in zip(imported.services, publishers, strict=True)
    ]
    assert again == first
    # The pack's own ids come back: references to them from levels and criteria still hold.
    assert [s.id for s in imported.services] == [s.id for p in shipped for s in p.services]


def test_a_websites_label_comes_back(shipped: PackRegistry) -> None:
    stoke = shipped.get("stoke-on-trent")
    index = next(i for i, s in enumerate(stoke.services) if "Oatcake" in str(s.contacts))
    (back,) = import_services(export_pack_set([stoke])[index : index + 1]).services
    original = stoke.services[index]
    labels = [c.label for c in original.contacts if c.kind is ContactKind.WEBSITE]
    assert (
        "Free wellbeing online courses in Stoke-on-Trent – inourplace (access code - Oatcake)"
        in (labels)
    )
    assert [c.label for c in back.contacts if c.kind is ContactKind.WEBSITE] == labels


def test_a_rich_record_round_trips_through_services_yaml(tmp_path: Path) -> None:
    items = [rich_service(n) for n in range(3)]
    services = import_services(items).services
    path = tmp_path / "services.yaml"
    path.write_text(services_yaml(services))
    data = read_yaml(path).data
    assert data == {
        "services": [s.model_dump(mode="json", exclude_defaults=True) for s in services]
    }
    first = [export_service(s, "imported") for s in services]
    assert all(schema_problems(document) == [] for document in first)
    second = [export_service(s, "imported") for s in import_services(first).services]
    assert second == first
    # The source's own ids go out again: service, organisation, place, taxonomy term.
    assert [d["id"] for d in first] == [i["id"] for i in items]
    assert first[0]["organization_id"] == items[0]["organization_id"]
    assert (
        first[0]["service_at_locations"][0]["location"]["id"]
        == (items[0]["service_at_locations"][0]["location"]["id"])
    )


def test_two_items_naming_the_same_pack_id_keep_it_for_the_first(shipped: PackRegistry) -> None:
    exported = export_pack_set([shipped.get("coventry")])[:1]
    twin = copy.deepcopy(exported[0])
    twin["id"] = rich_service()["id"]
    services = import_services([exported[0], twin]).services
    # The second is named from its name, as any item without a pack id is.
    assert [s.id for s in services] == ["horizon", "horizon-team"]


def test_nesting_the_parser_takes_but_a_directory_never_needs() -> None:
    assert one_line(b"[" * 65 + b"]" * 65) == "nests lists or objects more than 64 deep"
    assert read_document(b"[" * 64 + b"]" * 64) is not None
