"""Every address × every role × both demo partnerships: the status each gets.

Each demo partnership in turn is "home": its records (its practitioner works with every
family; its outsider with none) are tried by its own practitioner, manager, analyst,
administrator and outsider, by the other demo partnership's practitioner, manager and
administrator, and by someone not signed in. Stoke-on-Trent's records are tried against
Coventry's people, then Coventry's against Stoke-on-Trent's. Every route the site has must
have its row here: a new page fails this test until someone says who may open it. The admin
screens are tried the same way in ``test_admin_confinement``; the API, with each role's token,
in ``api/tests``.

``in`` is the sign-in page; a POST-only address answers a GET with 405 to those who may
use it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from righthelp.assessments.models import Assessment, Status
from righthelp.disagreements.models import Disagreement
from righthelp.families.models import Family
from righthelp.frontdoor.models import Receipt
from righthelp.partnerships.selectors import pack_set_for
from righthelp.plans.models import FamilyPlan, PlanAction, PlanCriterion
from righthelp.referrals.models import Referral
from righthelp.screening.models import IntelligenceSubmission, Screening
from righthelp.self_assessment.models import AgencyResponse, Round
from righthelp.self_assessment.models import PlanAction as RoundAction
from righthelp.subject_access.models import SubjectAccessRequest
from righthelp.testing.demo import DEMO_PASSWORD, demo_loaded

STOKE, COVENTRY = "stoke-on-trent", "coventry"
ACCOUNT_PREFIX = {STOKE: "", COVENTRY: "cov-"}
HOME_ROLES = ("practitioner", "manager", "analyst", "admin", "outsider")
"""The home partnership's: the practitioner works with every family, the manager manages
the practitioner's team, the outsider is a practitioner in another team (no families)."""
OTHER_ROLES = ("practitioner", "manager", "admin")
"""The other demo partnership's."""
NO = 403
IN = "in"
PUBLIC = (200,) * 9
# What each role gets on the demo partnership's family records: the practitioner and their
# manager open them; no one else, in either partnership.
FAMILY = (200, 200, NO, NO, NO, NO, NO, NO, IN)
FAMILY_REDIRECT = (302, 302, NO, NO, NO, NO, NO, NO, IN)
# Addresses that only take a POST are tried with an empty POST, after every GET.
POST_ONLY = {
    "families:search",
    "families:emergency-access",
    "assessments:start",
    "plans:start",
    "screening:intelligence-sent",
    "self_assessment:round-close",
}

