"""`righthelp demo`: a new user can try everything at once."""

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
from righthelp.self_assessment.models import ResponseStatus, Round

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_role_families_at_every_level_and_an_outsider() -> None:
    out = StringIO()
    call_command("demo", password="a-demo-password-for-tests", stdout=out)
    assert "Created Demo partnership with 12 families." in out.getvalue()
    assert "Password for every demo account: a-demo-password-for-tests" in out.getvalue()

    roles = set(User.objects.values_list("role", flat=True))
    assert roles == {Role.PRACTITIONER, Role.MANAGER, Role.ANALYST, Role.ADMINISTRATOR}
    practitioner = User.objects.get(username="practitioner")
    assert practitioner.check_password("a-demo-password-for-tests")
    assert families_visible_to(practitioner).count() == 12
    assert not families_visible_to(User.objects.get(username="outsider")).exists()

    completed = set(
        Assessment.objects.filter(status=Status.COMPLETED).values_list("final_level", flat=True)
    )
    assert completed == {1, 2, 3, 4, 5}
    assert Assessment.objects.filter(status=Status.AWAITING_SIGNOFF).count() == 1
    assert Assessment.objects.filter(status=Status.DRAFT).count() == 1
    assert all(family.chronology.exists() for family in Family.objects.all()[:10])


def test_running_it_again_keeps_the_families_and_resets_passwords() -> None:
    call_command("demo", password="first-password-here", stdout=StringIO())
    out = StringIO()
    call_command("demo", password="second-password-here", stdout=out)
    assert "already here" in out.getvalue()
    assert Family.objects.count() == 12
    assert User.objects.get(username="manager").check_password("second-password-here")


def test_the_demo_is_refused_outside_development() -> None:
    with (
        override_settings(DEBUG=False, RIGHTHELP_ALLOW_DEMO=False),
        pytest.raises(CommandError, match="refused outside development"),
    ):
        call_command("demo", password="whatever-password", stdout=StringIO())


def test_the_demo_has_two_self_assessment_rounds_and_the_analyst_lands_on_dashboards(
    client: Client,
) -> None:
    call_command("demo", password="a-demo-password-for-tests", stdout=StringIO())
    closed, open_ = Round.objects.order_by("opened_on")
    assert not closed.is_open and open_.is_open
    submitted = ResponseStatus.SUBMITTED
    assert closed.responses.filter(status=submitted).count() == 4
    assert open_.responses.filter(status=submitted).count() == 2
    assert closed.actions.count() == 2
    client.force_login(User.objects.get(username="analyst"))
    assert client.get(reverse("families:home"))["Location"] == reverse("dashboards:index")
