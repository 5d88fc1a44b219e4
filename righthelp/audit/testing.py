"""Test-suite support: letting a flush between browser tests empty the audit log."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection


def _override(active: bool) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_purge_override")
        if active:
            cursor.execute("INSERT INTO audit_purge_override (reason) VALUES ('test suite flush')")


@pytest.fixture
def audit_purge_allowed_at_teardown(transactional_db: None) -> Iterator[None]:
    """Requested by transactional tests: the flush after them may delete audit events."""
    _override(False)
    yield
    _override(True)
