"""The dashboards' kept tallies (ADR 0054), counted from the family rows and completed
assessments as they stand."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def fill(apps: Any, schema_editor: Any) -> None:
    # The rebuild is the code's own (three statements on PostgreSQL): the tables are the
    # ones this migration made, and the rule is the one the writes keep.
    from righthelp.dashboards.tallies import tallies_rebuild

    partnership_model = apps.get_model("partnerships", "Partnership")
    tallies_rebuild(list(partnership_model.objects.values_list("pk", flat=True)))


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("families", "0007_current_outcomes"),
        ("partnerships", "0002_team_front_door"),
        ("assessments", "0006_completed_level_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="LevelChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField()),
                ("from_level", models.PositiveSmallIntegerField()),
                ("to_level", models.PositiveSmallIntegerField()),
                (
                    "family",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="families.family",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="FamilyTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("current_level", models.PositiveSmallIntegerField()),
                ("current_outcomes", models.BigIntegerField()),
                ("families", models.IntegerField(default=0)),
                (
                    "partnership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="partnerships.partnership",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("partnership", "current_level", "current_outcomes"),
                        name="family_tally_key",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="MovementTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField()),
                ("from_level", models.PositiveSmallIntegerField()),
                ("to_level", models.PositiveSmallIntegerField()),
                ("current_level", models.PositiveSmallIntegerField()),
                ("changes", models.IntegerField(default=0)),
                (
                    "partnership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="partnerships.partnership",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("partnership", "day", "from_level", "to_level", "current_level"),
                        name="movement_tally_key",
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
