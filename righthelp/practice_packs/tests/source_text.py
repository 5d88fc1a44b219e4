"""Reading the source documents the packs were encoded from, for tests that pin packs to them.

Comparison is on normalised text: lower case, white space collapsed, the extraction's
Markdown and underline tags removed, curly quotes straightened, and sentence
punctuation and brackets dropped and line-break hyphens closed up, since repairing a split
sentence often means adding a full stop or closing a bracket.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[3] / "sources" / "seeds"

STOKE = "004_5dfddaf231e6a047.txt"
COVENTRY_SIX = "000_d6ec00059e714eb8.txt"
COVENTRY_EIGHT = "001_56bab85611544acc.txt"
COVENTRY_GUIDE = "002_60bdbe3053c279bd.txt"
SELF_ASSESSMENT = "003_8b7d21c858b50c84.txt"

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def normalise(text: str) -> str:
    text = re.sub(r"</?u>", "", text)
    text = text.replace("*", "").translate(_QUOTES)
    text = re.sub(r"^\s*(?:#+|- )\s*", " ", text, flags=re.MULTILINE)
    text = re.sub(r"[.,;:!?]+(?=\s|$)", "", text)
    text = re.sub(r"(\w)- (\w)", r"\1-\2", text)  # a line-break hyphen: "multi- agency"
    text = re.sub(r"[()]", "", text)
    return " ".join(text.lower().split())


@cache
def raw(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


@cache
def source(name: str) -> str:
    return normalise(raw(name))


def fragments(text: str, haystack: str) -> list[str] | None:
    """Split ``text`` into the fewest runs of whole words that each occur in ``haystack``,
    taking the longest run first. None when some word occurs nowhere."""
    words = normalise(text).split(" ")
    pieces: list[str] = []
    start = 0
    while start < len(words):
        end = len(words)
        while end > start and " ".join(words[start:end]) not in haystack:
            end -= 1
        if end == start:
            return None
        pieces.append(" ".join(words[start:end]))
        start = end
    return pieces


def missing_words(text: str, haystack: str) -> list[str]:
    """Words of ``text`` that occur nowhere in ``haystack``: repairs, or invented text."""
    return [word for word in normalise(text).split(" ") if word not in haystack]


STOKE_LEVEL_HEADINGS = {
    "thriving",
    "getting advice",
    "getting help",
    "getting more help",
    "getting risk support",
}


@cache
def stoke_outcome_sections() -> dict[int, str]:
    """Raw text of each outcome's indicator table in the thresholds document, by number."""
    text = raw(STOKE)
    body = text[text.index("Indicators of Need and Threshold for Invention") :]
    body = body[: body.index("Support from Children's Social Care")]
    parts = re.split(r"^Desired Outcome: .*$", body, flags=re.MULTILINE)
    return {number: part for number, part in enumerate(parts[1:], start=1)}
