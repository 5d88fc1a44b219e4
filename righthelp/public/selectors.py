"""Reads for the public pages: the partnership at an address and its content, shaped for
templates (which never query and never compute a rule)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from righthelp.core.directory import HelpsWith, age_fits, helps_with, is_reachable
from righthelp.core.exploitation_bands import reading_of
from righthelp.core.pack_set import GuidanceEntry, PackSet, ServiceEntry
from righthelp.core.packs.diff import IndicatorChange, PackDiff, diff_packs
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.schema import (
    Band,
    GuidancePage,
    Indicator,
    Instrument,
    IntelligenceSourceRule,
    Level,
    Outcome,
)
from righthelp.packstore.registry import installed_packs
from righthelp.partnerships.models import Partnership
from righthelp.partnerships.selectors import pack_set_for, partnerships

INTELLIGENCE_TOPIC = "intelligence"


def public_partnerships() -> list[Partnership]:
    return list(partnerships())


def partnership_for(slug: str) -> Partnership | None:
    return partnerships().filter(slug=slug).first()


@dataclass(frozen=True)
class PartnershipContent:
    """A partnership and its packs, read once per request."""

    partnership: Partnership
    pack_set: PackSet

    @classmethod
    def of(cls, partnership: Partnership) -> PartnershipContent:
        return cls(partnership, pack_set_for(partnership))

    @cached_property
    def packs_by_id(self) -> dict[str, Pack]:
        return {pack.id: pack for pack in self.pack_set}

    def pack(self, pack_id: str) -> Pack | None:
        return self.packs_by_id.get(pack_id)


# --- the threshold explorer ------------------------------------------------------------


@dataclass(frozen=True)
class LevelChoices:
    level: Level
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class OutcomeChoices:
    outcome: Outcome
    levels: tuple[LevelChoices, ...]
    ticked: int


def outcome_choices(thresholds: Pack, ticked: Iterable[str]) -> tuple[OutcomeChoices, ...]:
    """Each outcome's indicators by level, lowest level first, with how many are ticked."""
    wanted = set(ticked)
    return tuple(
        OutcomeChoices(
            outcome=outcome,
            levels=tuple(
                LevelChoices(level, indicators)
                for level in thresholds.levels
                if (indicators := tuple(i for i in outcome.indicators if i.level == level.number))
            ),
            ticked=sum(1 for i in outcome.indicators if i.id in wanted),
        )
        for outcome in thresholds.outcomes
    )


# --- guidance and the directory --------------------------------------------------------


@dataclass(frozen=True)
class GuidanceItem:
    entry: GuidanceEntry
    pack: Pack

    @property
    def page(self) -> GuidancePage:
        return self.entry.page


def guidance_items(content: PartnershipContent, entries: Iterable[GuidanceEntry]) -> list[Any]:
    return [GuidanceItem(entry, content.packs_by_id[entry.source.pack_id]) for entry in entries]


@dataclass(frozen=True)
class ServiceItem:
    entry: ServiceEntry
    pack: Pack
    helps: HelpsWith
    outcomes: tuple[Outcome, ...]
    """The thresholds' outcomes the service helps with, for their titles."""
    fits_age: bool | None = None

    @property
    def reachable(self) -> bool:
        """Whether the pack gives a phone, email or website for the service."""
        return is_reachable(self.entry.service)

    @property
    def has_ages(self) -> bool:
        ages = self.entry.service.ages
        return ages is not None and (ages.min is not None or ages.max is not None)


def local_directories(pack_set: PackSet) -> tuple[ServiceEntry, ...]:
    """Directories the packs list (a service named "... Directory" with a way to reach it),
    for a service the packs give no contact details for: where else to look."""
    return tuple(
        entry
        for entry in pack_set.services
        if "directory" in entry.service.name.casefold() and is_reachable(entry.service)
    )


def service_items(
    content: PartnershipContent, entries: Iterable[ServiceEntry], age: int | None = None
) -> list[ServiceItem]:
    helping = helps_with(content.pack_set)
    thresholds = content.pack_set.thresholds
    outcomes = {o.number: o for o in thresholds.outcomes} if thresholds else {}
    items = []
    for entry in entries:
        helps = helping.get(entry.key, HelpsWith())
        items.append(
            ServiceItem(
                entry=entry,
                pack=content.packs_by_id[entry.source.pack_id],
                helps=helps,
                outcomes=tuple(outcomes[n] for n in helps.outcomes if n in outcomes),
                fits_age=age_fits(entry.service, age) if age is not None else None,
            )
        )
    return items


