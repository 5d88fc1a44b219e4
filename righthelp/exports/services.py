"""Exporting a table: suppressed for its audience, written, and audited in one step.

Every export goes through ``export_table`` so that none escapes the audit log or the
small-number rule. The audit detail names the table, the format and the audience; it
never holds a figure or anyone's personal data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.exports.disclosure import Audience, audience_note, for_audience
from righthelp.exports.tables import Table
from righthelp.exports.writers import CSV_TYPE, XLSX_TYPE, write_csv, write_xlsx


class Format(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        response["Cache-Control"] = "no-store"
        return response


@transaction.atomic
def export_table(
    *,
    by: User,
    table: Table,
    file_format: Format,
    audience: Audience,
    threshold: int,
    notes: Sequence[str] = (),
    record_type: str,
    detail: Mapping[str, Any] | None = None,
) -> ExportFile:
    today = timezone.localdate()
    shown = for_audience(table, audience, threshold)
    all_notes = [audience_note(audience, threshold), *notes]
    if file_format is Format.CSV:
        content, content_type = write_csv(shown, notes=all_notes, made_on=today), CSV_TYPE
    else:
        content, content_type = write_xlsx(shown, notes=all_notes, made_on=today), XLSX_TYPE
    audit(
        actor=by,
        action=Action.EXPORTED,
        record_type=record_type,
        record_id=table.key,
        detail={
            "table": table.key,
            "format": file_format.value,
            "audience": audience.value,
            **(detail or {}),
        },
    )
    return ExportFile(
        content=content,
        content_type=content_type,
        filename=f"{table.key}-{audience.value}-{today:%Y-%m-%d}.{file_format.value}",
    )
