"""What an Open Referral UK import says besides "it imported": whole-file failures in one
line, and per item the warnings the Open Referral UK validator would give (an unknown or
misspelt field, a URL or date-time that is not one) plus what the pack cannot hold.

Errors refuse an item (``openreferral.schema_problems``: a missing required field, a wrong
type, an id that is not a uuid); warnings never do. Both name the item and the field.
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

STANDARD_DIR = Path(__file__).resolve().parents[1] / "standards" / "openreferral-hsds-3.0"
SERVICE_SCHEMA = STANDARD_DIR / "schema" / "service_with_definitions.json"

# Fixed for ever: every exported id is derived from it, and consumers key on those ids.
ID_NAMESPACE = uuid.UUID("e8fc81b5-360b-4bc6-ac48-dab09e041e06")
# The term of the product's own vocabulary that carries a pack's service id (ADR 0017).
PACK_SERVICE_TERM_ID = str(uuid.uuid5(ID_NAMESPACE, "taxonomy/righthelp/pack-service"))

# A file or a feed's answer larger than this is refused before it is parsed: a 50 MB file
# took minutes to import. 10,000 rich services are about 25 MB.
MAX_DOCUMENT_BYTES = 40 * 1024 * 1024
# Python's JSON parser recurses once per level and stops near 1,000; HSDS needs about 8.
MAX_NESTING = 64
# Whole numbers of more digits than this are refused (Python's own limit is 4,300).
MAX_DIGITS = 30


class DocumentError(ValueError):
    """The whole file or answer cannot be read; the message is one line saying why."""


@dataclass(frozen=True)
class ImportProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def _deeper_than(data: object, limit: int) -> bool:
    """Whether lists and objects nest deeper than ``limit``; without recursion."""
    level: list[object] = [data]
    for _ in range(limit):
        level = [
            child
            for value in level
            if isinstance(value, (list, dict))
            for child in (value.values() if isinstance(value, dict) else value)
            if isinstance(child, (list, dict))
        ]
        if not level:
            return False
    return True


def _whole_number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise DocumentError(f"has a whole number of {len(text.lstrip('-'))} digits, too large")
    return int(text)


def _decimal(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise DocumentError(f"has a number too large to hold: {text[:20]}")
    return value


def _no_constant(name: str) -> object:
    raise DocumentError(f"has {name}, which JSON does not allow")


def read_document(raw: bytes, *, limit: int = MAX_DOCUMENT_BYTES) -> object:
    """Open Referral JSON from a file or an answer, or ``DocumentError`` in one line."""
    if len(raw) > limit:
        raise DocumentError(
            f"is {len(raw) / 1_048_576:.1f} MB, over the limit of {limit // 1_048_576} MB: "
            "import it in parts or from the feed"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(f"is not UTF-8 text (byte {error.start + 1})") from None
    too_deep = DocumentError(f"nests lists or objects more than {MAX_NESTING} deep")
    try:
        data = json.loads(
            text, parse_int=_whole_number, parse_float=_decimal, parse_constant=_no_constant
        )
    except RecursionError:  # deeper than Python's parser can go
        raise too_deep from None
    except json.JSONDecodeError as error:
        at_end = error.pos >= len(text.rstrip())
        what = "ends too soon (is it cut short?)" if at_end else error.msg
        raise DocumentError(
            f"is not JSON: line {error.lineno} column {error.colno}: {what}"
        ) from None
    except DocumentError:
        raise
    except ValueError as error:  # a parser limit the checks above missed
        raise DocumentError(f"cannot be read as JSON: {error}") from None
    if _deeper_than(data, MAX_NESTING):
        raise too_deep
    return data


# --- the schema, walked ---------------------------------------------------------------------


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SERVICE_SCHEMA.read_text(encoding="utf-8"))
    return schema


def _resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/definitions/"):
        resolved: Mapping[str, Any] = _schema()["definitions"][ref.rsplit("/", 1)[1]]
        return resolved
    return node


# What the pack holds, as paths with ``[]`` for any list item. A key that is an id or a
# link between parts (``id``, ``*_id``, ``link_type``...) is structure, not content.
_SCHEDULE = ("description", "byday", "opens_at", "closes_at", "notes")
_PHONE = ("number", "description")
_CONTACT = ("name", "title", "email", *(f"phones[].{k}" for k in _PHONE))
_LOCATION = (
    "name",
    "description",
    "transportation",
    "latitude",
    "longitude",
    "url",
    "location_type",
    *(
        f"addresses[].{k}"
        for k in ("address_1", "address_2", "city", "state_province", "postal_code", "country")
    ),
    *(f"schedules[].{k}" for k in _SCHEDULE),
    "accessibility[].description",
    "accessibility[].details",
    *(f"phones[].{k}" for k in _PHONE),
    *(f"contacts[].{k}" for k in _CONTACT),
)
HELD = frozenset(
    {
        "name",
        "status",
        "description",
        "url",
        "email",
        "alert",
        "interpretation_services",
        "application_process",
        "wait_time",
        "fees_description",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "last_modified",
        *(f"phones[].{k}" for k in _PHONE),
        *(f"schedules[].{k}" for k in _SCHEDULE),
        "service_areas[].name",
        "service_areas[].description",
        *(f"contacts[].{k}" for k in _CONTACT),
        *(f"service_at_locations[].location.{k}" for k in _LOCATION),
        *(f"service_at_locations[].schedules[].{k}" for k in _SCHEDULE),
        *(f"service_at_locations[].phones[].{k}" for k in _PHONE),
        *(f"service_at_locations[].contacts[].{k}" for k in _CONTACT),
        "languages[].name",
        "languages[].code",  # the same language as its name, in ISO 639
        *(f"organization.{k}" for k in ("name", "description", "website", "email")),
        *(f"cost_options[].{k}" for k in ("option", "amount", "currency", "amount_description")),
        "required_documents[].document",
        *(
            f"attributes[].taxonomy_term.{k}"
            for k in ("name", "description", "code", "taxonomy", "taxonomy_detail")
        ),
    }
)
_CONTAINERS = frozenset(
    prefix
    for path in HELD
    for prefix in (path[:i].removesuffix("[]") for i, c in enumerate(path) if c in ".[")
)
_STRUCTURE = frozenset({"id", "link_type", "link_entity", "address_type"})


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _format_problem(fmt: str, value: str) -> str | None:
    if fmt == "uri":
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
            return f"{value!r} is not a web address (https://...)"
    elif fmt == "date-time":
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is None or "T" not in value.upper() or parsed.tzinfo is None:
            return f"{value!r} is not a date and time with its offset (2025-01-31T09:00:00Z)"
    elif fmt == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a date (2025-01-31)"
    return None


@dataclass(frozen=True)
class _Field:
    node: Mapping[str, Any]
    fmt: str | None
    pattern: str
    skip: bool
    """Structure, or held by a pack: nothing to say of its content."""
    container: bool


@cache
def _fields(pattern: str) -> dict[str, _Field]:
    """The fields of the object at ``pattern``; the same for every item, so made once."""
    node: Mapping[str, Any] = _schema()
    for step in pattern.replace("[]", ".[]").split(".") if pattern else ():
        node = _resolve(node)
        node = node["items"] if step == "[]" else node["properties"][step]
    node = _resolve(node)
    if "items" in node:
        node = _resolve(node["items"])
    fields: dict[str, _Field] = {}
    for key, declared in node.get("properties", {}).items():
        child = _resolve(declared)
        key_pattern = f"{pattern}.{key}" if pattern else key
        fmt = (
            declared.get("format")
            or child.get("format")
            # Dates are typed only in the schema's Data Package form.
            or ("date" if declared.get("datapackage_type") == "date" else None)
        )
        skip = key in _STRUCTURE or key.endswith("_id") or key_pattern in HELD
        list_pattern = f"{key_pattern}[]" if "items" in child else key_pattern
        fields[key] = _Field(child, fmt, list_pattern, skip, key_pattern in _CONTAINERS)
    return fields


def _walk(value: object, pattern: str, path: str) -> Iterator[tuple[str, str]]:
    """("warning" or "not held", path) for each field under ``value``."""
    if isinstance(value, list):
        for index, element in enumerate(value):
            yield from _walk(element, pattern, f"{path}[{index}]")
        return
    if not isinstance(value, Mapping):
        return
    fields = _fields(pattern)
    for key, child in value.items():
        key_path = f"{path}.{key}" if path else key
        found = fields.get(key)
        if found is None:
            yield "warning", f"{key_path}: is not a field of HSDS 3.0 (misspelt?); not read"
            continue
        if found.fmt and isinstance(child, str) and (problem := _format_problem(found.fmt, child)):
            yield "warning", f"{key_path}: {problem}"
        if found.skip or _empty(child):
            continue
        if key == "value" and pattern == "attributes[]" and _is_pack_attribute(value):
            continue
        if found.container:
            yield from _walk(child, found.pattern, key_path)
        else:
            yield "not held", key_path


def _is_pack_attribute(attribute: Mapping[str, Any]) -> bool:
    return bool(attribute.get("taxonomy_term_id") == PACK_SERVICE_TERM_ID)


def item_warnings(item: Mapping[str, Any], where: str) -> list[ImportProblem]:
    """Warnings for one service that passed the schema: unknown fields, bad formats, and one
    line listing every field with content the pack cannot hold."""
    warnings: list[ImportProblem] = []
    not_held: list[str] = []
    for kind, text in _walk(item, "", ""):
        if kind == "warning":
            path, _, message = text.partition(": ")
            warnings.append(ImportProblem(f"{where}.{path}", message))
        else:
            not_held.append(text)
    if not_held:
        warnings.append(
            ImportProblem(where, f"not held by a pack, so not imported: {', '.join(not_held)}")
        )
    return warnings
