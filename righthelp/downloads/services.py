"""Writes for prepared downloads: ask for one (queued for the worker), prepare it (in the
worker), hand it over (to the person who asked, audited), delete it after its time.

What each kind is made from is ``builders.BUILDERS``; each builder checks again, as the
person who asked, that they may have it, so a role taken away meanwhile is respected.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from righthelp.accounts.models import User
from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.downloads.models import PreparedFile, PreparedKind, PreparedStatus

logger = logging.getLogger(__name__)


def storage_dir() -> Path:
    """Where prepared files wait: ``prepared/`` in the data directory, readable only by us."""
    folder = Path(settings.RIGHTHELP_PREPARED_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def stored_path(prepared: PreparedFile) -> Path:
    return storage_dir() / f"{prepared.pk}.bin"


def keep_for() -> dt.timedelta:
    return dt.timedelta(hours=settings.RIGHTHELP_PREPARED_FILE_HOURS)


@transaction.atomic
def prepared_file_request(
    *,
    by: User,
    kind: PreparedKind,
    params: dict[str, Any],
    family_id: UUID | None = None,
    return_to: str = "",
) -> PreparedFile:
    """Ask for a file; the worker prepares it. ``params`` hold ids and dates only."""
    from righthelp.downloads.tasks import prepare_file

    prepared = PreparedFile.objects.create(
        requested_by=by, kind=kind, params=params, family_id=family_id, return_to=return_to
    )
    audit(
        actor=by,
        action=Action.CREATED,
        record_type="prepared_file",
        record_id=prepared.pk,
        family_id=family_id,
        detail={"kind": kind.value},
    )
    transaction.on_commit(lambda: prepare_file.enqueue(str(prepared.pk)))
    return prepared


def prepared_file_build(*, file_id: UUID) -> PreparedStatus:
    """Prepare one file (in the worker). A failure is recorded by its kind of error."""
    from righthelp.downloads.builders import BUILDERS

    prepared = PreparedFile.objects.select_related("requested_by").get(pk=file_id)
    if prepared.status != PreparedStatus.WAITING:
        return PreparedStatus(prepared.status)
    builder = BUILDERS[PreparedKind(prepared.kind)]
    try:
        built = builder(user=prepared.requested_by, params=prepared.params)
    except Exception as error:
        logger.warning("prepared file %s failed: %s", prepared.pk, type(error).__name__)
        PreparedFile.objects.filter(pk=prepared.pk).update(
            status=PreparedStatus.FAILED, error=type(error).__name__[:200]
        )
        return PreparedStatus.FAILED
    path = stored_path(prepared)
    path.write_bytes(built.content)
    path.chmod(0o600)
    now = timezone.now()
    PreparedFile.objects.filter(pk=prepared.pk).update(
        status=PreparedStatus.READY,
        file_name=built.file_name,
        content_type=built.content_type,
        size=len(built.content),
        ready_at=now,
        expires_at=now + keep_for(),
    )
    return PreparedStatus.READY


def prepared_file_open(*, prepared: PreparedFile, by: User) -> bytes | None:
    """The file's content for the person who asked (access is ``access.prepared_file_for``),
    audited as the export it is; None when it is not ready or its time is up."""
    if prepared.status != PreparedStatus.READY or (
        prepared.expires_at is not None and prepared.expires_at <= timezone.now()
    ):
        return None
    path = stored_path(prepared)
    if not path.exists():
        return None
    audit(
        actor=by,
        action=Action.EXPORTED,
        record_type="prepared_file",
        record_id=prepared.pk,
        family_id=prepared.family_id,
        detail={"kind": prepared.kind, "size": prepared.size},
    )
    return path.read_bytes()


def prepared_files_delete_expired(now: dt.datetime | None = None) -> int:
    """Delete every prepared file whose time is up (the worker runs this); how many."""
    moment = now or timezone.now()
    expired = list(PreparedFile.objects.filter(status=PreparedStatus.READY, expires_at__lte=moment))
    for prepared in expired:
        stored_path(prepared).unlink(missing_ok=True)
        PreparedFile.objects.filter(pk=prepared.pk).update(status=PreparedStatus.DELETED)
        audit(
            actor=None,
            action=Action.DELETED,
            record_type="prepared_file",
            record_id=prepared.pk,
            family_id=prepared.family_id,
            detail={"kind": prepared.kind, "after_hours": settings.RIGHTHELP_PREPARED_FILE_HOURS},
        )
    return len(expired)
