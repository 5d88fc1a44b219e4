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
        ("families", "0008_pending_by_partnership"),
        ("partnerships", "0002_team_front_door"),
        ("assessments", "0006_completed_level_index"),
        ("plans", "0003_worklist_indexes"),
        ("referrals", "0002_consent_refused_approvers_and_undue_delay"),
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
        migrations.CreateModel(
            name="PlanDueTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("review", "Open plans by agreed review date"),
                            ("action", "Open actions of open plans by due date"),
                        ],
                        max_length=10,
                    ),
                ),
                ("day", models.DateField()),
                ("due", models.IntegerField(default=0)),
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
                        fields=("partnership", "kind", "day"), name="plan_due_tally_key"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ReferralTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField()),
                ("route", models.CharField(max_length=30)),
                ("consent_route", models.CharField(max_length=30)),
                ("sent", models.IntegerField(default=0)),
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
                        fields=("partnership", "day", "route", "consent_route"),
                        name="referral_tally_key",
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
