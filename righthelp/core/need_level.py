"""How much help does this family need? The level of need from the indicators seen.

The level is the highest level among the indicators ticked; the explanation is exactly
the ticked indicators at that level, under their outcomes. Professional judgement may
set a different level, which the product records with its reason elsewhere; this
function says what the indicators alone say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from righthelp.core.packs.pack import Pack, PlacedIndicator
from righthelp.core.packs.schema import Level, Outcome


class UnknownIndicatorError(ValueError):
    def __init__(self, pack_id: str, unknown: Iterable[str]) -> None:
        self.unknown = tuple(sorted(set(unknown)))
        noun = "indicator" if len(self.unknown) == 1 else "indicators"
        names = ", ".join(self.unknown)
        super().__init__(f"unknown {noun} in pack {pack_id}: {names}")


@dataclass(frozen=True)
class NeedLevel:
    level: Level
    because: tuple[PlacedIndicator, ...]
    """The ticked indicators at ``level``, in pack order. Empty when nothing was ticked."""

    @property
    def number(self) -> int:
        return self.level.number


def level_of_need(pack: Pack, indicator_ids: Iterable[str]) -> NeedLevel:
    """The level the ticked indicators put the family at, and which of them put it there.

    Nothing ticked means no identified need: the pack's first level (Thriving).
    """
    if not pack.levels:
        raise ValueError(f"pack {pack.id} has no levels of need")
    ticked = set(indicator_ids)
    ranks = pack.indicator_ranks
    try:
        ranked = sorted([ranks[i] for i in ticked])
    except KeyError:
        raise UnknownIndicatorError(pack.id, [i for i in ticked if i not in ranks]) from None
    if not ranked:
        return NeedLevel(level=pack.levels_by_number[min(pack.levels_by_number)], because=())

    # Ranks are level * step + position in the pack: the highest level comes first by
    # level, then in pack order, so the ticked indicators at the highest level are the
    # last ones, already in pack order.
    step = pack.indicator_ranks_step
    highest = ranked[-1] // step
    floor = highest * step
    placed = pack.placed_by_rank
    because = tuple([placed[rank] for rank in ranked if rank >= floor])
    return NeedLevel(level=pack.level(highest), because=because)


@dataclass(frozen=True)
class SeveralNeedsPrompt:
    """The needs at the level shown sit under several outcomes: the next level's own
    description, for professional judgement. The level shown is not changed."""

    outcomes: tuple[Outcome, ...]
    at: Level
    consider: Level


LEVEL_SHOWN = (
    "The level shown is what the indicators point to: the highest level among those ticked. "
    "That is how this product reads the thresholds, not a rule they state; your professional "
    "judgement may say otherwise."
)


def several_needs_prompt(pack: Pack, need: NeedLevel) -> SeveralNeedsPrompt | None:
    """Where the pack's workflow asks for it (Stoke-on-Trent: needs at Getting Help under
    two or more outcomes), the level to consider and its words ("multiple and complex")."""
    setting = pack.workflow.several_needs_prompt if pack.workflow else None
    if setting is None or need.number != setting.at_level:
        return None
    outcomes = tuple({p.outcome.id: p.outcome for p in need.because}.values())
    if len(outcomes) < setting.outcomes_min:
        return None
    return SeveralNeedsPrompt(outcomes, need.level, pack.level(setting.prompt_level))


def need_level_as_data(result: NeedLevel) -> dict[str, Any]:
    """The level and its explanation as plain data: what the command line and the API give."""
    return {
        "level": result.number,
        "level_name": result.level.name,
        "action": result.level.action,
        "because": [
            {
                "id": placed.id,
                "outcome": placed.outcome.number,
                "outcome_title": placed.outcome.title,
                "level": placed.level,
                "text": placed.indicator.text,
            }
            for placed in result.because
        ],
        "support_services": [s.name for s in result.level.support_services],
    }
