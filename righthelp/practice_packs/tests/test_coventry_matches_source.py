"""The Coventry pack says what its three documents say, and nothing the extraction made up."""

from __future__ import annotations

import json
import re

import pytest

from righthelp.core.packs.export import export_pack
from righthelp.core.packs.loader import load_pack
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.registry import SHIPPED_PACKS_DIR
from righthelp.practice_packs.tests.source_text import (
    COVENTRY_EIGHT,
    COVENTRY_GUIDE,
    COVENTRY_SIX,
    fragments,
    missing_words,
    normalise,
    raw,
    source,
)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(SHIPPED_PACKS_DIR / "coventry")


def _criteria_rows(name: str) -> dict[str, tuple[str, str]]:
    """The criteria tables: number, criterion and outcome separated by tabs."""
    rows = {}
    for line in raw(name).splitlines():
        match = re.match(r"^(\d\.\d)\t([^\t]+)\t([^\t]+)$", line)
        if match:
            rows[match.group(1)] = (match.group(2), match.group(3))
    return rows


def test_criteria_six_and_eight_are_all_there(pack: Pack) -> None:
    assert [c.id for c in pack.criteria] == [
        "6.1",
        "6.2",
        "6.3",
        "6.4",
        "6.5",
        "6.6",
        "8.1",
        "8.2",
        "8.3",
    ]
    assert {c.id: c.outcome for c in pack.criteria} == {c.id: int(c.id[0]) for c in pack.criteria}


@pytest.mark.parametrize("name", [COVENTRY_SIX, COVENTRY_EIGHT])
def test_need_and_achieved_when_are_the_toolkits_own_words(pack: Pack, name: str) -> None:
    rows = _criteria_rows(name)
    assert rows
    for number, (need, outcome) in rows.items():
        criterion = pack.criteria_by_id[number].criterion
        assert normalise(criterion.need) == normalise(need), number
        assert normalise(criterion.achieved_when) == normalise(outcome), number


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        (
            "headline-six",
            {
                "youth workers",
                "crasac",
                "ymca heart of england",
                "police",
                "horizon",
                "prevent",
                "nspcc",
                "st giles",
                "aptitude",
                "positive choices",
                "family hub",
                "violence reduction unit",
            },
        ),
        (
            "headline-eight",
            {
                "panahghar",
                "relate",
                "valley house",
                "marac",
                "crasac",
                "nspcc",
                "respect",
                "carriers of hope",
                "men's advice line",
                "cw rise",
                "crmc",
            },
        ),
    ],
)
def test_who_can_help_names_the_agencies_of_the_page(
    pack: Pack, group: str, expected: set[str]
) -> None:
    criteria_group = next(g for g in pack.criteria_groups if g.id == group)
    names = " | ".join(pack.services_by_id[s].name.lower() for s in criteria_group.who_can_help)
    for agency in expected:
        assert agency in names, agency
    assert len(criteria_group.who_can_help) == {"headline-six": 20, "headline-eight": 26}[group]


def test_interventions_and_evidence_come_from_the_toolkits(pack: Pack) -> None:
    text = source(COVENTRY_SIX) + " " + source(COVENTRY_EIGHT)
    for group in pack.criteria_groups:
        for choice in (*group.interventions, *group.evidence):
            assert fragments(choice.name, text) == [normalise(choice.name)], choice.name
    six = next(g for g in pack.criteria_groups if g.id == "headline-six")
    assert len(six.interventions) == 18
    assert {e.name for e in six.evidence} >= {"Missing episodes reduced", "Data from Police"}
    eight = next(g for g in pack.criteria_groups if g.id == "headline-eight")
    assert {i.name for i in eight.interventions} >= {"DASH", "DVRIM", "Gossip Girls"}


def test_the_qr_code_noise_is_not_content(pack: Pack) -> None:
    everything = json.dumps(export_pack(pack), ensure_ascii=False)
    for noise in ("LJ.F.3821", "海流", "回数", "*****", "QA Code"):
        assert noise not in everything


