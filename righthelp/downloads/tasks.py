"""The jobs: prepare a file, and delete it when its time is up."""

from __future__ import annotations

from uuid import UUID

from django_tasks import default_task_backend, task

from righthelp.downloads.models import PreparedFile, PreparedStatus
from righthelp.downloads.services import prepared_file_build, prepared_files_delete_expired


@task()
def prepare_file(file_id: str) -> str:
    status = prepared_file_build(file_id=UUID(file_id))
    if status == PreparedStatus.READY and default_task_backend.supports_defer:
        expires_at = PreparedFile.objects.values_list("expires_at", flat=True).get(pk=file_id)
        delete_expired_files.using(run_after=expires_at).enqueue()
    return status.value


@task()
def delete_expired_files() -> int:
    return prepared_files_delete_expired()
