"""Two more actions: a failed sign-in and a deletion made in the admin screens.

SQLite changes a check constraint by rebuilding the table, which drops its triggers; the
append-only triggers of 0002 are made again after it. (PostgreSQL keeps them.)
"""

from django.conf import settings
from django.db import migrations, models

SQLITE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_auditevent
       WHEN NOT EXISTS (SELECT 1 FROM audit_purge_override)
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
]


def triggers_again(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_triggers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="auditevent",
            name="audit_action_valid",
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("viewed", "Viewed"),
                    ("created", "Created"),
                    ("changed", "Changed"),
                    ("exported", "Exported"),
                    ("refused", "Refused access"),
                    ("broke_glass", "Emergency access"),
                    ("signed_in", "Signed in"),
                    ("signed_out", "Signed out"),
                    ("sign_in_failed", "Sign-in failed"),
                    ("deleted", "Deleted"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "action__in",
                        [
                            "viewed",
                            "created",
                            "changed",
                            "exported",
                            "refused",
                            "broke_glass",
                            "signed_in",
                            "signed_out",
                            "sign_in_failed",
                            "deleted",
                        ],
                    )
                ),
                name="audit_action_valid",
            ),
        ),
        migrations.RunPython(triggers_again, triggers_again),
    ]
