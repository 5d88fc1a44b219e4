"""The demo has screenings to look at: a trend, a low-risk safety plan, intelligence."""

from __future__ import annotations

import pytest

from righthelp.chronology.models import ChronologyEntry, EntryKind
from righthelp.screening.models import (
    IntelligenceSource,
    IntelligenceSubmission,
    PlanStatus,
    SafetyPlan,
    Screening,
)
from righthelp.testing.demo import demo_loaded

pytestmark = pytest.mark.django_db


def test_the_demo_screenings() -> None:
    demo_loaded()
    shannon = list(
        Screening.objects.filter(person__given_name="Shannon")
        .order_by("screened_on")
        .values_list("score_band", "count_band")
    )
    assert shannon == [("medium", "medium"), ("high", "high")]
    callum = Screening.objects.get(person__given_name="Callum")
    assert (callum.score_band, callum.count_band) == ("low", "low")
    plan = SafetyPlan.objects.get(screening=callum)
    assert plan.status == PlanStatus.COMPLETE and plan.safe_adult
    assert ChronologyEntry.objects.filter(kind=EntryKind.SCREENING).count() == 3
    assert ChronologyEntry.objects.filter(kind=EntryKind.SAFETY_PLAN).count() == 1
    submission = IntelligenceSubmission.objects.get()
    assert submission.family.name == "Doherty household" and not submission.is_sent
    assert IntelligenceSource.objects.filter(submission=submission).exists()
