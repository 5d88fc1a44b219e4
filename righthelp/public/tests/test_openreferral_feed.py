"""The national Family Hubs service, a council's finder or another site's JavaScript reads
a partnership's directory through the Open Referral UK API: every endpoint the standard
names, the /services filters working or refused, CORS, ETag, compression, JSON 404s, and an
Open-Referral-UK-validator-style walk of the whole feed that finds no errors."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

from righthelp.core.openreferral import (
    PACK_SERVICE_TERM,
    RIGHTHELP_TAXONOMY,
    import_services,
    schema_problems,
    service_uuid,
    services_yaml,
)
from righthelp.core.tests.openreferral_records import rich_service
from righthelp.packstore.registry import installed_packs
from righthelp.partnerships.models import Partnership
from righthelp.partnerships.services import partnership_create
from righthelp.public.tests.oruk_check import check_feed

DEMO = "/openreferral/demo/"
HUBS = "/openreferral/northtown/"
HORIZON = service_uuid("coventry", "horizon")


def write_northtown_pack(root: Path) -> None:
    """A pack imported from rich Open Referral records: six family hubs, two of them
    updated later, one temporarily closed."""
    items = [rich_service(n) for n in range(6)]
    items[4]["last_modified"] = "2025-06-01T12:00:00Z"
    items[5]["last_modified"] = "2025-07-01T12:00:00+01:00"
    items[5]["status"] = "temporarily closed"
    items[5]["minimum_age"], items[5]["maximum_age"] = 16, 25
    items[2]["name"] = "Young carers group"
    del items[3]["attributes"]
    folder = root / "northtown"
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        'id: northtown\nversion: "1.0.0"\ntitle: Northtown directory\npartnership: Northtown\n'
    )
    (folder / "services.yaml").write_text(services_yaml(import_services(items).services))


@pytest.fixture
def northtown(db: None, tmp_path: Path) -> Iterator[Partnership]:
    """Northtown's imported pack, with Stoke-on-Trent's for its thresholds."""
    write_northtown_pack(tmp_path)
    with override_settings(RIGHTHELP_PACK_ROOTS=[tmp_path]):
        installed_packs.cache_clear()
        yield partnership_create(
            name="Northtown", slug="northtown", pack_ids=["northtown", "stoke-on-trent"]
        )
    installed_packs.cache_clear()


def get(client: Client, path: str, status: int = 200, **headers: str) -> Any:
    response = client.get(path, headers=headers)
    assert response.status_code == status, response.content
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


NORTHTOWN = {rich_service(n)["id"] for n in range(6)}


def names(page: dict[str, Any]) -> list[str]:
    return [service["name"] for service in page["contents"]]


def hubs(page: dict[str, Any]) -> list[str]:
    """The imported services on a page: Northtown also has Stoke's pack, for its thresholds."""
    return [service["name"] for service in page["contents"] if service["id"] in NORTHTOWN]


# --- the validator's walk -------------------------------------------------------------------


@pytest.mark.parametrize("base", [DEMO, HUBS])
def test_the_feed_passes_an_open_referral_uk_style_check(
    client: Client, demo: Partnership, northtown: Partnership, base: str
) -> None:
    def answer(path: str) -> tuple[int, Any, Any]:
        response = client.get(path)
        body = (
            json.loads(response.content)
            if response.headers.get("Content-Type") == "application/json"
            else None
        )
        return response.status_code, response.headers, body

    report = check_feed(answer, base, per_page=20)
    assert report.errors == []
    assert report.items_checked >= 10
    # The shipped packs do not say what they do not say: no description for some services.
    assert all("no organization_id" not in warning for warning in report.warnings)


# --- the endpoints --------------------------------------------------------------------------


def test_the_root_says_the_hsds_version(client: Client, demo: Partnership) -> None:
    root = get(client, DEMO)
    assert root["version"] == "3.0"
    assert root["profile"].startswith("https://")
    assert root["endpoints"][0] == "http://testserver/openreferral/demo/services"
    assert get(client, DEMO.rstrip("/")) == root


