"""`righthelp demo`: a new user can try everything, in two partnerships that never mix."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse

from righthelp.accounts.models import Role, User
from righthelp.assessments.models import Assessment, Status
from righthelp.families.access import families_visible_to
from righthelp.families.models import Family
from righthelp.partnerships.models import Agency, Partnership
from righthelp.partnerships.selectors import pack_set_for
from righthelp.plans.models import PlanAction
from righthelp.referrals.models import Referral
from righthelp.screening.models import Screening
from righthelp.self_assessment.models import ResponseStatus, Round
from righthelp.testing.demo import DEMO_PASSWORD, demo_loaded

pytestmark = pytest.mark.django_db

PASSWORD = DEMO_PASSWORD


@pytest.fixture
def demo() -> str:
    """What ``righthelp demo`` printed; its rows in the test's database (built once in a
    test process, put back after: ``demo_loaded``)."""
    return demo_loaded(PASSWORD)


def test_the_demo_is_two_partnerships_each_with_every_role(demo: str) -> None:
    assert "Created Stoke-on-Trent (demo) with 12 families." in demo
    assert "Created Coventry (demo) with 6 families." in demo
    assert "/explore/stoke-on-trent/" in demo and "/explore/coventry/" in demo
    assert f"Password for every demo account (17): {PASSWORD}" in demo
    stoke = Partnership.objects.get(slug="stoke-on-trent")
    coventry = Partnership.objects.get(slug="coventry")
    every_role = {Role.PRACTITIONER, Role.MANAGER, Role.ANALYST, Role.ADMINISTRATOR}
    for partnership in (stoke, coventry):
        people = User.objects.filter(team__agency__partnership=partnership)
        assert set(people.values_list("role", flat=True)) == every_role
    assert User.objects.get(username="admin").partnership == stoke
    assert User.objects.get(username="cov-admin").partnership == coventry
    assert User.objects.get(username="cov-practitioner").check_password(PASSWORD)
    assert [p.id for p in pack_set_for(stoke)] == ["stoke-on-trent", "partnership-self-assessment"]
    assert [p.id for p in pack_set_for(coventry)] == ["coventry", "partnership-self-assessment"]


def test_each_partnership_has_its_own_area_police_and_services(demo: str) -> None:
    stoke = Partnership.objects.get(slug="stoke-on-trent")
    coventry = Partnership.objects.get(slug="coventry")
    for partnership, area, police, other_police in (
        (stoke, "ST", "Staffordshire Police", "West Midlands Police"),
        (coventry, "CV", "West Midlands Police", "Staffordshire Police"),
    ):
        families = Family.objects.filter(partnership=partnership)
        postcodes = families.values_list("postcode", flat=True)
        assert postcodes and all(code.startswith(area) for code in postcodes)
        names = set(Agency.objects.filter(partnership=partnership).values_list("name", flat=True))
        assert police in names and other_police not in names
        own_pack = partnership.slug
        services = [
            *Referral.objects.filter(family__partnership=partnership)
            .exclude(service="")
            .values_list("service", flat=True),
            *PlanAction.objects.filter(plan__family__partnership=partnership)
            .exclude(owner_service="")
            .values_list("owner_service", flat=True),
        ]
        assert services and all(key.startswith(f"{own_pack}/") for key in services)


def test_stoke_has_assessments_at_every_level_and_coventry_plans_and_screenings(
    demo: str,
) -> None:
    practitioner = User.objects.get(username="practitioner")
    assert families_visible_to(practitioner).count() == 12
    assert not families_visible_to(User.objects.get(username="outsider")).exists()
    completed = set(
        Assessment.objects.filter(status=Status.COMPLETED).values_list("final_level", flat=True)
    )
    assert completed == {1, 2, 3, 4, 5}
    assert Assessment.objects.filter(status=Status.AWAITING_SIGNOFF).count() == 1
    assert Assessment.objects.filter(status=Status.DRAFT).count() == 1
    assert not Assessment.objects.filter(family__partnership__slug="coventry").exists()
    assert not Screening.objects.filter(family__partnership__slug="stoke-on-trent").exists()
    assert Screening.objects.filter(family__partnership__slug="coventry").count() == 3
    assert all(family.chronology.exists() for family in Family.objects.all())


def test_nothing_of_one_partnership_is_visible_to_the_others_people(
    demo: str, client: Client
) -> None:
    stoke_family = Family.objects.get(name="Price household")
    coventry_family = Family.objects.get(name="Doherty household")
    for username, theirs, not_theirs in (
        ("manager", stoke_family, coventry_family),
        ("cov-manager", coventry_family, stoke_family),
        ("practitioner", stoke_family, coventry_family),
        ("cov-practitioner", coventry_family, stoke_family),
    ):
        user = User.objects.get(username=username)
        visible = families_visible_to(user)
        assert theirs in visible and not_theirs not in visible
        client.force_login(user)
        assert client.get(reverse("families:overview", args=[theirs.pk])).status_code == 200
        refused = client.get(reverse("families:overview", args=[not_theirs.pk]))
        assert refused.status_code in (403, 404)
        home = client.get(reverse("families:home")).content.decode()
        assert theirs.name in home and not_theirs.name not in home


def test_coventry_says_it_has_no_thresholds_instead_of_offering_an_assessment(
    demo: str, client: Client
) -> None:
    client.force_login(User.objects.get(username="cov-practitioner"))
    family = Family.objects.get(name="Ali household")
    html = client.get(reverse("families:overview", args=[family.pk])).content.decode()
    assert "Start a threshold assessment" not in html
    assert "no thresholds pack" in html
    response = client.post(reverse("assessments:start", args=[family.pk]))
    assert not Assessment.objects.filter(family=family).exists()
    assert response.status_code in (302, 400)


def test_running_it_again_keeps_the_families_and_resets_passwords() -> None:
    demo_loaded(PASSWORD)  # as the first run left it
    assert User.objects.get(username="manager").check_password(PASSWORD)
    out = StringIO()
    call_command("demo", password="second-password-here", stdout=out)
    assert "already here" in out.getvalue()
    assert Family.objects.count() == 18
    assert User.objects.get(username="manager").check_password("second-password-here")
    assert User.objects.get(username="cov-manager").check_password("second-password-here")


def test_the_demo_is_refused_outside_development() -> None:
    with (
        override_settings(DEBUG=False, RIGHTHELP_ALLOW_DEMO=False),
        pytest.raises(CommandError, match="refused outside development"),
    ):
        call_command("demo", password="whatever-password", stdout=StringIO())


def test_each_partnership_has_two_self_assessment_rounds_and_its_analyst_lands_on_dashboards(
    demo: str, client: Client
) -> None:
    for slug, analyst in (("stoke-on-trent", "analyst"), ("coventry", "cov-analyst")):
        closed, open_ = Round.objects.filter(partnership__slug=slug).order_by("opened_on")
        assert not closed.is_open and open_.is_open
        submitted = ResponseStatus.SUBMITTED
        assert closed.responses.filter(status=submitted).count() == 4
        assert open_.responses.filter(status=submitted).count() == 2
        assert closed.actions.count() == 2
        client.force_login(User.objects.get(username=analyst))
        assert client.get(reverse("families:home"))["Location"] == reverse("dashboards:index")


def test_a_family_page_summarises_open_work(demo: str, client: Client) -> None:
    client.force_login(User.objects.get(username="cov-practitioner"))
    doherty = Family.objects.get(name="Doherty household")
    html = client.get(reverse("families:overview", args=[doherty.pk])).content.decode()
    summary = html.split('<dl class="govuk-summary-list rh-open-work">')[1].split("</dl>")[0]
    assert "High (significant) risk for Shannon Doherty" in summary
    assert "0 of 2 criteria achieved" in summary and "Review overdue" in summary
    client.force_login(User.objects.get(username="practitioner"))
    price = Family.objects.get(name="Price household")
    html = client.get(reverse("families:overview", args=[price.pk])).content.decode()
    summary = html.split('<dl class="govuk-summary-list rh-open-work">')[1].split("</dl>")[0]
    assert "Latest level of need" in summary and "No open plan" in summary


def test_your_families_sorts_and_filters(demo: str, client: Client) -> None:
    client.force_login(User.objects.get(username="practitioner"))
    home = reverse("families:home")
    names = list(Family.objects.values_list("name", flat=True))

    def listed(query: str) -> list[str]:
        html = client.get(home + query).content.decode()
        if '<tbody class="govuk-table__body">' not in html:
            return []
        table = html.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
        shown = [name for name in names if f">{name}</a>" in table]
        return sorted(shown, key=lambda name: table.index(f">{name}</a>"))

    by_name = listed("")
    assert by_name == sorted(by_name) and len(by_name) == 12
    by_level = listed("?sort=level")
    levels = [Family.objects.get(name=name).current_level or 0 for name in by_level]
    assert levels == sorted(levels, reverse=True) and levels[0] == 5
    at_five = listed("?level=5")
    assert at_five and all(Family.objects.get(name=n).current_level == 5 for n in at_five)
    mine = listed("?mine=on")
    assert "Osei household" not in mine and "Hartley household" in mine
    assert listed("?level=9") == listed("")  # not a level: the whole list, unfiltered


def test_the_analysts_kept_figures_count_the_demos_backdated_records(demo: str) -> None:
    """The demo dates requests and assessments behind the services' backs; its tallies are
    counted again after, so the analyst's kept figures say what counting the rows says."""
    import dataclasses
    import datetime as dt

    from django.utils import timezone

    from righthelp.dashboards.scope import dashboard_scope_for, figures_for
    from righthelp.dashboards.selectors import (
        Period,
        families_by_level,
        families_by_outcome,
        level_movement,
        overdue_work,
        referrals_by_route,
    )

    today = timezone.localdate()
    periods = [Period(today - dt.timedelta(days=days), today) for days in (0, 1, 2, 3, 7, 30, 365)]
    for username in ("analyst", "cov-analyst"):
        scope = dashboard_scope_for(User.objects.get(username=username))
        for period in periods:
            figures = figures_for(scope, period)
            counted = dataclasses.replace(figures, whole_partnership=None)
            for figure in (
                families_by_level,
                families_by_outcome,
                level_movement,
                overdue_work,
                referrals_by_route,
            ):
                kept, recounted = figure(figures).as_dict(), figure(counted).as_dict()
                assert kept == recounted, (username, period, figure)
