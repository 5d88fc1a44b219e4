"""A loaded practice pack: the files of a pack folder, checked, with lookups by id."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from righthelp.core.packs.content_hash import content_hash
from righthelp.core.packs.schema import (
    Choice,
    CriteriaGroup,
    Criterion,
    GuidancePage,
    Indicator,
    Instrument,
    Level,
    Outcome,
    PackManifest,
    Rule,
    Service,
    SynonymGroup,
)

DEFAULT_SUSTAIN_MONTHS = 6


@dataclass(frozen=True)
class PlacedIndicator:
    """An indicator with the outcome it sits under."""

    indicator: Indicator
    outcome: Outcome

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def level(self) -> int:
        return self.indicator.level


@dataclass(frozen=True)
class ResolvedCriterion:
    """A criterion with what its toolkit page shares: who can help, interventions, evidence."""

    criterion: Criterion
    group: CriteriaGroup

    @property
    def id(self) -> str:
        return self.criterion.id

    @property
    def outcome(self) -> int:
        return self.group.outcome

    @property
    def who_can_help(self) -> tuple[str, ...]:
        return self.group.who_can_help

    @property
    def interventions(self) -> tuple[Choice, ...]:
        return self.group.interventions

    @property
    def evidence(self) -> tuple[Choice, ...]:
        return self.group.evidence

    @property
    def sustain_months(self) -> int:
        return self.group.sustain_months or DEFAULT_SUSTAIN_MONTHS


class Pack(PackManifest):
    """Everything one pack holds. Built by ``loader.load_pack``, which checks it first."""

    levels: tuple[Level, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    criteria_groups: tuple[CriteriaGroup, ...] = ()
    instruments: tuple[Instrument, ...] = ()
    services: tuple[Service, ...] = ()
    guidance: tuple[GuidancePage, ...] = ()
    rules: tuple[Rule, ...] = ()
    synonyms: tuple[SynonymGroup, ...] = ()

    @cached_property
    def levels_by_number(self) -> dict[int, Level]:
        return {level.number: level for level in self.levels}

    @cached_property
    def indicators_by_id(self) -> dict[str, PlacedIndicator]:
        return {
            indicator.id: PlacedIndicator(indicator, outcome)
            for outcome in self.outcomes
            for indicator in outcome.indicators
        }

    @cached_property
    def indicator_ranks(self) -> dict[str, tuple[int, int, PlacedIndicator]]:
        """Each indicator's level and position in the pack, precomputed: the highest of a
        few ticked indicators, in pack order, comes from these alone, without walking
        every indicator of the pack."""
        return {
            indicator_id: (placed.indicator.level, position, placed)
            for position, (indicator_id, placed) in enumerate(self.indicators_by_id.items())
        }

    @cached_property
    def criteria(self) -> tuple[ResolvedCriterion, ...]:
        return tuple(
            ResolvedCriterion(criterion, group)
            for group in self.criteria_groups
            for criterion in group.criteria
        )

    @cached_property
    def criteria_by_id(self) -> dict[str, ResolvedCriterion]:
        return {criterion.id: criterion for criterion in self.criteria}

    @cached_property
    def services_by_id(self) -> dict[str, Service]:
        return {service.id: service for service in self.services}

    @cached_property
    def instruments_by_id(self) -> dict[str, Instrument]:
        return {instrument.id: instrument for instrument in self.instruments}

    @cached_property
    def guidance_by_id(self) -> dict[str, GuidancePage]:
        return {page.id: page for page in self.guidance}

    @cached_property
    def content_hash(self) -> str:
        """Identifies the content, whatever the key order, quoting or layout of the YAML.

        Fields left at their defaults are left out, so a new optional field in the schema
        does not change the hash of packs that do not use it.
        """
        return content_hash(self.model_dump(mode="json", exclude_defaults=True))

    def level(self, number: int) -> Level:
        return self.levels_by_number[number]
