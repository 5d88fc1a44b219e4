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

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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


class PackManifest(PackModel):
    id: Id
    version: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z.\-]+$")]
    title: Text
    partnership: Text
    description: Text | None = None
    sources: tuple[SourceDocument, ...] = ()


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
    interventions: tuple[Choice, ...] = ()
    evidence: tuple[Choice, ...] = ()
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


class Service(PackModel):
    id: Id
    name: Text
    description: Text | None = None
    contacts: tuple[Contact, ...] = ()
    hours: Text | None = None
    ages: AgeRange | None = None
    referral_route: Text | None = None
    area: Text | None = None
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
    SOCIAL_CARE_TOLD_CONSENT_WITHHELD = "social_care_told_consent_withheld"
    PARENT_TOLD_AFTER_REFERRAL = "parent_told_after_referral"


class ConsentRouteRequirements(PackModel):
    before_sending: tuple[ConsentRequirement, ...] = ()
    after_sending: tuple[ConsentRequirement, ...] = ()


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
    stages: tuple[EscalationStage, ...] = ()


Rule = Annotated[
    ReferralConsentRule
    | NonDisclosureRule
    | SharingWithoutConsentRule
    | IntelligenceSourceRule
    | EscalationRule,
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
    )
)


class RulesFile(PackModel):
    rules: tuple[Rule, ...]
