"""Directory exchange with Open Referral UK (HSDS 3.0): pack services out, services in.

Export turns a pack's service into an HSDS 3.0 service object; import turns an HSDS
service list back into pack ``Service`` models, each item checked against the standard's
own JSON Schema first (``righthelp/standards/openreferral-hsds-3.0``, shipped in the
package, never downloaded).

Nothing is invented either way: a field the source does not have is left out, so an
exported service has no opening times, phone types or dates the pack does not give.
Names, descriptions, phones (with their labels and hours), emails, people, hours, ages,
the referral route and the area go out and come back. What HSDS has no place for stays
in the pack: a website's label and any website after the first (one unlabelled ``url``
per service), the hours of a contact that is not a phone, and the pack's ``source_note``
(an editor's note on the encoding; HSDS's provenance ``metadata`` needs dates and names
of editors a pack does not have).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from io import StringIO
from threading import Lock
from typing import Any

import jsonschema_rs
from jsonschema import FormatChecker
from jsonschema.validators import validator_for
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
)

from righthelp.core.contacts import contact_href
from righthelp.core.openreferral_checks import (
    ID_NAMESPACE as ID_NAMESPACE,
)
from righthelp.core.openreferral_checks import (
    PACK_SERVICE_TERM_ID,
    ImportProblem,
    item_warnings,
)
from righthelp.core.openreferral_checks import (
    SERVICE_SCHEMA as SERVICE_SCHEMA,
)
from righthelp.core.openreferral_checks import (
    STANDARD_DIR as STANDARD_DIR,
)
from righthelp.core.pack_set import ServiceEntry
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.problems import field_path
from righthelp.core.packs.schema import (
    ID_PATTERN,
    Address,
    AgeRange,
    Contact,
    ContactKind,
    Cost,
    Location,
    Organization,
    Service,
    ServiceStatus,
    TaxonomyTerm,
)

# The page shape of the standard's API (openapi.json, components.schemas.Page).
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500

# Statuses a practitioner could still be sent to; the others are left out on import.
OPEN_STATUSES = ("active", "temporarily closed")

# Pack ids are at most 80 characters; room for a "-99" suffix that keeps them unique.
_MAX_SLUG = 76
# Folded text in the printed services.yaml: lines of about this many characters.
_FOLD_AT = 88
_PLAIN_IN_FLOW = re.compile(r"[A-Za-z0-9(][\w .;/()@+'\-–]*")
_LINE_BREAK = re.compile("\r\n|[\r\x85\u2028\u2029]")
_NOT_IN_YAML = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LOOKS_LIKE_A_TIME = re.compile(r"\d{4}-\d\d-\d\d")
_HOURS = re.compile(r"(?:(?P<label>.+?)\.\s+)?Hours:\s+(?P<hours>.+)", re.DOTALL)


# --- export ------------------------------------------------------------------------------


def service_uuid(pack_id: str, service_id: str) -> str:
    """The HSDS id of a pack service: the same on every export and in every version."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{pack_id}/{service_id}"))


def exported_service_id(service: Service, pack_id: str) -> str:
    """The id a service goes out with: the one it came in with, else made from its pack ids."""
    return service.openreferral_id or service_uuid(pack_id, service.id)


@lru_cache(maxsize=65_536)  # pure, and the feed asks for the same ids again and again
def _part_uuid(service_hsds_id: str, part: str, index: int) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, f"{service_hsds_id}/{part}/{index}"))


@lru_cache(maxsize=4_096)
def named_uuid(*names: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(names)))


# The product's own vocabulary, for what HSDS has no field for (ADR 0017): published at
# /taxonomies and /taxonomy_terms like any other, used in a service's ``attributes``.
RIGHTHELP_TAXONOMY: dict[str, Any] = {
    "id": named_uuid("taxonomy", "righthelp"),
    "name": "Right Help",
    "description": "Terms the Right Help product uses for what HSDS 3.0 has no field for.",
}
PACK_SERVICE_TERM: dict[str, Any] = {
    "id": PACK_SERVICE_TERM_ID,
    "name": "Right Help pack service",
    "description": "The pack and service ids of the service in Right Help, as pack-id/service-id.",
    "taxonomy": RIGHTHELP_TAXONOMY["name"],
    "taxonomy_id": RIGHTHELP_TAXONOMY["id"],
}


