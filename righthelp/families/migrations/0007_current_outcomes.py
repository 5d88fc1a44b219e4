"""The outcome areas of each family's latest completed assessment, kept on the family row
(ADR 0045), filled in from the findings of the assessment completed when the family's
current level was set."""

from typing import Any

from django.db import migrations, models

FILL_POSTGRESQL = """
UPDATE families_family AS f SET current_outcomes = found.bits
FROM (
    SELECT a.family_id, bit_or(1::bigint << finding.outcome_number) AS bits
    FROM assessments_assessment AS a
    JOIN families_family AS family ON family.id = a.family_id
    JOIN assessments_indicatorfinding AS finding ON finding.assessment_id = a.id
    WHERE a.status = 'completed' AND a.completed_at = family.current_level_at
    GROUP BY a.family_id
) AS found
WHERE f.id = found.family_id
"""


def fill(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL_POSTGRESQL)
        return
    family_model = apps.get_model("families", "Family")
    finding_model = apps.get_model("assessments", "IndicatorFinding")
    for family_id, at in family_model.objects.filter(current_level_at__isnull=False).values_list(
        "id", "current_level_at"
    ):
        bits = 0
        for number in (
            finding_model.objects.filter(
                assessment__family_id=family_id,
                assessment__status="completed",
                assessment__completed_at=at,
            )
            .values_list("outcome_number", flat=True)
            .distinct()
        ):
            bits |= 1 << number
        family_model.objects.filter(pk=family_id).update(current_outcomes=bits)


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0006_person_normalised_name_trigram"),
        ("assessments", "0006_completed_level_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="family",
            name="current_outcomes",
            field=models.BigIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
