"""The Open Referral UK API of a partnership's directory, without the web: which endpoints
there are, what each answers, and the filters the standard's OpenAPI document names.

A filter this directory can answer is answered; one it cannot (``postcode``,
``proximity``) or does not know is refused with a message, never silently ignored, so an
answer never looks filtered when it is not. Like the directory's own age search, a service
that does not say its ages or when it was last changed is kept by ``age`` and
``modified_after``: nothing says it is outside them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from righthelp.core.openreferral import (
    RIGHTHELP_TAXONOMY,
    PageRequest,
    PageRequestError,
    named_uuid,
    page_of,
    page_request,
)

HSDS_VERSION = "3.0"
HSDS_PROFILE = "https://docs.openreferral.org/en/v3.0/"

_PAGING = frozenset({"page", "per_page", "format"})
_SERVICE_FILTERS = frozenset(
    {"search", "text", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after"}
)
# What each list endpoint takes. ``text`` and ``age`` are the names Open Referral UK's
# first API gave its word and age filters; ``full`` is always so here.
PARAMETERS: dict[str, frozenset[str]] = {
    "services": _PAGING | _SERVICE_FILTERS | {"age", "minimal", "full"},
    "service_at_locations": _PAGING | _SERVICE_FILTERS | {"age", "full"},
    "organizations": _PAGING | {"search", "text", "full", "full_service"},
    "taxonomies": _PAGING | {"search", "text"},
    "taxonomy_terms": _PAGING | {"search", "text", "taxonomy_id", "top_only", "parent_id"},
}
# Named by the standard, and not offered: no postcodes are held to measure from.
NOT_OFFERED = ("postcode", "proximity")
MAX_AGE = 120


class FeedRequestError(ValueError):
    """A query the feed cannot answer; the message says why (a 400)."""


@dataclass(frozen=True)
class FeedQuery:
    page: PageRequest
    ndjson: bool = False
    words: tuple[str, ...] = ()
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    modified_after: datetime | None = None
    age: int | None = None
    minimal: bool = False
    top_only: bool = False
    parent_id: str | None = None
    full_service: bool = False

    @property
    def filters_services(self) -> bool:
        return bool(
            self.words
            or self.taxonomy_term_id
            or self.taxonomy_id
            or self.organization_id
            or self.modified_after
            or self.age is not None
        )


def _true(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("true", "1", "yes"):
        return True
    if value in ("false", "0", "no", ""):
        return False
    raise FeedRequestError(f"{name} must be true or false")


def feed_query(endpoint: str, params: Mapping[str, str]) -> FeedQuery:
    """The query string of a list endpoint, checked; ``FeedRequestError`` says what is wrong."""
    refused = [name for name in NOT_OFFERED if name in params]
    if refused:
        raise FeedRequestError(f"this directory does not offer {', '.join(refused)}")
    unknown = sorted(set(params) - PARAMETERS[endpoint])
    if unknown:
        raise FeedRequestError(
            f"/{endpoint} does not take {', '.join(unknown)}; it takes "
            + ", ".join(sorted(PARAMETERS[endpoint]))
        )
    fmt = params.get("format", "json").strip() or "json"
    if fmt not in ("json", "ndjson"):
        raise FeedRequestError("format must be json or ndjson")
    page = page_request(params.get("page"), params.get("per_page"))
    text = " ".join(params.get(name, "") for name in ("search", "text"))
    modified_after = None
    if raw := params.get("modified_after", "").strip():
        try:
            modified_after = datetime.fromisoformat(raw.replace(" ", "+"))
        except ValueError:
            raise FeedRequestError(
                "modified_after must be a date and time like 2025-01-31T09:00:00Z"
            ) from None
        if modified_after.tzinfo is None:
            raise FeedRequestError("modified_after needs its offset from UTC, like Z or +01:00")
    age = None
    if raw := params.get("age", "").strip():
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 3 and int(raw) <= MAX_AGE):
            raise FeedRequestError(f"age must be a whole number of years from 0 to {MAX_AGE}")
        age = int(raw)
    return FeedQuery(
        page=page,
        ndjson=fmt == "ndjson",
        words=tuple(words_of(text)),
        taxonomy_term_id=_id(params.get("taxonomy_term_id")),
        taxonomy_id=_id(params.get("taxonomy_id")),
        organization_id=_id(params.get("organization_id")),
        modified_after=modified_after,
        age=age,
        minimal=_true("minimal", params.get("minimal", "")),
        top_only=_true("top_only", params.get("top_only", "")),
        parent_id=_id(params.get("parent_id")),
        full_service=_true("full_service", params.get("full_service", "")),
    )


def _id(raw: str | None) -> str | None:
    return raw.strip().lower() or None if raw is not None else None


def words_of(text: str) -> list[str]:
    return [word for word in re.split(r"\W+", text.casefold()) if word]


# --- what each endpoint lists --------------------------------------------------------------


def _terms(service: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    for attribute in service.get("attributes", ()):
        term = attribute.get("taxonomy_term")
        if isinstance(term, Mapping):
            yield term


def _searchable(service: Mapping[str, Any]) -> str:
    parts = [
        service.get("name"),
        service.get("description"),
        service.get("eligibility_description"),
        (service.get("organization") or {}).get("name"),
        *(area.get("name") for area in service.get("service_areas", ())),
        *(term.get("name") for term in _terms(service)),
        *(at.get("location", {}).get("name") for at in service.get("service_at_locations", ())),
    ]
    return " ".join(part for part in parts if isinstance(part, str)).casefold()


def _has_words(text: str, words: Sequence[str]) -> bool:
    found = set(words_of(text))
    return all(word in found for word in words)


def service_matches(service: Mapping[str, Any], query: FeedQuery) -> bool:
    """Whether one exported service passes every filter of the query."""
    if query.words and not _has_words(_searchable(service), query.words):
        return False
    if query.taxonomy_term_id and query.taxonomy_term_id not in {t["id"] for t in _terms(service)}:
        return False
    if query.taxonomy_id and query.taxonomy_id not in {taxonomy_id(t) for t in _terms(service)}:
        return False
    if query.organization_id and service.get("organization_id") != query.organization_id:
        return False
    changed = service.get("last_modified")
    if query.modified_after and changed and datetime.fromisoformat(changed) < query.modified_after:
        return False
    if query.age is not None:
        low, high = service.get("minimum_age"), service.get("maximum_age")
        if (low is not None and query.age < low) or (high is not None and query.age > high):
            return False
    return True


def services(
    documents: Iterable[dict[str, Any]], query: FeedQuery | None = None
) -> list[dict[str, Any]]:
    if query is None or not query.filters_services:
        kept = list(documents)
    else:
        kept = [s for s in documents if service_matches(s, query)]
    if query is not None and query.minimal:
        return [
            {k: v for k, v in service.items() if k in ("id", "last_modified")} for service in kept
        ]
    return kept


def service_at_locations(
    documents: Iterable[dict[str, Any]], query: FeedQuery | None = None
) -> list[dict[str, Any]]:
    """Each service at each of its places, the place in full, with the service's id."""
    return [
        {"id": at["id"], "service_id": service["id"], "location_id": at["location"]["id"], **at}
        for service in documents
        if query is None or not query.filters_services or service_matches(service, query)
        for at in service.get("service_at_locations", ())
    ]


