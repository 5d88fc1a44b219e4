from __future__ import annotations

import datetime as dt
from html import unescape

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from righthelp.conftest import Cast
from righthelp.disagreements.models import Disagreement
from righthelp.partnerships.models import Agency


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


def test_a_disagreement_is_escalated_stage_by_stage_and_resolved(
    client: Client, cast: Cast
) -> None:
    client.force_login(cast.alice)
    police = Agency.objects.create(partnership=cast.family.partnership, name="Police")
    services = Agency.objects.get(name="Children's Services")
    today = timezone.localdate()
    one_agency = client.post(
        reverse("disagreements:new", args=[cast.family.pk]),
        {"agencies": [police.pk], "about": "Threshold", **_date("raised_on", today)},
    )
    assert "at least two" in unescape(one_agency.content.decode())
    client.post(
        reverse("disagreements:new", args=[cast.family.pk]),
        {
            "agencies": [police.pk, services.pk],
            "about": "Whether Tom meets the threshold for social care",
            **_date("raised_on", today),
        },
    )
    item = Disagreement.objects.get()
    url = reverse("disagreements:detail", args=[cast.family.pk, item.pk])
    page = unescape(client.get(url).content.decode())
    assert "Escalate to Stage 1" in page and "does not list the stages" in page
    for version, to in ((1, "Team managers"), (2, "Heads of service")):
        step = {"form": "escalate", "version": version, **_date("on", today), "escalated_to": to}
        client.post(url, step)
    assert list(item.steps.values_list("stage", "stage_title")) == [(1, "Stage 1"), (2, "Stage 2")]
    missing = client.post(url, {"form": "resolve", **_date("on", today)})
    assert "Enter the outcome" in unescape(missing.content.decode())
    client.post(
        url, {"form": "resolve", **_date("on", today), "outcome": "Agreed a strategy discussion."}
    )
    item.refresh_from_db()
    assert item.resolved_on == today


def test_two_people_resolving_at_once_the_second_is_told_not_written_over(cast: Cast) -> None:
    from django.core.exceptions import ValidationError

    from righthelp.disagreements.services import disagreement_raise, disagreement_resolve

    police = Agency.objects.create(partnership=cast.family.partnership, name="Police")
    services = Agency.objects.get(name="Children's Services")
    today = timezone.localdate()
    item = disagreement_raise(
        family=cast.family,
        by=cast.alice,
        about="Threshold",
        raised_on=today,
        agencies=[police, services],
    )
    opened_by_bob = Disagreement.objects.get(pk=item.pk)
    disagreement_resolve(disagreement=item, by=cast.alice, on=today, outcome="Alice's outcome")
    try:
        disagreement_resolve(
            disagreement=opened_by_bob, by=cast.bob, on=today, outcome="Bob's outcome"
        )
    except ValidationError as error:
        assert "Someone else recorded this disagreement as resolved" in str(error)
    else:
        raise AssertionError("the second resolution was written")
    item.refresh_from_db()
    assert item.outcome == "Alice's outcome"