def test_the_four_risk_bands(pack: Pack) -> None:
    screening = pack.instruments_by_id["child-exploitation-screening"]
    assert [(b.id, b.min, b.max) for b in screening.bands] == [
        ("universal", 9, 10),
        ("low", 6, 8),
        ("medium", 3, 5),
        ("high", 0, 2),
    ]
    guide = source(COVENTRY_GUIDE)
    for band in screening.bands:
        assert normalise(band.description) in guide, band.id
        assert band.indicators_of_risk and normalise(band.indicators_of_risk) in guide, band.id
    assert "safety plan" in (screening.bands[1].next_step or "").lower()
    # The SCREENING TOOL steps are for any concern, not for medium and high alone.
    for band in screening.bands[2:]:
        assert band.next_step is None
    steps = screening.screening_steps or ""
    assert "mashreferral" in steps
    for paragraph in steps.split("\n\n"):
        assert normalise(paragraph) in guide


def test_the_safety_plan_has_the_guides_sections(pack: Pack) -> None:
    plan = pack.instruments_by_id["child-exploitation-screening"].safety_plan
    assert plan is not None
    assert list(plan.applies_to_bands) == ["low"]
    prompts = " ".join(section.prompt.lower() for section in plan.sections)
    for words in (
        "safe adult",
        "healthy relationships",
        "grooming",
        "online safety",
        "education/training/employment",
        "family support",
        "other relevant concerns",
    ):
        assert words in prompts, words
    assert len(plan.sections) == 5


def test_every_phone_number_and_email_in_the_guide_is_in_the_directory(pack: Pack) -> None:
    guide = raw(COVENTRY_GUIDE)
    contacts = {normalise(c.value) for s in pack.services for c in s.contacts}
    phones = re.findall(r"\b0\d{2,4} \d{3,6}(?: \d{3,4})?\b", guide)
    emails = re.findall(r"[\w.]+@[\w.-]+\w", guide)
    assert len(phones) >= 8 and len(emails) >= 8
    for value in [*phones, *emails, "101", "999"]:
        assert normalise(value) in contacts, value


def test_services_from_the_guide_keep_their_hours_and_ages(pack: Pack) -> None:
    services = pack.services_by_id
    horizon_phone = next(c for c in services["horizon"].contacts if c.kind.value == "phone")
    assert horizon_phone.hours == "weekdays 8.30am-5pm"
    ages = services["positive-choices"].ages
    assert ages is not None and (ages.min, ages.max) == (5, 25)


def test_guidance_pages_are_in_the_guides_words(pack: Pack) -> None:
    guide = source(COVENTRY_GUIDE)
    ids = {page.id for page in pack.guidance}
    assert {
        "building-a-trusted-relationship",
        "starting-a-difficult-conversation",
        "sharing-information",
        "intelligence-sharing",
    } <= ids
    for page in pack.guidance:
        missing = missing_words(page.body, guide)
        if missing:
            # A repaired word (a broken link, a mangled character) must be explained.
            assert page.source_note and len(missing) <= 2, (page.id, missing)
            continue
        pieces = fragments(page.body, guide)
        assert pieces is not None, page.id
        short = [p for p in pieces if len(p.split()) < 3]
        assert len(short) <= max(2, len(pieces) // 5), (page.id, short)


def test_the_intelligence_source_is_kept_apart(pack: Pack) -> None:
    assert [rule.kind for rule in pack.rules] == ["intelligence_source_separate"]


@pytest.mark.parametrize("name", [COVENTRY_SIX, COVENTRY_EIGHT])
def test_the_toolkits_qualifiers_on_who_can_help_and_evidence(pack: Pack, name: str) -> None:
    """Each toolkit page prints "Who can help the Family Plan be Achieved? (Signposting,
    contribute to the Plan and TAF)" and "How can you Evidence the Outcome has been
    achieved? (Systems, methods)"."""
    assert "achieved signposting contribute to the plan and taf" in source(name)
    assert "achieved systems methods" in source(name)
    for group in pack.criteria_groups:
        assert group.who_can_help_note == "Signposting, contribute to the Plan and TAF"
        assert group.evidence_note == "Systems, methods"
