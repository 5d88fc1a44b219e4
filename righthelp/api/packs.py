"""The practice packs and the directory: the same content the public site shows, for any
caller with a token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from righthelp.api.auth import caller
from righthelp.api.schemas import (
    Input,
    LevelOfNeedIn,
    LevelOfNeedOut,
    PackRef,
    PackSummary,
    Problem,
    ServiceOut,
    SuggestionsIn,
    SuggestionsOut,
)
from righthelp.core.directory import MAX_AGE, DirectoryQuery, find_services
from righthelp.core.exploitation_bands import SeenCounts, screen
from righthelp.core.exploitation_followup import any_serious, needs_safety_plan
from righthelp.core.need_level import UnknownIndicatorError, level_of_need, need_level_as_data
from righthelp.core.pack_set import ServiceEntry
from righthelp.core.packs.export import export_pack
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.registry import UnknownPackError
from righthelp.packstore.registry import get_pack, installed_packs
from righthelp.packstore.suggestions import NoIndicators, suggest
from righthelp.partnerships.selectors import pack_set_for
from righthelp.suggest.ranking import NOTICE, suggestions_as_data

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


@router.post(
    "/packs/{pack_id}/suggestions",
    response={200: SuggestionsOut, 404: Problem, 422: Problem},
    summary="Indicators the text may describe, for the practitioner to check",
    description=(
        "Ranks the pack's indicators (Thriving left out) by how alike their words are to each "
        "sentence of the text, with a sentence model that runs in the server. Suggestions are "
        "not findings: nothing is ticked and no level is computed from them. The text is used "
        "for the ranking and dropped; it is never logged or stored."
    ),
)
def pack_suggestions(request: HttpRequest, pack_id: str, body: SuggestionsIn) -> dict[str, Any]:
    pack = _pack(pack_id)
    try:
        ranking = suggest(pack, body.text)
    except NoIndicators as error:
        raise HttpError(422, str(error)) from None
    ref = {"id": pack.id, "version": pack.version, "content_hash": pack.content_hash}
    return {"pack": ref, "notice": NOTICE, "suggestions": suggestions_as_data(ranking, body.top)}


class ScreenIn(Input):
    score: int = Field(description="The indicator tool's score")
    vulnerabilities: int = Field(ge=0)
    risk_indicators: int = Field(ge=0)
    significant_risk_indicators: int = Field(ge=0)


class BandOut(Schema):
    id: str
    name: str
    min: int
    max: int
    description: str
    next_step: str | None


class ScreenOut(Schema):
    pack: PackRef
    instrument: str
    score_band: BandOut
    count_band: BandOut
    count_band_because: str
    count_band_reading: str | None = Field(
        description="Set when the count rule is the partnership's reading, not the guide's words"
    )
    disagree: bool = Field(description="The two bands differ: use professional judgement")
    serious: bool = Field(description="Either band calls for the local safeguarding procedure")
    needs_safety_plan: bool
    screening_steps: str | None = Field(
        None, description="What the source says to do for any concern, whatever the band"
    )


@router.post(
    "/packs/{pack_id}/instruments/{instrument_id}/screen",
    response={200: ScreenOut, 404: Problem, 422: Problem},
    summary="The exploitation bands from a score and from counts of what was seen",
)
def instrument_screen(
    request: HttpRequest, pack_id: str, instrument_id: str, body: ScreenIn
) -> dict[str, Any]:
    pack = _pack(pack_id)
    instrument = pack.instruments_by_id.get(instrument_id)
    if instrument is None:
        raise HttpError(404, f"Pack {pack.id} has no instrument {instrument_id!r}.")
    try:
        bands = screen(
            instrument,
            body.score,
            SeenCounts(
                body.vulnerabilities, body.risk_indicators, body.significant_risk_indicators
            ),
        )
    except ValueError as error:
        raise HttpError(422, str(error)) from None
    score_band, count_band = bands.score_band, bands.count_band.band
    return {
        "pack": {"id": pack.id, "version": pack.version, "content_hash": pack.content_hash},
        "instrument": instrument.id,
        "score_band": score_band,
        "count_band": count_band,
        "count_band_because": bands.count_band.rule.because,
        "count_band_reading": bands.count_band.reading,
        "disagree": bands.disagree,
        "serious": any_serious(instrument, score_band.id, count_band.id),
        "needs_safety_plan": needs_safety_plan(instrument, score_band.id, count_band.id),
        "screening_steps": instrument.screening_steps,
    }


class DirectoryFilters(Input):
    q: str = ""
    outcome: int | None = None
    criterion: str | None = None
    age: int | None = Field(None, ge=0, le=MAX_AGE, description="In whole years")


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
    query = DirectoryQuery(
        text=filters.q, outcome=filters.outcome, criterion=filters.criterion, age=filters.age
    )
    return [service_as_data(entry) for entry in find_services(pack_set_for(partnership), query)]
