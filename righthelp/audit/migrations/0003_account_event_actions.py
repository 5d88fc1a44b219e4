"""Two more actions: a failed sign-in and a deletion made in the admin screens.

SQLite changes a check constraint by rebuilding the table, which drops its triggers; the
append-only triggers of 0003_hash_chain_no_purge_path are made again after it. (PostgreSQL keeps them.)
"""

from django.conf import settings
from django.db import migrations, models


def triggers_again(apps, schema_editor):  # type: ignore[no-untyped-def]
    """The append-only triggers of 0003_hash_chain_no_purge_path (no purge path), as they
    are after that migration: this one runs after it."""
    from importlib import import_module

    if schema_editor.connection.vendor == "sqlite":
        chain = import_module("righthelp.audit.migrations.0003_hash_chain_no_purge_path")
        for statement in chain.SQLITE:
            schema_editor.execute(
                statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS")
            )


class Migration(migrations.Migration):
    dependencies = [
        # After the hash chain, whose triggers (without the purge path) are made again here.
        ("audit", "0003_hash_chain_no_purge_path"),
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
