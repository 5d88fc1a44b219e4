"""The safety plan a low-risk screening calls for: one page, saved as a draft as you go,
then saved as the plan; a stale edit never overwrites someone else's."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from righthelp.audit.models import Action, AuditEvent
from righthelp.chronology.models import ChronologyEntry, EntryKind
from righthelp.conftest import Cast
from righthelp.screening.models import PlanStatus, SafetyPlan, Screening
from righthelp.screening.services import safety_plan_save
from righthelp.screening.tests.helpers import make_screening
from righthelp.versioned import StaleEdit


@pytest.fixture
def alice(client: Client, cast: Cast) -> Client:
    client.force_login(cast.alice)
    return client


@pytest.fixture
def low(cast: Cast) -> Screening:
    return make_screening(cast.family, cast.alice, cast.child, score=7, counts=(3, 1, 0))


def _url(cast: Cast, screening: Screening) -> str:
    return reverse("screening:safety-plan", args=[cast.family.pk, screening.pk])


def _html(response: Any) -> str:
    return unescape(response.content.decode())


PLAN = {
    "section-risk-factors": "Spends evenings at the park with older boys; youth worker to meet.",
    "safe_adult": "His aunt, Lisa, who he visits on Sundays.",
    "section-awareness-raising": "Six sessions on healthy relationships and online safety.",
    "section-education-training-employment": "",
    "section-family-support": "Mum to join the Family Hub parenting group.",
    "section-other-concerns": "",
}


def test_the_page_follows_the_guide(alice: Client, cast: Cast, low: Screening) -> None:
    html = _html(alice.get(_url(cast, low)))
    assert "A single agency safety plan should be developed" in html  # introduction
    assert "Practitioners should consider a safety plan which includes:" in html
    for title in (
        "Specific risk factors",
        "Awareness raising",
        "Education, training and employment",
        "Family support and other networks",
        "Other concerns",
    ):
        assert title in html
    assert "Specific risk factors identified and how these will be mitigated against" in html
    assert "Safe adult the young person can talk to" in html
    assert (
        html.index("Specific risk factors")
        < html.index("Safe adult")
        < html.index("Awareness raising")
    )
    assert "Remember to log your decision making on your own agency system." in html  # closing
    assert "Save as a draft" in html and "Not started" in html


def test_a_draft_then_the_plan(alice: Client, cast: Cast, low: Screening) -> None:
    draft = alice.post(_url(cast, low), {**PLAN, "version": "0", "save_draft": "1"})
    assert draft["Location"] == _url(cast, low)
    plan = SafetyPlan.objects.get()
    assert (plan.status, plan.version) == (PlanStatus.DRAFT, 1)
    assert plan.sections["risk-factors"].startswith("Spends evenings")
    assert plan.safe_adult == "His aunt, Lisa, who he visits on Sundays."
    assert not ChronologyEntry.objects.filter(kind=EntryKind.SAFETY_PLAN).exists()
    page = _html(alice.get(_url(cast, low)))
    assert "Draft saved." in page and "Spends evenings at the park" in page

    saved = alice.post(_url(cast, low), {**PLAN, "version": "1"})
    assert saved["Location"] == reverse("screening:view", args=[cast.family.pk, low.pk])
    plan.refresh_from_db()
    assert (plan.status, plan.version) == (PlanStatus.COMPLETE, 2)
    assert plan.completed_at is not None
    entry = ChronologyEntry.objects.get(kind=EntryKind.SAFETY_PLAN)
    assert entry.person == cast.child
    assert entry.what_happened.startswith("Safety plan saved after the exploitation screening")

    result = _html(alice.get(saved["Location"]))
    assert "Safety plan saved." in result
    assert "His aunt, Lisa, who he visits on Sundays." in result
    assert "Six sessions on healthy relationships" in result
    assert "Change the safety plan" in result

    again = _html(alice.get(_url(cast, low)))
    assert "Save as a draft" not in again and "Save changes" in again
    alice.post(_url(cast, low), {**PLAN, "section-other-concerns": "Sleeps badly.", "version": "2"})
    assert ChronologyEntry.objects.filter(kind=EntryKind.SAFETY_PLAN).count() == 2
    assert ChronologyEntry.objects.filter(what_happened__startswith="Safety plan updated").exists()
    assert SafetyPlan.objects.get().status == PlanStatus.COMPLETE
    actions = list(
        AuditEvent.objects.filter(record_type="safety_plan")
        .exclude(action=Action.VIEWED)
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [Action.CREATED, Action.CHANGED, Action.CHANGED]


def test_an_empty_plan_is_not_saved_as_the_plan(alice: Client, cast: Cast, low: Screening) -> None:
    empty = {key: "" for key in PLAN}
    response = alice.post(_url(cast, low), {**empty, "version": "0"})
    html = _html(response)
    assert "Write at least one part of the safety plan before you save it" in html
    assert 'href="#id_section-risk-factors"' in html
    assert not SafetyPlan.objects.exists()
    # An empty draft is fine: a draft is where you start.
    alice.post(_url(cast, low), {**empty, "version": "0", "save_draft": "1"})
    assert SafetyPlan.objects.get().status == PlanStatus.DRAFT


def test_someone_saved_since_you_opened_the_page(alice: Client, cast: Cast, low: Screening) -> None:
    alice.post(_url(cast, low), {**PLAN, "version": "0", "save_draft": "1"})
    # Bob saves while alice still has version 1 open.
    safety_plan_save(
        screening=low,
        by=cast.bob,
        expected_version=1,
        sections={"risk-factors": "Bob's words on the risks."},
        safe_adult="His grandfather.",
        complete=False,
    )
    mine = {**PLAN, "section-risk-factors": "Alice's newer words.", "version": "1"}
    response = alice.post(_url(cast, low), mine)
    html = _html(response)
    assert response.status_code == 200
    assert "Someone else saved this after you opened the page." in html
    assert "Bob's words on the risks." in html and "His grandfather." in html  # theirs
    assert "Alice's newer words." in html  # yours, kept in the box
    assert 'name="version" value="2"' in html  # saving again replaces theirs knowingly
    plan = SafetyPlan.objects.get()
    assert plan.sections["risk-factors"] == "Bob's words on the risks."

    alice.post(_url(cast, low), {**mine, "version": "2"})
    plan.refresh_from_db()
    assert plan.sections["risk-factors"] == "Alice's newer words."


def test_two_people_starting_the_same_plan(cast: Cast, low: Screening) -> None:
    safety_plan_save(
        screening=low, by=cast.alice, expected_version=0, sections={}, safe_adult="", complete=False
    )
    with pytest.raises(StaleEdit) as stale:
        safety_plan_save(
            screening=low,
            by=cast.bob,
            expected_version=0,
            sections={"risk-factors": "x"},
            safe_adult="",
            complete=True,
        )
    assert stale.value.current == SafetyPlan.objects.get()


def test_a_screening_that_calls_for_no_plan_has_none(alice: Client, cast: Cast) -> None:
    high = make_screening(cast.family, cast.alice, cast.child, score=1, counts=(4, 4, 2))
    response = alice.get(_url(cast, high))
    assert response["Location"] == reverse("screening:view", args=[cast.family.pk, high.pk])
    alice.post(_url(cast, high), {**PLAN, "version": "0"})
    assert not SafetyPlan.objects.exists()


def test_unknown_sections_are_not_kept(cast: Cast, low: Screening) -> None:
    plan = safety_plan_save(
        screening=low,
        by=cast.alice,
        expected_version=0,
        sections={"risk-factors": " words ", "invented": "nope"},
        safe_adult="",
        complete=True,
    )
    assert plan.sections["risk-factors"] == "words"
    assert "invented" not in plan.sections


def test_tom_gets_his_own_copy_of_the_plan_without_the_practitioners_record(
    alice: Client, cast: Cast, low: Screening
) -> None:
    import io

    from pypdf import PdfReader

    document = reverse("screening:safety-plan-document", args=[cast.family.pk, low.pk])
    assert alice.get(document).status_code == 404  # nothing saved yet
    alice.post(_url(cast, low), {**PLAN, "version": "0", "save_draft": "1"})
    assert alice.get(document).status_code == 404  # a draft is not the plan
    alice.post(_url(cast, low), {**PLAN, "version": "1"})

    response = alice.get(document)
    assert response.status_code == 200
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split()
    )
    assert "My safety plan" in text and "Tom Ash" in text
    assert "A safe adult I can talk to: His aunt, Lisa" in text
    assert "Six sessions on healthy relationships" in text
    for practitioners_only in ("score", "band", "Decision", "risk indicators"):
        assert practitioners_only.lower() not in text.lower(), practitioners_only
    exported = AuditEvent.objects.get(record_type="safety_plan", action=Action.EXPORTED)
    assert exported.actor == cast.alice and exported.family_id == cast.family.pk


def test_a_draft_saves_in_the_background_until_the_plan_is_saved(
    alice: Client, cast: Cast, low: Screening
) -> None:
    background = {"X-Autosave": "1"}
    first = alice.post(_url(cast, low), {**PLAN, "version": "0"}, headers=background)
    assert first.status_code == 200 and first.json()["version"] == 1
    plan = SafetyPlan.objects.get()
    assert plan.status == PlanStatus.DRAFT and plan.safe_adult.startswith("His aunt")
    assert not ChronologyEntry.objects.filter(kind=EntryKind.SAFETY_PLAN).exists()

    alice.post(_url(cast, low), {**PLAN, "version": "1"})  # the button: saved as the plan
    refused = alice.post(_url(cast, low), {**PLAN, "version": "2"}, headers=background)
    assert refused.status_code == 409
    assert ChronologyEntry.objects.filter(kind=EntryKind.SAFETY_PLAN).count() == 1
