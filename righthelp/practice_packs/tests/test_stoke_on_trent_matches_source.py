"""The Stoke-on-Trent pack says what the Thresholds for Intervention document says."""

from __future__ import annotations

import re

import pytest

from righthelp.core.packs.loader import load_pack
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.registry import SHIPPED_PACKS_DIR
from righthelp.core.packs.schema import ConsentRequirement, ConsentRoute
from righthelp.practice_packs.tests.source_text import (
    STOKE,
    STOKE_LEVEL_HEADINGS,
    fragments,
    missing_words,
    normalise,
    raw,
    source,
    stoke_outcome_sections,
)

NATIONAL_OUTCOMES = {
    1: "getting a good education",
    2: "good early years development",
    3: "improved physical and mental health",
    4: "promoting recovery and reducing harm from substance use",
    5: "improved family relationships",
    6: "children are safe from abuse and exploitation",
    7: "crime prevention and tackling crime",
    8: "safe from domestic abuse",
    9: "secure housing",
    10: "financial stability",
}

# Printed in the tables but not indicators: prompts, and the note under the first table.
NOT_INDICATORS = (
    "what are we worried about?",
    "what needs to happen?",
    "please note, this is an illustrative rather than a comprehensive list of indicators.",
)


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(SHIPPED_PACKS_DIR / "stoke-on-trent")


def test_the_five_levels_of_the_i_thrive_spectrum(pack: Pack) -> None:
    assert [(level.number, level.name) for level in pack.levels] == [
        (1, "Thriving"),
        (2, "Getting Advice"),
        (3, "Getting Help"),
        (4, "Getting More Help"),
        (5, "Getting Risk Support"),
    ]


def test_each_level_action_is_the_one_the_outcome_tables_print(pack: Pack) -> None:
    for level in pack.levels:
        assert normalise(level.action) in source(STOKE), level.name
    assert pack.level(5).action == (
        "Request for service to Children's Social Care. "
        "Request support from additional specialist risk support services."
    )


def test_level_texts_come_from_the_spectrum_of_need(pack: Pack) -> None:
    for level in pack.levels:
        for field in ("summary", "description"):
            pieces = fragments(getattr(level, field), source(STOKE))
            assert pieces is not None, f"level {level.number} {field}"
            if len(pieces) > 1:
                assert level.source_note, f"level {level.number} {field} was repaired: say how"


def test_getting_risk_support_names_the_front_door_and_prevent(pack: Pack) -> None:
    description = pack.level(5).description
    assert "Integrated Front Door" in description
    assert "prevent referrals should not be disclosed" in description
    names = [service.name for service in pack.level(5).support_services]
    assert {"Prevent", "Channel", "CAMHS"} <= set(names)


def test_the_ten_national_outcomes_in_national_order(pack: Pack) -> None:
    assert {o.number: o.title.lower() for o in pack.outcomes} == NATIONAL_OUTCOMES
    assert [o.number for o in pack.outcomes] == list(range(1, 11))


@pytest.mark.parametrize("number", range(1, 11))
def test_each_indicator_is_worded_as_in_its_outcome_section(pack: Pack, number: int) -> None:
    outcome = next(o for o in pack.outcomes if o.number == number)
    section = normalise(stoke_outcome_sections()[number])
    for indicator in outcome.indicators:
        pieces = fragments(indicator.text, section)
        assert pieces is not None, f"{indicator.id} is not in outcome {number}: {indicator.text}"
        if len(pieces) > 1:
            assert indicator.source_note, (
                f"{indicator.id} joins {pieces}: a repaired indicator needs a source_note"
            )


def _residue(section_raw: str, texts: list[str]) -> str:
    """What is left of a section once the given texts and the table furniture are removed."""
    lines = [
        line
        for line in section_raw.splitlines()
        if line.strip().lower() not in STOKE_LEVEL_HEADINGS
        and not re.fullmatch(r"\s*(\d+|Δ)?\s*", line)
    ]
    remaining = normalise("\n".join(lines))
    section = remaining
    pieces: list[str] = []
    for text in texts:
        pieces.extend(fragments(text, section) or [])
    for piece in sorted(set(pieces), key=len, reverse=True):
        remaining = remaining.replace(piece, " | ")
    return " ".join(part for part in remaining.split() if part != "|")


@pytest.mark.parametrize("number", range(1, 11))
def test_together_the_indicators_cover_their_section(pack: Pack, number: int) -> None:
    outcome = next(o for o in pack.outcomes if o.number == number)
    texts = [indicator.text for indicator in outcome.indicators]
    texts += [level.action for level in pack.levels]
    texts += list(NOT_INDICATORS)
    assert _residue(stoke_outcome_sections()[number], texts) == ""


