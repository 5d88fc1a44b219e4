"""A partnership's case system calls the API with a token: it sees what the token's user
sees, every look and change is audited, and bad input is answered field by field."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.api.models import ApiToken
from righthelp.api.tokens import token_issue, token_revoke, user_for_token
from righthelp.assessments.services import (
    assessment_record_conversation,
    assessment_record_findings,
    assessment_start,
    assessment_submit,
)
from righthelp.audit.models import Action, AuditEvent
from righthelp.chronology.models import ChronologyEntry
from righthelp.conftest import Cast
from righthelp.core.need_level import level_of_need
from righthelp.core.packs.schema import ReferralRoute
from righthelp.families.models import Family, Person
from righthelp.packstore.registry import get_pack
from righthelp.referrals.services import referral_start
from righthelp.testing.factories import make_family

API = "/api/v1"


class Caller:
    """A client that sends one user's token with every request."""

    def __init__(self, client: Client, user: User) -> None:
        self.client = client
        self.user = user
        self.token = token_issue(user=user, name="Case system", by=None).secret

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"{API}{path}", params, headers=self._headers())

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(
            f"{API}{path}", body, content_type="application/json", headers=self._headers()
        )


@pytest.fixture
def alice_api(client: Client, cast: Cast) -> Caller:
    return Caller(client, cast.alice)


@pytest.fixture
def charlie_api(client: Client, cast: Cast) -> Caller:
    return Caller(client, cast.charlie)


def _indicator(level: int) -> str:
    pack = get_pack("stoke-on-trent")
    return next(i for i in pack.indicators_by_id.values() if i.level == level).id


# --- who is calling -----------------------------------------------------------------------


def test_without_a_token_the_api_answers_401_and_says_how_to_call_it(
    client: Client, cast: Cast
) -> None:
    response = client.get(f"{API}/families")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "Bearer" in response.json()["detail"]


def test_a_signed_in_browser_session_is_not_a_token(client: Client, cast: Cast) -> None:
    client.force_login(cast.alice)
    assert client.get(f"{API}/families/{cast.family.pk}").status_code == 401
    assert (
        client.post(f"{API}/families/search", {"query": "Tom"}, "application/json").status_code
        == 401
    )


@pytest.mark.parametrize("presented", ["", "nonsense", "rh_00000000_" + "x" * 43, "rh_" * 100])
def test_a_made_up_token_is_refused(client: Client, cast: Cast, presented: str) -> None:
    response = client.get(f"{API}/families", headers={"Authorization": f"Bearer {presented}"})
    assert response.status_code == 401


def test_a_revoked_token_and_an_expired_one_stop_working(client: Client, cast: Cast) -> None:
    caller = Caller(client, cast.alice)
    assert caller.get("/families").status_code == 200
    token_revoke(token=ApiToken.objects.get(user=cast.alice), by=cast.erin)
    assert caller.get("/families").status_code == 401

    later = Caller(client, cast.alice)
    ApiToken.objects.filter(revoked_at__isnull=True).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert later.get("/families").status_code == 401


def test_a_switched_off_account_s_token_stops_working(client: Client, cast: Cast) -> None:
    caller = Caller(client, cast.alice)
    User.objects.filter(pk=cast.alice.pk).update(is_active=False)
    assert caller.get("/families").status_code == 401


def test_only_a_digest_of_the_token_is_kept_and_its_issue_is_audited(cast: Cast) -> None:
    issued = token_issue(user=cast.alice, name="Case system", by=cast.erin, days=30)
    record = ApiToken.objects.get(pk=issued.record.pk)
    assert issued.secret not in (record.digest, record.prefix, record.name)
    assert issued.secret.startswith(f"rh_{record.prefix}_")
    assert user_for_token(issued.secret) == cast.alice
    event = AuditEvent.objects.get(record_type="api_token", record_id=str(record.pk))
    assert event.actor == cast.erin and event.action == Action.CREATED
    assert issued.secret not in str(event.detail)


# --- families: the access rules of the pages -----------------------------------------------