def test_every_service_has_an_organization_and_it_is_listed(
    client: Client, demo: Partnership
) -> None:
    services = get(client, f"{DEMO}services?per_page=500")["contents"]
    assert all(service["organization_id"] for service in services)
    organizations = get(client, f"{DEMO}organizations")["contents"]
    assert {o["id"] for o in organizations} == {s["organization_id"] for s in services}
    assert [o["name"] for o in organizations] == [
        "Stoke-on-Trent Safeguarding Children Partnership",
        "Coventry",
    ]
    one = get(client, f"{DEMO}organizations/{organizations[1]['id']}")
    assert one == organizations[1]
    assert schema_problems(one, "organization") == []


def test_organizations_with_their_services_in_full(client: Client, demo: Partnership) -> None:
    organizations = get(client, f"{DEMO}organizations?full_service=true")["contents"]
    assert [len(o["services"]) for o in organizations] == [18, 50]
    assert organizations[1]["services"][0]["name"] == "Horizon Team"
    assert "services" not in get(client, f"{DEMO}organizations")["contents"][0]


def test_places_and_taxonomy_of_an_imported_directory(
    client: Client, northtown: Partnership
) -> None:
    places = [
        place
        for place in get(client, f"{HUBS}service_at_locations?per_page=500")["contents"]
        if place["service_id"] in NORTHTOWN
    ]
    assert len(places) == 6
    assert places[0]["location"]["addresses"][0]["postal_code"] == "NT1 1AA"
    assert places[0]["service_id"] == rich_service(0)["id"]
    terms = get(client, f"{HUBS}taxonomy_terms")["contents"]
    assert {t["name"] for t in terms} == {"Family support", PACK_SERVICE_TERM["name"]}
    taxonomies = get(client, f"{HUBS}taxonomies")["contents"]
    assert {t["name"] for t in taxonomies} == {"Example service types", "Right Help"}
    family = next(t for t in terms if t["name"] == "Family support")
    assert get(client, f"{HUBS}taxonomy_terms/{family['id']}") == family
    theirs = next(t for t in taxonomies if t["name"] == "Example service types")
    assert [
        t["name"]
        for t in get(client, f"{HUBS}taxonomy_terms?taxonomy_id={theirs['id']}")["contents"]
    ] == ["Family support"]


def test_a_temporarily_closed_service_says_so(client: Client, northtown: Partnership) -> None:
    closed = get(client, f"{HUBS}services/{rich_service(5)['id']}")
    assert closed["status"] == "temporarily closed"
    assert closed["last_modified"] == "2025-07-01T12:00:00+01:00"


# --- the /services filters ------------------------------------------------------------------


def test_text_search_filters(client: Client, demo: Partnership) -> None:
    for name in ("search", "text"):
        page = get(client, f"{DEMO}services?{name}=horizon")
        assert names(page) == ["Horizon Team"]
    assert get(client, f"{DEMO}services?search=no+such+words+anywhere")["total_items"] == 0


def test_age_keeps_services_whose_ages_fit_or_are_not_given(
    client: Client, northtown: Partnership
) -> None:
    assert len(hubs(get(client, f"{HUBS}services?age=10"))) == 5
    assert len(hubs(get(client, f"{HUBS}services?age=17"))) == 6
    assert hubs(get(client, f"{HUBS}services?age=30")) == []


def test_demo_age_filter_is_not_everything(client: Client, demo: Partnership) -> None:
    everything = get(client, f"{DEMO}services?per_page=500")["total_items"]
    assert get(client, f"{DEMO}services?age=3&per_page=500")["total_items"] < everything


def test_taxonomy_and_organization_filters(client: Client, northtown: Partnership) -> None:
    term = rich_service()["attributes"][0]["taxonomy_term_id"]
    assert len(hubs(get(client, f"{HUBS}services?taxonomy_term_id={term}"))) == 5
    pack_taxonomy = RIGHTHELP_TAXONOMY["id"]
    assert len(hubs(get(client, f"{HUBS}services?taxonomy_id={pack_taxonomy}"))) == 6
    organization = rich_service(1)["organization_id"]
    assert hubs(get(client, f"{HUBS}services?organization_id={organization}")) == [
        "Family Hub drop-in 1"
    ]


def test_modified_after(client: Client, northtown: Partnership) -> None:
    page = get(client, f"{HUBS}services?modified_after=2025-05-01T00:00:00Z")
    assert hubs(page) == ["Family Hub drop-in 4", "Family Hub drop-in 5"]
    later = get(client, f"{HUBS}services?modified_after=2025-07-01T11:30:00%2B00:00")
    assert hubs(later) == []