@dataclass(frozen=True)
class Publisher:
    """The partnership whose pack lists a service: named as its organisation when the pack
    does not say who runs the service, so every exported service has an ``organization_id``."""

    pack_id: str
    partnership: str
    title: str

    @classmethod
    def of(cls, pack: Pack) -> Publisher:
        return cls(pack.id, pack.partnership, pack.title)

    def organization(self) -> dict[str, Any]:
        return {
            "id": named_uuid(self.pack_id, "organization"),
            "name": self.partnership,
            "description": (
                f"The partnership that publishes {self.title}. This directory does not name "
                "the organisation that runs the service."
            ),
        }


def organization_uuid(organization: Organization) -> str:
    return organization.openreferral_id or named_uuid("organization", organization.name)


def export_organization(organization: Organization) -> dict[str, Any]:
    # The standard requires a description; a name is the least that describes.
    return _without_empty(
        {
            "id": organization_uuid(organization),
            "name": organization.name,
            "description": organization.description or organization.name,
            "website": organization.website,
            "email": organization.email,
        },
        keep=("description",),
    )


def term_uuid(term: TaxonomyTerm) -> str:
    return term.openreferral_id or named_uuid("taxonomy_term", term.vocabulary or "", term.name)


def export_term(term: TaxonomyTerm) -> dict[str, Any]:
    return _without_empty(
        {
            "id": term_uuid(term),
            "name": term.name,
            "description": term.description or term.name,
            "code": term.code,
            "taxonomy": term.vocabulary,
        }
    )


def phone_description(label: str | None, hours: str | None) -> str | None:
    """A phone's label and hours in HSDS's one free-text phone ``description``.

    The standard's own example puts a line's opening hours in this field; "Hours:" lets
    import give them back to the pack's ``hours``.
    """
    if hours is None:
        return label
    if label is None:
        return f"Hours: {hours}"
    return f"{label}. Hours: {hours}"


def split_phone_description(description: str | None) -> tuple[str | None, str | None]:
    """``phone_description`` read back: (label, hours)."""
    text = _text(description)
    if text is None:
        return None, None
    match = _HOURS.fullmatch(text)
    if match is None:
        return text, None
    return _text(match["label"]), _text(match["hours"])


def export_service(
    service: Service, pack_id: str, publisher: Publisher | None = None
) -> dict[str, Any]:
    """One pack service as an HSDS 3.0 service object; empty fields are left out."""
    service_id = exported_service_id(service, pack_id)

    def part(name: str, index: int) -> str:
        return _part_uuid(service_id, name, index)

    websites = [c for c in service.contacts if c.kind is ContactKind.WEBSITE]
    # The service's own email is the first one without a label; HSDS's service email has
    # nowhere for a label, so labelled and further emails become contacts.
    service_email = next(
        (c for c in service.contacts if c.kind is ContactKind.EMAIL and c.label is None), None
    )
    phones = [
        _without_empty(
            {
                "id": part("phones", index),
                "number": contact.value,
                "description": phone_description(contact.label, contact.hours),
            }
        )
        for index, contact in enumerate(c for c in service.contacts if c.kind is ContactKind.PHONE)
    ]
    contacts = [
        _without_empty(
            {
                "id": part("contacts", index),
                # A person's label says what to contact them for: the nearest HSDS field
                # is the job title. An email's label names the mailbox.
                "name": contact.value if contact.kind is ContactKind.PERSON else contact.label,
                "title": contact.label if contact.kind is ContactKind.PERSON else None,
                "email": contact.value if contact.kind is ContactKind.EMAIL else None,
            }
        )
        for index, contact in enumerate(
            c
            for c in service.contacts
            if c.kind is ContactKind.PERSON
            or (c.kind is ContactKind.EMAIL and c is not service_email)
        )
    ]
    organization = (
        export_organization(service.organization)
        if service.organization
        else publisher.organization()
        if publisher
        else None
    )
    places = [
        _export_location(location, part("locations", index), part)
        for index, location in enumerate(service.locations)
    ]
    # HSDS has one unlabelled url per service. A labelled website, and every one after the
    # first, is also a virtual location: its name is the label.
    places += [
        _without_empty(
            {
                "id": part("websites", index),
                "location_type": "virtual",
                "name": website.label,
                "url": contact_href(website),
            }
        )
        for index, website in enumerate(websites)
        if website.label is not None or index > 0
    ]
    attributes = [
        {
            "id": part("attributes", 0),
            "link_id": service_id,
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term_id": PACK_SERVICE_TERM["id"],
            "taxonomy_term": PACK_SERVICE_TERM,
            "value": f"{pack_id}/{service.id}",
        },
        *(
            {
                "id": part("attributes", index),
                "link_id": service_id,
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": term_uuid(term),
                "taxonomy_term": export_term(term),
            }
            for index, term in enumerate(service.taxonomy, start=1)
        ),
    ]
    ages = service.ages or AgeRange()
    document: dict[str, Any] = {
        "id": service_id,
        "organization_id": organization["id"] if organization else None,
        "name": service.name,
        "description": service.description,
        "url": contact_href(websites[0]) if websites else None,
        "email": service_email.value if service_email else None,
        "status": service.status.value,
        "alert": service.alert,
        "interpretation_services": service.interpretation_services,
        "application_process": service.referral_route,
        "wait_time": service.wait_time,
        "fees_description": service.fees,
        "eligibility_description": ages.note,
        "minimum_age": ages.min,
        "maximum_age": ages.max,
        "last_modified": _datetime_text(service.last_modified),
        "phones": phones,
        "schedules": (
            [{"id": part("schedules", 0), "description": service.hours}] if service.hours else []
        ),
        "service_areas": (
            [{"id": part("service_areas", 0), "name": service.area}] if service.area else []
        ),
        "service_at_locations": [
            {"id": part("service_at_locations", index), "location": place}
            for index, place in enumerate(places)
        ],
        "languages": [
            {"id": part("languages", index), "name": language}
            for index, language in enumerate(service.languages)
        ],
        "organization": organization,
        "cost_options": [
            _without_empty(
                {
                    "id": part("cost_options", index),
                    "option": cost.option,
                    "amount": cost.amount,
                    "currency": cost.currency,
                    "amount_description": cost.amount_description,
                }
            )
            for index, cost in enumerate(service.costs)
        ],
        "required_documents": [
            {"id": part("required_documents", index), "document": document}
            for index, document in enumerate(service.required_documents)
        ],
        "contacts": contacts,
        "attributes": attributes,
    }
    return _without_empty(document)