def organizations(
    documents: Sequence[dict[str, Any]], query: FeedQuery | None = None
) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for service in documents:
        organization = service.get("organization")
        if organization is not None:
            found.setdefault(organization["id"], organization)
    kept = list(found.values())
    if query is not None and query.words:
        kept = [o for o in kept if _has_words(f"{o['name']} {o['description']}", query.words)]
    if query is not None and query.full_service:
        # Each organisation with its services in full, as the standard's full_service says.
        kept = [
            {**o, "services": [s for s in documents if s.get("organization_id") == o["id"]]}
            for o in kept
        ]
    return kept


def taxonomy_id(term: Mapping[str, Any]) -> str:
    """A term's taxonomy id: given, or made from the vocabulary's name."""
    given = term.get("taxonomy_id")
    if isinstance(given, str):
        return given
    return named_uuid("taxonomy", str(term.get("taxonomy") or ""))


def taxonomy_terms(
    documents: Iterable[dict[str, Any]], query: FeedQuery | None = None
) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for service in documents:
        for term in _terms(service):
            found.setdefault(term["id"], {**term, "taxonomy_id": taxonomy_id(term)})
    kept = list(found.values())
    if query is not None:
        if query.words:
            kept = [t for t in kept if _has_words(f"{t['name']} {t['description']}", query.words)]
        if query.taxonomy_id:
            kept = [t for t in kept if t["taxonomy_id"] == query.taxonomy_id]
        if query.parent_id:
            kept = [t for t in kept if t.get("parent_id") == query.parent_id]
        if query.top_only:
            kept = [t for t in kept if not t.get("parent_id")]
    return kept


def taxonomies(
    documents: Iterable[dict[str, Any]], query: FeedQuery | None = None
) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for term in taxonomy_terms(documents):
        if term["taxonomy_id"] == RIGHTHELP_TAXONOMY["id"]:
            found.setdefault(term["taxonomy_id"], dict(RIGHTHELP_TAXONOMY))
            continue
        name = term.get("taxonomy") or "Unnamed vocabulary"
        found.setdefault(
            term["taxonomy_id"],
            {"id": term["taxonomy_id"], "name": name, "description": f"The {name} vocabulary."},
        )
    kept = list(found.values())
    if query is not None and query.words:
        kept = [t for t in kept if _has_words(f"{t['name']} {t['description']}", query.words)]
    return kept


LISTS = {
    "services": services,
    "service_at_locations": service_at_locations,
    "organizations": organizations,
    "taxonomies": taxonomies,
    "taxonomy_terms": taxonomy_terms,
}


def listing(endpoint: str, documents: Sequence[dict[str, Any]], query: FeedQuery) -> list[Any]:
    return LISTS[endpoint](documents, query)


def one(endpoint: str, documents: Sequence[dict[str, Any]], item_id: str) -> dict[str, Any] | None:
    wanted = item_id.strip().lower()
    for item in LISTS[endpoint](documents, None):
        if item["id"] == wanted:
            return item
    return None


def root(base_url: str) -> dict[str, Any]:
    """What ``/`` says: the HSDS version and profile, so a validator reads 3.0 data as 3.0."""
    return {
        "version": HSDS_VERSION,
        "profile": HSDS_PROFILE,
        "endpoints": [f"{base_url}{name}" for name in LISTS],
    }


def ndjson_lines(items: Iterable[Any]) -> Iterator[bytes]:
    for item in items:
        yield json.dumps(item, ensure_ascii=False).encode() + b"\n"


__all__ = [
    "FeedQuery",
    "FeedRequestError",
    "PageRequestError",
    "feed_query",
    "listing",
    "ndjson_lines",
    "one",
    "page_of",
    "root",
]
