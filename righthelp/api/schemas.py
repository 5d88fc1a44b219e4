"""What the API takes and gives. Each response names its fields: no model is dumped whole,
so nothing reaches an integration by accident."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import field_validator


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_holds_nul(item) for item in value)
    return False


class Input(Schema):
    """What the API is sent. Text may not hold NUL characters: PostgreSQL cannot store or
    compare them, and no person types one."""

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        if _holds_nul(value):
            raise ValueError("Text may not hold a NUL character")
        return value


class Problem(Schema):
    detail: str


class FieldProblems(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(description="Messages by field name, as a form shows them")


class PackRef(Schema):
    id: str
    version: str
    content_hash: str


class PackSummary(PackRef):
    title: str
    partnership: str | None


class LevelOfNeedIn(Input):
    indicators: list[str] = Field(
        description="Ids of the indicators seen; none means no identified need"
    )


class Reason(Schema):
    id: str
    outcome: int
    outcome_title: str
    level: int
    text: str


class LevelOfNeedOut(Schema):
    pack: PackRef
    level: int
    level_name: str
    action: str
    because: list[Reason]
    support_services: list[str]


class Contact(Schema):
    kind: str
    value: str
    label: str | None = None


class ServiceOut(Schema):
    pack: str
    id: str
    name: str
    description: str | None
    referral_route: str | None
    hours: str | None
    contacts: list[Contact]


class Level(Schema):
    number: int
    name: str


class PendingLevel(Schema):
    """A threshold decision waiting for a manager's sign-off."""

    number: int
    name: str
    since: dt.date | None
    waiting_days: int
    label: str = Field(
        description='As every page shows it: "5. Getting Risk Support, awaiting sign-off (3 days)"'
    )


class FamilySummary(Schema):
    id: UUID
    name: str
    postcode: str
    lead_practitioner: str | None
    current_level: Level | None
    pending_level: PendingLevel | None


class Member(Schema):
    id: UUID
    kind: str
    given_name: str
    family_name: str
    date_of_birth: dt.date | None
    gender: str
    school_or_setting: str
    nhs_number: str


class Worker(Schema):
    name: str
    role: str
    team: str
    agency: str


class Relation(Schema):
    person: UUID
    relative: UUID
    kind: str


class FamilyOut(FamilySummary):
    partnership: str
    address_line_1: str
    address_line_2: str
    town: str
    version: int = Field(description="Send it back when changing the family, to catch a newer save")
    members: list[Member]
    relationships: list[Relation]
    workers: list[Worker]
    agencies: list[str]
    level_history: list[LevelPoint]


class LevelPoint(Schema):
    on: dt.date
    level: int
    assessment: UUID


class SearchIn(Input):
    query: str = Field(
        min_length=1, max_length=200, description="A name, date of birth, postcode or NHS number"
    )


class SearchHitOut(Schema):
    family: FamilySummary
    matched_people: list[UUID]


class FamilyIn(Input):
    name: str = Field(min_length=1, max_length=200)
    lead_practitioner: str | None = Field(None, description="Username; you when left out")
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""
    agencies: list[str] = Field(
        default_factory=list, description="Agency names in your partnership"
    )


class PersonIn(Input):
    kind: Literal["child", "adult"]
    given_name: str = Field(min_length=1, max_length=100)
    family_name: str = Field(min_length=1, max_length=100)
    date_of_birth: dt.date | None = None
    gender: str = "not_known"
    school_or_setting: str = ""
    nhs_number: str = ""


class AssessmentSummaryOut(Schema):
    id: UUID
    status: str
    pack: PackRef
    started_at: dt.datetime
    completed_at: dt.datetime | None
    indicator_level: int | None
    final_level: int | None


class TickedOut(Schema):
    indicator: str
    outcome: int
    level: int
    text: str
    people: list[UUID | None] = Field(
        description="Who it applies to; null stands for the whole family"
    )


class AssessmentOut(AssessmentSummaryOut):
    level: Level
    level_by_indicators: Level
    override_reason: str
    action: str
    working_well: str
    worried_about: str
    needs_to_happen: str
    child_wishes: str
    parents_view: str
    what_was_seen: str = Field(
        description="What the practitioner saw, in their words (suggestions came from it)"
    )
    ticked: list[TickedOut]


class ChronologyEntryOut(Schema):
    id: UUID
    occurred_on: dt.date
    occurred_at: str | None = Field(
        description="Local time of day as HH:MM (no offset: the partnership's local time); "
        "none for entries made before times were recorded",
        pattern=r"^[0-2][0-9]:[0-5][0-9]$",
    )
    kind: str
    significance: str
    what_happened: str
    agency: str | None
    person: UUID | None
    recorded_by: str
    recorded_at: dt.datetime


class ChronologyEntryIn(Input):
    occurred_on: dt.date
    occurred_at: str = Field(
        "",
        max_length=20,
        description="Time of day, like 7:32pm or 19:32; empty: now for today, none before",
    )
    what_happened: str = Field(min_length=1)
    significance: Literal["low", "medium", "high"]
    agency: str | None = Field(None, description="Agency name in the family's partnership")
    person: UUID | None = Field(None, description="A member of the family")


class ReferralOut(Schema):
    id: UUID
    route: str
    service: str
    status: str
    consent_route: str
    person: UUID | None
    created_at: dt.datetime
    sent_at: dt.datetime | None
    never_disclosed: bool = Field(
        description="A Prevent referral: never in anything produced for the family"
    )


FamilyOut.model_rebuild()


class SuggestionsIn(Input):
    text: str = Field(
        min_length=1,
        max_length=5000,
        description=(
            "What was seen, in the practitioner's words. Used for the ranking and dropped: "
            "never logged or stored"
        ),
    )
    top: int = Field(10, ge=1, le=50, description="How many suggestions, best first")


class Neighbour(Schema):
    id: str
    outcome: int
    outcome_title: str
    level: int
    level_name: str
    text: str
    score: float


class SuggestionOut(Neighbour):
    because: str = Field(description="The part of the text this indicator matched")
    because_start: int = Field(description="Where that part starts in the text")
    because_end: int
    neighbours: list[Neighbour] = Field(
        description="On the same outcome, the closest indicator at each neighbouring level"
    )


class SuggestionsOut(Schema):
    pack: PackRef
    notice: str = Field(description="What suggestions cannot do; show it with them")
    suggestions: list[SuggestionOut]
