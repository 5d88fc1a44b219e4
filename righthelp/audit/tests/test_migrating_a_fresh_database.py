"""Migrating a new database by hand (``righthelp manage migrate``), as an operator does:
Django runs the system checks before it migrates, so the audit log's trigger check
(``righthelp.E005``) must not find "missing" triggers on a database that has no audit table
yet, and the triggers put back after every migrate must not be made before the audit
migrations that make them have run (a migrate in steps then failed on "already exists")."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

# In one process, the way `righthelp manage migrate` runs each command: checks first.
MIGRATE_IN_STEPS = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", "audit", "0001", skip_checks=False, verbosity=0)
call_command("migrate", "audit", skip_checks=False, verbosity=0)
from righthelp.audit.checks import audit_log_triggers_in_place
print(audit_log_triggers_in_place(None, databases=["default"]))
"""


def test_a_new_sqlite_database_migrates_in_steps_and_ends_with_its_triggers(
    tmp_path: Path,
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the test makes its own SQLite database, whatever the suite runs on")
    database = tmp_path / "righthelp.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "righthelp.config.settings.development",
        "RIGHTHELP_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{database}",
    }
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", MIGRATE_IN_STEPS],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"  # the check finds the triggers in place
    with sqlite3.connect(database) as raw:
        triggers = raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
            ["audit_auditevent"],
        ).fetchall()
    assert sorted(name for (name,) in triggers) == [
        "audit_event_no_delete",
        "audit_event_no_update",
    ]