def _datetime_text(value: datetime | None) -> str | None:
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _export_location(
    location: Location, location_id: str, part: Callable[[str, int], str]
) -> dict[str, Any]:
    address = location.address
    addresses = []
    if address is not None:
        # The standard requires each of these; what the pack does not say is left empty.
        addresses.append(
            {
                "id": _part_uuid(location_id, "addresses", 0),
                "address_type": "physical",
                "address_1": address.lines[0] if address.lines else "",
                "address_2": ", ".join(address.lines[1:]) or None,
                "city": address.town or "",
                "state_province": address.county or "",
                "postal_code": address.postcode or "",
                "country": address.country or "",
            }
        )
        addresses = [{k: v for k, v in a.items() if v is not None} for a in addresses]
    return _without_empty(
        {
            "id": location.openreferral_id or location_id,
            "location_type": "physical",
            "name": location.name,
            "description": location.description,
            "transportation": location.transport,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "addresses": addresses,
            "schedules": (
                [{"id": _part_uuid(location_id, "schedules", 0), "description": location.hours}]
                if location.hours
                else []
            ),
            "accessibility": [
                {"id": _part_uuid(location_id, "accessibility", index), "description": text}
                for index, text in enumerate(location.accessibility)
            ],
        }
    )


def export_entries(
    entries: Iterable[ServiceEntry], publishers: Mapping[str, Publisher] | None = None
) -> list[dict[str, Any]]:
    found = publishers or {}
    return [
        export_service(entry.service, entry.source.pack_id, found.get(entry.source.pack_id))
        for entry in entries
    ]


def export_pack_set(pack_set: Iterable[Pack]) -> list[dict[str, Any]]:
    """Every service of these packs, in order, each with its publisher."""
    return [
        export_service(service, pack.id, Publisher.of(pack))
        for pack in pack_set
        for service in pack.services
    ]


# The feed's exports, per pack object: a pack is immutable once loaded, and a feed pages
# through thousands of services one request at a time. Each entry holds its pack, so the
# id it is keyed by cannot be reused while it is here.
_FEED_CACHE: OrderedDict[int, tuple[Pack, tuple[dict[str, Any], ...]]] = OrderedDict()
_FEED_CACHE_SIZE = 32
_FEED_CACHE_LOCK = Lock()


