"""Finding a practice page among the guidance of a partnership's packs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from righthelp.core.pack_set import GuidanceEntry
from righthelp.core.text_search import Weighted, rank


def _fields(entry: GuidanceEntry) -> Sequence[Weighted]:
    page = entry.page
    return (
        (page.title, 4),
        (" ".join(page.topics), 2),
        (page.summary or "", 2),
        (page.body, 1),
        (page.source or "", 1),
    )


def find_guidance(entries: Iterable[GuidanceEntry], text: str) -> list[GuidanceEntry]:
    """Pages matching every word of the text, best first; all pages when the text is blank."""
    return rank(entries, text, _fields)
