"""What a partnership changed between two versions of its pack.

Items are matched by id: an indicator with the same id and new wording was reworded,
with the same id and a new level it moved. The same comparison serves the command line
and the public "what changed" page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from righthelp.core.packs.pack import Pack, PlacedIndicator


@dataclass(frozen=True)
class IndicatorChange:
    id: str
    outcome: str
    old_outcome: str | None = None
    old_level: int | None = None
    new_level: int | None = None
    old_text: str | None = None
    new_text: str | None = None


@dataclass(frozen=True)
class ItemChanges:
    """Ids added, removed and changed for one kind of item (levels, services, ...)."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class PackDiff:
    old_id: str
    old_version: str
    new_id: str
    new_version: str
    indicators_added: tuple[IndicatorChange, ...] = ()
    indicators_removed: tuple[IndicatorChange, ...] = ()
    indicators_reworded: tuple[IndicatorChange, ...] = ()
    indicators_moved: tuple[IndicatorChange, ...] = ()
    other: Mapping[str, ItemChanges] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (
            self.indicators_added
            or self.indicators_removed
            or self.indicators_reworded
            or self.indicators_moved
            or any(self.other.values())
        )


def _indicator_change(old: PlacedIndicator | None, new: PlacedIndicator | None) -> IndicatorChange:
    either = new or old
    if either is None:
        raise ValueError("an indicator change needs the old or the new indicator")
    return IndicatorChange(
        id=either.id,
        outcome=either.outcome.title,
        old_outcome=old.outcome.title if old else None,
        old_level=old.level if old else None,
        new_level=new.level if new else None,
        old_text=old.indicator.text if old else None,
        new_text=new.indicator.text if new else None,
    )


def _item_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> ItemChanges:
    return ItemChanges(
        added=tuple(key for key in new if key not in old),
        removed=tuple(key for key in old if key not in new),
        changed=tuple(key for key in new if key in old and old[key] != new[key]),
    )


_OTHER_KINDS: dict[str, Callable[[Pack], Mapping[str, Any]]] = {
    "outcomes": lambda pack: {o.id: o.model_copy(update={"indicators": ()}) for o in pack.outcomes},
    "levels": lambda pack: {str(level.number): level for level in pack.levels},
    "criteria": lambda pack: {c.id: (c.criterion, c.group) for c in pack.criteria},
    "instruments": lambda pack: pack.instruments_by_id,
    "services": lambda pack: pack.services_by_id,
    "guidance": lambda pack: pack.guidance_by_id,
    "rules": lambda pack: {rule.id: rule for rule in pack.rules},
}


def diff_packs(old: Pack, new: Pack) -> PackDiff:
    before = old.indicators_by_id
    after = new.indicators_by_id
    common = [i for i in after if i in before]
    return PackDiff(
        old_id=old.id,
        old_version=old.version,
        new_id=new.id,
        new_version=new.version,
        indicators_added=tuple(_indicator_change(None, after[i]) for i in after if i not in before),
        indicators_removed=tuple(
            _indicator_change(before[i], None) for i in before if i not in after
        ),
        indicators_reworded=tuple(
            _indicator_change(before[i], after[i])
            for i in common
            if before[i].indicator.text != after[i].indicator.text
        ),
        indicators_moved=tuple(
            _indicator_change(before[i], after[i])
            for i in common
            if before[i].level != after[i].level or before[i].outcome.id != after[i].outcome.id
        ),
        other={kind: _item_changes(index(old), index(new)) for kind, index in _OTHER_KINDS.items()},
    )
