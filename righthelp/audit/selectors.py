"""Reading the audit log: who looked at or changed what, and when.

The log holds ids, field names and reasons, never personal data (``services.audit``), so
what is read here can be shown to the people entitled to see it without showing a case.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, TextIO
from uuid import UUID

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone

from righthelp.audit.chain_key import chain_key
from righthelp.audit.models import Action, AuditEvent
from righthelp.core.audit_chain import ChainEvent, ChainReport, first_broken_link
from righthelp.exports.disclosure import neutralised

# Names for the kinds of record the product writes, as a reader would say them.
RECORD_NAMES = {
    "family_overview": "Family overview",
    "family_details": "Family details",
    "family_members": "People in the family",
    "family_workers": "Practitioners working with the family",
    "family": "Family",
    "person": "Person",
    "relationship": "Relationship",
    "assessment": "Threshold assessment",
    "chronology": "Chronology",
    "chronology_print": "Chronology (printed)",
    "chronology_entry": "Chronology entry",
    "family_plan": "Family plan",
    "family_plan_print": "Family plan (printed)",
    "family_plan_document": "Family plan (PDF)",
    "referral": "Request for service",
    "referrals": "Requests for service",
    "information_sharing": "Information-sharing log",
    "information_share": "Information shared",
    "disagreements": "Professional disagreements",
    "disagreement": "Professional disagreement",
    "screenings": "Exploitation screenings",
    "screening": "Exploitation screening",
    "safety_plan": "Safety plan",
    "safety_plan_document": "Safety plan (PDF)",
    "intelligence": "Intelligence for the police",
    "intelligence_document": "Intelligence for the police (PDF)",
    "intelligence_source": "Source of intelligence",
    "subject_access_request": "Subject access request",
    "access_log": "Record of access",
    "api_token": "API token",
    "account": "Account",
    "password": "Password",
    "password_reset": "Password reset",
    "dashboard_export": "Dashboard download",
    "dashboard_api": "Dashboard figure (API)",
    "partnership_report": "Partnership report",
    "self_assessment_export": "Self-assessment download",
    "self_assessment_round": "Self-assessment round",
    "audit_export": "Audit log download",
}


def record_name(record_type: str) -> str:
    return RECORD_NAMES.get(record_type, record_type.replace("_", " ").capitalize())


@dataclass(frozen=True)
class AuditFilter:
    actor_id: int | None = None
    action: Action | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    family_id: UUID | None = None
    partnership_id: int | None = None
    """Events of this partnership's people or about its families; None for every event."""


def audit_filter_params(wanted: AuditFilter) -> dict[str, Any]:
    """A search as ids and dates, for a prepared download (the partnership is not kept: the
    worker takes it from the administrator again)."""
    return {
        "actor_id": wanted.actor_id,
        "action": wanted.action.value if wanted.action else None,
        "since": wanted.since.isoformat() if wanted.since else None,
        "until": wanted.until.isoformat() if wanted.until else None,
    }


def audit_filter_from(params: dict[str, Any], partnership_id: int | None) -> AuditFilter:
    return AuditFilter(
        actor_id=params.get("actor_id"),
        action=Action(params["action"]) if params.get("action") else None,
        since=dt.date.fromisoformat(params["since"]) if params.get("since") else None,
        until=dt.date.fromisoformat(params["until"]) if params.get("until") else None,
        partnership_id=partnership_id,
    )


def events_for_family(family_id: UUID) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(family_id=family_id).select_related("actor__team__agency")


def events_matching(wanted: AuditFilter) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("actor__team__agency")
    if wanted.actor_id is not None:
        events = events.filter(actor_id=wanted.actor_id)
    if wanted.action is not None:
        events = events.filter(action=wanted.action)
    if wanted.since is not None:
        events = events.filter(at__date__gte=wanted.since)
    if wanted.until is not None:
        events = events.filter(at__date__lte=wanted.until)
    if wanted.family_id is not None:
        events = events.filter(family_id=wanted.family_id)
    if wanted.partnership_id is not None:
        families = apps.get_model("families", "Family").objects.filter(
            partnership_id=wanted.partnership_id
        )
        events = events.filter(
            Q(actor__team__agency__partnership_id=wanted.partnership_id)
            | Q(family_id__in=families.values("pk"))
            # Account events with no one signed in (a failed sign-in, a password reset) are
            # held against the partnership of the account they name.
            | Q(actor__isnull=True, detail__partnership=wanted.partnership_id)
        )
    return events


