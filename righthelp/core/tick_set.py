"""What a practitioner ticked, read back from a page address.

The public threshold explorer keeps the ticked indicators in its URL as indicator ids
only (``?i=edu-13&i=safe-41``), so a result can be bookmarked or printed and nothing is
stored. An address may be old (an indicator removed in a later version of the pack) or
mistyped; those values are set aside and reported, never guessed at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from righthelp.core.packs.pack import Pack
from righthelp.core.packs.schema import ID_PATTERN


@dataclass(frozen=True)
class TickSet:
    ids: tuple[str, ...]
    """Indicator ids the pack has, in the pack's order, without repeats."""
    unknown: tuple[str, ...] = ()
    """Values shaped like ids that the pack does not have, as given, without repeats."""
    malformed: int = 0
    """How many values were not indicator ids at all (not shown back: they could be anything)."""

    @property
    def has_problems(self) -> bool:
        return bool(self.unknown or self.malformed)


def parse_ticks(pack: Pack, values: Iterable[str]) -> TickSet:
    wanted: set[str] = set()
    unknown: dict[str, None] = {}
    malformed = 0
    for raw in values:
        value = raw.strip()
        if not value:
            continue
        if value in pack.indicators_by_id:
            wanted.add(value)
        elif len(value) <= 80 and ID_PATTERN.match(value):
            unknown.setdefault(value, None)
        else:
            malformed += 1
    ids = tuple(indicator_id for indicator_id in pack.indicators_by_id if indicator_id in wanted)
    return TickSet(ids=ids, unknown=tuple(unknown), malformed=malformed)
