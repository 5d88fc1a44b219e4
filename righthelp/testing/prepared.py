"""Test helper: ask for a prepared download through its page, run the worker's build, and
fetch the file, as a person would (minus the wait)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse


def fetch_prepared(client: Client, url: str, query: dict[str, Any] | None = None) -> Any:
    """POST ``url`` (a page that asks for a prepared file); if it went to the file's page,
    prepare the file as the worker would and return the download's response. Otherwise the
    POST's own response (a refusal, a redirect to decide first)."""
    from righthelp.downloads.models import PreparedFile
    from righthelp.downloads.services import prepared_file_build

    asked = client.post(url + (f"?{urlencode(query)}" if query else ""))
    status_prefix = reverse("downloads:status", args=["00000000-0000-0000-0000-000000000000"])[
        : -len("00000000-0000-0000-0000-000000000000/")
    ]
    if asked.status_code != 302 or not asked["Location"].startswith(status_prefix):
        return asked
    prepared = PreparedFile.objects.get(pk=asked["Location"][len(status_prefix) :].strip("/"))
    prepared_file_build(file_id=prepared.pk)
    return client.get(reverse("downloads:file", args=[prepared.pk]))