def test_minimal_lists_ids_and_dates(client: Client, northtown: Partnership) -> None:
    page = get(client, f"{HUBS}services?minimal=true&per_page=500")
    assert page["contents"][0] == {
        "id": rich_service(0)["id"],
        "last_modified": "2025-03-14T09:30:00Z",
    }


def test_ndjson_streams_every_service_one_a_line(client: Client, demo: Partnership) -> None:
    response = client.get(f"{DEMO}services?format=ndjson")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/x-ndjson"
    lines = response.content.decode().splitlines()
    assert len(lines) == 68
    assert json.loads(lines[0])["name"] == "Stoke Community Directory"


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("services?proximity=500", "this directory does not offer proximity"),
        ("services?vocabulary=x", "/services does not take vocabulary; it takes age, format,"),
        ("organizations?age=3", "/organizations does not take age;"),
        ("taxonomy_terms?top_only=sometimes", "top_only must be true or false"),
        ("services/" + HORIZON + "?page=2", "/services/{id} takes no parameters"),
    ],
)
def test_what_is_not_offered_is_a_400(
    client: Client, demo: Partnership, path: str, detail: str
) -> None:
    assert get(client, f"{DEMO}{path}", status=400)["detail"].startswith(detail)


# --- read by other sites ---------------------------------------------------------------------


def test_an_unchanged_answer_is_a_304(client: Client, demo: Partnership) -> None:
    first = client.get(f"{DEMO}services")
    etag = first.headers["ETag"]
    again = client.get(f"{DEMO}services", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["Access-Control-Allow-Origin"] == "*"
    other = client.get(f"{DEMO}services?page=2", headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_answers_are_compressed_when_asked(client: Client, demo: Partnership) -> None:
    plain = client.get(f"{DEMO}services")
    packed = client.get(f"{DEMO}services", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3


def test_a_preflight_and_a_write(client: Client, demo: Partnership) -> None:
    preflight = client.options(f"{DEMO}services")
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    posted = client.post(f"{DEMO}services", {"name": "x"})
    assert posted.status_code == 405
    assert json.loads(posted.content) == {"detail": "this feed only answers GET"}


@pytest.mark.parametrize(
    "path",
    [
        "/openreferral/",
        "/openreferral",
        f"{DEMO}locations",
        f"{DEMO}services/{HORIZON}/phones",
        f"{DEMO}nothing/here/at/all",
        f"{DEMO}organizations/{HORIZON}",
    ],
)
def test_unknown_paths_under_the_feed_answer_json(
    client: Client, demo: Partnership, path: str
) -> None:
    assert "detail" in get(client, path, status=404)


# --- the directory pages show what the import kept -----------------------------------------


def test_a_services_page_shows_its_place_hours_languages_cost_and_categories(
    client: Client, northtown: Partnership
) -> None:
    html = client.get("/directory/northtown/northtown/family-hub-drop-in-1/").content.decode()
    for text in (
        "Run by",
        "Northtown Council 1",
        "Northtown Family Hub",
        "1 High Street",
        "NT1 1AA",
        "Tuesdays 10am to 2pm",
        "Step-free entrance and lift.",
        "Bus 12 stops outside.",
        "English, Polish",
        "Free. Some courses charge a small fee.",
        "Baby massage course: £10 for 4 sessions",
        "Usually seen the same day.",
        "Red book, if you have it",
        "Family support",
        "14 March 2025",
        "Closed on bank holidays.",
    ):
        assert text in html, text
    assert "Temporarily closed" not in html


def test_a_temporarily_closed_service_is_marked_on_its_page_and_in_the_list(
    client: Client, northtown: Partnership
) -> None:
    page = client.get("/directory/northtown/northtown/family-hub-drop-in-5/").content.decode()
    assert "Temporarily closed, as its directory says." in page
    listing = client.get("/directory/northtown/?q=drop-in").content.decode()
    assert listing.count("Temporarily closed") == 1


def test_a_shipped_service_shows_no_empty_sections(client: Client, demo: Partnership) -> None:
    html = client.get("/directory/demo/coventry/horizon/").content.decode()
    assert "More about this service" not in html
    assert "Temporarily closed" not in html
