"""From a note to suggested indicators: rank, keep the best, group by outcome with the rungs beside.

Each sentence of the note is compared with each indicator; an indicator's score is its best
sentence's, and that sentence is the suggestion's ``because``. Suggestions are never ticks and
no level is computed from them: similar wording is not evidence, a negation ("no injuries were
seen") can match, and a note can describe a need in words no indicator shares.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from righthelp.suggest.candidates import Candidate, Passage, passages
from righthelp.suggest.model import Matrix

DEFAULT_TOP = 10
MAX_TOP = 50
MAX_NOTE_CHARACTERS = 5000

# Scores a list of passages against every candidate: (passages, candidates).
Scorer = Callable[[list[Passage]], Matrix]


@dataclass(frozen=True)
class Suggestion:
    id: str
    outcome: int
    outcome_title: str
    level: int
    level_name: str
    text: str
    score: float
    because: str
    because_start: int
    because_end: int


@dataclass(frozen=True)
class Suggested:
    """A suggestion and, on the same outcome, the closest indicator at each neighbouring level."""

    suggestion: Suggestion
    neighbours: tuple[Suggestion, ...]


@dataclass(frozen=True)
class Rung:
    """One line of an outcome's suggestions: a suggestion, or a neighbouring level's indicator."""

    suggestion: Suggestion
    suggested: bool


@dataclass(frozen=True)
class OutcomeSuggestions:
    outcome: int
    title: str
    items: tuple[Suggested, ...]

    @property
    def rungs(self) -> tuple[Rung, ...]:
        """Suggestions and their neighbours in level order, so the ladder reads up the page."""
        lines = [Rung(item.suggestion, True) for item in self.items] + [
            Rung(n, False) for item in self.items for n in item.neighbours
        ]
        return tuple(sorted(lines, key=lambda r: (r.suggestion.level, -r.suggestion.score)))


@dataclass(frozen=True)
class Ranking:
    candidates: tuple[Candidate, ...]
    passages: list[Passage]
    scores: Matrix  # (passages, candidates)
    best: np.ndarray = field(init=False)  # per candidate, its best passage's score
    where: np.ndarray = field(init=False)  # per candidate, the index of that passage

    def __post_init__(self) -> None:
        if len(self.passages):
            object.__setattr__(self, "best", self.scores.max(axis=0))
            object.__setattr__(self, "where", self.scores.argmax(axis=0))
        else:
            object.__setattr__(self, "best", np.zeros(len(self.candidates), dtype=np.float32))
            object.__setattr__(self, "where", np.zeros(len(self.candidates), dtype=np.int64))

    def suggestion(self, i: int) -> Suggestion:
        c = self.candidates[i]
        passage = self.passages[int(self.where[i])] if self.passages else Passage("", 0, 0)
        return Suggestion(
            id=c.id,
            outcome=c.outcome,
            outcome_title=c.outcome_title,
            level=c.level,
            level_name=c.level_name,
            text=c.text,
            score=round(float(self.best[i]), 4),
            because=passage.text,
            because_start=passage.start,
            because_end=passage.end,
        )

    def order(self) -> list[int]:
        if not self.passages:
            return []
        # Stable: equal scores keep the pack's order.
        return [int(i) for i in np.argsort(-self.best, kind="stable") if self.best[i] > 0]

    def top(self, n: int) -> list[Suggestion]:
        return [self.suggestion(i) for i in self.order()[:n]]

    def grouped(self, n: int) -> list[OutcomeSuggestions]:
        """The top ``n`` by outcome (best outcome first), each with its neighbouring rungs."""
        chosen = self.order()[:n]
        chosen_ids = {self.candidates[i].id for i in chosen}
        by_outcome: dict[int, list[Suggested]] = {}
        shown: set[str] = set()  # a rung shown beside one suggestion is not shown again
        for i in chosen:
            c = self.candidates[i]
            neighbours = []
            for level in (c.level - 1, c.level + 1):
                rung = [
                    j
                    for j, other in enumerate(self.candidates)
                    if other.outcome == c.outcome and other.level == level
                ]
                if rung:
                    j = max(rung, key=lambda k: float(self.best[k]))
                    if self.candidates[j].id not in chosen_ids | shown:
                        shown.add(self.candidates[j].id)
                        neighbours.append(self.suggestion(j))
            by_outcome.setdefault(c.outcome, []).append(
                Suggested(self.suggestion(i), tuple(neighbours))
            )
        return [
            OutcomeSuggestions(
                outcome=o, title=items[0].suggestion.outcome_title, items=tuple(items)
            )
            for o, items in by_outcome.items()
        ]


def rank(note: str, candidates: tuple[Candidate, ...], scorer: Scorer) -> Ranking:
    parts = passages(note[:MAX_NOTE_CHARACTERS])
    scores = scorer(parts) if parts else np.zeros((0, len(candidates)), dtype=np.float32)
    return Ranking(candidates=candidates, passages=parts, scores=scores)


NOTICE = (
    "Suggestions are not findings. They come from how alike the words are, so they miss what a "
    "note says in other words, they can match what a note rules out (\u201cno injuries were "
    "seen\u201d), and they cannot tell one level from the next on the same outcome. Nothing is "
    "ticked for you and no level is worked out from them: you decide what you are seeing."
)


def suggestion_as_data(s: Suggestion) -> dict[str, object]:
    return {
        "id": s.id,
        "outcome": s.outcome,
        "outcome_title": s.outcome_title,
        "level": s.level,
        "level_name": s.level_name,
        "text": s.text,
        "score": s.score,
        "because": s.because,
        "because_start": s.because_start,
        "because_end": s.because_end,
    }


def suggestions_as_data(ranking: Ranking, top: int) -> list[dict[str, object]]:
    """The first ``top`` suggestions, best first, each with its neighbouring rungs."""
    out = []
    for group in ranking.grouped(top):
        for item in group.items:
            data = suggestion_as_data(item.suggestion)
            data["neighbours"] = [
                {k: v for k, v in suggestion_as_data(n).items() if not k.startswith("because")}
                for n in item.neighbours
            ]
            out.append(data)
    out.sort(key=lambda d: -float(d["score"]))  # type: ignore[arg-type]
    return out
