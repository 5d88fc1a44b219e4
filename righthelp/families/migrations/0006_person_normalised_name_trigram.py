"""Search by name from one trigram index on the normalised full name.

``lower(given_name || ' ' || family_name)`` is the expression ``search.NormalisedName``
writes, so ``%`` and ``%>`` are served by this index. The two per-column indexes of
0002 could not serve the old ``GREATEST(similarity(...))`` and are dropped.
SQLite has no pg_trgm; its search has its own path.
"""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS families_person_name_trgm ON families_person "
    "USING gin ((lower(given_name || ' ' || family_name)) gin_trgm_ops)",
    "DROP INDEX IF EXISTS families_person_given_name_trgm",
    "DROP INDEX IF EXISTS families_person_family_name_trgm",
]
DROP = [
    "DROP INDEX IF EXISTS families_person_name_trgm",
    "CREATE INDEX families_person_given_name_trgm ON families_person "
    "USING gin (lower(given_name) gin_trgm_ops)",
    "CREATE INDEX families_person_family_name_trgm ON families_person "
    "USING gin (lower(family_name) gin_trgm_ops)",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("families", "0005_worker_and_search_indexes")]
    operations = [migrations.RunPython(create, drop)]
