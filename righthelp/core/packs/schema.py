"""The typed shape of a practice pack, file by file.

Each YAML file of a pack is parsed into one of the ``*File`` models below. Pydantic
checks types, required fields and unknown fields here; the checks that need the
whole pack (duplicate ids, references, band partitions, levels) live in
``checks.py`` so that each can point at the offending line.

Every model forbids unknown fields: a typo in a pack must fail loudly, not be
silently ignored.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.\-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")


class PackModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- pack.yaml ---------------------------------------------------------------


class SourceDocument(PackModel):
    """A published document the pack's content was encoded from."""

    id: Id
    title: Text
    file: Text | None = None
    url: Text | None = None


class SeveralNeedsPrompt(PackModel):
    """Where the needs at ``at_level`` sit under ``outcomes_min`` or more outcomes, offer
    ``prompt_level``'s own description for professional judgement. The level is unchanged."""

    at_level: int
    outcomes_min: Annotated[int, Field(ge=2)] = 2
    prompt_level: int


class ScreenAgain(PackModel):
    """When a young person's exploitation screening is due again, counted from the day of the
    screening. A partnership's setting where its sources give no interval: ``note`` says so
    and is shown with the date wherever it appears."""

    after_weeks: Annotated[int, Field(ge=1, le=52)]
    note: Text
    source_note: Text | None = None


class Workflow(PackModel):
    """How the partnership runs the work: its local practice, which its sources do not
    say. Shown, wherever it applies, with ``local_practice_note``."""

    manager_signoff_levels: tuple[int, ...] = ()
    """A decision at these levels of need is final only once a manager signs it off."""
    local_practice_note: Text
    several_needs_prompt: SeveralNeedsPrompt | None = None
    screen_again: ScreenAgain | None = None
    """When a screening is due again (the partnership's setting)."""


class PackManifest(PackModel):
    id: Id
    version: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z.\-]+$")]
    title: Text
    partnership: Text
    description: Text | None = None
    sources: tuple[SourceDocument, ...] = ()
    workflow: Workflow | None = None
    professional_judgement: Text | None = None
    """The source's own words on professional judgement, shown with every level of need."""
    indicators_note: Text | None = None
    """What the source says of its indicator lists as a whole (e.g. that they are
    illustrative rather than comprehensive), shown wherever the lists are."""


# --- levels.yaml ---------------------------------------------------------------


class SupportService(PackModel):
    """A service the pack names for a level; linked to the directory when it has an entry."""

    name: Text
    service: Id | None = None


class Level(PackModel):
    number: Annotated[int, Field(ge=1, le=9)]
    name: Text
    summary: Text
    description: Text
    action: Text
    support_services: tuple[SupportService, ...] = ()
    emergency: Text | None = None
    """What the source says to do in an emergency, shown first with this level's result."""
    source_note: Text | None = None


class LevelsFile(PackModel):
    levels: tuple[Level, ...]


# --- outcomes.yaml -------------------------------------------------------------


class Indicator(PackModel):
    id: Id
    level: int
    text: Text
    source_note: Text | None = None


class Outcome(PackModel):
    """One of the ten national Supporting Families headline outcomes."""

    id: Id
    number: Annotated[int, Field(ge=1, le=10)]
    title: Text
    note: Text | None = None
    indicators: tuple[Indicator, ...]
    source_note: Text | None = None


class OutcomesFile(PackModel):
    outcomes: tuple[Outcome, ...]


# --- criteria.yaml -------------------------------------------------------------


class Choice(PackModel):
    """An item a practitioner picks from a pack list: an intervention, an evidence method."""

    id: Id
    name: Text
    source_note: Text | None = None


class Criterion(PackModel):
    """A Supporting Families headline criterion, e.g. 6.3, with what counts as achieved."""

    id: Annotated[str, StringConstraints(pattern=r"^[0-9]+\.[0-9]+$")]
    need: Text
    achieved_when: Text
    source_note: Text | None = None


