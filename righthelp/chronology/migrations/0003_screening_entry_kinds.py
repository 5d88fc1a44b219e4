"""Chronology entries for exploitation screenings, safety plans and intelligence for the police."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("chronology", "0002_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="chronologyentry",
            name="chronology_kind_valid",
        ),
        migrations.AlterField(
            model_name="chronologyentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("note", "Entry"),
                    ("assessment", "Assessment"),
                    ("level_change", "Level of need changed"),
                    ("sign_off", "Manager sign-off"),
                    ("screening", "Exploitation screening"),
                    ("safety_plan", "Safety plan"),
                    ("intelligence", "Intelligence for the police"),
                ],
                default="note",
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="chronologyentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "note",
                            "assessment",
                            "level_change",
                            "sign_off",
                            "screening",
                            "safety_plan",
                            "intelligence",
                        ],
                    )
                ),
                name="chronology_kind_valid",
            ),
        ),
    ]
