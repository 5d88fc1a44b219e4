"""The indicators a note can be matched against: every indicator of a pack but Thriving's."""

from __future__ import annotations

import re
from dataclasses import dataclass

from righthelp.core.packs.pack import Pack

# Level 1 is Thriving: "no current needs". A note describes a worry, so statements of a child
# doing well are never suggested (they would match notes that say the opposite).
THRIVING = 1


@dataclass(frozen=True)
class Candidate:
    id: str
    outcome: int
    outcome_title: str
    level: int
    level_name: str
    text: str


def candidates_of(pack: Pack) -> tuple[Candidate, ...]:
    names = {level.number: level.name for level in pack.levels}
    return tuple(
        Candidate(
            id=indicator.id,
            outcome=outcome.number,
            outcome_title=outcome.title,
            level=indicator.level,
            level_name=names.get(indicator.level, str(indicator.level)),
            text=indicator.text,
        )
        for outcome in pack.outcomes
        for indicator in outcome.indicators
        if indicator.level != THRIVING
    )


@dataclass(frozen=True)
class Passage:
    """A part of the note: a sentence or a clause, with where it sits in the note."""

    text: str
    start: int
    end: int


_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;]?")
_WORDS = re.compile(r"[^\W_]+")


def passages(note: str) -> list[Passage]:
    """The note's sentences: what a suggestion says it matched."""
    found = []
    for match in _SENTENCE.finditer(note):
        text = match.group().strip()
        if len(_WORDS.findall(text)) < 2:
            continue
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        found.append(Passage(text=text, start=start, end=start + len(text)))
    if not found and note.strip():
        text = note.strip()
        start = note.index(text)
        found.append(Passage(text=text, start=start, end=start + len(text)))
    return found
