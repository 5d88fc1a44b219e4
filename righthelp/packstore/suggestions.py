"""Indicator suggestions for the web pages and the API: one sentence model per process, each
pack version's indicators embedded once and kept under DATA_DIR/suggest.

The note's text is used for the ranking and dropped: nothing here logs, stores or caches it.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings

from righthelp.core.packs.pack import Pack
from righthelp.suggest.index import Indexes
from righthelp.suggest.ranking import Ranking


class NoIndicators(ValueError):
    """The pack has no outcomes with indicators to suggest."""


@cache
def indexes() -> Indexes:
    return Indexes(settings.DATA_DIR / "suggest")


def has_indicators(pack: Pack) -> bool:
    return any(outcome.indicators for outcome in pack.outcomes)


def suggest(pack: Pack, text: str) -> Ranking:
    if not has_indicators(pack):
        raise NoIndicators(f"Pack {pack.id} has no indicators to suggest.")
    return indexes().for_pack(pack).rank(text)
