"""A family plan from an assessment to a criterion achieved and sustained, through the pages."""

from __future__ import annotations

import datetime as dt
from html import unescape
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast
from righthelp.core.criterion_status import CriterionStatus
from righthelp.core.packs.schema import ReferralRoute
from righthelp.plans.models import FamilyPlan, PlanCriterion
from righthelp.plans.services import plan_criterion_add, plan_criterion_move, plan_start
from righthelp.referrals.services import referral_send, referral_start
from righthelp.screening.models import SourceKnows
from righthelp.screening.services import intelligence_create, intelligence_source_record


@pytest.fixture
def alice(client: Client, cast: Cast) -> Client:
    client.force_login(cast.alice)
    return client


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def test_alice_builds_a_plan_and_an_outcome_is_achieved_then_sustained(
    alice: Client, cast: Cast
) -> None:
    family = cast.family.pk
    alice.post(reverse("plans:start", args=[family]))
    plan = FamilyPlan.objects.get(family=cast.family)

    page = alice.get(reverse("plans:criterion-new", args=[family, plan.pk])).content.decode()
    assert "6.2 Child going missing from home" in unescape(page)
    response = alice.post(
        reverse("plans:criterion-new", args=[family, plan.pk]),
        {"criterion": "6.2", "person": cast.child.pk},
    )
    criterion = PlanCriterion.objects.get(plan=plan)
    assert response["Location"] == reverse("plans:criterion", args=[family, plan.pk, criterion.pk])
    detail = unescape(alice.get(response["Location"]).content.decode())
    assert "Child no longer going missing AND child/ family has been supported" in detail
    assert "Return Home Interviews" in detail  # an intervention from the toolkit

    alice.post(
        reverse("plans:criterion", args=[family, plan.pk, criterion.pk]),
        {
            "form": "interventions",
            "interventions": ["return-home-interviews"],
            "version": criterion.version,
        },
    )
    assert list(criterion.interventions.values_list("intervention_id", flat=True)) == [
        "return-home-interviews"
    ]

    alice.post(
        reverse("plans:action-new", args=[family, plan.pk]),
        {
            "what": "Return home interview after each missing episode",
            "owner_kind": "service",
            "owner_service": "coventry/horizon",
            **_date("due_on", timezone.localdate() + dt.timedelta(days=14)),
            "criterion": criterion.pk,
        },
    )
    action = plan.actions.get()

    # Months ago: work started and, at a review, the outcome was achieved.
    months_ago = timezone.localdate() - dt.timedelta(days=200)
    criterion.refresh_from_db()
    plan_criterion_move(
        criterion=criterion,
        by=cast.alice,
        to=CriterionStatus.IN_PROGRESS,
        on=months_ago,
        expected_version=criterion.version,
    )
    criterion.refresh_from_db()
    plan_criterion_move(
        criterion=criterion,
        by=cast.alice,
        to=CriterionStatus.ACHIEVED,
        on=months_ago,
        expected_version=criterion.version,
    )

    # A jump is refused on the page, with the reason.
    criterion.refresh_from_db()
    evidence = alice.post(
        reverse("plans:criterion", args=[family, plan.pk, criterion.pk]),
        {
            "form": "evidence",
            "method": "missing-episodes-reduced",
            **_date("recorded_on", timezone.localdate()),
        },
    )
    assert evidence.status_code == 302
    assert criterion.evidence.get().method_id == "missing-episodes-reduced"

    response = alice.post(
        reverse("plans:review-new", args=[family, plan.pk]),
        {
            **_date("held_on", timezone.localdate()),
            "attendees": "Gwen, Tom, school, Horizon",
            "version": FamilyPlan.objects.get(pk=plan.pk).version,
            "parent_scaling": "7",
            "young_person_scaling": "6",
            "summary": "No missing episodes since March.",
            "internal_notes": "Concerned about an older friend of Tom's.",
            f"progress-{action.pk}": "done",
            f"progress-note-{action.pk}": "Interviews done",
            f"move-{criterion.pk}": "sustained",
        },
    )
    assert response.status_code == 302, unescape(response.content.decode())
    criterion.refresh_from_db()
    action.refresh_from_db()
    assert (criterion.status, criterion.sustained_on) == ("sustained", timezone.localdate())
    assert action.status == "done"

    overview = unescape(alice.get(reverse("plans:view", args=[family, plan.pk])).content.decode())
    assert "Sustained" in overview and "Missing episodes reduced" in overview
    assert "Scaling scores at each review" in overview
    # The review's notes for practitioners show where practitioners work, labelled...
    assert "Notes for practitioners only:</strong> Concerned about an older friend of Tom's." in (
        overview
    )
    # ...and never on the family's copy, which has no room for them.
    from righthelp.plans.documents import family_copy
    from righthelp.plans.selectors import plan_view

    copy = family_copy(plan_view(plan))
    assert copy.reviews and not any(hasattr(r, "internal_notes") for r in copy.reviews)