EXPECTED: dict[str, tuple[Any, ...]] = {
    "public:start": PUBLIC,
    "public:explore_index": PUBLIC,
    "public:explore": PUBLIC,
    "public:explore_result": PUBLIC,
    "public:explore_summary": PUBLIC,
    "public:screening_index": PUBLIC,
    "public:screening": PUBLIC,
    "public:screening_intelligence": PUBLIC,
    "public:screening_band": PUBLIC,
    "public:guidance_index": PUBLIC,
    "public:guidance": PUBLIC,
    "public:guidance_page": PUBLIC,
    "public:directory_index": PUBLIC,
    "public:directory": PUBLIC,
    "public:directory_service": PUBLIC,
    "public:changes_index": PUBLIC,
    "public:changes": PUBLIC,
    "public:changes_pack": PUBLIC,
    "public:openreferral_services": PUBLIC,
    "public:openreferral_service": PUBLIC,
    "api-docs:reference": PUBLIC,
    "accounts:signed-out": PUBLIC,
    "accounts:password-change": (200, 200, 200, 200, 200, 200, 200, 200, IN),
    "accounts:password-reset": PUBLIC,  # with no email: "ask your administrator"
    "accounts:password-reset-sent": PUBLIC,
    "accounts:password-reset-done": PUBLIC,
    # Each person's own list; the analyst is sent to the dashboards.
    "families:home": (200, 200, 302, 200, 200, 200, 200, 200, IN),
    "families:search": (200, 200, NO, NO, 200, 200, 200, NO, IN),
    "families:new": (200, 200, NO, NO, 200, 200, 200, NO, IN),
    "families:overview": FAMILY,
    "families:edit": FAMILY,
    "families:person-edit": FAMILY,
    "families:person-new": FAMILY,
    "families:relationship-new": FAMILY,
    "families:worker-new": FAMILY,
    # Emergency access, asked with no reason, is granted to no one: the refusal page again.
    "families:emergency-access": (NO, NO, NO, NO, NO, NO, NO, NO, IN),
    "assessments:start": FAMILY_REDIRECT,  # started, and on to its first page
    "assessments:view": FAMILY_REDIRECT,  # a draft opens at its task list
    "assessments:task-list": FAMILY,
    "assessments:outcome": FAMILY,
    # What the ticks on an outcome page point to, read as they are ticked (nothing saved).
    "assessments:outcome-points-to": FAMILY,
    "assessments:conversation": FAMILY,
    "assessments:check": FAMILY,
    # Signed off by the manager only.
    "assessments:sign-off": (NO, 200, NO, NO, NO, NO, NO, NO, IN),
    "chronology:list": FAMILY,
    "chronology:print": FAMILY,
    "chronology:new": FAMILY,
    "plans:home": FAMILY_REDIRECT,  # to the family's current plan
    "plans:start": FAMILY_REDIRECT,
    "plans:view": FAMILY,
    "plans:criterion-new": FAMILY,
    "plans:criterion": FAMILY,
    "plans:action-new": FAMILY,
    "plans:action-status": FAMILY,
    "plans:review-new": FAMILY,
    "plans:notes": FAMILY,
    "plans:print": FAMILY,
    "plans:pdf": FAMILY,
    "plans:family-pdf": FAMILY,
    "referrals:list": FAMILY,
    "referrals:new": FAMILY,
    "referrals:detail": FAMILY,
    # Approved by a manager of the practitioner's team.
    "referrals:approve": (NO, 200, NO, NO, NO, NO, NO, NO, IN),
    "sharing:list": FAMILY,
    "sharing:new": FAMILY,
    "disagreements:list": FAMILY,
    "disagreements:new": FAMILY,
    "disagreements:detail": FAMILY,
    "screening:list": FAMILY,
    "screening:new": FAMILY,
    "screening:view": FAMILY,
    "screening:screen-again": FAMILY,
    "screening:safety-plan": FAMILY,
    "screening:safety-plan-document": FAMILY,
    "screening:intelligence-list": FAMILY,
    "screening:intelligence-new": FAMILY,
    "screening:intelligence-view": FAMILY,
    "screening:intelligence-edit": FAMILY,
    "screening:intelligence-source": FAMILY,
    "screening:intelligence-sent": FAMILY,  # the form again: when and how it was sent
    "screening:intelligence-document": FAMILY,
    "subject_access:list": FAMILY,
    # A subject access request's record is produced by the manager.
    "subject_access:detail": FAMILY,
    "subject_access:print": (NO, 200, NO, NO, NO, NO, NO, NO, IN),
    # Asked for with a POST; a GET goes back to the request's page.
    "subject_access:pdf": (NO, 302, NO, NO, NO, NO, NO, NO, IN),
    # A family's record of access: its managers.
    "access_log:family": (NO, 200, NO, NO, NO, NO, NO, NO, IN),
    # Dashboards: managers (their teams' families) and analysts; each their own partnership.
    "dashboards:index": (NO, 200, 200, NO, NO, NO, 200, NO, IN),
    "dashboards:export": (NO, 200, 200, NO, NO, NO, 200, NO, IN),
    "dashboards:report": (NO, NO, 200, NO, NO, NO, NO, NO, IN),
    # A prepared download: only the person who asked for it (here the analyst); to anyone
    # else it does not exist.
    "downloads:status": (404, 404, 200, 404, 404, 404, 404, 404, IN),
    "downloads:file": (404, 404, 200, 404, 404, 404, 404, 404, IN),
    # The audit log: administrators, each their own partnership's.
    "audit:search": (NO, NO, NO, 200, NO, NO, NO, 200, IN),
    # Asked for with a POST (a prepared download); a GET goes back to the search.
    "audit:download": (NO, NO, NO, 302, NO, NO, NO, 302, IN),
    # The self-assessment: the partnership's analysts run rounds; agencies answer.
    "self_assessment:index": (200, 200, 200, NO, 200, 200, 200, NO, IN),
    "self_assessment:round-new": (NO, NO, 200, NO, NO, NO, NO, NO, IN),
    "self_assessment:round": (NO, NO, 200, NO, NO, 404, 404, NO, IN),
    "self_assessment:round-close": (NO, NO, 302, NO, NO, 404, 404, NO, IN),
    "self_assessment:round-compare": (NO, NO, 200, NO, NO, 404, 404, NO, IN),
    "self_assessment:export": (NO, NO, 200, NO, NO, 404, 404, NO, IN),
    "self_assessment:action-new": (NO, NO, 200, NO, NO, 404, 404, NO, IN),
    "self_assessment:action-edit": (NO, NO, 200, NO, NO, 404, 404, NO, IN),
    # The latest round's Children's Services response is submitted: its pages lead to its check.
    "self_assessment:response-tasks": (302, 302, 302, NO, 302, 404, 404, NO, IN),
    "self_assessment:response-area": (302, 302, 302, NO, 302, 404, 404, NO, IN),
    "self_assessment:response-check": (200, 200, 200, NO, 200, 404, 404, NO, IN),
    "assessments:what-was-seen": FAMILY,
    # The front door's own team only (its account is tried in frontdoor/tests).
    "frontdoor:queue": (NO, NO, NO, NO, NO, NO, NO, NO, IN),
    "frontdoor:detail": (NO, NO, NO, NO, NO, NO, NO, NO, IN),
    "frontdoor:answer": FAMILY,  # the sender answers the front door's question,
    "health": PUBLIC,
    "signed-in": (200, 200, 200, 200, 200, 200, 200, 200, IN),  # the benchmark's floor,
    "public:explore_suggest": PUBLIC,
    "public:openreferral_root": PUBLIC,
    "public:openreferral_list": PUBLIC,
    "public:openreferral_item": PUBLIC,
    # Work waits for those who do casework.
    "worklist:your-work": (200, 200, NO, NO, 200, 200, 200, NO, IN),
    "worklist:reminders": (200, 200, NO, NO, 200, 200, 200, NO, IN),
}

