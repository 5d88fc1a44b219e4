"""Families and their records, for the callers who may see them. Every family comes
through ``families.access`` exactly as on the web pages: a look is audited, a refusal is
audited and answered 403, a record of another family is a 404."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status

from righthelp.accounts.models import User
from righthelp.api.auth import caller
from righthelp.api.form_input import InvalidInput, as_form_data, checked
from righthelp.api.schemas import (
    AssessmentOut,
    AssessmentSummaryOut,
    ChronologyEntryIn,
    ChronologyEntryOut,
    FamilyIn,
    FamilyOut,
    FamilySummary,
    FieldProblems,
    Input,
    Member,
    PersonIn,
    Problem,
    SearchHitOut,
    SearchIn,
)
from righthelp.assessments.models import Assessment
from righthelp.assessments.selectors import assessment_summary
from righthelp.assessments.services import CONVERSATION_FIELDS
from righthelp.chronology.forms import EntryForm
from righthelp.chronology.models import ChronologyEntry
from righthelp.chronology.selectors import chronology_for
from righthelp.chronology.services import chronology_add
from righthelp.core.worklist import days_waiting, pending_label
from righthelp.families import services
from righthelp.families.access import casework_partnership, family_and_record, family_for
from righthelp.families.forms import FamilyForm, PersonForm
from righthelp.families.models import Family, Person
from righthelp.families.search import search_families
from righthelp.families.selectors import families_for_home, family_overview
from righthelp.kept_queries import CompiledQuerySets, person_key
from righthelp.partnerships.models import Agency, Partnership
from righthelp.partnerships.selectors import pack_set_for

router = Router(tags=["Families"])

REFUSED = {403: Problem, 404: Problem}


LevelNames = dict[int, str]


def _level_names(partnership: Partnership) -> LevelNames:
    """The partnership's level names, read once per request rather than once per family."""
    thresholds = pack_set_for(partnership).thresholds
    return {level.number: level.name for level in thresholds.levels} if thresholds else {}


def _level(names: LevelNames, number: int | None) -> dict[str, Any] | None:
    if number is None:
        return None
    return {"number": number, "name": names.get(number, f"Level {number}")}


def _pending(names: LevelNames, family: Family) -> dict[str, Any] | None:
    """A decision waiting for a manager's sign-off: its level, since when, for how long."""
    if family.pending_level is None:
        return None
    name = names.get(family.pending_level, f"Level {family.pending_level}")
    since = timezone.localtime(family.pending_since).date() if family.pending_since else None
    waited = days_waiting(since, timezone.localdate()) if since else 0
    return {
        "number": family.pending_level,
        "name": name,
        "since": since,
        "waiting_days": waited,
        "label": pending_label(family.pending_level, name, waited),
    }


def _summary(family: Family, names: LevelNames) -> dict[str, Any]:
    lead: User | None = family.lead_practitioner
    return {
        "id": family.pk,
        "name": family.name,
        "postcode": family.postcode,
        "lead_practitioner": lead.display_name if lead else None,
        "current_level": _level(names, family.current_level),
        "pending_level": _pending(names, family),
    }


FAMILY_PAGE = 100
FAMILY_PAGE_MAX = 500


def _by_name(user: User) -> QuerySet[Family]:
    return families_for_home(user).order_by("name", "pk").select_related("lead_practitioner")


def _first_page(user: User, size: int) -> QuerySet[Family]:
    return _by_name(user)[:size]


_FIRST_PAGES: CompiledQuerySets[QuerySet[Family]] = CompiledQuerySets(_first_page)


@router.get(
    "/families",
    response=list[FamilySummary],
    summary="The families you work with",
    description=(
        "By name, a page at a time: at most `limit` families (default 100, at most 500). "
        "For the next page, pass the id of the last family of this one as `after`; an "
        "empty list is the end."
    ),
)
def family_list(
    request: HttpRequest, limit: int = FAMILY_PAGE, after: UUID | None = None
) -> list[dict[str, Any]]:
    user = caller(request)
    if user.partnership is None:
        return []
    names = _level_names(user.partnership)
    size = max(1, min(limit, FAMILY_PAGE_MAX))
    if after is None:  # the first page, asked most: its query compiled once (kept_queries)
        first = _FIRST_PAGES(person_key(user, size), user, size)
        return [_summary(family, names) for family in first]
    # Keyset: the families after (name, id) of the last one given, whatever was added.
    families = _by_name(user)
    last = families.filter(pk=after).values("name").first()
    if last is None:
        return []
    later = families.filter(Q(name__gt=last["name"]) | Q(name=last["name"], pk__gt=after))
    return [_summary(family, names) for family in later[:size]]


