"""A council's directory team, or the national Family Hubs service, reads a partnership's
directory as Open Referral UK data: the standard's paths and page shape, JSON answers
(errors too), open to everyone, the same for everyone, and cacheable like every public page."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from righthelp.accounts.models import User
from righthelp.core.openreferral import MAX_PER_PAGE, export_pack_set, schema_problems, service_uuid
from righthelp.partnerships.models import Partnership
from righthelp.partnerships.selectors import pack_set_for
from righthelp.partnerships.services import partnership_create
from righthelp.public.caching import PUBLIC_MAX_AGE

SERVICES = "/openreferral/demo/services"
HORIZON = service_uuid("coventry", "horizon")
PAGE_FIELDS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}

# Each kind of answer, for the checks every public page passes.
OPENREFERRAL_PAGES = [
    SERVICES,
    f"{SERVICES}?page=2",
    f"{SERVICES}?per_page=10&page=7",
    f"{SERVICES}/{HORIZON}",
]

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


def get_json(client: Client, path: str, status: int = 200) -> Any:
    response = client.get(path)
    assert response.status_code == status, response.content
    assert response.headers["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_the_first_page_of_the_demo_directory(client: Client, demo: Partnership) -> None:
    page = get_json(client, SERVICES)
    assert page.keys() == PAGE_FIELDS
    # Stoke-on-Trent's 18 services, then Coventry's 50; the self-assessment has none.
    assert {k: v for k, v in page.items() if k != "contents"} == {
        "total_items": 68,
        "total_pages": 2,
        "page_number": 1,
        "size": 50,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    assert page["contents"][0]["name"] == "Stoke Community Directory"
    assert all(schema_problems(service) == [] for service in page["contents"])


def test_the_last_page_holds_the_rest(client: Client, demo: Partnership) -> None:
    page = get_json(client, f"{SERVICES}?page=2")
    assert (page["page_number"], page["size"], page["first_page"], page["last_page"]) == (
        2,
        18,
        False,
        True,
    )
    assert page["contents"][-1]["name"] == "Men's Advice line"


def test_paging_through_gives_every_service_once_in_order(
    client: Client, demo: Partnership
) -> None:
    first = get_json(client, f"{SERVICES}?per_page=10")
    assert (first["total_pages"], first["size"]) == (7, 10)
    services = [
        service
        for number in range(1, first["total_pages"] + 1)
        for service in get_json(client, f"{SERVICES}?per_page=10&page={number}")["contents"]
    ]
    assert len(services) == 68
    assert services == export_pack_set(pack_set_for(demo))


def test_each_partnership_publishes_its_own_packs_only(client: Client, db: None) -> None:
    partnership_create(name="Stoke-on-Trent", slug="stoke", pack_ids=["stoke-on-trent"])
    page = get_json(client, "/openreferral/stoke/services")
    assert (page["total_items"], page["total_pages"], page["size"]) == (18, 1, 18)
    assert HORIZON not in {service["id"] for service in page["contents"]}
    get_json(client, f"/openreferral/stoke/services/{HORIZON}", status=404)


def test_one_service_by_its_id(client: Client, demo: Partnership) -> None:
    horizon = get_json(client, f"{SERVICES}/{HORIZON}")
    assert horizon["name"] == "Horizon Team"
    assert horizon["phones"][0]["number"] == "024 7678 8555"
    assert schema_problems(horizon) == []
    assert get_json(client, f"{SERVICES}/{HORIZON.upper()}") == horizon


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        (
            f"{SERVICES}/{service_uuid('coventry', 'nowhere')}",
            "this partnership's directory has no service with this id",
        ),
        (f"{SERVICES}/horizon", "this partnership's directory has no service with this id"),
        (f"{SERVICES}?page=3", "there is no page 3: the last page is 2"),
        ("/openreferral/nowhere/services", "there is no partnership at this address"),
        (f"/openreferral/nowhere/services/{HORIZON}", "there is no partnership at this address"),
    ],
)
def test_what_is_not_there_is_a_404_in_json(
    client: Client, demo: Partnership, path: str, detail: str
) -> None:
    assert get_json(client, path, status=404) == {"detail": detail}


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ("page=0", "page must be a whole number, 1 or more"),
        ("page=two", "page must be a whole number, 1 or more"),
        ("page=-1", "page must be a whole number, 1 or more"),
        ("per_page=0", f"per_page must be a whole number from 1 to {MAX_PER_PAGE}"),
        ("per_page=100000", f"per_page must be a whole number from 1 to {MAX_PER_PAGE}"),
        ("per_page=ten", f"per_page must be a whole number from 1 to {MAX_PER_PAGE}"),
        ("postcode=ST4+1HH&proximity=1000", "this directory does not offer postcode, proximity"),
        ("format=xml", "format must be json or ndjson"),
        ("age=old", "age must be a whole number of years from 0 to 120"),
        ("age=121", "age must be a whole number of years from 0 to 120"),
        (
            "modified_after=yesterday",
            "modified_after must be a date and time like 2025-01-31T09:00:00Z",
        ),
        ("modified_after=2025-01-31", "modified_after needs its offset from UTC, like Z or +01:00"),
        ("minimal=maybe", "minimal must be true or false"),
    ],
)
def test_a_bad_query_is_a_400_in_json(
    client: Client, demo: Partnership, query: str, detail: str
) -> None:
    assert get_json(client, f"{SERVICES}?{query}", status=400) == {"detail": detail}


def test_an_error_is_not_cached(client: Client, demo: Partnership) -> None:
    for path in (f"{SERVICES}?page=0", f"{SERVICES}/horizon", "/openreferral/nowhere/services"):
        response = client.get(path)
        assert "no-cache" in response.headers["Cache-Control"]


# --- safe like every public page ---------------------------------------------------------


@pytest.mark.parametrize("path", OPENREFERRAL_PAGES)
def test_reads_and_never_writes(client: Client, demo: Partnership, path: str) -> None:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert [q["sql"] for q in queries.captured_queries if WRITES.match(q["sql"])] == []
    # The partnership and its packs: a couple of reads, never one per service.
    assert len(queries.captured_queries) <= 3


@pytest.mark.parametrize("path", OPENREFERRAL_PAGES)
def test_may_be_cached_by_a_shared_proxy(client: Client, demo: Partnership, path: str) -> None:
    response = client.get(path)
    cache_control = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert cache_control == {"public", f"max-age={PUBLIC_MAX_AGE}"}
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert "cookie" not in response.headers.get("Vary", "").lower()


@pytest.mark.parametrize("path", [SERVICES, f"{SERVICES}/{HORIZON}"])
def test_a_signed_in_user_gets_exactly_what_everyone_gets(
    client: Client, demo: Partnership, path: str
) -> None:
    anonymous = client.get(path)
    client.force_login(User.objects.create_superuser("admin", password="x"))
    assert client.get(path).content == anonymous.content


# --- the directory page links to it -------------------------------------------------------


def test_the_directory_page_offers_the_whole_directory_as_open_referral_data(
    client: Client, demo: Partnership
) -> None:
    html = client.get("/directory/demo/").content.decode()
    link = re.search(r'<a class="govuk-link" href="([^"]+)"[^>]*>Download this directory', html)
    assert link is not None
    href = link[1].replace("&amp;", "&")
    assert urlparse(href).path == SERVICES
    assert parse_qs(urlparse(href).query) == {"per_page": [str(MAX_PER_PAGE)]}
    page = get_json(client, href)
    assert (page["total_pages"], page["size"]) == (1, 68)
