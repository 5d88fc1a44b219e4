"""A check of an Open Referral UK feed in the manner of the Open Referral UK validator: it
reads the root, pages through every endpoint, fetches a sample of items one by one and
checks each against the standard's schema, and reports errors and warnings.

It only reads answers through ``get``, so it runs on the Django test client or a live server
alike. Errors: what a validator fails a feed for. Warnings: what it would mention.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from righthelp.core.openreferral import schema_problems

# (status, headers, parsed JSON body or None)
Answer = tuple[int, Mapping[str, str], Any]
Get = Callable[[str], Answer]

ENDPOINTS = {
    "services": None,  # the service schema itself
    "service_at_locations": "service_at_location",
    "organizations": "organization",
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
}
PAGE_FIELDS = (
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
)


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    requests: int = 0
    items_checked: int = 0


def check_feed(get: Get, base: str, per_page: int = 20, sample: int = 5) -> Report:
    report = Report()

    def fetch(path: str) -> Any:
        report.requests += 1
        status, headers, body = get(f"{base}{path}")
        if headers.get("Access-Control-Allow-Origin") != "*":
            report.errors.append(f"{path}: no CORS header (Access-Control-Allow-Origin: *)")
        if status != 200:
            report.errors.append(f"{path}: answered {status}")
            return None
        if body is None:
            report.errors.append(f"{path}: the answer is not JSON")
        return body

    root = fetch("")
    if isinstance(root, Mapping):
        version = str(root.get("version", ""))
        if not version.removeprefix("HSDS-UK-").startswith("3."):
            report.errors.append(f"/: version {version!r} is not HSDS 3")
        if not str(root.get("profile", "")).startswith("https://"):
            report.warnings.append("/: no profile address")

    for endpoint, definition in ENDPOINTS.items():
        items = _page_through(fetch, endpoint, per_page, report)
        if not items:
            report.warnings.append(f"/{endpoint}: is empty")
            continue
        step = max(1, len(items) // sample)
        for item in items[::step][:sample] + items[-1:]:
            report.items_checked += 1
            for problem in schema_problems(item, definition):
                report.errors.append(f"/{endpoint} item {item.get('id')}: {problem}")
            one = fetch(f"{endpoint}/{item['id']}")
            if one is not None and one != item:
                report.errors.append(f"/{endpoint}/{item['id']}: differs from the listing")
            if endpoint == "services":
                _service_warnings(item, report)
    return report


def _page_through(
    fetch: Callable[[str], Any], endpoint: str, per_page: int, report: Report
) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    page_number = 1
    while True:
        page = fetch(f"{endpoint}?page={page_number}&per_page={per_page}")
        if not isinstance(page, Mapping):
            return items
        missing = [name for name in PAGE_FIELDS if name not in page]
        if missing:
            report.errors.append(f"/{endpoint} page {page_number}: lacks {', '.join(missing)}")
            return items
        contents = page["contents"]
        if page["size"] != len(contents) or page["page_number"] != page_number:
            report.errors.append(f"/{endpoint} page {page_number}: size or number is wrong")
        if page["first_page"] != (page_number == 1):
            report.errors.append(f"/{endpoint} page {page_number}: first_page is wrong")
        items.extend(contents)
        if page["last_page"]:
            break
        if page_number >= page["total_pages"]:
            report.errors.append(f"/{endpoint}: last_page never came")
            break
        page_number += 1
    if page["total_items"] != len(items):
        report.errors.append(
            f"/{endpoint}: total_items {page['total_items']} but {len(items)} listed"
        )
    ids = [item.get("id") for item in items]
    if len(set(ids)) != len(ids):
        report.errors.append(f"/{endpoint}: an id is listed twice")
    return items


def _service_warnings(service: Mapping[str, Any], report: Report) -> None:
    for name in ("organization_id", "description"):
        if not service.get(name):
            report.warnings.append(f"/services item {service['id']}: no {name}")
