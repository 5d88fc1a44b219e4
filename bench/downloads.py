"""How long each download takes, to decide which run as background jobs (issue 10).

    DATABASE_URL=postgres://... RIGHTHELP_DATA_DIR=... python -m bench.downloads

Against a database made with `righthelp demo` and `righthelp synth --families N` (it reads;
it adds audit events, a subject access request and prepared files). Each download is made
as the demo account that may have it, through the page (Django's test client, no server) or,
for the prepared ones, through the builder the worker runs; the median of 3 is printed with
the page's signed-in empty page as the floor. Not a pass/fail benchmark: the figures are in
the README, with the decision they support.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

REPEATS = 3
LONG_RECORD = 500


def _median(run: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "righthelp.config.settings.development")
    import django

    django.setup()
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from righthelp.accounts.models import User
    from righthelp.dashboards.sections import SECTIONS
    from righthelp.downloads.builders import BUILDERS
    from righthelp.downloads.models import PreparedKind
    from righthelp.families.access import families_visible_to
    from righthelp.families.models import Family, MemberKind
    from righthelp.plans.models import FamilyPlan
    from righthelp.self_assessment.models import Round
    from righthelp.subject_access.models import Requester, SubjectAccessRequest
    from righthelp.subject_access.selectors import subject_access_record
    from righthelp.subject_access.services import (
        subject_access_request_record,
        subject_access_withholding_decide,
    )

    users = {
        u.username: u for u in User.objects.filter(username__in=["manager", "analyst", "admin"])
    }
    manager, analyst = users["manager"], users["analyst"]
    clients = {}
    for user in users.values():
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        clients[user.username] = client
    print(
        f"{Family.objects.count():,} families; the manager may see "
        f"{families_visible_to(manager).count():,}"
    )
    rows: list[tuple[str, float, int]] = []

    def page(label: str, who: str, url: str) -> None:
        seconds, response = _median(lambda: clients[who].get(url))
        assert response.status_code == 200, (url, response.status_code)
        rows.append((label, seconds, len(response.content)))

    page("signed-in empty page (floor)", "analyst", reverse("signed-in"))
    from righthelp.audit.models import AuditEvent

    events = AuditEvent.objects.count()
    seconds, built = _median(
        lambda: BUILDERS[PreparedKind.AUDIT_LOG](user=users["admin"], params={})
    )
    rows.append((f"audit log CSV, every event ({events:,}) (job)", seconds, len(built.content)))
    period = "?start_0=1&start_1=12&start_2=2025&end_0=30&end_1=11&end_2=2026"
    for who in ("analyst", "manager"):
        for section in SECTIONS:
            for fmt in ("csv", "xlsx"):
                page(
                    f"dashboard {section.key}.{fmt} ({who})",
                    who,
                    reverse("dashboards:export", args=[section.key, fmt]) + period,
                )
    round_ = Round.objects.filter(partnership=analyst.partnership).first()
    if round_ is not None:
        for key in ("self-assessment-heatmap", "self-assessment-action-plan"):
            try:
                url = reverse("self_assessment:export", args=[round_.pk, key, "xlsx"])
            except Exception:  # noqa: S112 - a table this round does not have
                continue
            response = clients["analyst"].get(url)
            if response.status_code == 200:
                page(f"self-assessment {key}.xlsx", "analyst", url)

    # The family with the longest record the manager may see: its plan PDFs and its
    # subject access record.
    biggest = (
        families_visible_to(manager)
        .annotate(entries=Count("chronology"))
        .order_by("-entries")
        .first()
    )
    assert biggest is not None
    plan = FamilyPlan.objects.filter(family=biggest).first()
    if plan is not None:
        page(
            "family plan PDF (longest record)",
            "manager",
            reverse("plans:pdf", args=[biggest.pk, plan.pk]),
        )
        page(
            "family's copy of the plan PDF",
            "manager",
            reverse("plans:family-pdf", args=[biggest.pk, plan.pk]),
        )

    report = {"start": "2025-12-01", "end": "2026-11-30"}
    seconds, built = _median(
        lambda: BUILDERS[PreparedKind.PARTNERSHIP_REPORT](user=analyst, params=report)
    )
    rows.append(("partnership report PDF (job)", seconds, len(built.content)))

    person = biggest.members.filter(kind=MemberKind.CHILD).first() or biggest.members.first()
    request = SubjectAccessRequest.objects.filter(family=biggest).first() or (
        subject_access_request_record(
            family=biggest,
            by=manager,
            person=person,  # type: ignore[arg-type]
            received_on=timezone.localdate(),
            requester=Requester.THE_PERSON,
        )
    )
    for item in subject_access_record(request).to_decide:
        subject_access_withholding_decide(
            request=request,
            by=manager,
            kind=item.kind,  # type: ignore[arg-type]
            record_id=item.record_id,
            withhold=True,
            reason="Measuring",
        )
    params = {"family_id": str(biggest.pk), "record_id": str(request.pk)}
    seconds, built = _median(
        lambda: BUILDERS[PreparedKind.SUBJECT_ACCESS_RECORD](user=manager, params=params)
    )
    entries = getattr(biggest, "entries", 0)
    rows.append(
        (f"subject access record PDF (job; {entries} entries)", seconds, len(built.content))
    )

    # A family known to services for years: the same record with LONG_RECORD more entries.
    from righthelp.chronology.models import ChronologyEntry, EntryKind, Significance

    ChronologyEntry.objects.bulk_create(
        [
            ChronologyEntry(
                family=biggest,
                occurred_on=timezone.localdate() - dt.timedelta(days=n),
                what_happened=f"Home visit {n}: " + "talked about school and home. " * 8,
                significance=Significance.MEDIUM,
                person=person,
                kind=EntryKind.NOTE,
                recorded_by=manager,
            )
            for n in range(LONG_RECORD)
        ]
    )
    seconds, built = _median(
        lambda: BUILDERS[PreparedKind.SUBJECT_ACCESS_RECORD](user=manager, params=params)
    )
    rows.append(
        (
            f"subject access record PDF (job; {entries + LONG_RECORD} entries)",
            seconds,
            len(built.content),
        )
    )
    ChronologyEntry.objects.filter(family=biggest, what_happened__startswith="Home visit ").delete()

    width = max(len(label) for label, _, _ in rows)
    print(f"{'download':<{width}} {'median s':>9} {'bytes':>10}")
    for label, seconds, size in rows:
        print(f"{label:<{width}} {seconds:>9.3f} {size:>10,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