def feed_documents(pack_set: Iterable[Pack]) -> list[dict[str, Any]]:
    """``export_pack_set``, made once per loaded pack. The documents are shared: read them,
    never change them."""
    documents: list[dict[str, Any]] = []
    for pack in pack_set:
        with _FEED_CACHE_LOCK:
            found = _FEED_CACHE.get(id(pack))
            if found is not None and found[0] is pack:
                _FEED_CACHE.move_to_end(id(pack))
        if found is None or found[0] is not pack:
            found = (pack, tuple(export_pack_set([pack])))
            with _FEED_CACHE_LOCK:
                _FEED_CACHE[id(pack)] = found
                while len(_FEED_CACHE) > _FEED_CACHE_SIZE:
                    _FEED_CACHE.popitem(last=False)
        documents.extend(found[1])
    return documents


def export_pack_services(pack: Pack) -> list[dict[str, Any]]:
    return export_pack_set([pack])


def _without_empty(data: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        key: value for key, value in data.items() if key in keep or value not in (None, "", [], {})
    }


# --- the standard's schema -----------------------------------------------------------------


@cache
def _validator(definition: str | None = None) -> Any:
    schema = json.loads(SERVICE_SCHEMA.read_text(encoding="utf-8"))
    if definition is not None:
        # Another of the standard's objects, with the same definitions to refer to.
        schema = {
            "$schema": schema.get("$schema"),
            "$ref": f"#/definitions/{definition}",
            "definitions": schema["definitions"],
        }
        schema = {k: v for k, v in schema.items() if v is not None}
    cls = validator_for(schema)
    cls.check_schema(schema)
    # The format checker makes ``id`` a real uuid and ``email`` an address, as the
    # standard says; formats it cannot check (uri, date-time) are passed.
    return cls(schema, format_checker=FormatChecker())


@cache
def _fast_validator(definition: str | None = None) -> Any:
    schema = _validator(definition).schema
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def schema_problems(document: object, definition: str | None = None) -> list[str]:
    """What is wrong with one HSDS service (or, named, another of the standard's objects:
    ``organization``, ``taxonomy``...) against ``service_with_definitions.json``, each as
    ``field.path: message``; empty when it is valid."""
    # A compiled validator says quickly whether it is valid (most are); the reference one
    # says what is wrong, in words the tests and the validator's users know (ADR 0018).
    if _fast_validator(definition).is_valid(document):
        return []
    problems: list[str] = []
    for error in _validator(definition).iter_errors(document):
        loc: list[str | int] = list(error.absolute_path)
        if error.validator == "required" and isinstance(error.instance, Mapping):
            # The error sits on the object; name the missing field itself.
            loc.extend(
                name
                for name in error.validator_value
                if name not in error.instance and error.message.startswith(f"{name!r} ")
            )
        problems.append(f"{field_path(loc) or '(service)'}: {error.message}")
    return problems


# --- import --------------------------------------------------------------------------------