@router.post(
    "/families/search",
    response={200: list[SearchHitOut], 403: Problem},
    summary="Find a family you may see by name, date of birth, postcode or NHS number",
    description="Sent in the body, so what is searched for never appears in an address.",
)
def family_search(request: HttpRequest, body: SearchIn) -> list[dict[str, Any]]:
    user = caller(request)
    names = _level_names(casework_partnership(user))
    hits = search_families(user, body.query)
    found = []
    for hit in hits:
        found.append(
            {
                "family": _summary(hit.family, names),
                "matched_people": [person.pk for person in hit.people],
            }
        )
    return found


@router.post(
    "/families",
    response={201: FamilyOut, 403: Problem, 422: FieldProblems},
    summary="Record a new family; you become one of its workers",
)
def family_create(request: HttpRequest, body: FamilyIn) -> Status[dict[str, Any]]:
    user = caller(request)
    partnership = casework_partnership(user)
    payload = body.model_dump()
    lead = payload.pop("lead_practitioner") or user.username
    names = payload.pop("agencies")
    agencies = Agency.objects.filter(partnership=partnership, name__in=names)
    unknown = set(names) - {agency.name for agency in agencies}
    if unknown:
        raise InvalidInput(
            {
                "agencies": [
                    f"No agency in your partnership is called {n!r}" for n in sorted(unknown)
                ]
            }
        )
    lead_user = User.objects.filter(username=lead).first()
    form = FamilyForm(
        as_form_data(
            payload
            | {
                "lead_practitioner": lead_user.pk if lead_user else "",
                "agencies": [a.pk for a in agencies],
            }
        ),
        partnership=partnership,
    )
    checked(form)
    family = services.family_create(
        partnership=partnership, created_by=user, **form.family_details()
    )
    return Status(201, _family_detail(family_for(user, family.pk, looking_at="family_overview")))


def _family_detail(family: Family) -> dict[str, Any]:
    overview = family_overview(family)
    return {
        **_summary(family, names := _level_names(family.partnership)),
        "current_level": _level(names, overview.current_level),
        "partnership": family.partnership.name,
        "address_line_1": family.address_line_1,
        "address_line_2": family.address_line_2,
        "town": family.town,
        "version": family.version,
        "members": overview.members,
        "relationships": [
            {"person": r.person_id, "relative": r.relative_id, "kind": r.kind}
            for r in overview.relationships
        ],
        "workers": [
            {
                "name": w.user.display_name,
                "role": w.user.get_role_display(),
                "team": w.user.team.name if w.user.team else "",
                "agency": w.user.team.agency.name if w.user.team else "",
            }
            for w in overview.workers
        ],
        "agencies": [agency.name for agency in overview.agencies],
        "level_history": [
            {"on": p.on, "level": p.level, "assessment": p.assessment_id}
            for p in overview.level_history
        ],
    }


@router.get(
    "/families/{family_id}",
    response={200: FamilyOut, **REFUSED},
    summary="A family: its members, workers, agencies and level of need over time",
)
def family_detail(request: HttpRequest, family_id: UUID) -> dict[str, Any]:
    return _family_detail(family_for(caller(request), family_id, looking_at="family_overview"))


@router.post(
    "/families/{family_id}/members",
    response={201: Member, **REFUSED, 422: FieldProblems},
    summary="Add a child or an adult to a family",
)
def member_add(request: HttpRequest, family_id: UUID, body: PersonIn) -> Status[Person]:
    user = caller(request)
    family = family_for(user, family_id, looking_at="family_members")
    form = PersonForm(as_form_data(body.model_dump(), date_fields=("date_of_birth",)))
    data = {key: value for key, value in checked(form).items() if key != "version"}
    return Status(201, services.person_add(family=family, by=user, **data))


