"""What each kind of prepared file is made from, and how handing it over is audited.

A builder runs in the worker as the person who asked: it checks again that they may have
it (the family's access rule, their role) before it reads anything, and audits what it
made as the page's download did; handing the file over is audited again
(``services.prepared_file_open``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.downloads.models import PreparedKind

PDF = "application/pdf"


@dataclass(frozen=True)
class Built:
    content: bytes
    file_name: str
    """A kind and a date, never a person's name."""
    content_type: str = PDF


class Builder(Protocol):
    def __call__(self, *, user: User, params: dict[str, Any]) -> Built: ...


def _partnership_report(*, user: User, params: dict[str, Any]) -> Built:
    from righthelp.audit.models import Action
    from righthelp.audit.services import audit
    from righthelp.dashboards.report import partnership_report_pdf, report_audit_detail

    built = Built(
        partnership_report_pdf(user=user, params=params),
        f"partnership-report-{timezone.localdate():%Y-%m-%d}.pdf",
    )
    audit(
        actor=user,
        action=Action.EXPORTED,
        record_type="partnership_report",
        record_id=user.partnership.pk if user.partnership else "",
        detail={**report_audit_detail(), "period": [params["start"], params["end"]]},
    )
    return built


def _subject_access_record(*, user: User, params: dict[str, Any]) -> Built:
    from righthelp.documents.pdf import render_pdf
    from righthelp.families.access import family_and_record
    from righthelp.subject_access.models import SubjectAccessRequest
    from righthelp.subject_access.selectors import subject_access_record
    from righthelp.subject_access.services import subject_access_record_produce

    family, access_request = family_and_record(
        user,
        UUID(params["family_id"]),
        SubjectAccessRequest.objects.select_related("person", "family__partnership"),
        UUID(params["record_id"]),
        looking_at="subject_access_request",
    )
    record = subject_access_record(access_request)
    subject_access_record_produce(record=record, by=user, as_format="pdf")
    return Built(
        render_pdf("subject_access/record.html", {"family": family, "record": record}),
        f"subject-access-record-{timezone.localdate():%Y-%m-%d}.pdf",
    )


def _audit_log(*, user: User, params: dict[str, Any]) -> Built:
    import io

    from django.core.exceptions import PermissionDenied

    from righthelp.audit.access import may_search_log
    from righthelp.audit.models import Action
    from righthelp.audit.selectors import audit_filter_from, events_matching, write_csv
    from righthelp.audit.services import audit

    if not may_search_log(user):
        raise PermissionDenied("The audit log is for administrators.")
    # An administrator's own partnership's log; the installation's superusers all of it.
    partnership = None if user.is_superuser or user.partnership is None else user.partnership
    wanted = audit_filter_from(params, partnership.pk if partnership else None)
    buffer = io.StringIO()
    write_csv(events_matching(wanted), buffer)
    audit(
        actor=user,
        action=Action.EXPORTED,
        record_type="audit_export",
        detail={
            "actor": wanted.actor_id,
            "action": wanted.action.value if wanted.action else None,
            "since": wanted.since.isoformat() if wanted.since else None,
            "until": wanted.until.isoformat() if wanted.until else None,
        },
    )
    return Built(
        buffer.getvalue().encode(),
        f"audit-log-{timezone.localdate():%Y-%m-%d}.csv",
        "text/csv; charset=utf-8",
    )


BUILDERS: dict[PreparedKind, Builder] = {
    PreparedKind.PARTNERSHIP_REPORT: _partnership_report,
    PreparedKind.SUBJECT_ACCESS_RECORD: _subject_access_record,
    PreparedKind.AUDIT_LOG: _audit_log,
}
