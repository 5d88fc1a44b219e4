"""A threshold assessment from start to level, through the pages, as alice would do it."""

from __future__ import annotations

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from righthelp.assessments.models import Assessment, IndicatorFinding, Status
from righthelp.chronology.models import ChronologyEntry, EntryKind
from righthelp.conftest import Cast


@pytest.fixture
def alice(client: Client, cast: Cast) -> Client:
    client.force_login(cast.alice)
    return client


def _start(client: Client, cast: Cast) -> Assessment:
    response = client.post(reverse("assessments:start", args=[cast.family.pk]))
    assessment = Assessment.objects.get(family=cast.family)
    assert response["Location"] == reverse(
        "assessments:task-list", args=[cast.family.pk, assessment.pk]
    )
    return assessment


def _tick(
    client: Client, cast: Cast, assessment: Assessment, number: int, ticks: dict[str, list[str]]
) -> object:
    assessment.refresh_from_db()
    data: dict[str, object] = {"version": assessment.version, "indicators": list(ticks)}
    for indicator, people in ticks.items():
        data[f"people-{indicator}"] = people
    return client.post(
        reverse("assessments:outcome", args=[cast.family.pk, assessment.pk, number]), data
    )


def test_a_school_attendance_worry_is_getting_advice(alice: Client, cast: Cast) -> None:
    assessment = _start(alice, cast)
    page = alice.get(reverse("assessments:outcome", args=[cast.family.pk, assessment.pk, 1]))
    html = page.content.decode()
    assert "Getting a good education" in html
    assert "Emerging attendance concerns, attendance has dropped below 95%." in html
    assert "Who does this apply to?" in html

    response = _tick(alice, cast, assessment, 1, {"edu-07": [str(cast.child.pk)]})
    assert response["Location"].endswith("/outcomes/2/")  # type: ignore[index]
    finding = IndicatorFinding.objects.get(assessment=assessment)
    assert (finding.indicator_id, finding.person_id, finding.level, finding.outcome_number) == (
        "edu-07",
        cast.child.pk,
        2,
        1,
    )

    alice.post(
        reverse("assessments:conversation", args=[cast.family.pk, assessment.pk]),
        {
            "version": Assessment.objects.get().version,
            "worried_about": "Tom's attendance",
            "child_wishes": "Tom says mornings are hard since the move.",
        },
    )
    check = alice.get(reverse("assessments:check", args=[cast.family.pk, assessment.pk]))
    html = check.content.decode()
    assert "2. Getting Advice" in html
    assert (
        "Advice, guidance and signposting. Consider completion of an Early Help Assessment." in html
    )
    assert "Emerging attendance concerns" in html and "For: Tom Ash" in html
    assert "Family Hubs" in html  # the support services the thresholds name for the level

    response = alice.post(
        reverse("assessments:check", args=[cast.family.pk, assessment.pk]),
        {"level": 2, "version": Assessment.objects.get().version},
    )
    assessment.refresh_from_db()
    assert (assessment.status, assessment.final_level, assessment.indicator_level) == (
        Status.COMPLETED,
        2,
        2,
    )
    assert ChronologyEntry.objects.filter(family=cast.family, kind=EntryKind.ASSESSMENT).exists()
    overview = alice.get(reverse("families:overview", args=[cast.family.pk])).content.decode()
    assert "2. Getting Advice" in overview


def test_an_indicator_ticked_for_nobody_is_sent_back_with_the_ticks_kept(
    alice: Client, cast: Cast
) -> None:
    assessment = _start(alice, cast)
    response = _tick(alice, cast, assessment, 1, {"edu-07": [], "edu-10": [str(cast.child.pk)]})
    html = response.content.decode()  # type: ignore[attr-defined]
    assert "Select who this applies to: Emerging attendance concerns" in html
    assert 'value="edu-07" checked' in html and 'value="edu-10" checked' in html
    assert not IndicatorFinding.objects.exists()


def test_a_different_level_needs_a_reason(alice: Client, cast: Cast) -> None:
    assessment = _start(alice, cast)
    _tick(alice, cast, assessment, 1, {"edu-07": [str(cast.child.pk)]})
    alice.post(
        reverse("assessments:conversation", args=[cast.family.pk, assessment.pk]),
        {"version": Assessment.objects.get().version, "child_wishes": "Tom's words"},
    )
    url = reverse("assessments:check", args=[cast.family.pk, assessment.pk])
    response = alice.post(url, {"level": 3, "version": Assessment.objects.get().version})
    assert "Give the reason for setting a different level" in response.content.decode()
    assert Assessment.objects.get().status == Status.DRAFT
    response = alice.post(
        url,
        {
            "level": 3,
            "override_reason": "Older sibling excluded last year; pattern repeating.",
            "version": Assessment.objects.get().version,
        },
    )
    assessment.refresh_from_db()
    assert (assessment.final_level, assessment.indicator_level) == (3, 2)
    assert assessment.override_reason.startswith("Older sibling")