def test_indicator_levels_are_the_blocks_they_are_printed_in(pack: Pack) -> None:
    """Spot checks of indicators whose level the flattened layout made hard to read."""
    by_text = {i.indicator.text: i.level for i in pack.indicators_by_id.values()}
    assert by_text["No concerns raised by teaching staff."] == 1
    assert by_text["Poor punctuality, frequent absence from school, attendance below 90%."] == 3
    assert (
        by_text[
            "Child is missing from education and the family are not currently engaged "
            "with any services."
        ]
        == 5
    )
    assert by_text["Frozen watchfulness."] == 5
    assert by_text["Escalating missing episodes."] == 4
    assert by_text["Housing causing family stress."] == 3
    assert by_text["Extreme debts/poverty impacting ability to meet family's basic needs."] == 5


def test_every_level_has_indicators_in_every_outcome(pack: Pack) -> None:
    for outcome in pack.outcomes:
        assert {i.level for i in outcome.indicators} == {1, 2, 3, 4, 5}, outcome.title


def test_indicator_levels_never_go_backwards_in_source_order(pack: Pack) -> None:
    for outcome in pack.outcomes:
        levels = [indicator.level for indicator in outcome.indicators]
        assert levels == sorted(levels), outcome.title


def test_the_inconsistent_level_five_block_is_recorded(pack: Pack) -> None:
    outcome = next(o for o in pack.outcomes if o.number == 6)
    assert outcome.source_note and "level 3" in outcome.source_note.lower()


def test_the_consent_rules_for_a_social_care_referral(pack: Pack) -> None:
    rule = next(r for r in pack.rules if r.kind == "referral_consent")
    routes = {route.value: reqs for route, reqs in rule.routes.items()}
    assert set(routes) == {"consent_given", "consent_not_sought", "consent_refused"}
    assert [r.value for r in routes["consent_not_sought"].before_sending] == [
        "reason_not_sought",
        "manager_approval",
    ]
    refused = routes["consent_refused"]
    assert {r.value for r in refused.before_sending} == {
        "reason_for_proceeding",
        "approval",
        "consultation_outcome",
        "social_care_told_consent_withheld",
    }
    assert [r.value for r in refused.after_sending] == ["parent_told_after_referral"]
    assert normalise(rule.source) in source(STOKE) or fragments(rule.source, source(STOKE))


def test_after_a_refusal_any_of_three_may_approve_unless_it_would_cause_undue_delay(
    pack: Pack,
) -> None:
    """The source's sentence, and each part of the refused route that encodes it."""
    sentence = (
        "Where the parent is consulted and refuses to give permission for the referral, "
        "further advice and approval must be sought from a manager or the Designated Senior "
        "Person or Named Professional, unless to do so would cause undue delay. The outcome "
        "of the consultation and any further advice should be fully recorded."
    )
    assert normalise(sentence) in source(STOKE)
    rule = next(r for r in pack.rules if r.kind == "referral_consent")
    assert normalise(sentence) in normalise(rule.source)
    refused = rule.routes[ConsentRoute.REFUSED]
    # "a manager or the Designated Senior Person or Named Professional"
    assert [a.value for a in refused.approvers] == [
        "manager",
        "designated_senior_person",
        "named_professional",
    ]
    # "unless to do so would cause undue delay"
    assert refused.undue_delay is not None
    assert {r.value for r in refused.undue_delay.waives} == {"approval", "consultation_outcome"}
    assert [r.value for r in refused.undue_delay.before_sending] == ["undue_delay_reason"]
    assert "approver_told_afterwards" in {r.value for r in refused.undue_delay.after_sending}
    # "The outcome of the consultation and any further advice should be fully recorded."
    assert ConsentRequirement.CONSULTATION_OUTCOME in refused.before_sending
    assert ConsentRequirement.CONSULTATION_OUTCOME in refused.undue_delay.after_sending
    # Telling the approver afterwards is the partnership's reading, and says so.
    assert rule.source_note and "partnership's reading" in normalise(rule.source_note)


def test_where_consent_was_not_sought_their_manager_approves(pack: Pack) -> None:
    sentence = (
        "A decision by any professional not to seek parental permission before making a "
        "referral to Children's Social Care Services must be approved by their manager"
    )
    assert normalise(sentence) in source(STOKE)
    rule = next(r for r in pack.rules if r.kind == "referral_consent")
    not_sought = rule.routes[ConsentRoute.NOT_SOUGHT]
    assert ConsentRequirement.MANAGER_APPROVAL in not_sought.before_sending
    assert not not_sought.approvers and not_sought.undue_delay is None