class OpenReferralImportError(ValueError):
    """The data did not import. ``problems`` lists every problem found, item by item."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class ImportResult:
    services: tuple[Service, ...]
    left_out: tuple[str, ...]
    """Items not imported because the source says they are closed, one line each."""
    warnings: tuple[ImportProblem, ...] = ()
    """What was imported with a word: unknown fields, bad formats, what a pack cannot hold."""
    refused: tuple[ImportProblem, ...] = ()
    """With ``skip_refused``: the errors of the items not imported."""


def import_services(data: object, *, skip_refused: bool = False) -> ImportResult:
    """An Open Referral UK service list (a bare list, or an API page with ``contents``)
    as pack services. Raises ``OpenReferralImportError`` naming each item and field, or
    with ``skip_refused`` imports the other items and lists the errors in ``refused``."""
    if isinstance(data, list):
        items, prefix = data, ""
    elif isinstance(data, Mapping) and isinstance(data.get("contents"), list):
        items, prefix = data["contents"], "contents"
    else:
        raise OpenReferralImportError(
            [ImportProblem("", "expected a list of services or a page with 'contents'")]
        )

    problems: list[ImportProblem] = []
    warnings: list[ImportProblem] = []
    services: list[Service] = []
    left_out: list[str] = []
    used_ids: set[str] = set()
    first_with_id: dict[str, str] = {}
    # Pack ids the items name for themselves are theirs before any made from a name.
    claimed = {claim for item in items if (claim := _pack_service_id(item)) is not None}
    for index, item in enumerate(items):
        where = f"{prefix}[{index}]"
        found = schema_problems(item)
        if found:
            problems.extend(_at(where, problem) for problem in found)
            continue
        # The standard says each service's id is unique; two with one id are one mistake.
        first = first_with_id.setdefault(item["id"].lower(), where)
        if first != where:
            problems.append(ImportProblem(f"{where}.id", f"{first} has the same id"))
            continue
        status = item["status"]
        if status not in OPEN_STATUSES:
            left_out.append(f"{where}: {item['name']!r} is {status} there")
            continue
        try:
            item_notes: list[ImportProblem] = []
            services.append(_service_from(item, where, used_ids, claimed, item_notes))
        except OpenReferralImportError as error:
            problems.extend(error.problems)
        except ValidationError as error:  # what the schema allows and a pack does not
            problems.extend(
                ImportProblem(f"{where}.{field_path(detail['loc'])}", detail["msg"])
                for detail in error.errors()
            )
        else:
            warnings.extend(item_warnings(item, where))
            warnings.extend(item_notes)
    if problems and not skip_refused:
        raise OpenReferralImportError(problems)
    return ImportResult(tuple(services), tuple(left_out), tuple(warnings), tuple(problems))


def _at(where: str, problem: str) -> ImportProblem:
    path, _, message = problem.partition(": ")
    return ImportProblem(where if path == "(service)" else f"{where}.{path}", message)


def _text(value: object) -> str | None:
    """Text from the source, stripped, with its line ends as ``\n`` and without the control
    characters a YAML file may not hold."""
    if not isinstance(value, str):
        return None
    if value.isprintable():  # no line breaks or control characters: most text
        return value.strip() or None
    lines = _LINE_BREAK.sub("\n", value)
    stripped = _NOT_IN_YAML.sub("", lines).strip()
    return stripped or None


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return words[:_MAX_SLUG].rstrip("-") or "service"


def _unique(base: str, used: set[str]) -> str:
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    used.add(candidate)
    return candidate


def _pack_service_id(item: object) -> str | None:
    """The pack's service id this product exported the item with, if it did."""
    if not isinstance(item, Mapping) or not isinstance(item.get("attributes"), list):
        return None
    for attribute in item["attributes"]:
        if (
            isinstance(attribute, Mapping)
            and attribute.get("taxonomy_term_id") == PACK_SERVICE_TERM["id"]
            and isinstance(attribute.get("value"), str)
        ):
            service_id = str(attribute["value"]).rpartition("/")[2]
            if ID_PATTERN.match(service_id) and len(service_id) <= 80:
                return service_id
    return None


def _age(item: Mapping[str, Any], field: str, where: str) -> int | None:
    value = item.get(field)
    if value is None:
        return None
    # The schema allows any number; a pack's ages are whole years from 0 to 120.
    if not math.isfinite(value) or value != int(value) or not 0 <= value <= 120:
        raise OpenReferralImportError(
            [ImportProblem(f"{where}.{field}", f"{value!r} is not a whole number from 0 to 120")]
        )
    return int(value)


def _schedule_text(schedule: Mapping[str, Any]) -> str | None:
    """A schedule as words: its description, its days and times as given, and its notes."""
    times = "-".join(t for t in (_text(schedule.get(k)) for k in ("opens_at", "closes_at")) if t)
    when = _text(" ".join(t for t in (_text(schedule.get("byday")), times) if t))
    parts = [
        p for p in (_text(schedule.get("description")), when, _text(schedule.get("notes"))) if p
    ]
    text = ""
    for part in parts:
        text = part if not text else f"{text} {part}" if text[-1] in ".!?" else f"{text}; {part}"
    return text or None


def _joined(parts: Iterable[str | None]) -> str | None:
    """Parts in order, each once."""
    return "; ".join(dict.fromkeys(part for part in parts if part)) or None


def _phone_contacts(phones: Iterable[Mapping[str, Any]], fallback: str | None) -> list[Contact]:
    contacts = []
    for phone in phones:
        label, hours = split_phone_description(phone.get("description"))
        number = _text(phone.get("number"))
        if number is not None:
            contacts.append(
                Contact(kind=ContactKind.PHONE, value=number, label=label or fallback, hours=hours)
            )
    return contacts


def _contacts_of(people: Iterable[Mapping[str, Any]], place: str | None) -> list[Contact]:
    contacts: list[Contact] = []
    for contact in people:
        person, title = _text(contact.get("name")), _text(contact.get("title"))
        contact_email = _text(contact.get("email"))
        phones = _phone_contacts(contact.get("phones", ()), person or place)
        if contact_email:
            label = ", ".join(part for part in (person, title) if part) or place
            contacts.append(Contact(kind=ContactKind.EMAIL, value=contact_email, label=label))
        contacts.extend(phones)
        if person and not contact_email and not phones:
            contacts.append(Contact(kind=ContactKind.PERSON, value=person, label=title))
    return contacts


