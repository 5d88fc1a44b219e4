"""The packs one partnership uses, read as one body of content.

A partnership may use its own thresholds, another partnership's criteria and screening,
and the shared self-assessment. The first pack with levels of need is the partnership's
thresholds; criteria, services, guidance, instruments and rules come from every pack, in
the partnership's order. Items keep their pack, so ids need only be unique within a pack.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from righthelp.core.packs.pack import Pack, ResolvedCriterion
from righthelp.core.packs.schema import (
    GuidancePage,
    Instrument,
    InstrumentKind,
    Level,
    Rule,
    Service,
    SupportService,
)


@dataclass(frozen=True)
class FromPack:
    """Where an item came from: the pack id and version, shown beside it and stored with it."""

    pack_id: str
    pack_version: str


@dataclass(frozen=True)
class ServiceEntry:
    service: Service
    source: FromPack

    @property
    def key(self) -> str:
        """Unique across the set: ``pack-id/service-id``."""
        return f"{self.source.pack_id}/{self.service.id}"


@dataclass(frozen=True)
class GuidanceEntry:
    page: GuidancePage
    source: FromPack

    @property
    def key(self) -> str:
        return f"{self.source.pack_id}/{self.page.id}"


@dataclass(frozen=True)
class CriterionEntry:
    criterion: ResolvedCriterion
    source: FromPack
    who_can_help: tuple[ServiceEntry, ...]


@dataclass(frozen=True)
class LevelSupport:
    """A service the thresholds name for a level, with its directory entry when it has one."""

    support: SupportService
    entry: ServiceEntry | None


@dataclass(frozen=True)
class WhoCanHelp:
    level: Level
    level_support: tuple[LevelSupport, ...]
    by_outcome: dict[int, tuple[ServiceEntry, ...]]
    """Services the criteria of each outcome name, in pack order, without repeats."""


def _source(pack: Pack) -> FromPack:
    return FromPack(pack.id, pack.version)


@dataclass(frozen=True)
class PackSet:
    packs: tuple[Pack, ...]

    def __iter__(self) -> Iterator[Pack]:
        return iter(self.packs)

    @cached_property
    def thresholds(self) -> Pack | None:
        return next((pack for pack in self.packs if pack.levels), None)

    @cached_property
    def services(self) -> tuple[ServiceEntry, ...]:
        return tuple(
            ServiceEntry(service, _source(pack)) for pack in self.packs for service in pack.services
        )

    @cached_property
    def services_by_key(self) -> dict[str, ServiceEntry]:
        return {entry.key: entry for entry in self.services}

    def service(self, pack_id: str, service_id: str) -> ServiceEntry | None:
        return self.services_by_key.get(f"{pack_id}/{service_id}")

    @cached_property
    def guidance(self) -> tuple[GuidanceEntry, ...]:
        return tuple(
            GuidanceEntry(page, _source(pack)) for pack in self.packs for page in pack.guidance
        )

    @cached_property
    def criteria(self) -> tuple[CriterionEntry, ...]:
        return tuple(
            CriterionEntry(
                criterion=criterion,
                source=_source(pack),
                who_can_help=tuple(
                    entry
                    for service_id in criterion.who_can_help
                    if (entry := self.service(pack.id, service_id)) is not None
                ),
            )
            for pack in self.packs
            for criterion in pack.criteria
        )

    def criteria_for_outcomes(self, numbers: Iterable[int]) -> tuple[CriterionEntry, ...]:
        wanted = set(numbers)
        return tuple(entry for entry in self.criteria if entry.criterion.outcome in wanted)

    def instruments(self, kind: InstrumentKind) -> tuple[Instrument, ...]:
        return tuple(i for pack in self.packs for i in pack.instruments if i.kind is kind)

    @cached_property
    def screening(self) -> Instrument | None:
        """The exploitation screening: the first banded score with count rules."""
        return next(
            (i for i in self.instruments(InstrumentKind.BANDED_SCORE) if i.count_rules), None
        )

    def rules(self) -> tuple[Rule, ...]:
        return tuple(rule for pack in self.packs for rule in pack.rules)

    def who_can_help(self, level_number: int, outcome_numbers: Iterable[int]) -> WhoCanHelp:
        """Who to contact: the services the thresholds name for the level, and the services
        the criteria of the outcomes concerned name."""
        thresholds = self.thresholds
        if thresholds is None:
            raise ValueError("this partnership's packs have no levels of need")
        level = thresholds.level(level_number)
        level_support = tuple(
            LevelSupport(
                support=support,
                entry=self.service(thresholds.id, support.service) if support.service else None,
            )
            for support in level.support_services
        )
        by_outcome: dict[int, tuple[ServiceEntry, ...]] = {}
        for number in sorted(set(outcome_numbers)):
            seen: dict[str, ServiceEntry] = {}
            for entry in self.criteria_for_outcomes([number]):
                for service in entry.who_can_help:
                    seen.setdefault(service.key, service)
            if seen:
                by_outcome[number] = tuple(seen.values())
        return WhoCanHelp(level=level, level_support=level_support, by_outcome=by_outcome)