def test_prevent_referrals_are_not_disclosed(pack: Pack) -> None:
    rule = next(r for r in pack.rules if r.kind == "non_disclosure")
    assert [route.value for route in rule.applies_to] == ["prevent"]


def test_contacts_the_document_gives_are_in_the_directory(pack: Pack) -> None:
    values = {contact.value for service in pack.services for contact in service.contacts}
    for number in ("01782 235100", "01782 234234", "0800 0328 728", "0808 178 3374", "999", "101"):
        assert any(number in value for value in values), number
    for url in re.findall(r"https?://\S+", raw(STOKE)):
        if "gov.uk/government" in url or "stoke.gov.uk/info" in url:
            continue  # the Working Together link is guidance; Prevent's URL is repaired
        assert any(url.rstrip("/") in value for value in values), url


def test_guidance_pages_are_in_the_documents_words(pack: Pack) -> None:
    for page in pack.guidance:
        missing = missing_words(page.body, source(STOKE))
        if missing:
            # A repaired word (a broken link, a mangled character) must be explained.
            assert page.source_note and len(missing) <= 2, (page.id, missing)
            continue
        pieces = fragments(page.body, source(STOKE))
        assert pieces is not None, page.id
        short = [p for p in pieces if len(p.split()) < 3]
        assert len(short) <= max(2, len(pieces) // 10), (page.id, short)
        assert page.topics, page.id


def test_our_vision_and_principles_with_the_families_principles(pack: Pack) -> None:
    page = pack.guidance_by_id["our-vision-and-principles"]
    assert page.title == "Our Vision and Principles"
    assert not missing_words(page.body, source(STOKE))
    assert "F.A.M.I.L.I.E.S." in page.body
    principles = [
        "Focused on Strengths",
        "Adaptability and Flexibility",
        "Mutual Trust and Relationships",
        "Inclusive and Accessible Support",
        "Long-term Stability and Consistency",
        "Involvement in decision making",
        "Empowerment and Collaboration",
        "Support for Whole Family Well-being",
    ]
    assert normalise(" ".join(principles)) in source(STOKE)  # one flattened line there
    for principle in principles:
        assert f"- {principle}\n" in page.body
    assert "".join(p[0] for p in principles) == "FAMILIES"


def test_the_i_thrive_framing_of_the_five_categories(pack: Pack) -> None:
    page = pack.guidance_by_id["spectrum-of-need"]
    assert "underpinned by the **i-THRIVE Framework.**" in page.body
    assert not missing_words(page.body, source(STOKE))
    for level in pack.levels:
        assert f"{level.name}: {level.summary.split()[0]}" in page.body


def test_the_register_your_early_help_row(pack: Pack) -> None:
    service = pack.services_by_id["register-your-early-help"]
    assert service.name == "Register your Early Help"
    assert "register your early help" in source(STOKE)
    assert service.contacts == ()  # the link's target is not in the source
    assert service.source_note and "Professionals" in service.source_note


def test_the_escalation_link_says_it_opens_the_partnerships_website(pack: Pack) -> None:
    rule = next(r for r in pack.rules if r.kind == "escalation_policy")
    assert rule.policy_url == "https://safeguardingchildren.stoke.gov.uk/"
    assert rule.policy_link_text and "website" in rule.policy_link_text
    assert "Resources" in rule.policy_link_text


def test_the_illustrative_list_note_is_the_packs_and_printed_once(pack: Pack) -> None:
    note = "Please note, this is an illustrative rather than a comprehensive list of indicators."
    assert pack.indicators_note == note
    assert raw(STOKE).count("illustrative rather than a comprehensive") == 1
    assert all(outcome.note is None for outcome in pack.outcomes)
    page = pack.guidance_by_id["supporting-families-outcome-framework"]
    assert page.source_note and "prints it once" in page.source_note


def test_the_professional_judgement_line_is_the_documents(pack: Pack) -> None:
    assert pack.professional_judgement
    assert normalise(pack.professional_judgement) in source(STOKE)


def test_getting_risk_support_gives_the_documents_emergency_words(pack: Pack) -> None:
    emergency = pack.level(5).emergency or ""
    assert "call the police on **999** or **101**" in emergency
    assert "call our Emergency Duty Team on 01782 234234" in emergency
    for paragraph in emergency.split("\n\n"):
        assert normalise(paragraph) in source(STOKE)
    assert all(level.emergency is None for level in pack.levels[:4])
