"""Who may see a prepared file: only the person who asked for it. Every look and every
refusal is audited; another person's file is not found, as if it did not exist."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.downloads.models import PreparedFile


def prepared_file_for(user: User, file_id: UUID, *, looking_at: str) -> PreparedFile:
    prepared = PreparedFile.objects.filter(pk=file_id).first()
    if prepared is None or prepared.requested_by_id != user.pk:
        audit(
            actor=user,
            action=Action.REFUSED,
            record_type="prepared_file",
            record_id=file_id,
            family_id=prepared.family_id if prepared else None,
            detail={"looking_at": looking_at},
        )
        raise Http404("No such file")
    return prepared
