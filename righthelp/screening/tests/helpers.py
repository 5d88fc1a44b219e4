"""Helpers for the screening tests: post the two pages of a new screening as alice would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.core.exploitation_bands import SeenCounts
from righthelp.families.models import Family, Person
from righthelp.screening.models import Screening
from righthelp.screening.services import screening_record


def details(
    person: Person,
    *,
    score: Any = 7,
    counts: tuple[Any, Any, Any] = (3, 1, 0),
    on: dt.date | None = None,
) -> dict[str, Any]:
    day = on or timezone.localdate()
    return {
        "person": str(person.pk),
        "screened_on_0": str(day.day),
        "screened_on_1": str(day.month),
        "screened_on_2": str(day.year),
        "score": str(score),
        "vulnerabilities": str(counts[0]),
        "risk_indicators": str(counts[1]),
        "significant_risk_indicators": str(counts[2]),
    }


def new_url(family: Family) -> str:
    return reverse("screening:new", args=[family.pk])


def record_through_pages(
    client: Client,
    family: Family,
    person: Person,
    decision: str = "Safety plan with school.",
    **answers: Any,
) -> Any:
    data = details(person, **answers)
    client.post(new_url(family), {**data, "step": "details"})
    return client.post(new_url(family), {**data, "step": "decision", "decision": decision})


def make_screening(
    family: Family,
    by: User,
    person: Person,
    *,
    score: int = 7,
    counts: tuple[int, int, int] = (3, 1, 0),
    on: dt.date | None = None,
    decision: str = "Discussed with the school's safeguarding lead.",
) -> Screening:
    return screening_record(
        family=family,
        by=by,
        person=person,
        screened_on=on or timezone.localdate(),
        score=score,
        counts=SeenCounts(*counts),
        decision=decision,
    )