def _without_repeats(contacts: Iterable[Contact]) -> list[Contact]:
    """One contact per number or address. Publishers often give a service's phone again
    under its named contact; the copy with a label or hours is kept."""
    kept: dict[tuple[ContactKind, str], Contact] = {}
    for contact in contacts:
        key = (contact.kind, contact.value)
        seen = kept.get(key)
        if seen is None or (seen.label, seen.hours) == (None, None):
            kept[key] = contact
    return list(kept.values())


def _address(location: Mapping[str, Any], where: str, notes: list[ImportProblem]) -> Address | None:
    addresses = location.get("addresses") or ()
    if len(addresses) > 1:
        notes.append(
            ImportProblem(f"{where}.addresses", f"{len(addresses)} addresses: the first is kept")
        )
    if not addresses:
        return None
    first = addresses[0]
    lines = tuple(t for t in (_text(first.get(k)) for k in ("address_1", "address_2")) if t)
    address = Address(
        lines=lines,
        town=_text(first.get("city")),
        county=_text(first.get("state_province")),
        postcode=_text(first.get("postal_code")),
        country=_text(first.get("country")),
    )
    return address if address != Address() else None


def _location(
    place: Mapping[str, Any],
    at: Mapping[str, Any],
    where: str,
    notes: list[ImportProblem],
) -> Location:
    accessibility = tuple(
        text
        for a in place.get("accessibility", ())
        if (text := _joined([_text(a.get("description")), _text(a.get("details"))]))
    )
    return Location(
        name=_text(place.get("name")),
        description=_text(place.get("description")),
        address=_address(place, where, notes),
        hours=_joined(
            _schedule_text(s) for s in (*place.get("schedules", ()), *at.get("schedules", ()))
        ),
        accessibility=accessibility,
        transport=_text(place.get("transportation")),
        latitude=_coordinate(place, "latitude", 90, where, notes),
        longitude=_coordinate(place, "longitude", 180, where, notes),
        openreferral_id=place["id"].lower() if _is_uuid(place.get("id")) else None,
    )


def _coordinate(
    place: Mapping[str, Any], name: str, most: int, where: str, notes: list[ImportProblem]
) -> float | None:
    value = place.get(name)
    if value is None:
        return None
    if not math.isfinite(value) or not -most <= value <= most:
        notes.append(
            ImportProblem(f"{where}.{name}", f"{value} is not from -{most} to {most}: not kept")
        )
        return None
    return float(value)


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _last_modified(item: Mapping[str, Any]) -> datetime | None:
    text = _text(item.get("last_modified"))
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None  # the format check has warned
    return value if value.tzinfo is not None else None


def _taxonomy(
    item: Mapping[str, Any], where: str, notes: list[ImportProblem]
) -> tuple[TaxonomyTerm, ...]:
    terms: list[TaxonomyTerm] = []
    for index, attribute in enumerate(item.get("attributes", ())):
        if attribute.get("taxonomy_term_id") == PACK_SERVICE_TERM["id"]:
            continue
        term = attribute.get("taxonomy_term")
        if not isinstance(term, Mapping):
            if attribute.get("taxonomy_term_id"):
                notes.append(
                    ImportProblem(
                        f"{where}.attributes[{index}].taxonomy_term_id",
                        "names a taxonomy term by its id only; without its name it is not kept",
                    )
                )
            continue
        detail = term.get("taxonomy_detail")
        vocabulary = _text(term.get("taxonomy")) or (
            _text(detail.get("name")) if isinstance(detail, Mapping) else None
        )
        name = _text(term.get("name"))
        if name is None:
            continue
        description = _text(term.get("description"))
        terms.append(
            TaxonomyTerm(
                name=name,
                code=_text(term.get("code")),
                vocabulary=vocabulary,
                description=None if description == name else description,
                openreferral_id=term["id"].lower() if _is_uuid(term.get("id")) else None,
            )
        )
    return tuple(terms)


def _organization(item: Mapping[str, Any]) -> Organization | None:
    given = item.get("organization")
    if not isinstance(given, Mapping) or _text(given.get("name")) is None:
        return None
    name = _text(given["name"]) or ""
    description = _text(given.get("description"))
    return Organization(
        name=name,
        description=None if description == name else description,
        website=_text(given.get("website")),
        email=_text(given.get("email")),
        openreferral_id=given["id"].lower() if _is_uuid(given.get("id")) else None,
    )


