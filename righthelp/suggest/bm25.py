"""The keyword baseline: Okapi BM25 over the indicators' words, each passage of the note a query."""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

from righthelp.suggest.candidates import Candidate, Passage
from righthelp.suggest.model import Matrix

_WORD = re.compile(r"[^\W_]+")
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "by",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "she",
        "that",
        "the",
        "their",
        "there",
        "they",
        "this",
        "to",
        "was",
        "were",
        "which",
        "who",
        "with",
    ]
)


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower().replace("'", "")) if w not in STOP_WORDS]


class BM25:
    def __init__(self, candidates: tuple[Candidate, ...], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.documents = [Counter(words(c.text)) for c in candidates]
        self.lengths = np.array([sum(d.values()) for d in self.documents], dtype=np.float32)
        self.average = float(self.lengths.mean()) if len(self.documents) else 1.0
        frequency: Counter[str] = Counter()
        for document in self.documents:
            frequency.update(document.keys())
        n = len(self.documents)
        self.idf = {w: math.log(1 + (n - f + 0.5) / (f + 0.5)) for w, f in frequency.items()}

    def scores(self, passages: list[Passage]) -> Matrix:
        """One row per passage, one column per indicator."""
        out = np.zeros((len(passages), len(self.documents)), dtype=np.float32)
        norm = self.k1 * (1 - self.b + self.b * self.lengths / self.average)
        for row, passage in enumerate(passages):
            for word in set(words(passage.text)):
                idf = self.idf.get(word)
                if idf is None:
                    continue
                tf = np.array([d.get(word, 0) for d in self.documents], dtype=np.float32)
                out[row] += idf * tf * (self.k1 + 1) / (tf + norm)
        return out
