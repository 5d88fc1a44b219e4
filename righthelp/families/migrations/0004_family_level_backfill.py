"""Fill the kept family level from the assessments already recorded (one UPDATE)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def backfill(apps, schema_editor):
    Family = apps.get_model("families", "Family")
    Assessment = apps.get_model("assessments", "Assessment")
    latest = Assessment.objects.filter(family=OuterRef("pk"), status="completed").order_by(
        "-completed_at"
    )
    waiting = Assessment.objects.filter(family=OuterRef("pk"), status="awaiting_signoff").order_by(
        "submitted_at"
    )
    Family.objects.update(
        current_level=Subquery(latest.values("final_level")[:1]),
        current_level_pack=Coalesce(Subquery(latest.values("pack_id")[:1]), Value("")),
        current_level_at=Subquery(latest.values("completed_at")[:1]),
        pending_level=Subquery(waiting.values("final_level")[:1]),
        pending_since=Subquery(waiting.values("submitted_at")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("families", "0003_family_level_kept_on_write"),
        ("assessments", "0003_family_status_index"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
