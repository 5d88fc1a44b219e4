"""Who may see a family: alice works with it, bob manages her team, charlie should have no
access, dana and erin do not work with families at all. Every family URL is tried."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from righthelp.assessments.services import assessment_start
from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast
from righthelp.families.access import families_visible_to, may_see_family
from righthelp.families.models import EmergencyAccess
from righthelp.families.services import emergency_access_grant
from righthelp.subject_access.models import Requester
from righthelp.subject_access.services import subject_access_request_record

# Routes a stranger to the family is meant to reach: the recorded emergency access itself.
OPEN_TO_STRANGERS = {"families:emergency-access"}
# The API answers tokens, not sessions; its own sweep is in righthelp/api/tests.
NOT_PAGES = {"api"}


def _family_patterns() -> dict[str, URLPattern]:
    """Every named route whose address holds a family id, by its namespaced name."""
    found: dict[str, URLPattern] = {}

    def walk(patterns: Any, namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace not in NOT_PAGES:
                    walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and "family_id" in pattern.pattern.converters:
                found[f"{namespace}:{pattern.name}"] = pattern

    walk(get_resolver().url_patterns)
    return {name: p for name, p in found.items() if name not in OPEN_TO_STRANGERS}


FAMILY_PATTERNS = _family_patterns()
FAMILY_ROUTES = sorted(FAMILY_PATTERNS)


@pytest.fixture
def records(cast: Cast) -> dict[str, Any]:
    """One record of every kind a family page can address, for the ids in its URL."""
    from righthelp.core.exploitation_bands import SeenCounts
    from righthelp.core.packs.schema import ReferralRoute
    from righthelp.disagreements.services import disagreement_raise
    from righthelp.partnerships.models import Agency
    from righthelp.plans.services import plan_action_add, plan_criterion_add, plan_start
    from righthelp.referrals.services import referral_start
    from righthelp.screening.services import intelligence_create, screening_record

    assessment = assessment_start(family=cast.family, by=cast.alice)
    plan = plan_start(family=cast.family, by=cast.alice)
    criterion = plan_criterion_add(plan=plan, by=cast.alice, criterion_id="6.2", person=cast.child)
    action = plan_action_add(
        plan=plan,
        by=cast.alice,
        what="Return home interview",
        due_on=timezone.localdate(),
        owner_name="Alice",
    )
    referral = referral_start(
        family=cast.family, by=cast.alice, route=ReferralRoute.EARLY_HELP, what_is_needed="Support"
    )
    agencies = [
        Agency.objects.get(name="Children's Services"),
        Agency.objects.create(partnership=cast.family.partnership, name="Police"),
    ]
    disagreement = disagreement_raise(
        family=cast.family,
        by=cast.alice,
        about="Threshold",
        raised_on=timezone.localdate(),
        agencies=agencies,
    )
    screening = screening_record(
        family=cast.family,
        by=cast.alice,
        person=cast.child,
        screened_on=timezone.localdate(),
        score=7,
        counts=SeenCounts(3, 1, 0),
        decision="Safety plan with the school",
    )
    submission = intelligence_create(
        family=cast.family, by=cast.alice, texts={"what_happened": "A car outside the school"}
    )
    return {
        "family_id": cast.family.pk,
        "screening_id": screening.pk,
        "submission_id": submission.pk,
        "person_id": cast.child.pk,
        "assessment_id": assessment.pk,
        "number": 1,
        "plan_id": plan.pk,
        "criterion_id": criterion.pk,
        "action_id": action.pk,
        "referral_id": referral.pk,
        "disagreement_id": disagreement.pk,
        "receipt_id": 1,  # the family is checked before the front door request is looked up
        "request_id": subject_access_request_record(
            family=cast.family,
            by=cast.alice,
            person=cast.child,
            received_on=timezone.localdate(),
            requester=Requester.PARENT,
        ).pk,
    }


def _url(name: str, records: dict[str, Any]) -> str:
    converters = FAMILY_PATTERNS[name].pattern.converters
    missing = set(converters) - set(records)
    assert not missing, f"the sweep needs a record for {missing} to try {name}"
    return reverse(name, kwargs={key: records[key] for key in converters})


def test_the_sweep_covers_the_family_pages() -> None:
    assert len(FAMILY_ROUTES) >= 15
    assert "families:overview" in FAMILY_ROUTES
    assert "assessments:check" in FAMILY_ROUTES
    assert "chronology:list" in FAMILY_ROUTES


@pytest.mark.parametrize("name", FAMILY_ROUTES)
def test_charlie_is_refused_every_family_page_and_it_is_recorded(
    client: Client, cast: Cast, records: dict[str, Any], name: str
) -> None:
    url = _url(name, records)
    client.force_login(cast.charlie)
    before = AuditEvent.objects.filter(actor=cast.charlie, action=Action.REFUSED).count()
    get, post = client.get(url), client.post(url, {"version": "1"})
    assert get.status_code in (403, 405), (url, get.status_code)
    assert post.status_code == 403, (url, post.status_code)
    refused = AuditEvent.objects.filter(
        actor=cast.charlie, action=Action.REFUSED, family_id=cast.family.pk
    )
    assert refused.count() > before
    # Whole words only: a random CSRF token may hold the letters "Tom".
    refused_page = post.content.decode()
    assert not re.search(r"\b(Ash|Tom)\b", refused_page)


@pytest.mark.parametrize("name", FAMILY_ROUTES)
def test_an_anonymous_visitor_is_sent_to_sign_in(
    client: Client, records: dict[str, Any], name: str
) -> None:
    url = _url(name, records)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("who", ["dana", "erin"])
def test_analysts_and_administrators_do_not_see_families(
    client: Client, cast: Cast, who: str
) -> None:
    client.force_login(getattr(cast, who))
    assert client.get(reverse("families:overview", args=[cast.family.pk])).status_code == 403


def test_alice_and_her_manager_see_the_family(client: Client, cast: Cast) -> None:
    for user in (cast.alice, cast.bob):
        assert may_see_family(user, cast.family)
        client.force_login(user)
        response = client.get(reverse("families:overview", args=[cast.family.pk]))
        assert response.status_code == 200
        assert "Ash household" in response.content.decode()


def test_every_look_is_audited(client: Client, cast: Cast) -> None:
    client.force_login(cast.bob)
    client.get(reverse("families:overview", args=[cast.family.pk]))
    event = AuditEvent.objects.filter(actor=cast.bob).latest("at")
    assert (event.action, event.record_type, event.family_id) == (
        Action.VIEWED,
        "family_overview",
        cast.family.pk,
    )


def test_a_manager_of_another_team_is_refused(cast: Cast) -> None:
    from righthelp.accounts.models import Role
    from righthelp.testing.factories import make_user, team

    other_manager = make_user("south-manager", role=Role.MANAGER, team_=team("Early Help South"))
    assert not may_see_family(other_manager, cast.family)


def test_charlie_breaks_the_glass_for_four_hours(client: Client, cast: Cast) -> None:
    client.force_login(cast.charlie)
    url = reverse("families:overview", args=[cast.family.pk])
    refused = client.get(url)
    assert refused.status_code == 403
    assert "Open the record for 4 hours" in refused.content.decode()

    empty = client.post(
        reverse("families:emergency-access", args=[cast.family.pk]), {"reason": " "}
    )
    assert empty.status_code == 403
    assert "Enter why you need to see this family" in empty.content.decode()

    granted = client.post(
        reverse("families:emergency-access", args=[cast.family.pk]),
        {"reason": "Police called out of hours about Tom; lead practitioner unreachable."},
    )
    assert granted.status_code == 302
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(actor=cast.charlie, action=Action.BROKE_GLASS).exists()

    now = timezone.now()
    EmergencyAccess.objects.update(
        granted_at=now - timedelta(hours=5), expires_at=now - timedelta(hours=1)
    )
    assert client.get(url).status_code == 403


def test_emergency_access_never_crosses_partnerships(cast: Cast) -> None:
    from django.core.exceptions import ValidationError

    from righthelp.testing.factories import make_user, team

    elsewhere = make_user("elsewhere", team_=team("Early Help", slug="otherton"))
    with pytest.raises(ValidationError):
        emergency_access_grant(family=cast.family, user=elsewhere, reason="curious")
    assert not families_visible_to(elsewhere).exists()


def test_the_refusal_page_keeps_the_signed_in_header_and_says_why(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.alice)  # a practitioner: dashboards are not for her
    response = client.get("/dashboards/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Signed in as" in html and "Sign out" in html
    assert "Dashboards are for managers and partnership analysts." in html
    assert "Records are open to the practitioners" not in html