# What a demo partnership's packs do not have, so it has no record to try the route on.
NOT_IN = {
    # Coventry's packs have no thresholds: no threshold assessments, no requests for service
    # to Children's Social Care, so no front door (ADR 0025).
    COVENTRY: {
        "assessments:view",
        "assessments:task-list",
        "assessments:outcome",
        "assessments:outcome-points-to",
        "assessments:conversation",
        "assessments:check",
        "assessments:sign-off",
        "assessments:what-was-seen",
        "assessments:start",
        "referrals:approve",
        "disagreements:detail",
        "frontdoor:detail",
        "frontdoor:answer",
        "public:explore",
        "public:explore_result",
        "public:explore_summary",
        "public:explore_suggest",
        "public:changes_pack",
    },
    # Stoke-on-Trent's packs have no exploitation screening and no family plan criteria.
    STOKE: {
        "public:screening",
        "public:screening_intelligence",
        "public:screening_band",
        "plans:home",
        "plans:start",
        "plans:view",
        "plans:criterion-new",
        "plans:criterion",
        "plans:action-new",
        "plans:action-status",
        "plans:review-new",
        "plans:notes",
        "plans:print",
        "plans:pdf",
        "plans:family-pdf",
        "screening:view",
        "screening:screen-again",
        "screening:safety-plan",
        "screening:safety-plan-document",
        "screening:intelligence-view",
        "screening:intelligence-edit",
        "screening:intelligence-source",
        "screening:intelligence-sent",
        "screening:intelligence-document",
        "screening:new",
        "screening:intelligence-new",
        "screening:list",
        "screening:intelligence-list",
    },
}