def test_alice_reads_the_family_she_works_with_and_the_look_is_audited(
    alice_api: Caller, cast: Cast
) -> None:
    listed = alice_api.get("/families").json()
    assert [family["name"] for family in listed] == ["Ash household"]

    response = alice_api.get(f"/families/{cast.family.pk}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    family = response.json()
    assert {m["given_name"] for m in family["members"]} == {"Tom", "Gwen"}
    assert family["workers"][0]["name"] == "Alice Ash"
    assert AuditEvent.objects.filter(
        actor=cast.alice, action=Action.VIEWED, family_id=cast.family.pk
    ).exists()


def _family_operations(client: Client) -> list[tuple[str, str]]:
    """Every operation of the OpenAPI document whose address names a family."""
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    return [
        (method, address.removeprefix(API))
        for address, item in paths.items()
        if "{family_id}" in address
        for method in item
    ]


def test_the_sweep_covers_the_family_operations(client: Client) -> None:
    assert len(_family_operations(client)) >= 7


def test_charlie_is_refused_every_family_operation_and_each_refusal_is_audited(
    client: Client, charlie_api: Caller, cast: Cast
) -> None:
    assert charlie_api.get("/families").json() == []
    assessment = assessment_start(family=cast.family, by=cast.alice)
    referral = referral_start(
        family=cast.family, by=cast.alice, route=ReferralRoute.EARLY_HELP, what_is_needed="x"
    )
    bodies = {
        "/families/{family_id}/front-door/{request_id}/answer": {"answer": "x"},
        "/families/{family_id}/referrals": {"route": "early_help", "what_is_needed": "x"},
        "/families/{family_id}/referrals/{referral_id}/consent": {
            "version": 1,
            "consent_route": "consent_given",
            "consent_confirmed_on": "2026-01-05",
        },
        "/families/{family_id}/referrals/{referral_id}/request-approval": {},
        "/families/{family_id}/referrals/{referral_id}/approve": {},
        "/families/{family_id}/referrals/{referral_id}/send": {},
        "/families/{family_id}/referrals/{referral_id}/parent-told": {
            "version": 1,
            "parent_told_on": "2026-01-05",
        },
        "/families/{family_id}/referrals/{referral_id}/approval": {
            "version": 1,
            "approver_role": "named_professional",
            "approver_name": "x",
            "consultation_outcome": "y",
        },
        "/families/{family_id}/referrals/{referral_id}/approver-told": {
            "approver_role": "manager",
            "approver_name": "x",
            "approver_told_on": "2026-01-05",
            "consultation_outcome": "y",
        },
        "/families/{family_id}/chronology": {
            "occurred_on": "2026-01-05",
            "what_happened": "x",
            "significance": "low",
        },
        "/families/{family_id}/members": {"kind": "child", "given_name": "A", "family_name": "B"},
        "/families/{family_id}/information-sharing": {
            "what": "x",
            "shared_with": "y",
            "shared_on": "2026-01-05",
            "with_consent": True,
            "lawful_basis": "consent",
        },
    }
    operations = _family_operations(client)
    for method, address in operations:
        path = address.format(
            family_id=cast.family.pk,
            assessment_id=assessment.pk,
            referral_id=referral.pk,
            request_id=1,  # the family is refused before the front door request is looked up
        )
        if method == "get":
            response = charlie_api.get(path)
        else:
            response = charlie_api.post(path, bodies[address])
        assert response.status_code == 403, (method, address, response.content)
        assert not re.search(r"\b(Tom|Ash)\b", response.content.decode())
    refused = AuditEvent.objects.filter(actor=charlie_api.user, action=Action.REFUSED)
    assert refused.count() == len(operations)
    assert not ChronologyEntry.objects.filter(recorded_by=cast.charlie).exists()
    assert not Person.objects.filter(given_name="A").exists()
    assert charlie_api.post("/families/search", {"query": "Tom Ash"}).json() == []


def test_bob_sees_his_team_s_family_as_their_manager(client: Client, cast: Cast) -> None:
    assert Caller(client, cast.bob).get(f"/families/{cast.family.pk}").status_code == 200


@pytest.mark.parametrize("who", ["dana", "erin"])
def test_analysts_and_administrators_see_no_families_through_the_api(
    client: Client, cast: Cast, who: str
) -> None:
    caller = Caller(client, getattr(cast, who))
    assert caller.get("/families").json() == []
    assert caller.get(f"/families/{cast.family.pk}").status_code == 403
    assert caller.post("/families", {"name": "New household"}).status_code == 403


def test_a_record_of_another_family_is_not_found(alice_api: Caller, cast: Cast) -> None:
    other = make_family(cast.alice, "Other household")
    elsewhere = assessment_start(family=other, by=cast.alice)
    response = alice_api.get(f"/families/{cast.family.pk}/assessments/{elsewhere.pk}")
    assert response.status_code == 404


def test_search_is_posted_so_no_name_reaches_an_address(alice_api: Caller, cast: Cast) -> None:
    hits = alice_api.post("/families/search", {"query": "Tmo Ash"}).json()
    assert [hit["family"]["name"] for hit in hits] == ["Ash household"]
    assert str(cast.child.pk) in hits[0]["matched_people"]
    assert alice_api.get("/families/search").status_code == 405


# --- writes: the forms' own rules and messages ---------------------------------------------


def test_alice_records_a_family_and_a_child_and_both_are_audited(
    alice_api: Caller, cast: Cast
) -> None:
    created = alice_api.post(
        "/families",
        {"name": "Birch household", "postcode": "st4 1hh", "agencies": ["Children's Services"]},
    )
    assert created.status_code == 201, created.content
    family = created.json()
    assert family["postcode"] == "ST4 1HH"
    assert family["agencies"] == ["Children's Services"]
    assert family["workers"][0]["name"] == "Alice Ash"

    child = alice_api.post(
        f"/families/{family['id']}/members",
        {
            "kind": "child",
            "given_name": "Rosa",
            "family_name": "Birch",
            "date_of_birth": "2015-03-27",
            "nhs_number": "943 476 5919",
        },
    )
    assert child.status_code == 201, child.content
    assert child.json()["nhs_number"] == "9434765919"
    created_events = AuditEvent.objects.filter(actor=cast.alice, action=Action.CREATED)
    assert {e.record_type for e in created_events} >= {"family", "person"}


def test_a_bad_postcode_or_nhs_number_gets_the_page_s_message_and_nothing_is_saved(
    alice_api: Caller, cast: Cast
) -> None:
    response = alice_api.post("/families", {"name": "Birch household", "postcode": "NOT A CODE"})
    assert response.status_code == 422
    assert response.json()["errors"]["postcode"] == ["Enter a real postcode, like ST4 1HH"]
    assert not Family.objects.filter(name="Birch household").exists()

    response = alice_api.post(
        f"/families/{cast.family.pk}/members",
        {"kind": "child", "given_name": "Rosa", "family_name": "Ash", "nhs_number": "9434765918"},
    )
    assert response.status_code == 422
    assert "does not match" in response.json()["errors"]["nhs_number"][0]
    assert not Person.objects.filter(given_name="Rosa").exists()


def test_an_unknown_agency_or_a_missing_field_is_named(alice_api: Caller) -> None:
    response = alice_api.post("/families", {"name": "Birch household", "agencies": ["Nowhere"]})
    assert response.status_code == 422
    assert "Nowhere" in response.json()["errors"]["agencies"][0]
    response = alice_api.post("/families", {"postcode": "ST4 1HH"})
    assert response.status_code == 422
    assert "name" in response.json()["errors"]


def test_alice_adds_to_the_chronology_and_reads_it_back(alice_api: Caller, cast: Cast) -> None:
    added = alice_api.post(
        f"/families/{cast.family.pk}/chronology",
        {
            "occurred_on": "2026-10-01",
            "occurred_at": "7:32pm",
            "what_happened": "Tom missed three days of school",
            "significance": "medium",
            "agency": "Children's Services",
            "person": str(cast.child.pk),
        },
    )
    assert added.status_code == 201, added.content
    assert added.json()["occurred_at"] == "19:32"
    entries = alice_api.get(f"/families/{cast.family.pk}/chronology", significance="medium").json()
    assert [e["what_happened"] for e in entries] == ["Tom missed three days of school"]
    assert entries[0]["person"] == str(cast.child.pk)
    assert alice_api.get(f"/families/{cast.family.pk}/chronology", significance="high").json() == []
    assert AuditEvent.objects.filter(
        actor=cast.alice, action=Action.CREATED, record_type="chronology_entry"
    ).exists()


def test_a_future_date_or_a_stranger_is_refused_field_by_field(
    alice_api: Caller, cast: Cast
) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = alice_api.post(
        f"/families/{cast.family.pk}/chronology",
        {
            "occurred_on": tomorrow.isoformat(),
            "what_happened": "Something",
            "significance": "low",
            "agency": "Nowhere",
        },
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"occurred_on", "agency"}
    assert not ChronologyEntry.objects.filter(what_happened="Something").exists()

    response = alice_api.post(
        f"/families/{cast.family.pk}/chronology",
        {"occurred_on": "2026-01-05", "what_happened": "x", "significance": "urgent"},
    )
    assert response.status_code == 422
    assert "significance" in response.json()["errors"]


# --- assessments and referrals --------------------------------------------------------------


def test_an_assessment_reads_as_it_was_decided(alice_api: Caller, cast: Cast) -> None:
    assessment = assessment_start(family=cast.family, by=cast.alice)
    ticked = _indicator(3)
    outcome = get_pack("stoke-on-trent").indicators_by_id[ticked].outcome.number
    assessment_record_findings(
        assessment=assessment,
        by=cast.alice,
        expected_version=assessment.version,
        outcome_number=outcome,
        findings={ticked: {cast.child.pk}},
    )
    assessment.refresh_from_db()
    assessment_record_conversation(
        assessment=assessment,
        by=cast.alice,
        expected_version=assessment.version,
        texts={"child_wishes": "Tom wants to stay at his school", "parents_view": "Worried"},
    )
    assessment.refresh_from_db()
    assessment_submit(
        assessment=assessment, by=cast.alice, expected_version=assessment.version, chosen_level=3
    )

    listed = alice_api.get(f"/families/{cast.family.pk}/assessments").json()
    assert [a["final_level"] for a in listed] == [3]
    detail = alice_api.get(f"/families/{cast.family.pk}/assessments/{assessment.pk}").json()
    assert detail["level"]["number"] == 3
    assert detail["pack"]["content_hash"] == get_pack("stoke-on-trent").content_hash
    assert detail["ticked"] == [
        {
            "indicator": ticked,
            "outcome": outcome,
            "level": 3,
            "text": get_pack("stoke-on-trent").indicators_by_id[ticked].indicator.text,
            "people": [str(cast.child.pk)],
        }
    ]
    family = alice_api.get(f"/families/{cast.family.pk}").json()
    assert family["current_level"]["number"] == 3
    assert [point["level"] for point in family["level_history"]] == [3]


def test_a_prevent_referral_is_marked_never_to_reach_the_family(
    alice_api: Caller, cast: Cast
) -> None:
    referral_start(
        family=cast.family, by=cast.alice, route=ReferralRoute.PREVENT, what_is_needed="Concern"
    )
    (listed,) = alice_api.get(f"/families/{cast.family.pk}/referrals").json()
    assert listed["route"] == "prevent" and listed["never_disclosed"] is True


# --- packs and directory -------------------------------------------------------------------


def test_the_level_of_need_matches_the_core_and_the_command_line(alice_api: Caller) -> None:
    pack = get_pack("stoke-on-trent")
    seen = [_indicator(2), _indicator(4)]
    answer = alice_api.post("/packs/stoke-on-trent/level-of-need", {"indicators": seen}).json()
    expected = level_of_need(pack, seen)
    assert answer["level"] == expected.number
    assert [reason["id"] for reason in answer["because"]] == [p.id for p in expected.because]
    assert answer["pack"]["content_hash"] == pack.content_hash


def test_an_unknown_indicator_or_pack_is_named(alice_api: Caller) -> None:
    response = alice_api.post("/packs/stoke-on-trent/level-of-need", {"indicators": ["no-such"]})
    assert response.status_code == 422 and "no-such" in response.json()["detail"]
    response = alice_api.post("/packs/nowhere/level-of-need", {"indicators": []})
    assert response.status_code == 404 and "nowhere" in response.json()["detail"]
    response = alice_api.post("/packs/coventry/level-of-need", {"indicators": []})
    assert response.status_code == 422


def test_packs_are_listed_and_exported_as_the_command_line_does(alice_api: Caller) -> None:
    from righthelp.core.packs.export import export_pack

    ids = [pack["id"] for pack in alice_api.get("/packs").json()]
    assert {"stoke-on-trent", "coventry", "partnership-self-assessment"} <= set(ids)
    assert alice_api.get("/packs/coventry").json() == export_pack(get_pack("coventry"))


def test_the_directory_searches_the_caller_s_partnership(alice_api: Caller) -> None:
    found = alice_api.get("/directory", q="domestic abuse").json()
    assert found and all(service["contacts"] is not None for service in found)
    assert alice_api.get("/directory", age="old").status_code == 422


# --- the document ----------------------------------------------------------------------------


def test_the_openapi_document_names_every_operation_and_no_address_holds_personal_data(
    client: Client,
) -> None:
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    assert {"/api/v1/families/{family_id}", "/api/v1/families/search"} <= set(paths)
    in_addresses = {
        parameter["name"]
        for item in paths.values()
        for operation in item.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path"
    }
    # Ids and the names of published content only: never a name, a date of birth or a postcode.
    assert in_addresses == {
        "family_id",
        "assessment_id",
        "referral_id",
        "request_id",  # a front door request: its reference number, no personal data
        "pack_id",
        "instrument_id",
        "key",
    }
    assert "BearerToken" in schema["components"]["securitySchemes"]


def test_the_reference_page_lists_the_operations_without_signing_in(client: Client) -> None:
    page = client.get("/api/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/api/v1/families/{family_id}/chronology" in html
    assert "righthelp token issue" in html


def test_the_family_list_costs_the_same_queries_however_many_families(
    alice_api: Caller, cast: Cast
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert alice_api.get("/families").status_code == 200
        return len(captured)

    queries()  # the token's first use is written (then at most once a minute)
    few = queries()
    for number in range(6):
        make_family(cast.alice, f"Household {number}")
    assert queries() == few


def test_text_with_a_nul_character_is_refused_by_name_not_stored(
    alice_api: Caller, cast: Cast
) -> None:
    response = alice_api.post("/families", {"name": "Birch\x00household", "agencies": []})
    assert response.status_code == 422
    assert response.json()["errors"]["name"] == ["Text may not hold a NUL character"]
    response = alice_api.post("/families", {"name": "Birch", "agencies": ["\x00"]})
    assert response.status_code == 422
    assert alice_api.post("/families/search", {"query": "T\x00m"}).status_code == 422
    assert not Family.objects.filter(name__startswith="Birch").exists()


def test_where_two_factor_is_required_a_token_needs_an_account_with_it(cast: Cast) -> None:
    from django.core.exceptions import ValidationError
    from django.test import override_settings
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with override_settings(RIGHTHELP_REQUIRE_2FA=True):
        with pytest.raises(ValidationError, match="two-factor"):
            token_issue(user=cast.alice, name="Case system", by=None)
        TOTPDevice.objects.create(user=cast.alice, name="phone", confirmed=True)
        assert token_issue(user=cast.alice, name="Case system", by=None).secret


def test_the_family_list_comes_a_page_at_a_time_after_the_last_family(
    alice_api: Caller, cast: Cast
) -> None:
    for number in range(5):
        make_family(cast.alice, f"Household {number}")
    first = alice_api.get("/families?limit=4").json()
    assert [f["name"] for f in first] == ["Ash household", *(f"Household {n}" for n in range(3))]
    rest = alice_api.get(f"/families?limit=4&after={first[-1]['id']}").json()
    assert [f["name"] for f in rest] == ["Household 3", "Household 4"]
    assert alice_api.get(f"/families?after={rest[-1]['id']}").json() == []
    # Another practitioner's family is no place to start from.
    other = make_family(cast.charlie, "Cole household")
    assert alice_api.get(f"/families?after={other.pk}").json() == []


def test_a_tokens_last_use_is_kept_to_the_minute_not_written_at_every_call(
    cast: Cast, django_assert_num_queries: Any
) -> None:
    issued = token_issue(user=cast.alice, name="Case system", by=None)
    assert user_for_token(issued.secret) == cast.alice
    first = ApiToken.objects.get(pk=issued.record.pk).last_used_at
    assert first is not None
    with django_assert_num_queries(1):  # the look-up, no write
        assert user_for_token(issued.secret) == cast.alice
    assert ApiToken.objects.get(pk=issued.record.pk).last_used_at == first
    ApiToken.objects.filter(pk=issued.record.pk).update(
        last_used_at=first - dt.timedelta(minutes=2)
    )
    assert user_for_token(issued.secret) == cast.alice
    later = ApiToken.objects.get(pk=issued.record.pk).last_used_at
    assert later is not None and later > first
