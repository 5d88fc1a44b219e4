"""Saving a record only if nobody saved it since the editor opened it.

Every editable record has a ``version`` that each save increases. A save names the
version it started from; if the record has moved on, nothing is written and the caller
shows both versions. Never a silent overwrite.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Model


def save_if_unchanged(
    model: type[Model],
    pk: Any,
    expected_version: int | None,
    *,
    where: dict[str, Any] | None = None,
    **values: Any,
) -> bool:
    """Write ``values`` and bump the version, if the record is still at ``expected_version``
    (any version when None) and matches ``where``. True when written."""
    conditions: dict[str, Any] = {"pk": pk, **(where or {})}
    if expected_version is not None:
        conditions["version"] = expected_version
    return bool(
        model._default_manager.filter(**conditions).update(**values, version=F("version") + 1)
    )


class StaleEdit(Exception):
    """Someone saved the record after this edit began. ``current`` is what they saved (None
    when it is gone), for the page to show beside what was typed."""

    def __init__(self, current: Any) -> None:
        super().__init__("Someone else saved this after you opened the page.")
        self.current = current