# Not pages: tried elsewhere.
ELSEWHERE = {
    "accounts:sign-in",  # test_sign_in, test_throttle
    "accounts:sign-out",  # test_sign_in
    "accounts:two-factor",  # test_two_factor
    "accounts:two-factor-setup",  # test_two_factor, test_authenticator_seeds
    "accounts:password-reset-confirm",  # test_password_reset (a link from an email)
}


def _routes() -> set[str]:
    names: set[str] = set()

    def walk(resolver: URLResolver, namespace: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
                if entry.namespace not in ("admin", "api"):
                    walk(entry, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                names.add(namespace + entry.name)

    walk(get_resolver(), "")
    return names


def _demo_addresses(home: str) -> dict[str, str]:
    """An address for every route the ``home`` demo partnership has a record for (all but
    its ``NOT_IN``), made from that partnership's records."""
    here = {"family__partnership__slug": home}
    family = Family.objects.filter(partnership__slug=home).order_by("name").first()
    assert family is not None
    draft = Assessment.objects.filter(status=Status.DRAFT, **here).first()
    awaiting = Assessment.objects.filter(status=Status.AWAITING_SIGNOFF, **here).first()
    plan = (
        FamilyPlan.objects.filter(actions__isnull=False, criteria__isnull=False, **here)
        .distinct()
        .first()
    )
    criterion = PlanCriterion.objects.filter(plan=plan).first()
    plan_action = PlanAction.objects.filter(plan=plan).first()
    referral = (
        Referral.objects.filter(approved_by__isnull=False, **here).first()
        or Referral.objects.filter(**here).first()
    )
    disagreement = Disagreement.objects.filter(**here).first()
    screening = Screening.objects.filter(safety_plan__isnull=False, **here).first()
    submission = IntelligenceSubmission.objects.filter(**here).first()
    receipt = (
        Receipt.objects.select_related("referral")
        .filter(referral__family__in=Family.objects.filter(partnership__slug=home))
        .first()
    )
    rounds = Round.objects.filter(partnership__slug=home).order_by("-pk")
    round_ = rounds.first()
    response = AgencyResponse.objects.filter(
        round=round_, agency__name="Children's Services"
    ).first()
    round_action = RoundAction.objects.filter(round=round_).first()
    assert referral is not None
    assert round_ is not None and response is not None and round_action is not None
    sar = SubjectAccessRequest.objects.filter(**here).first()
    if sar is None:
        from django.utils import timezone

        from righthelp.accounts.models import User
        from righthelp.subject_access.models import Requester
        from righthelp.subject_access.services import subject_access_request_record

        sar = subject_access_request_record(
            family=family,
            by=User.objects.get(username=f"{ACCOUNT_PREFIX[home]}practitioner"),
            person=family.members.first(),  # type: ignore[arg-type]
            received_on=timezone.localdate(),
            requester=Requester.THE_PERSON,
        )
    packs = pack_set_for(family.partnership)
    guidance, service = packs.guidance[0], packs.services[0]

    def f(obj: Any) -> str:
        return str(obj.family_id)

    from righthelp.accounts.models import User as Account
    from righthelp.downloads.models import PreparedKind
    from righthelp.downloads.services import prepared_file_build, prepared_file_request

    prepared = prepared_file_request(
        by=Account.objects.get(username=f"{ACCOUNT_PREFIX[home]}analyst"),
        kind=PreparedKind.PARTNERSHIP_REPORT,
        params={"start": "2025-01-01", "end": "2025-12-31"},
    )
    prepared_file_build(file_id=prepared.pk)

    person = family.members.first()
    assert person is not None
    slug = family.partnership.slug
    a = {"family_id": family.pk}
    kwargs: dict[str, dict[str, Any]] = {
        "public:explore": {"slug": slug},
        "public:explore_result": {"slug": slug},
        "public:explore_summary": {"slug": slug},
        "public:screening": {"slug": slug},
        "public:screening_intelligence": {"slug": slug},
        "public:screening_band": {"slug": slug, "band_id": "universal"},
        "public:guidance": {"slug": slug},
        "public:guidance_page": {
            "slug": slug,
            "pack_id": guidance.source.pack_id,
            "page_id": guidance.page.id,
        },
        "public:directory": {"slug": slug},
        "public:directory_service": {
            "slug": slug,
            "pack_id": service.source.pack_id,
            "service_id": service.service.id,
        },
        "public:changes": {"slug": slug},
        "public:changes_pack": {"slug": slug, "pack_id": home},
        "public:openreferral_services": {"slug": slug},
        "public:openreferral_service": {"slug": slug, "item_id": "stoke-community-directory"},
        "families:overview": a,
        "downloads:status": {"file_id": prepared.pk},
        "downloads:file": {"file_id": prepared.pk},
        "families:edit": a,
        "families:person-edit": {**a, "person_id": person.pk},
        "families:person-new": a,
        "families:relationship-new": a,
        "families:worker-new": a,
        "families:emergency-access": a,
        "assessments:start": a,
        "chronology:list": a,
        "chronology:print": a,
        "chronology:new": a,
        "referrals:list": a,
        "referrals:new": a,
        "referrals:detail": {"family_id": f(referral), "referral_id": referral.pk},
        "referrals:approve": {"family_id": f(referral), "referral_id": referral.pk},
        "sharing:list": a,
        "sharing:new": a,
        "disagreements:list": a,
        "disagreements:new": a,
        "screening:list": a,
        "screening:new": a,
        "screening:intelligence-list": a,
        "screening:intelligence-new": a,
        "subject_access:list": a,
        **{
            f"subject_access:{name}": {"family_id": f(sar), "request_id": sar.pk}
            for name in ("detail", "print", "pdf")
        },
        "access_log:family": a,
        "dashboards:export": {"key": "families-by-level", "file_format": "csv"},
        "self_assessment:round": {"round_id": round_.pk},
        "self_assessment:round-close": {"round_id": round_.pk},
        "self_assessment:round-compare": {"round_id": round_.pk},
        "self_assessment:export": {
            "round_id": round_.pk,
            "key": "self-assessment-heatmap",
            "file_format": "csv",
        },
        "self_assessment:action-new": {"round_id": round_.pk},
        "self_assessment:action-edit": {"round_id": round_.pk, "action_id": round_action.pk},
        "self_assessment:response-tasks": {"round_id": round_.pk, "response_id": response.pk},
        "self_assessment:response-area": {
            "round_id": round_.pk,
            "response_id": response.pk,
            "section_id": "service-response",
        },
        "self_assessment:response-check": {"round_id": round_.pk, "response_id": response.pk},
    }
    if draft is not None and awaiting is not None:
        kwargs.update(
            {
                "assessments:view": {"family_id": f(draft), "assessment_id": draft.pk},
                "assessments:task-list": {"family_id": f(draft), "assessment_id": draft.pk},
                "assessments:outcome": {
                    "family_id": f(draft),
                    "assessment_id": draft.pk,
                    "number": 1,
                },
                "assessments:outcome-points-to": {
                    "family_id": f(draft),
                    "assessment_id": draft.pk,
                    "number": 1,
                },
                "assessments:conversation": {"family_id": f(draft), "assessment_id": draft.pk},
                "assessments:check": {"family_id": f(draft), "assessment_id": draft.pk},
                "assessments:sign-off": {"family_id": f(awaiting), "assessment_id": awaiting.pk},
                "assessments:what-was-seen": {"family_id": f(draft), "assessment_id": draft.pk},
            }
        )
    if plan is not None:
        plan_kwargs = {"family_id": plan.family_id, "plan_id": plan.pk}
        kwargs.update(
            {
                "plans:home": {"family_id": plan.family_id},
                "plans:start": {"family_id": plan.family_id},
                "plans:view": plan_kwargs,
                "plans:criterion-new": plan_kwargs,
                "plans:criterion": {**plan_kwargs, "criterion_id": criterion.pk},  # type: ignore[union-attr]
                "plans:action-new": plan_kwargs,
                "plans:action-status": {**plan_kwargs, "action_id": plan_action.pk},  # type: ignore[union-attr]
                "plans:review-new": plan_kwargs,
                "plans:notes": plan_kwargs,
                "plans:print": plan_kwargs,
                "plans:pdf": plan_kwargs,
                "plans:family-pdf": plan_kwargs,
            }
        )
    if screening is not None:
        kwargs.update(
            {
                "screening:view": {"family_id": f(screening), "screening_id": screening.pk},
                "screening:screen-again": {
                    "family_id": f(screening),
                    "screening_id": screening.pk,
                },
                "screening:safety-plan": {"family_id": f(screening), "screening_id": screening.pk},
                "screening:safety-plan-document": {
                    "family_id": f(screening),
                    "screening_id": screening.pk,
                },
            }
        )
    if submission is not None:
        kwargs.update(
            {
                **{
                    f"screening:intelligence-{name}": {
                        "family_id": f(submission),
                        "submission_id": submission.pk,
                    }
                    for name in ("view", "edit", "source", "sent", "document")
                },
            }
        )
    if disagreement is not None:
        kwargs.update(
            {
                "disagreements:detail": {
                    "family_id": f(disagreement),
                    "disagreement_id": disagreement.pk,
                },
            }
        )
    if receipt is not None:
        kwargs["frontdoor:detail"] = {"receipt_id": receipt.pk}
        kwargs["frontdoor:answer"] = {
            "family_id": receipt.referral.family_id,
            "receipt_id": receipt.pk,
        }
    kwargs["public:explore_suggest"] = {"slug": slug}
    kwargs["public:openreferral_root"] = {"slug": slug}
    kwargs["public:openreferral_list"] = {"slug": slug, "endpoint": "organizations"}
    organization = Client().get(f"/openreferral/{slug}/organizations").json()["contents"][0]
    kwargs["public:openreferral_item"] = {
        "slug": slug,
        "endpoint": "organizations",
        "item_id": organization["id"],
    }
    service = Client().get(f"/openreferral/{slug}/services?per_page=1").json()["contents"][0]
    kwargs["public:openreferral_service"] = {"slug": slug, "item_id": service["id"]}
    return {
        name: reverse(name, kwargs=kwargs.get(name))
        for name in EXPECTED
        if name not in NOT_IN[home]
    }


@pytest.mark.django_db
def test_every_route_has_its_row() -> None:
    assert _routes() - ELSEWHERE - set(EXPECTED) == set(), "say who may open the new page"
    assert set(EXPECTED) - _routes() == set()


def _signed_in(username: str | None) -> Client:
    client = Client()
    if username:
        assert client.login(username=username, password=DEMO_PASSWORD), username
    return client


@pytest.mark.django_db
def test_every_address_for_every_role_in_both_partnerships() -> None:
    demo_loaded(DEMO_PASSWORD)
    wrong = []
    for home, other in ((STOKE, COVENTRY), (COVENTRY, STOKE)):
        addresses = _demo_addresses(home)
        clients = [
            *(_signed_in(ACCOUNT_PREFIX[home] + role) for role in HOME_ROLES),
            *(_signed_in(ACCOUNT_PREFIX[other] + role) for role in OTHER_ROLES),
            _signed_in(None),
        ]
        for name in sorted(addresses, key=lambda name: name in POST_ONLY):
            address = addresses[name]
            got = []
            for client in clients:
                response = client.post(address) if name in POST_ONLY else client.get(address)
                status: Any = response.status_code
                if status == 302 and response["Location"].startswith("/accounts/sign-in/"):
                    status = IN
                got.append(status)
            if tuple(got) != EXPECTED[name]:
                wrong.append(
                    f"{home} {name} {address}: expected {EXPECTED[name]}, got {tuple(got)}"
                )
    assert wrong == [], "\n".join(wrong)


@pytest.mark.django_db
def test_every_route_is_tried_in_at_least_one_partnership() -> None:
    assert NOT_IN[STOKE] & NOT_IN[COVENTRY] == set()
    assert NOT_IN[STOKE] | NOT_IN[COVENTRY] <= set(EXPECTED)