def _service_from(
    item: Mapping[str, Any],
    where: str,
    used_ids: set[str],
    claimed: set[str],
    notes: list[ImportProblem],
) -> Service:
    name = _text(item["name"])
    if name is None:
        raise OpenReferralImportError([ImportProblem(f"{where}.name", "is empty")])
    contacts = _phone_contacts(item.get("phones", ()), None)
    if email := _text(item.get("email")):
        contacts.append(Contact(kind=ContactKind.EMAIL, value=email))
    contacts.extend(_contacts_of(item.get("contacts", ()), None))
    websites: list[Contact] = []
    if url := _text(item.get("url")):
        websites.append(Contact(kind=ContactKind.WEBSITE, value=url))
    locations: list[Location] = []
    for index, at in enumerate(item.get("service_at_locations", ())):
        at_where = f"{where}.service_at_locations[{index}]"
        place = at.get("location")
        if not isinstance(place, Mapping):
            if at.get("location_id") or at.get("schedules") or at.get("phones"):
                notes.append(
                    ImportProblem(at_where, "gives no location, only its id: its place is not kept")
                )
            place = {}
        place_name = _text(place.get("name"))
        place_url = _text(place.get("url"))
        contacts.extend(
            _phone_contacts((*place.get("phones", ()), *at.get("phones", ())), place_name)
        )
        contacts.extend(
            _contacts_of((*place.get("contacts", ()), *at.get("contacts", ())), place_name)
        )
        is_website = place.get("location_type") == "virtual" and not place.get("addresses")
        if place_url:
            if websites and websites[0].value == place_url and websites[0].label is None:
                websites[0] = Contact(kind=ContactKind.WEBSITE, value=place_url, label=place_name)
            else:
                websites.append(
                    Contact(kind=ContactKind.WEBSITE, value=place_url, label=place_name)
                )
        if not is_website and place:
            locations.append(_location(place, at, f"{at_where}.location", notes))
    contacts = _without_repeats([*contacts, *websites])

    minimum, maximum = _age(item, "minimum_age", where), _age(item, "maximum_age", where)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise OpenReferralImportError(
            [ImportProblem(f"{where}.minimum_age", f"{minimum} is above maximum_age {maximum}")]
        )
    note = _text(item.get("eligibility_description"))
    ages = None
    if (minimum, maximum, note) != (None, None, None):
        ages = AgeRange(min=minimum, max=maximum, note=note)
    own_id = _pack_service_id(item)
    if own_id is not None and own_id not in used_ids:
        service_id = own_id
        used_ids.add(own_id)
    else:
        service_id = _unique(slug(name), used_ids | (claimed - {own_id}))
        used_ids.add(service_id)
    return Service(
        id=service_id,
        name=name,
        description=_text(item.get("description")),
        contacts=tuple(contacts),
        hours=_joined(_schedule_text(s) for s in item.get("schedules", ())),
        ages=ages,
        referral_route=_text(item.get("application_process")),
        area=_joined(
            _text(a.get("name")) or _text(a.get("description"))
            for a in item.get("service_areas", ())
        ),
        status=ServiceStatus(item["status"]),
        alert=_text(item.get("alert")),
        interpretation_services=_text(item.get("interpretation_services")),
        wait_time=_text(item.get("wait_time")),
        organization=_organization(item),
        locations=tuple(locations),
        languages=tuple(
            text
            for language in item.get("languages", ())
            if (text := _text(language.get("name")) or _text(language.get("code")))
        ),
        fees=_text(item.get("fees_description")),
        costs=tuple(
            Cost(
                option=_text(cost.get("option")),
                amount=cost.get("amount"),
                currency=_text(cost.get("currency")),
                amount_description=_text(cost.get("amount_description")),
            )
            for cost in item.get("cost_options", ())
            if any(not _empty(cost.get(k)) for k in ("option", "amount", "amount_description"))
        ),
        required_documents=tuple(
            text for d in item.get("required_documents", ()) if (text := _text(d.get("document")))
        ),
        taxonomy=_taxonomy(item, where, notes),
        last_modified=_last_modified(item),
        openreferral_id=item["id"].lower(),
        source_note=f"Imported from Open Referral UK data, where its service id is {item['id']}.",
    )


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


# --- services.yaml -------------------------------------------------------------------------


