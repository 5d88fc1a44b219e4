"""What should I do next? The level of need for what was ticked, and what it asks for.

Brings together, from the partnership's packs: the level (``need_level.level_of_need``,
never recomputed here), the ticks that set it, the action the level calls for, who to
contact for that level and for the outcomes concerned, and the consent guidance to read
before a referral.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from righthelp.core.consent import ConsentGuidance, consent_before_referral
from righthelp.core.directory import services_mentioned
from righthelp.core.need_level import (
    LEVEL_SHOWN,
    NeedLevel,
    SeveralNeedsPrompt,
    level_of_need,
    several_needs_prompt,
)
from righthelp.core.pack_set import PackSet, ServiceEntry, WhoCanHelp
from righthelp.core.packs.pack import Pack, PlacedIndicator
from righthelp.core.packs.schema import Level, Outcome


@dataclass(frozen=True)
class OutcomeTicks:
    outcome: Outcome
    indicators: tuple[PlacedIndicator, ...]


def group_by_outcome(indicators: Iterable[PlacedIndicator]) -> tuple[OutcomeTicks, ...]:
    """Indicators under their outcomes, outcomes in the order they first appear."""
    groups: dict[str, tuple[Outcome, list[PlacedIndicator]]] = {}
    for placed in indicators:
        groups.setdefault(placed.outcome.id, (placed.outcome, []))[1].append(placed)
    return tuple(OutcomeTicks(outcome, tuple(items)) for outcome, items in groups.values())


@dataclass(frozen=True)
class NextSteps:
    thresholds: Pack
    need: NeedLevel
    ticked: tuple[PlacedIndicator, ...]
    who_can_help: WhoCanHelp
    consent: ConsentGuidance
    service_sources: tuple[Pack, ...] = ()
    """The packs the services shown come from, so the page can say whose they are."""
    emergency_contacts: tuple[ServiceEntry, ...] = ()
    """The services whose numbers the level's emergency words give, to offer as links."""

    @property
    def level(self) -> Level:
        return self.need.level

    @property
    def ticked_by_outcome(self) -> tuple[OutcomeTicks, ...]:
        return group_by_outcome(self.ticked)

    @property
    def because_by_outcome(self) -> tuple[OutcomeTicks, ...]:
        return group_by_outcome(self.need.because)

    @property
    def highest_level(self) -> int:
        return max(self.thresholds.levels_by_number)

    @property
    def level_shown(self) -> str:
        return LEVEL_SHOWN

    @property
    def several_needs(self) -> SeveralNeedsPrompt | None:
        """Where needs at this level sit under several outcomes: the next level's words."""
        return several_needs_prompt(self.thresholds, self.need)


def next_steps(pack_set: PackSet, indicator_ids: Iterable[str]) -> NextSteps:
    """Raises ``UnknownIndicatorError`` for ids the thresholds do not have: parse first."""
    thresholds = pack_set.thresholds
    if thresholds is None:
        raise ValueError("this partnership's packs have no levels of need")
    ids = set(indicator_ids)
    need = level_of_need(thresholds, ids)
    ticked = tuple(
        placed
        for indicator_id, placed in thresholds.indicators_by_id.items()
        if indicator_id in ids
    )
    who_can_help = pack_set.who_can_help(need.number, {p.outcome.number for p in ticked})
    shown = {s.entry.source.pack_id for s in who_can_help.level_support if s.entry} | {
        entry.source.pack_id for entries in who_can_help.by_outcome.values() for entry in entries
    }
    return NextSteps(
        thresholds=thresholds,
        need=need,
        ticked=ticked,
        who_can_help=who_can_help,
        consent=consent_before_referral(pack_set),
        service_sources=tuple(pack for pack in pack_set if pack.id in shown),
        emergency_contacts=services_mentioned(pack_set, thresholds.id, need.level.emergency)
        if need.level.emergency
        else (),
    )
