"""Typo-tolerant search on PostgreSQL: the pg_trgm extension and trigram indexes on names.

SQLite has neither; the search selector has its own path there.
"""

from django.db import migrations

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX families_person_given_name_trgm ON families_person "
    "USING gin (lower(given_name) gin_trgm_ops)",
    "CREATE INDEX families_person_family_name_trgm ON families_person "
    "USING gin (lower(family_name) gin_trgm_ops)",
]
DROP = [
    "DROP INDEX families_person_given_name_trgm",
    "DROP INDEX families_person_family_name_trgm",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("families", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
