"""Words practitioners use for the same thing: abbreviations and common synonyms.

A directory search for "DV" should find domestic abuse services, "CSE" sexual exploitation,
"housing" homelessness and refuges. Each group below is a set of phrases that mean the
same for finding a service; a query phrase in a group is searched as any phrase of it.

This list is **the product's**: it is not from any partnership's documents, and pages that
use it say so. A partnership adds its own groups in its pack (``synonyms.yaml``, see
docs/pack-format.md); its groups are read first and merged with these.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from righthelp.core.text_search import query_terms

PRODUCT = "product"
"""The source of the product's own groups, as ``SynonymGroup.source``."""

PRODUCT_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("domestic abuse", "domestic violence", "DV", "DA", "interpersonal violence"),
    ("IDVA", "independent domestic violence advisor", "independent domestic violence adviser"),
    ("ISVA", "independent sexual violence advisor", "independent sexual violence adviser"),
    ("sexual violence", "sexual abuse", "rape", "sexual assault"),
    ("CSE", "child sexual exploitation", "sexual exploitation"),
    ("CCE", "child criminal exploitation", "criminal exploitation", "county lines"),
    ("exploitation", "exploited", "grooming"),
    ("gangs", "gang", "knife crime", "serious youth violence", "violence reduction"),
    ("CAMHS", "child and adolescent mental health", "mental health", "emotional wellbeing"),
    ("mental health crisis", "crisis", "suicidal", "self-harm", "self harm"),
    ("special educational needs", "disability", "disabilities", "local offer"),
    ("housing", "homeless", "homelessness", "accommodation", "eviction", "refuge"),
    (
        "MASH",
        "multi-agency safeguarding hub",
        "front door",
        "social care",
        "children's social care",
        "social worker",
    ),
    ("early help", "family support", "supporting families", "family hub", "family hubs"),
    ("FGM", "female genital mutilation"),
    ("LGBT", "LGBTQ", "LGBTQ+", "gay", "lesbian", "bisexual", "transgender"),
    ("missing", "missing from home", "runaway", "running away", "return home interview"),
    ("food", "food bank", "food banks", "foodbank", "social supermarket", "social supermarkets"),
    ("perpetrator", "perpetrators", "abuser", "abusive partner"),
    ("radicalisation", "radicalization", "extremism", "extremist", "Prevent", "Channel"),
    ("stalking", "harassment"),
    ("mentoring", "mentor", "mentors", "youth work", "youth worker", "youth workers", "youth club"),
    ("health visitor", "health visiting", "school nurse", "school nursing", "0-19"),
    ("young carer", "young carers"),
    ("police", "101", "999"),
    ("drugs", "drug", "substance misuse", "substance use", "alcohol"),
    ("online safety", "internet safety", "online harassment"),
    ("asylum", "refugee", "refugees", "migrant", "migrants", "immigration"),
    ("counselling", "therapy", "therapeutic"),
)


@dataclass(frozen=True)
class SynonymGroup:
    phrases: tuple[str, ...]
    source: str
    """``PRODUCT`` or the id of the pack that adds the group."""


def product_groups() -> tuple[SynonymGroup, ...]:
    return tuple(SynonymGroup(phrases, PRODUCT) for phrases in PRODUCT_SYNONYMS)


Phrase = tuple[str, ...]
"""A phrase as the words a query would look for (``query_terms``)."""


@dataclass(frozen=True)
class Concept:
    """One thing the practitioner asked for: a word, or a phrase of a synonym group with
    every phrase it may be found as."""

    typed: str
    alternatives: tuple[Phrase, ...]
    """The typed phrase first, then its synonyms."""
    sources: tuple[str, ...] = ()
    """Where the synonyms came from (``PRODUCT``, pack ids); empty for a plain word."""

    @property
    def synonyms(self) -> tuple[str, ...]:
        typed = query_terms(self.typed)
        return tuple(" ".join(a) for a in self.alternatives if a != typed)


def _phrase(text: str) -> Phrase:
    return query_terms(text)


def _singular(word: str) -> str | None:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return None


def concepts(query: str, groups: Iterable[SynonymGroup]) -> tuple[Concept, ...]:
    """The query split into concepts, the longest phrase a synonym group knows first.

    "DV support" gives two concepts: DV (domestic abuse, domestic violence, DA...) and
    support. A plural also looks for its singular ("refuges" finds "refuge").
    """
    by_phrase: dict[Phrase, tuple[list[Phrase], list[str]]] = {}
    for group in groups:
        phrases = [p for p in (_phrase(text) for text in group.phrases) if p]
        for phrase in phrases:
            alternatives, sources = by_phrase.setdefault(phrase, ([], []))
            for other in phrases:
                if other not in alternatives:
                    alternatives.append(other)
            if group.source not in sources:
                sources.append(group.source)
    longest = max((len(p) for p in by_phrase), default=1)
    words = query_terms(query)
    found: list[Concept] = []
    index = 0
    while index < len(words):
        for size in range(min(longest, len(words) - index), 0, -1):
            phrase = words[index : index + size]
            if phrase in by_phrase:
                alternatives, sources = by_phrase[phrase]
                ordered = (phrase, *(a for a in alternatives if a != phrase))
                found.append(Concept(" ".join(phrase), ordered, tuple(sources)))
                index += size
                break
        else:
            word = words[index]
            singular = _singular(word)
            plain: tuple[Phrase, ...] = ((word,),) if singular is None else ((word,), (singular,))
            found.append(Concept(word, plain))
            index += 1
    return tuple(found)


def describe(found: Sequence[Concept]) -> str:
    """What a search also looked for, for the results page: 'DV: domestic abuse, ...'."""
    return "; ".join(
        f"{concept.typed}: {', '.join(concept.synonyms)}" for concept in found if concept.sources
    )