class CriteriaGroup(PackModel):
    """A toolkit page: criteria under one outcome that share who can help, interventions
    and evidence methods."""

    id: Id
    title: Text
    outcome: Annotated[int, Field(ge=1, le=10)]
    criteria: tuple[Criterion, ...]
    who_can_help: tuple[Id, ...] = ()
    who_can_help_note: Text | None = None
    """The source's qualifier on who can help (Coventry: what they do for the plan)."""
    interventions: tuple[Choice, ...] = ()
    evidence: tuple[Choice, ...] = ()
    evidence_note: Text | None = None
    """The source's qualifier on how the outcome is evidenced."""
    # How long an achieved outcome must hold before it counts as sustained. The toolkits
    # seen so far do not say, so the product's default (6 months) applies when absent.
    sustain_months: Annotated[int, Field(ge=1, le=36)] | None = None
    source_note: Text | None = None


class CriteriaFile(PackModel):
    criteria_groups: tuple[CriteriaGroup, ...]


# --- services.yaml -------------------------------------------------------------


class ContactKind(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    WEBSITE = "website"
    PERSON = "person"


class Contact(PackModel):
    kind: ContactKind
    value: Text
    label: Text | None = None
    hours: Text | None = None


class AgeRange(PackModel):
    min: Annotated[int, Field(ge=0, le=120)] | None = None
    max: Annotated[int, Field(ge=0, le=120)] | None = None
    note: Text | None = None


# An Open Referral UK (HSDS) id kept from the data a service was imported from, so that
# exporting it again gives the same id. Lower-case, as the product writes uuids.
OpenReferralId = Annotated[
    str,
    StringConstraints(
        pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", to_lower=True
    ),
]


class ServiceStatus(StrEnum):
    """Whether a practitioner can use the service now. Closed for good is not listed."""

    ACTIVE = "active"
    TEMPORARILY_CLOSED = "temporarily closed"


class Organization(PackModel):
    """Who runs the service."""

    name: Text
    description: Text | None = None
    website: Text | None = None
    email: Text | None = None
    openreferral_id: OpenReferralId | None = None


class Address(PackModel):
    lines: tuple[Text, ...] = ()
    town: Text | None = None
    county: Text | None = None
    postcode: Text | None = None
    country: Text | None = None


class Location(PackModel):
    """A place where the service is given, with its own hours and access."""

    name: Text | None = None
    description: Text | None = None
    address: Address | None = None
    hours: Text | None = None
    accessibility: tuple[Text, ...] = ()
    transport: Text | None = None
    latitude: Annotated[float, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[float, Field(ge=-180, le=180)] | None = None
    openreferral_id: OpenReferralId | None = None


class Cost(PackModel):
    """One price: what it is for, how much, or in words."""

    option: Text | None = None
    amount: Annotated[float, Field(ge=0)] | None = None
    currency: Text | None = None
    amount_description: Text | None = None


class TaxonomyTerm(PackModel):
    """A term from a published vocabulary (e.g. the Open Referral UK service types)."""

    name: Text
    code: Text | None = None
    vocabulary: Text | None = None
    description: Text | None = None
    openreferral_id: OpenReferralId | None = None


class Service(PackModel):
    id: Id
    name: Text
    description: Text | None = None
    contacts: tuple[Contact, ...] = ()
    hours: Text | None = None
    ages: AgeRange | None = None
    referral_route: Text | None = None
    area: Text | None = None
    # What an Open Referral UK directory also says. Empty unless the source says it.
    status: ServiceStatus = ServiceStatus.ACTIVE
    alert: Text | None = None
    interpretation_services: Text | None = None
    wait_time: Text | None = None
    organization: Organization | None = None
    locations: tuple[Location, ...] = ()
    languages: tuple[Text, ...] = ()
    fees: Text | None = None
    costs: tuple[Cost, ...] = ()
    required_documents: tuple[Text, ...] = ()
    taxonomy: tuple[TaxonomyTerm, ...] = ()
    last_modified: AwareDatetime | None = None
    openreferral_id: OpenReferralId | None = None
    source_note: Text | None = None


class ServicesFile(PackModel):
    services: tuple[Service, ...]


# --- synonyms.yaml -------------------------------------------------------------


class SynonymGroup(PackModel):
    """Phrases that mean the same when looking for a service ("DV", "domestic abuse").

    The partnership's own words, added to the product's list (``core/synonyms.py``)."""

    phrases: Annotated[tuple[Text, ...], Field(min_length=2)]
    source_note: Text | None = None


class SynonymsFile(PackModel):
    synonyms: tuple[SynonymGroup, ...]


# --- guidance.yaml -------------------------------------------------------------


class GuidancePage(PackModel):
    """A practice page. ``body`` is Markdown without HTML."""

    id: Id
    title: Text
    summary: Text | None = None
    body: Text
    topics: tuple[Id, ...] = ()
    source: Text | None = None
    source_note: Text | None = None


class GuidanceFile(PackModel):
    guidance: tuple[GuidancePage, ...]


# --- instruments.yaml ----------------------------------------------------------


class ScaleOption(PackModel):
    id: Id
    label: Text
    group: Id | None = None


class ScoreRange(PackModel):
    min: int
    max: int
    label: Text


class Band(PackModel):
    id: Id
    name: Text
    min: int
    max: int
    indicators_of_risk: Text | None = None
    description: Text
    next_step: Text | None = None
    source_note: Text | None = None


class CountRule(PackModel):
    """Band from counts of what was seen; rules are tried in order, the first that matches wins.

    A rule with no minimums matches everything, so the last rule must be one.
    """

    band: Id
    significant_risk_indicators_min: Annotated[int, Field(ge=0)] | None = None
    risk_indicators_min: Annotated[int, Field(ge=0)] | None = None
    vulnerabilities_min: Annotated[int, Field(ge=0)] | None = None
    because: Text
    partnership_reading: bool = False
    """The source gives no number here: this threshold is the partnership's reading of its
    words, and every page that shows it says so."""


class Question(PackModel):
    id: Id
    number: Text
    text: Text
    source_note: Text | None = None


class Section(PackModel):
    id: Id
    title: Text
    description: Text | None = None
    questions: tuple[Question, ...] = ()
    source_note: Text | None = None


class SafetyPlanSection(PackModel):
    id: Id
    title: Text
    prompt: Text
    asks_about_safe_adult: bool = False
    """The prompt asks whether the young person has a safe adult they can talk to: the
    plan records that adult in a field of its own within this section."""


class SafetyPlan(PackModel):
    applies_to_bands: tuple[Id, ...]
    introduction: Text
    sections: tuple[SafetyPlanSection, ...]
    closing: Text | None = None


class InstrumentKind(StrEnum):
    BANDED_SCORE = "banded_score"
    RATED_QUESTIONS = "rated_questions"


class Instrument(PackModel):
    """A questionnaire with its scoring: a banded score or questions rated on a scale."""

    id: Id
    kind: InstrumentKind
    title: Text
    description: Text | None = None
    score: ScoreRange | None = None
    bands: tuple[Band, ...] = ()
    count_rules: tuple[CountRule, ...] = ()
    safety_plan: SafetyPlan | None = None
    scale: tuple[ScaleOption, ...] = ()
    sections: tuple[Section, ...] = ()
    guidance: Text | None = None
    screening_steps: Text | None = None
    """What the source says to do for any concern, whatever the band."""
    source_note: Text | None = None


class InstrumentsFile(PackModel):
    instruments: tuple[Instrument, ...]


# --- rules.yaml ----------------------------------------------------------------


class ReferralRoute(StrEnum):
    """Where a request for service goes. The product knows these; a pack says which rules apply."""

    EARLY_HELP = "early_help"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care"
    PREVENT = "prevent"
    DIRECTORY_SERVICE = "directory_service"


class ConsentRoute(StrEnum):
    GIVEN = "consent_given"
    NOT_SOUGHT = "consent_not_sought"
    REFUSED = "consent_refused"


class ConsentRequirement(StrEnum):
    """What must be on the record. The rules core knows how to check each one."""

    CONSENT_CONFIRMED = "consent_confirmed"
    REASON_NOT_SOUGHT = "reason_not_sought"
    REASON_FOR_PROCEEDING = "reason_for_proceeding"
    MANAGER_APPROVAL = "manager_approval"
    """Approval by a manager of the referrer's team, given in Right Help."""
    APPROVAL = "approval"
    """Approval from one of the route's ``approvers``, recorded by role and name."""
    CONSULTATION_OUTCOME = "consultation_outcome"
    SOCIAL_CARE_TOLD_CONSENT_WITHHELD = "social_care_told_consent_withheld"
    PARENT_TOLD_AFTER_REFERRAL = "parent_told_after_referral"
    UNDUE_DELAY_REASON = "undue_delay_reason"
    """Why seeking approval first would cause undue delay (the undue-delay route)."""
    APPROVER_TOLD_AFTERWARDS = "approver_told_afterwards"


class Approver(StrEnum):
    """Who may approve a referral on a consent route, by role."""

    MANAGER = "manager"
    DESIGNATED_SENIOR_PERSON = "designated_senior_person"
    NAMED_PROFESSIONAL = "named_professional"


class UndueDelay(PackModel):
    """When seeking approval first "would cause undue delay": what it waives before
    sending, and what must then be recorded instead, before and after."""

    waives: tuple[ConsentRequirement, ...]
    before_sending: tuple[ConsentRequirement, ...] = ()
    after_sending: tuple[ConsentRequirement, ...] = ()


class ConsentRouteRequirements(PackModel):
    before_sending: tuple[ConsentRequirement, ...] = ()
    after_sending: tuple[ConsentRequirement, ...] = ()
    approvers: tuple[Approver, ...] = ()
    """Who may give the ``approval`` requirement on this route."""
    undue_delay: UndueDelay | None = None


class RuleBase(PackModel):
    id: Id
    title: Text
    source: Text
    source_note: Text | None = None


class ReferralConsentRule(RuleBase):
    kind: Literal["referral_consent"]
    applies_to: tuple[ReferralRoute, ...]
    routes: dict[ConsentRoute, ConsentRouteRequirements]


class NonDisclosureRule(RuleBase):
    """Referrals on these routes never appear in anything produced for the child or family."""

    kind: Literal["non_disclosure"]
    applies_to: tuple[ReferralRoute, ...]


class SharingWithoutConsentRule(RuleBase):
    kind: Literal["sharing_without_consent"]
    lawful_bases: tuple[Text, ...] = ()


class IntelligenceSourceRule(RuleBase):
    """The source of intelligence for the police is kept apart from the shared body."""

    kind: Literal["intelligence_source_separate"]


class EscalationStage(PackModel):
    number: Annotated[int, Field(ge=1)]
    title: Text
    description: Text | None = None


class EscalationRule(RuleBase):
    kind: Literal["escalation_policy"]
    policy_url: Text | None = None
    policy_link_text: Text | None = None
    """What the link opens, in words (e.g. the partnership's website, not the policy)."""
    stages: tuple[EscalationStage, ...] = ()


class FrontDoorDecision(PackModel):
    id: Id
    title: Text
    """What the front door decided, as the source words it."""
    names_lead_practitioner: bool = False
    """A step down to early help: the decision may name the family's lead practitioner."""
    source_note: Text | None = None


class FrontDoorResponseRule(RuleBase):
    """How the partnership's front door answers a request for service: which decisions it may
    record, and within how many working days of receiving the request."""

    kind: Literal["front_door_response"]
    applies_to: tuple[ReferralRoute, ...]
    service: Id
    """The directory entry for the front door (its name, phone and hours)."""
    decision_within_working_days: Annotated[int, Field(ge=0, le=30)]
    decisions: tuple[FrontDoorDecision, ...] = Field(min_length=1)


Rule = Annotated[
    ReferralConsentRule
    | NonDisclosureRule
    | SharingWithoutConsentRule
    | IntelligenceSourceRule
    | EscalationRule
    | FrontDoorResponseRule,
    Field(discriminator="kind"),
]


RULE_KINDS = frozenset(
    model.model_fields["kind"].annotation.__args__[0]  # type: ignore[union-attr]
    for model in (
        ReferralConsentRule,
        NonDisclosureRule,
        SharingWithoutConsentRule,
        IntelligenceSourceRule,
        EscalationRule,
        FrontDoorResponseRule,
    )
)


class RulesFile(PackModel):
    rules: tuple[Rule, ...]