def test_sustained_too_soon_is_refused_at_the_review(alice: Client, cast: Cast) -> None:
    plan = plan_start(family=cast.family, by=cast.alice)
    criterion = plan_criterion_add(plan=plan, by=cast.alice, criterion_id="6.2", person=cast.child)
    for status in (CriterionStatus.IN_PROGRESS, CriterionStatus.ACHIEVED):
        criterion.refresh_from_db()
        plan_criterion_move(
            criterion=criterion,
            by=cast.alice,
            to=status,
            on=timezone.localdate() - dt.timedelta(days=30),
            expected_version=criterion.version,
        )
    response = alice.post(
        reverse("plans:review-new", args=[cast.family.pk, plan.pk]),
        {
            **_date("held_on", timezone.localdate()),
            "attendees": "Gwen",
            "version": FamilyPlan.objects.get(pk=plan.pk).version,
            f"move-{criterion.pk}": "sustained",
        },
    )
    html = unescape(response.content.decode())
    assert "It can count as sustained at a review from" in html
    assert "Gwen</textarea>" in html  # what was typed is kept


def test_the_family_copy_leaves_out_notes_prevent_and_intelligence(
    alice: Client, cast: Cast
) -> None:
    submission = intelligence_create(
        family=cast.family, by=cast.alice, texts={"what_happened": "A grey car collects Tom"}
    )
    intelligence_source_record(
        submission=submission,
        by=cast.alice,
        expected_version=0,
        who="SOURCE-NAME Mrs Neighbour",
        how="Phoned the school",
        knows_shared=SourceKnows.NO,
    )
    plan = plan_start(family=cast.family, by=cast.alice)
    plan_criterion_add(plan=plan, by=cast.alice, criterion_id="6.6", person=cast.child)
    FamilyPlan.objects.filter(pk=plan.pk).update(internal_notes="SECRET-NOTE older friend")
    prevent = referral_start(
        family=cast.family,
        by=cast.alice,
        route=ReferralRoute.PREVENT,
        what_is_needed="Concern about radicalisation",
    )
    referral_send(referral=prevent, by=cast.alice)
    early = referral_start(
        family=cast.family,
        by=cast.alice,
        route=ReferralRoute.EARLY_HELP,
        what_is_needed="Family support",
    )
    referral_send(referral=early, by=cast.alice)

    full = alice.get(reverse("plans:pdf", args=[cast.family.pk, plan.pk]))
    assert full["Content-Type"] == "application/pdf"
    full_text = text_of(full.content)
    assert (
        "SECRET-NOTE" in full_text and "Prevent" in full_text and "NOT FOR DISCLOSURE" in full_text
    )

    copy = alice.get(reverse("plans:family-pdf", args=[cast.family.pk, plan.pk]))
    copy_text = text_of(copy.content)
    assert "Our family plan" in copy_text and "Early help" in copy_text
    assert "SECRET-NOTE" not in copy_text
    assert "SOURCE-NAME" not in copy_text and "SOURCE-NAME" not in full_text
    assert "grey car" not in copy_text
    assert "Prevent" not in copy_text
    assert "Concern about radicalisation" not in copy_text
    exports = AuditEvent.objects.filter(action=Action.EXPORTED, record_type="family_plan")
    assert [e.detail["copy"] for e in exports.order_by("id")] == ["practitioners", "family"]


def test_a_review_held_when_due_is_no_longer_overdue(cast: Cast) -> None:
    from righthelp.plans.services import review_record

    today = timezone.localdate()
    plan = plan_start(family=cast.family, by=cast.alice)
    review_record(
        plan=plan,
        by=cast.alice,
        held_on=today - dt.timedelta(days=30),
        attendees="Gwen",
        next_review_on=today - dt.timedelta(days=2),
    )
    plan.refresh_from_db()
    assert plan.next_review_on == today - dt.timedelta(days=2)  # overdue
    # Held today without agreeing a next date: the due review happened.
    review_record(plan=plan, by=cast.alice, held_on=today, attendees="Gwen")
    plan.refresh_from_db()
    assert plan.next_review_on is None

    # A review held before an agreed date leaves that date standing.
    review_record(
        plan=plan,
        by=cast.alice,
        held_on=today,
        attendees="Gwen",
        next_review_on=today + dt.timedelta(days=40),
    )
    review_record(plan=plan, by=cast.alice, held_on=today, attendees="Gwen, school")
    plan.refresh_from_db()
    assert plan.next_review_on == today + dt.timedelta(days=40)


def test_an_actions_owner_reveals_only_its_own_detail(alice: Client, cast: Cast) -> None:
    plan = plan_start(family=cast.family, by=cast.alice)
    html = unescape(
        alice.get(reverse("plans:action-new", args=[cast.family.pk, plan.pk])).content.decode()
    )
    for kind, revealed in (
        ("service", 'id="id_owner_service"'),
        ("agency", 'id="id_owner_agency"'),
        ("person", 'id="id_owner_name"'),
    ):
        radio = html.split(f'name="owner_kind" type="radio" value="{kind}"')[1].split(">")[0]
        controls = radio.split('data-aria-controls="')[1].split('"')[0]
        reveal = html.split(f'id="{controls}"')[1].split('class="govuk-radios__item"')[0]
        assert revealed in reveal and "govuk-radios__conditional--hidden" in html
    # The services: sorted by name, in groups by first letter.
    select = html.split('id="id_owner_service"')[1].split("</select>")[0]
    labels = [part.split('"')[0] for part in select.split('<optgroup label="')[1:]]
    assert labels and labels == sorted(labels, key=lambda x: (not x.isalpha(), x))
