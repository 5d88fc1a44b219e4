"""Through the API: a family's plans, screenings and sharing log; the screening bands as a
rule anyone with a token can ask; dashboard figures for managers and analysts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from righthelp.api.tests.test_api import Caller
from righthelp.audit.models import Action, AuditEvent
from righthelp.conftest import Cast
from righthelp.core.information_sharing import LawfulBasis
from righthelp.packstore.registry import get_pack
from righthelp.plans.services import evidence_add, plan_criterion_add, plan_start
from righthelp.screening.tests.helpers import make_screening
from righthelp.sharing.services import share_record
from righthelp.testing.factories import make_family

TODAY = timezone.localdate()


def test_alice_reads_the_plan_with_its_evidence(client: Client, cast: Cast) -> None:
    plan = plan_start(family=cast.family, by=cast.alice)
    criterion = plan_criterion_add(plan=plan, by=cast.alice, criterion_id="6.4", person=cast.child)
    evidence_add(
        criterion=criterion,
        by=cast.alice,
        method_id="indicator-tool-before-after",
        recorded_on=TODAY,
        note="Score up from 4 to 9",
    )
    (listed,) = Caller(client, cast.alice).get(f"/families/{cast.family.pk}/plans").json()
    (item,) = listed["criteria"]
    assert (item["criterion"], item["person"], item["status"]) == (
        "6.4",
        str(cast.child.pk),
        "identified",
    )
    assert item["evidence"] == [
        {
            "method": "Indictor tool- Before and after",
            "recorded_on": TODAY.isoformat(),
            "note": "Score up from 4 to 9",
        }
    ]


def test_screenings_and_the_sharing_log_are_read_with_the_family_s_access_rule(
    client: Client, cast: Cast
) -> None:
    make_screening(cast.family, cast.alice, cast.child, score=7, counts=(3, 1, 0))
    share_record(
        family=cast.family,
        by=cast.alice,
        what="Attendance",
        shared_with="School nurse",
        shared_on=TODAY,
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        with_consent=True,
    )
    alice = Caller(client, cast.alice)
    (screening,) = alice.get(f"/families/{cast.family.pk}/screenings").json()
    assert screening["score"] == 7 and screening["score_band"]["id"] == "low"
    (share,) = alice.get(f"/families/{cast.family.pk}/information-sharing").json()
    assert share["shared_with"] == "School nurse" and share["lawful_basis"] == "public_task"

    charlie = Caller(client, cast.charlie)
    for path in ("screenings", "information-sharing", "plans"):
        assert charlie.get(f"/families/{cast.family.pk}/{path}").status_code == 403
    assert AuditEvent.objects.filter(actor=cast.charlie, action=Action.REFUSED).count() == 3


SCREEN = "/packs/coventry/instruments/child-exploitation-screening/screen"


@pytest.mark.parametrize(
    ("score", "counts", "score_band", "count_band"),
    [
        (10, (0, 0, 0), "universal", "universal"),
        (1, (0, 0, 1), "high", "high"),
        (9, (2, 3, 1), "universal", "high"),
    ],
)
def test_the_screening_bands_are_the_rules_core_s(
    client: Client,
    cast: Cast,
    score: int,
    counts: tuple[int, int, int],
    score_band: str,
    count_band: str,
) -> None:
    from righthelp.core.exploitation_bands import SeenCounts, screen

    instrument = get_pack("coventry").instruments_by_id["child-exploitation-screening"]
    expected = screen(instrument, score, SeenCounts(*counts))
    answer = (
        Caller(client, cast.dana)
        .post(
            SCREEN,
            {
                "score": score,
                "vulnerabilities": counts[0],
                "risk_indicators": counts[1],
                "significant_risk_indicators": counts[2],
            },
        )
        .json()
    )
    assert (answer["score_band"]["id"], answer["count_band"]["id"]) == (
        expected.score_band.id,
        expected.count_band.band.id,
    )
    assert (expected.score_band.id, expected.count_band.band.id) == (score_band, count_band)
    assert answer["disagree"] is (score_band != count_band)


def test_a_score_out_of_range_or_an_unknown_instrument_is_named(client: Client, cast: Cast) -> None:
    caller = Caller(client, cast.dana)
    body = {
        "score": 11,
        "vulnerabilities": 0,
        "risk_indicators": 0,
        "significant_risk_indicators": 0,
    }
    response = caller.post(SCREEN, body)
    assert response.status_code == 422 and "11" in response.json()["detail"]
    response = caller.post(SCREEN, {**body, "score": 5, "vulnerabilities": -1})
    assert response.status_code == 422 and "vulnerabilities" in response.json()["errors"]
    assert caller.post("/packs/coventry/instruments/nothing/screen", body).status_code == 404


# --- dashboards -----------------------------------------------------------------------------


def _families_by_level(caller: Caller, **params: str) -> dict[str, object]:
    figure = caller.get("/dashboards/families-by-level", **params).json()
    return {row["label"]: row["cells"][0] for row in figure["rows"]}


def test_dana_sees_the_partnership_and_bob_his_team_with_small_numbers_suppressed_outside(
    client: Client, cast: Cast
) -> None:
    make_family(cast.charlie, "South household")  # in the partnership, not in Bob's team
    dana, bob = Caller(client, cast.dana), Caller(client, cast.bob)
    keys = [figure["key"] for figure in dana.get("/dashboards").json()]
    assert "families-by-level" in keys and "screenings-by-band" in keys

    assert _families_by_level(dana)["Not yet assessed"] == 2
    assert _families_by_level(bob)["Not yet assessed"] == 1
    assert _families_by_level(dana, audience="outside")["Not yet assessed"] == "<5"
    exported = AuditEvent.objects.filter(actor=cast.dana, record_type="dashboard_api")
    assert [e.detail["audience"] for e in exported.order_by("at", "id")] == [
        "partnership",
        "outside",
    ]


def test_a_practitioner_has_no_dashboards_and_bad_periods_are_named(
    client: Client, cast: Cast
) -> None:
    assert Caller(client, cast.alice).get("/dashboards").status_code == 403
    dana = Caller(client, cast.dana)
    assert dana.get("/dashboards/nothing").status_code == 404
    future = (TODAY + dt.timedelta(days=3)).isoformat()
    response = dana.get("/dashboards/level-movement", start="2026-01-01", end=future)
    assert response.status_code == 422 and "end" in response.json()["errors"]
    response = dana.get("/dashboards/level-movement", start="2026-13-01")
    assert response.status_code == 422
    response = dana.get("/dashboards/level-movement", start="2026-01-01", end="2026-03-31")
    assert response.json()["period_start"] == "2026-01-01"


def test_alice_logs_information_shared_and_without_consent_needs_a_reason(
    client: Client, cast: Cast
) -> None:
    alice = Caller(client, cast.alice)
    path = f"/families/{cast.family.pk}/information-sharing"
    body = {
        "what": "Missing episode details",
        "shared_with": "Police missing persons coordinator",
        "shared_on": TODAY.isoformat(),
        "person": str(cast.child.pk),
        "with_consent": False,
        "lawful_basis": "public_task",
    }
    refused = alice.post(path, body)
    assert refused.status_code == 422 and "reason" in refused.json()["errors"]
    made = alice.post(path, {**body, "reason": "To find Tom quickly"})
    assert made.status_code == 201, made.content
    assert made.json()["reason"] == "To find Tom quickly"
    assert AuditEvent.objects.filter(
        actor=cast.alice, action=Action.CREATED, record_type="information_share"
    ).exists()
    assert Caller(client, cast.charlie).post(path, body).status_code == 403
