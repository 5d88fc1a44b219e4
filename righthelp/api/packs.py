"""The practice packs and the directory: the same content the public site shows, for any
caller with a token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from righthelp.api.auth import caller
from righthelp.api.schemas import LevelOfNeedIn, LevelOfNeedOut, PackSummary, Problem, ServiceOut
from righthelp.core.directory import DirectoryQuery, InvalidAgeError, find_services, parse_age
from righthelp.core.need_level import UnknownIndicatorError, level_of_need, need_level_as_data
from righthelp.core.pack_set import ServiceEntry
from righthelp.core.packs.export import export_pack
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.registry import UnknownPackError
from righthelp.packstore.registry import get_pack, installed_packs
from righthelp.partnerships.selectors import pack_set_for

router = Router(tags=["Practice packs and directory"])


def _pack(pack_id: str) -> Pack:
    try:
        return get_pack(pack_id)
    except UnknownPackError:
        raise HttpError(404, f"There is no pack {pack_id!r}.") from None


@router.get("/packs", response=list[PackSummary], summary="The packs this installation serves")
def pack_list(request: HttpRequest) -> list[Pack]:
    return sorted(installed_packs(), key=lambda pack: pack.id)


@router.get(
    "/packs/{pack_id}",
    response={200: dict[str, Any], 404: Problem},
    summary="A pack's content, as `righthelp pack export` gives it",
)
def pack_detail(request: HttpRequest, pack_id: str) -> dict[str, Any]:
    return export_pack(_pack(pack_id))


@router.post(
    "/packs/{pack_id}/level-of-need",
    response={200: LevelOfNeedOut, 404: Problem, 422: Problem},
    summary="The level of need the indicators seen put a family at, and why",
)
def pack_level_of_need(request: HttpRequest, pack_id: str, body: LevelOfNeedIn) -> dict[str, Any]:
    pack = _pack(pack_id)
    if not pack.levels:
        raise HttpError(422, f"Pack {pack.id} has no levels of need to assess against.")
    try:
        result = level_of_need(pack, body.indicators)
    except UnknownIndicatorError as error:
        raise HttpError(422, str(error)) from None
    ref = {"id": pack.id, "version": pack.version, "content_hash": pack.content_hash}
    return {"pack": ref, **need_level_as_data(result)}


class DirectoryFilters(Schema):
    q: str = ""
    outcome: int | None = None
    criterion: str | None = None
    age: str | None = None


def service_as_data(entry: ServiceEntry) -> dict[str, Any]:
    service = entry.service
    return {
        "pack": entry.source.pack_id,
        "id": service.id,
        "name": service.name,
        "description": service.description,
        "referral_route": service.referral_route,
        "hours": service.hours,
        "contacts": [
            {"kind": c.kind.value, "value": c.value, "label": c.label} for c in service.contacts
        ],
    }


@router.get(
    "/directory",
    response={200: list[ServiceOut], 422: Problem},
    summary="Services in your partnership's packs, by words, outcome, criterion or age",
)
def directory(request: HttpRequest, filters: Query[DirectoryFilters]) -> list[dict[str, Any]]:
    partnership = caller(request).partnership
    if partnership is None:
        return []
    try:
        age = parse_age(filters.age)
    except InvalidAgeError as error:
        raise HttpError(422, str(error)) from None
    query = DirectoryQuery(
        text=filters.q, outcome=filters.outcome, criterion=filters.criterion, age=age
    )
    return [service_as_data(entry) for entry in find_services(pack_set_for(partnership), query)]