def test_the_childs_voice_must_be_recorded(alice: Client, cast: Cast) -> None:
    assessment = _start(alice, cast)
    response = alice.post(
        reverse("assessments:check", args=[cast.family.pk, assessment.pk]),
        {"level": 1, "version": assessment.version},
    )
    html = unescape(response.content.decode())
    assert "Record the child's wishes and feelings" in html
    conversation = reverse("assessments:conversation", args=[cast.family.pk, assessment.pk])
    assert f'href="{conversation}#id_child_wishes"' in html


def test_getting_risk_support_waits_for_the_managers_sign_off(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    assessment = _start(client, cast)
    disclosure = "safe-41"
    _tick(client, cast, assessment, 6, {disclosure: [str(cast.child.pk)]})
    client.post(
        reverse("assessments:conversation", args=[cast.family.pk, assessment.pk]),
        {"version": Assessment.objects.get().version, "child_wishes": "Tom told his teacher."},
    )
    client.post(
        reverse("assessments:check", args=[cast.family.pk, assessment.pk]),
        {"level": 5, "version": Assessment.objects.get().version},
    )
    assessment.refresh_from_db()
    assert assessment.status == Status.AWAITING_SIGNOFF
    home = unescape(client.get(reverse("families:home")).content.decode())
    assert "5. Getting Risk Support, awaiting sign-off (0 days)" in home
    assert "Not assessed" not in home
    # Sign-off is the partnership's local practice, labelled wherever the wait is shown.
    for page in (
        reverse("assessments:view", args=[cast.family.pk, assessment.pk]),
        reverse("families:overview", args=[cast.family.pk]),
    ):
        shown = unescape(client.get(page).content.decode())
        assert "waiting for a manager's sign-off" in shown.lower()
        assert "Local practice, not from Thresholds for Intervention" in shown

    # Alice cannot sign off her own decision.
    assert (
        client.get(
            reverse("assessments:sign-off", args=[cast.family.pk, assessment.pk])
        ).status_code
        == 403
    )

    client.force_login(cast.bob)
    home = client.get(reverse("families:home")).content.decode()
    assert "Waiting for you" in home and "Ash household" in home
    url = reverse("assessments:sign-off", args=[cast.family.pk, assessment.pk])
    review = unescape(client.get(url).content.decode())
    assert "Local practice, not from Thresholds for Intervention" in review
    missing = client.post(url, {"decision": "return"})
    assert "Say why you are returning the assessment" in missing.content.decode()
    client.post(url, {"decision": "sign_off"})
    assessment.refresh_from_db()
    assert (assessment.status, assessment.signed_off_by) == (Status.COMPLETED, cast.bob)
    kinds = set(ChronologyEntry.objects.filter(family=cast.family).values_list("kind", flat=True))
    assert {EntryKind.SIGN_OFF, EntryKind.ASSESSMENT} <= kinds


def test_a_manager_returns_a_decision(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    assessment = _start(client, cast)
    _tick(client, cast, assessment, 6, {"safe-41": [str(cast.child.pk)]})
    client.post(
        reverse("assessments:conversation", args=[cast.family.pk, assessment.pk]),
        {"version": Assessment.objects.get().version, "child_wishes": "Tom told his teacher."},
    )
    client.post(
        reverse("assessments:check", args=[cast.family.pk, assessment.pk]),
        {"level": 5, "version": Assessment.objects.get().version},
    )
    client.force_login(cast.bob)
    client.post(
        reverse("assessments:sign-off", args=[cast.family.pk, assessment.pk]),
        {"decision": "return", "comment": "Talk to the school first."},
    )
    assessment.refresh_from_db()
    assert (assessment.status, assessment.returned_comment) == (
        Status.DRAFT,
        "Talk to the school first.",
    )
    client.force_login(cast.alice)
    tasks = client.get(reverse("assessments:task-list", args=[cast.family.pk, assessment.pk]))
    assert "Talk to the school first." in tasks.content.decode()


def test_two_people_saving_the_same_outcome(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    assessment = _start(client, cast)
    opened = assessment.version
    _tick(client, cast, assessment, 1, {"edu-07": [str(cast.child.pk)]})
    response = client.post(
        reverse("assessments:outcome", args=[cast.family.pk, assessment.pk, 1]),
        {"version": opened, "indicators": ["edu-10"], "people-edu-10": ["family"]},
    )
    html = response.content.decode()
    assert "Someone else saved this assessment" in html
    assert "Emerging attendance concerns" in html  # what is saved now
    assert 'value="edu-10" checked' in html  # what this person ticked, kept
    assert list(IndicatorFinding.objects.values_list("indicator_id", flat=True)) == ["edu-07"]


def test_the_check_page_labels_the_level_and_the_sign_off_as_the_products_and_partnerships(
    alice: Client, cast: Cast
) -> None:
    """The level is what the indicators point to (the product's reading); the sign-off is
    the partnership's local practice; and needs at Getting Help under two outcomes bring
    Getting More Help's own words, without changing the level."""
    assessment = _start(alice, cast)
    _tick(alice, cast, assessment, 1, {"edu-13": [str(cast.child.pk)]})
    _tick(alice, cast, assessment, 2, {"eyd-17": [str(cast.child.pk)]})
    html = unescape(
        alice.get(
            reverse("assessments:check", args=[cast.family.pk, assessment.pk])
        ).content.decode()
    )
    assert "The level shown is what the indicators point to" in html
    assert "Needs at Getting Help under 2 outcomes" in html
    assert "Thresholds for Intervention describes Getting More Help as:" in html
    assert "Children and families with multiple and complex, additional needs." in html
    assert "The level shown is not changed" in html
    assert "A decision at Getting Risk Support is final only when a manager has signed it off." in (
        html
    )
    assert "Local practice, not from Thresholds for Intervention" in html


def _submit_at_risk_support(client: Client, cast: Cast) -> Assessment:
    client.force_login(cast.alice)
    assessment = _start(client, cast)
    _tick(client, cast, assessment, 6, {"safe-41": [str(cast.child.pk)]})
    client.post(
        reverse("assessments:conversation", args=[cast.family.pk, assessment.pk]),
        {"version": Assessment.objects.get().version, "child_wishes": "Tom told his teacher."},
    )
    client.post(
        reverse("assessments:check", args=[cast.family.pk, assessment.pk]),
        {"level": 5, "version": Assessment.objects.get().version},
    )
    client.force_login(cast.bob)
    return Assessment.objects.get()


def test_the_managers_comment_is_saved_shown_and_in_the_chronology(
    client: Client, cast: Cast
) -> None:
    assessment = _submit_at_risk_support(client, cast)
    url = reverse("assessments:sign-off", args=[cast.family.pk, assessment.pk])
    client.post(url, {"decision": "sign_off", "comment": "Agreed: strategy meeting today."})
    assessment.refresh_from_db()
    assert assessment.signoff_comment == "Agreed: strategy meeting today."
    view = unescape(
        client.get(
            reverse("assessments:view", args=[cast.family.pk, assessment.pk])
        ).content.decode()
    )
    assert "Manager's comment" in view and "Agreed: strategy meeting today." in view
    sign_off = ChronologyEntry.objects.get(kind=EntryKind.SIGN_OFF)
    assert sign_off.recorded_by == cast.bob
    assert "Agreed: strategy meeting today." in sign_off.what_happened
    # The practitioner completed the assessment; the manager signed it off.
    completed = ChronologyEntry.objects.get(kind=EntryKind.ASSESSMENT)
    assert completed.recorded_by == cast.alice
    assert completed.what_happened.startswith("Threshold assessment completed by Alice Ash")


def test_a_manager_agrees_at_a_different_level_with_a_reason(client: Client, cast: Cast) -> None:
    assessment = _submit_at_risk_support(client, cast)
    url = reverse("assessments:sign-off", args=[cast.family.pk, assessment.pk])
    missing = unescape(client.post(url, {"decision": "different"}).content.decode())
    assert "Choose the level you agree" in missing
    assert "Give the reason for agreeing at a different level" in missing
    assessment.refresh_from_db()
    assert assessment.status == Status.AWAITING_SIGNOFF

    client.post(
        url, {"decision": "different", "level": "4", "comment": "Family engaging; no harm yet."}
    )
    assessment.refresh_from_db()
    assert (assessment.status, assessment.final_level, assessment.submitted_level) == (
        Status.COMPLETED,
        4,
        5,
    )
    view = unescape(
        client.get(
            reverse("assessments:view", args=[cast.family.pk, assessment.pk])
        ).content.decode()
    )
    assert "at level 4 (submitted at level 5)" in view
    assert "Manager's reason" in view and "Family engaging; no harm yet." in view
    assert "Set by the manager's judgement at sign-off. The indicators gave level 5." in view
    assert "Set by professional judgement" not in view  # the practitioner did not change it
    entry = ChronologyEntry.objects.get(kind=EntryKind.SIGN_OFF)
    assert "level 4, not level 5 as submitted. Reason: Family engaging; no harm yet." in (
        entry.what_happened
    )
