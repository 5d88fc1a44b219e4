"""Finding pack content by words: a small, forgiving ranking over text held in memory.

Packs are not in the database, so guidance and directory searches rank pack items here.
Matching ignores case, accents and punctuation: "womens aid" finds "Women's Aid",
"coordinator" finds "Co-Ordinator", "crasac" finds "(CRASAC)". Every word of the query
(less a few common words such as "the" and "for") must appear in the item, whole or as
the start of a word; a whole word in a heavily weighted field (a name, a title) ranks
highest.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")

STOP_WORDS = frozenset(
    (
        "a",
        "about",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    )
)
_APOSTROPHES = re.compile(r"['\u2018\u2019`]")
_WORD = re.compile(r"[^\W_]+")
_COMPOUND = re.compile(r"[^\W_]+(?:[-/.][^\W_]+)+")
_JOINERS = re.compile(r"[-/.]")

Weighted = tuple[str, int]
"""Text of one field of an item and how much a match in it counts."""


def normalise(text: str) -> str:
    """Case-folded, accents and apostrophes removed: the form both sides are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _APOSTROPHES.sub("", plain)


@lru_cache(maxsize=8192)
def index_terms(text: str) -> frozenset[str]:
    """The words of a text, plus each hyphenated or slashed compound joined up:
    "co-ordinator" gives "co", "ordinator" and "coordinator"."""
    plain = normalise(text)
    terms = set(_WORD.findall(plain))
    terms.update(_JOINERS.sub("", compound) for compound in _COMPOUND.findall(plain))
    return frozenset(terms)


def query_terms(query: str) -> tuple[str, ...]:
    """The words a query asks for, in order, without repeats or common words."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(normalise(query)):
        if word not in STOP_WORDS:
            seen.setdefault(word, None)
    return tuple(seen)


def score(fields: Sequence[Weighted], terms: Sequence[str]) -> int:
    """How well an item matches: 0 when any term is missing from every field.

    Each term counts its best field: twice the field's weight for a whole word, the
    weight for the start of a word.
    """
    total = 0
    indexed = [(index_terms(text), weight) for text, weight in fields if text]
    for term in terms:
        best = 0
        for words, weight in indexed:
            if term in words:
                best = max(best, 2 * weight)
            elif best < weight and any(word.startswith(term) for word in words):
                best = weight
        if best == 0:
            return 0
        total += best
    return total


def rank(items: Iterable[T], query: str, fields: Callable[[T], Sequence[Weighted]]) -> list[T]:
    """The items matching the query, best first; ties keep the items' own order.

    A query with no words to look for (empty, or only common words) matches everything.
    """
    terms = query_terms(query)
    if not terms:
        return list(items)
    scored = [(score(fields(item), terms), position, item) for position, item in enumerate(items)]
    return [item for points, _, item in sorted(scored, key=lambda s: (-s[0], s[1])) if points]