@router.get(
    "/families/{family_id}/assessments",
    response={200: list[AssessmentSummaryOut], **REFUSED},
    summary="A family's threshold assessments, newest first",
)
def assessment_list(request: HttpRequest, family_id: UUID) -> list[dict[str, Any]]:
    family = family_for(caller(request), family_id, looking_at="assessment")
    return [
        _assessment_summary(a)
        for a in Assessment.objects.filter(family=family).order_by("-started_at")
    ]


def _assessment_summary(assessment: Assessment) -> dict[str, Any]:
    return {
        "id": assessment.pk,
        "status": assessment.status,
        "pack": {
            "id": assessment.pack_id,
            "version": assessment.pack_version,
            "content_hash": assessment.pack_hash,
        },
        "started_at": assessment.started_at,
        "completed_at": assessment.completed_at,
        "indicator_level": assessment.indicator_level,
        "final_level": assessment.final_level,
    }


@router.get(
    "/families/{family_id}/assessments/{assessment_id}",
    response={200: AssessmentOut, **REFUSED},
    summary="One assessment, in the wording of the pack version it was made with",
)
def assessment_detail(request: HttpRequest, family_id: UUID, assessment_id: UUID) -> dict[str, Any]:
    _, assessment = family_and_record(
        caller(request),
        family_id,
        Assessment.objects.select_related("family__partnership"),
        assessment_id,
        looking_at="assessment",
    )
    summary = assessment_summary(assessment)
    by_indicators = summary.result.level
    return {
        **_assessment_summary(assessment),
        "level": {"number": summary.level.number, "name": summary.level.name},
        "level_by_indicators": {"number": by_indicators.number, "name": by_indicators.name},
        "override_reason": assessment.override_reason,
        "action": summary.level.action,
        **{name: getattr(assessment, name) for name in CONVERSATION_FIELDS},
        "what_was_seen": assessment.what_was_seen,
        "ticked": [
            {
                "indicator": ticked.indicator.id,
                "outcome": findings.outcome.number,
                "level": ticked.indicator.level,
                "text": ticked.indicator.text,
                "people": [person.pk if person else None for person in ticked.people],
            }
            for findings in summary.outcomes
            for ticked in findings.ticked
        ],
    }


class ChronologyFilters(Input):
    significance: list[str] = []


def _entry(entry: ChronologyEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "occurred_on": entry.occurred_on,
        "occurred_at": entry.occurred_at.strftime("%H:%M") if entry.occurred_at else None,
        "kind": entry.kind,
        "significance": entry.significance,
        "what_happened": entry.what_happened,
        "agency": entry.agency.name if entry.agency else None,
        "person": entry.person_id,
        "recorded_by": entry.recorded_by.display_name,
        "recorded_at": entry.recorded_at,
    }


@router.get(
    "/families/{family_id}/chronology",
    response={200: list[ChronologyEntryOut], **REFUSED},
    summary="A family's chronology, newest first",
)
def chronology_list(
    request: HttpRequest, family_id: UUID, filters: Query[ChronologyFilters]
) -> list[dict[str, Any]]:
    family = family_for(caller(request), family_id, looking_at="chronology")
    return [_entry(e) for e in chronology_for(family, significance=filters.significance)]


@router.post(
    "/families/{family_id}/chronology",
    response={201: ChronologyEntryOut, **REFUSED, 422: FieldProblems},
    summary="Add an entry to a family's chronology",
)
def chronology_create(
    request: HttpRequest, family_id: UUID, body: ChronologyEntryIn
) -> Status[dict[str, Any]]:
    user = caller(request)
    family = family_for(user, family_id, looking_at="chronology")
    payload = body.model_dump()
    agency = payload.pop("agency")
    payload["agency"] = Agency.objects.filter(
        partnership=family.partnership, name=agency
    ).values_list("pk", flat=True).first() or ("unknown" if agency else None)
    form = EntryForm(as_form_data(payload, date_fields=("occurred_on",)), family=family)
    entry = chronology_add(family=family, by=user, **checked(form))
    return Status(201, _entry(entry))