def services_yaml(services: Sequence[Service], comments: Sequence[str] = ()) -> str:
    """A pack's ``services.yaml`` for these services, laid out like the shipped ones."""
    entries = CommentedSeq()
    for service in services:
        data = service.model_dump(mode="json", exclude_defaults=True)
        entry = CommentedMap()
        for key, value in data.items():
            if key == "contacts":
                contacts = CommentedSeq()
                for contact in value:
                    flow = CommentedMap({k: _flow_scalar(v) for k, v in contact.items()})
                    flow.fa.set_flow_style()
                    contacts.append(flow)
                entry[key] = contacts
            else:
                entry[key] = _node(value)
        entries.append(entry)
    document = CommentedMap({"services": entries})
    yaml = YAML()
    yaml.width = 4096  # long text is folded by _scalar, flow contacts stay on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = StringIO()
    # One comment line per line given, whatever a source's names hold.
    out.writelines(f"# {' '.join(line.split())}\n" for line in comments)
    yaml.dump(document, out)
    return out.getvalue()


def _node(value: object) -> object:
    if isinstance(value, dict):
        return CommentedMap({k: _node(v) for k, v in value.items()})
    if isinstance(value, list):
        return CommentedSeq(_node(v) for v in value)
    return _scalar(value)


def _scalar(value: object) -> object:
    """Text laid out the way pack authors write it: several lines (an age note with a
    list) as a literal block, a long line folded at spaces (``>-``), short text plain."""
    if not isinstance(value, str):
        return value
    if _LOOKS_LIKE_A_TIME.match(value):  # a YAML reader would make it a timestamp
        return DoubleQuotedScalarString(value)
    if "\n" in value:
        return LiteralScalarString(value)
    if len(value) <= _FOLD_AT:
        return value
    folded = FoldedScalarString(value)
    folded.fold_pos = _fold_positions(value)
    return folded


def _flow_scalar(value: object) -> object:
    # Inside ``{...}`` ruamel.yaml writes some plain text its own reader refuses (``?0``);
    # anything beyond words, numbers and simple punctuation is quoted.
    if isinstance(value, str) and not _PLAIN_IN_FLOW.fullmatch(value):
        return DoubleQuotedScalarString(value)
    return value


def _fold_positions(text: str) -> list[int]:
    # Only a single space between two words can be folded and read back as a space.
    spaces = [
        i
        for i in range(1, len(text) - 1)
        if text[i] == " " and " " not in (text[i - 1], text[i + 1])
    ]
    positions: list[int] = []
    line_start = 0
    for previous, space in zip([None, *spaces], [*spaces, len(text)], strict=True):
        if space - line_start > _FOLD_AT and previous is not None and previous > line_start:
            positions.append(previous)
            line_start = previous + 1
    return positions


# --- the standard's API pages ------------------------------------------------------------------


class PageRequestError(ValueError):
    """A ``page`` or ``per_page`` the API cannot answer; the message says why."""


class PageOutOfRangeError(PageRequestError):
    """A page after the last one."""


@dataclass(frozen=True)
class PageRequest:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE


def _whole_number(name: str, raw: str | None, default: int, maximum: int | None) -> int:
    value = (raw or "").strip()
    if not value:
        return default
    most = f" from 1 to {maximum}" if maximum is not None else ", 1 or more"
    # Nine digits at most: enough for any page, and no giant int() from a query string.
    number = int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else 0
    if not 1 <= number <= (maximum or number):
        raise PageRequestError(f"{name} must be a whole number{most}")
    return number


def page_request(page: str | None, per_page: str | None) -> PageRequest:
    """``?page=`` and ``?per_page=`` from a query string; blank means the default."""
    return PageRequest(
        page=_whole_number("page", page, 1, None),
        per_page=_whole_number("per_page", per_page, DEFAULT_PER_PAGE, MAX_PER_PAGE),
    )


def page_of(items: Sequence[dict[str, Any]], request: PageRequest) -> dict[str, Any]:
    """One page in the standard's shape. An empty list is one empty page, so page 1
    always answers."""
    total_pages = max(1, math.ceil(len(items) / request.per_page))
    if request.page > total_pages:
        raise PageOutOfRangeError(
            f"there is no page {request.page}: the last page is {total_pages}"
        )
    start = (request.page - 1) * request.per_page
    contents = list(items[start : start + request.per_page])
    return {
        "total_items": len(items),
        "total_pages": total_pages,
        "page_number": request.page,
        "size": len(contents),
        "first_page": request.page == 1,
        "last_page": request.page == total_pages,
        "empty": not items,
        "contents": contents,
    }