ACCOUNT_RECORDS = ("account", "password", "password_reset")


def name_accounts(events: list[AuditEvent]) -> None:
    """Give each event made with no one signed in (a failed sign-in, a password reset) the
    name of the account it is about, as ``account_name``: one query for the page."""
    wanted = {
        e.record_id
        for e in events
        if e.actor_id is None and e.record_type in ACCOUNT_RECORDS and e.record_id.isdigit()
    }
    User = apps.get_model("accounts", "User")
    names = {str(user.pk): user.display_name for user in User.objects.filter(pk__in=wanted)}
    for event in events:
        event.account_name = names.get(event.record_id, "")  # type: ignore[attr-defined]


ROW_FIELDS = ("at", "who", "team", "action", "record", "record_id", "family_id", "detail")


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_CODE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _when_said(text: str) -> str | None:
    """An ISO date or moment as a reader would say it ('30 Nov 2026, 04:29'), local time."""
    try:
        if _ISO_MOMENT.match(text):
            moment = dt.datetime.fromisoformat(text)
            if moment.tzinfo is not None:
                moment = timezone.localtime(moment)
            return f"{moment.day} {moment:%b %Y, %H:%M}"
        if _ISO_DAY.match(text):
            day = dt.date.fromisoformat(text)
            return f"{day.day} {day:%b %Y}"
    except ValueError:
        return None
    return None


def _said(value: object) -> str:
    """A value in words: yes/no, lists joined, codes like consent_refused as words."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_said(item) for item in value) or "none"
    if isinstance(value, dict):
        return "; ".join(f"{_said(k)} {_said(v)}" for k, v in value.items()) or "none"
    text = str(value)
    when = _when_said(text)
    if when is not None:
        return when
    return text.replace("_", " ") if _CODE.match(text) else text


# Kept for choosing whose log an event is in; the page already shows it.
_NOT_SHOWN = {"partnership"}


def detail_lines(detail: dict[str, object]) -> list[str]:
    """An event's detail as a reader would say it: 'With consent: no', 'Fields: given
    name, date of birth'. Record ids are left out: the row already names the record."""
    return [
        f"{key.replace('_', ' ').capitalize()}: {_said(value)}"
        for key, value in detail.items()
        if not (isinstance(value, str) and _UUID.match(value)) and key not in _NOT_SHOWN
    ]


def as_row(event: AuditEvent) -> dict[str, str]:
    """One event as plain text, for a CSV or the command line."""
    actor = event.actor
    return {
        "at": event.at.isoformat(),
        "who": actor.username if actor is not None else "(the system)",
        "team": str(actor.team) if actor is not None and actor.team is not None else "",
        "action": event.get_action_display(),
        "record": record_name(event.record_type),
        "record_id": event.record_id,
        "family_id": str(event.family_id or ""),
        "detail": "; ".join(detail_lines(event.detail)),
    }


def write_csv(events: QuerySet[AuditEvent], out: TextIO) -> None:
    """Events as CSV, a row each, with cells a spreadsheet would run as formulas
    neutralised."""
    writer = csv.DictWriter(out, fieldnames=ROW_FIELDS)
    writer.writeheader()
    for event in events.iterator(chunk_size=2000):
        writer.writerow({key: neutralised(value) for key, value in as_row(event).items()})


def chain_report(using: str = "default") -> ChainReport:
    """Walk the whole log in the order it was written and check every link of its chain."""
    events = AuditEvent.objects.using(using).order_by("id").iterator(chunk_size=5000)
    return first_broken_link((as_chain_event(event) for event in events), chain_key())


def as_chain_event(event: AuditEvent) -> ChainEvent:
    return ChainEvent(
        id=event.pk or 0,
        at=event.at,
        actor_id=event.actor_id,
        action=str(event.action),
        record_type=event.record_type,
        record_id=event.record_id,
        family_id=str(event.family_id) if event.family_id else None,
        detail=event.detail,
        hash=event.hash,
    )
