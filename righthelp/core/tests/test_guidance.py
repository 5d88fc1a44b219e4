"""Finding a practice page among a partnership's guidance."""

from __future__ import annotations

from righthelp.core.guidance import find_guidance
from righthelp.core.pack_set import PackSet


def keys(demo: PackSet, text: str) -> list[str]:
    return [entry.key for entry in find_guidance(demo.guidance, text)]


def test_consent_finds_the_consent_pages_first(demo: PackSet) -> None:
    found = keys(demo, "Consent")
    assert found[0] == "stoke-on-trent/consent-and-confidentiality"
    assert "coventry/sharing-information" in found[:3]


def test_punctuation_and_case_do_not_matter(demo: PackSet) -> None:
    assert keys(demo, "DIFFICULT conversation!")[0] == "coventry/starting-a-difficult-conversation"
    assert keys(demo, "trusted-relationship")[0] == "coventry/building-a-trusted-relationship"


def test_escalation_finds_the_disagreements_page(demo: PackSet) -> None:
    assert keys(demo, "escalation") == ["stoke-on-trent/resolving-professional-disagreements"]


def test_words_in_the_body_are_found(demo: PackSet) -> None:
    assert "coventry/intelligence-sharing" in keys(demo, "perpetrators locations")


def test_nothing_found(demo: PackSet) -> None:
    assert keys(demo, "zebra crossing") == []


def test_blank_lists_every_page(demo: PackSet) -> None:
    assert keys(demo, "") == [entry.key for entry in demo.guidance]