# --- exploitation screening ------------------------------------------------------------


@dataclass(frozen=True)
class Screening:
    instrument: Instrument
    pack: Pack
    guidance: tuple[GuidanceEntry, ...]
    """The practice pages of the pack the screening comes from."""

    def band(self, band_id: str) -> Band | None:
        return next((band for band in self.instrument.bands if band.id == band_id), None)

    def neighbours(self, band: Band) -> tuple[Band | None, Band | None]:
        bands = self.instrument.bands
        index = bands.index(band)
        return (
            bands[index - 1] if index else None,
            bands[index + 1] if index + 1 < len(bands) else None,
        )

    def because(self, band: Band) -> tuple[tuple[str, str | None], ...]:
        """Why counts give this band, each with its label if it is the partnership's reading."""
        return tuple(
            (rule.because, reading_of(rule))
            for rule in self.instrument.count_rules
            if rule.band == band.id
        )

    def has_safety_plan(self, band: Band) -> bool:
        plan = self.instrument.safety_plan
        return plan is not None and band.id in plan.applies_to_bands

    @property
    def intelligence_pages(self) -> tuple[GuidanceEntry, ...]:
        return tuple(e for e in self.guidance if INTELLIGENCE_TOPIC in e.page.topics)

    @property
    def intelligence_rules(self) -> tuple[IntelligenceSourceRule, ...]:
        return tuple(r for r in self.pack.rules if isinstance(r, IntelligenceSourceRule))


def screening_for(content: PartnershipContent) -> Screening | None:
    instrument = content.pack_set.screening
    if instrument is None:
        return None
    pack = next(pack for pack in content.pack_set if instrument in pack.instruments)
    guidance = tuple(e for e in content.pack_set.guidance if e.source.pack_id == pack.id)
    return Screening(instrument, pack, guidance)


# --- what changed ----------------------------------------------------------------------


def versions_of(pack_id: str) -> tuple[Pack, ...]:
    return installed_packs().versions.get(pack_id, ())


@dataclass(frozen=True)
class IndicatorRow:
    change: IndicatorChange
    old_level: str | None
    new_level: str | None


@dataclass(frozen=True)
class OtherChange:
    kind: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]


def _level_name(pack: Pack, number: int | None) -> str | None:
    if number is None:
        return None
    level = pack.levels_by_number.get(number)
    return f"{number}: {level.name}" if level else str(number)


def _names(pack: Pack) -> Mapping[str, Mapping[str, str]]:
    return {
        "levels": {str(level.number): f"{level.number}: {level.name}" for level in pack.levels},
        "outcomes": {o.id: o.title for o in pack.outcomes},
        "criteria": {c.id: f"{c.id} {c.criterion.need}" for c in pack.criteria},
        "instruments": {i.id: i.title for i in pack.instruments},
        "services": {s.id: s.name for s in pack.services},
        "guidance": {g.id: g.title for g in pack.guidance},
        "rules": {r.id: r.title for r in pack.rules},
    }


@dataclass(frozen=True)
class Changes:
    old: Pack
    new: Pack
    diff: PackDiff
    added: tuple[IndicatorRow, ...]
    removed: tuple[IndicatorRow, ...]
    reworded: tuple[IndicatorRow, ...]
    moved: tuple[IndicatorRow, ...]
    other: tuple[OtherChange, ...]


def changes_between(old: Pack, new: Pack) -> Changes:
    """``righthelp pack diff``'s comparison, with level numbers and ids given their names."""
    diff = diff_packs(old, new)
    old_names, new_names = _names(old), _names(new)

    def rows(changes: Iterable[IndicatorChange]) -> tuple[IndicatorRow, ...]:
        return tuple(
            IndicatorRow(c, _level_name(old, c.old_level), _level_name(new, c.new_level))
            for c in changes
        )

    def named(
        kind: str, ids: Iterable[str], names: Mapping[str, Mapping[str, str]]
    ) -> tuple[str, ...]:
        return tuple(names[kind].get(item, item) for item in ids)

    return Changes(
        old=old,
        new=new,
        diff=diff,
        added=rows(diff.indicators_added),
        removed=rows(diff.indicators_removed),
        reworded=rows(diff.indicators_reworded),
        moved=rows(diff.indicators_moved),
        other=tuple(
            OtherChange(
                kind=kind,
                added=named(kind, items.added, new_names),
                removed=named(kind, items.removed, old_names),
                changed=named(kind, items.changed, new_names),
            )
            for kind, items in diff.other.items()
            if items
        ),
    )
