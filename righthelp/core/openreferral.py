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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from io import StringIO
from pathlib import Path
from typing import Any

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
from righthelp.core.pack_set import ServiceEntry
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.problems import field_path
from righthelp.core.packs.schema import AgeRange, Contact, ContactKind, Service

STANDARD_DIR = Path(__file__).resolve().parents[1] / "standards" / "openreferral-hsds-3.0"
SERVICE_SCHEMA = STANDARD_DIR / "schema" / "service_with_definitions.json"

# Fixed for ever: every exported id is derived from it, and consumers key on those ids.
ID_NAMESPACE = uuid.UUID("e8fc81b5-360b-4bc6-ac48-dab09e041e06")

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
_HOURS = re.compile(r"(?:(?P<label>.+?)\.\s+)?Hours:\s+(?P<hours>.+)", re.DOTALL)


# --- export ------------------------------------------------------------------------------


def service_uuid(pack_id: str, service_id: str) -> str:
    """The HSDS id of a pack service: the same on every export and in every version."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{pack_id}/{service_id}"))


def _part_uuid(pack_id: str, service_id: str, part: str, index: int) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, f"{pack_id}/{service_id}/{part}/{index}"))


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


def export_service(service: Service, pack_id: str) -> dict[str, Any]:
    """One pack service as an HSDS 3.0 service object; empty fields are left out."""

    def part(name: str, index: int) -> str:
        return _part_uuid(pack_id, service.id, name, index)

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
    ages = service.ages or AgeRange()
    document: dict[str, Any] = {
        "id": service_uuid(pack_id, service.id),
        "name": service.name,
        "description": service.description,
        "url": contact_href(websites[0]) if websites else None,
        "email": service_email.value if service_email else None,
        "status": "active",
        "application_process": service.referral_route,
        "eligibility_description": ages.note,
        "minimum_age": ages.min,
        "maximum_age": ages.max,
        "phones": phones,
        "schedules": (
            [{"id": part("schedules", 0), "description": service.hours}] if service.hours else []
        ),
        "service_areas": (
            [{"id": part("service_areas", 0), "name": service.area}] if service.area else []
        ),
        "contacts": contacts,
    }
    return _without_empty(document)


def export_entries(entries: Iterable[ServiceEntry]) -> list[dict[str, Any]]:
    return [export_service(entry.service, entry.source.pack_id) for entry in entries]


def export_pack_services(pack: Pack) -> list[dict[str, Any]]:
    return [export_service(service, pack.id) for service in pack.services]


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


# --- the standard's schema -----------------------------------------------------------------


@cache
def _validator() -> Any:
    schema = json.loads(SERVICE_SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    # The format checker makes ``id`` a real uuid and ``email`` an address, as the
    # standard says; formats it cannot check (uri, date-time) are passed.
    return cls(schema, format_checker=FormatChecker())


def schema_problems(document: object) -> list[str]:
    """What is wrong with one HSDS service against ``service_with_definitions.json``,
    each as ``field.path: message``; empty when it is valid."""
    problems: list[str] = []
    for error in _validator().iter_errors(document):
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


@dataclass(frozen=True)
class ImportProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


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


def import_services(data: object) -> ImportResult:
    """An Open Referral UK service list (a bare list, or an API page with ``contents``)
    as pack services. Raises ``OpenReferralImportError`` naming each item and field."""
    if isinstance(data, list):
        items, prefix = data, ""
    elif isinstance(data, Mapping) and isinstance(data.get("contents"), list):
        items, prefix = data["contents"], "contents"
    else:
        raise OpenReferralImportError(
            [ImportProblem("", "expected a list of services or a page with 'contents'")]
        )

    problems: list[ImportProblem] = []
    services: list[Service] = []
    left_out: list[str] = []
    used_ids: set[str] = set()
    first_with_id: dict[str, str] = {}
    for index, item in enumerate(items):
        where = f"{prefix}[{index}]"
        found = schema_problems(item)
        if found:
            problems.extend(_at(where, problem) for problem in found)
            continue
        # The standard says each service's id is unique; two with one id are one mistake.
        first = first_with_id.setdefault(item["id"], where)
        if first != where:
            problems.append(ImportProblem(f"{where}.id", f"{first} has the same id"))
            continue
        status = item["status"]
        if status not in OPEN_STATUSES:
            left_out.append(f"{where}: {item['name']!r} is {status} there")
            continue
        try:
            services.append(_service_from(item, where, used_ids))
        except OpenReferralImportError as error:
            problems.extend(error.problems)
        except ValidationError as error:  # what the schema allows and a pack does not
            problems.extend(
                ImportProblem(f"{where}.{field_path(detail['loc'])}", detail["msg"])
                for detail in error.errors()
            )
    if problems:
        raise OpenReferralImportError(problems)
    return ImportResult(tuple(services), tuple(left_out))


def _at(where: str, problem: str) -> ImportProblem:
    path, _, message = problem.partition(": ")
    return ImportProblem(where if path == "(service)" else f"{where}.{path}", message)


def _text(value: object) -> str | None:
    """Text from the source, stripped, with its line ends as ``\n`` and without the control
    characters a YAML file may not hold."""
    if not isinstance(value, str):
        return None
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
    """A schedule as words: its description, or else its days and times as given."""
    description = _text(schedule.get("description"))
    if description is None:
        times = "-".join(
            t for t in (_text(schedule.get(k)) for k in ("opens_at", "closes_at")) if t
        )
        description = _text(" ".join(t for t in (_text(schedule.get("byday")), times) if t))
    notes = _text(schedule.get("notes"))
    if description and notes:
        return f"{description} {notes}" if description[-1] in ".!?" else f"{description}; {notes}"
    return description or notes


def _joined(parts: Iterable[str | None]) -> str | None:
    return "; ".join(part for part in parts if part) or None


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


def _service_from(item: Mapping[str, Any], where: str, used_ids: set[str]) -> Service:
    name = _text(item["name"])
    if name is None:
        raise OpenReferralImportError([ImportProblem(f"{where}.name", "is empty")])
    contacts = _phone_contacts(item.get("phones", ()), None)
    if email := _text(item.get("email")):
        contacts.append(Contact(kind=ContactKind.EMAIL, value=email))
    for contact in item.get("contacts", ()):
        person, title = _text(contact.get("name")), _text(contact.get("title"))
        contact_email = _text(contact.get("email"))
        phones = _phone_contacts(contact.get("phones", ()), person)
        if contact_email:
            label = ", ".join(part for part in (person, title) if part) or None
            contacts.append(Contact(kind=ContactKind.EMAIL, value=contact_email, label=label))
        contacts.extend(phones)
        if person and not contact_email and not phones:
            contacts.append(Contact(kind=ContactKind.PERSON, value=person, label=title))
    if url := _text(item.get("url")):
        contacts.append(Contact(kind=ContactKind.WEBSITE, value=url))
    contacts = _without_repeats(contacts)

    minimum, maximum = _age(item, "minimum_age", where), _age(item, "maximum_age", where)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise OpenReferralImportError(
            [ImportProblem(f"{where}.minimum_age", f"{minimum} is above maximum_age {maximum}")]
        )
    note = _text(item.get("eligibility_description"))
    ages = None
    if (minimum, maximum, note) != (None, None, None):
        ages = AgeRange(min=minimum, max=maximum, note=note)
    status_note = " Its status there is temporarily closed." if item["status"] != "active" else ""
    return Service(
        id=_unique(slug(name), used_ids),
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
        source_note=(
            f"Imported from Open Referral UK data, where its service id is {item['id']}."
            + status_note
        ),
    )


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
            elif key == "ages":
                entry[key] = CommentedMap({k: _scalar(v) for k, v in value.items()})
            else:
                entry[key] = _scalar(value)
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


def _scalar(value: object) -> object:
    """Text laid out the way pack authors write it: several lines (an age note with a
    list) as a literal block, a long line folded at spaces (``>-``), short text plain."""
    if not isinstance(value, str):
        return value
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
