"""The audit log becomes a hash chain, and its triggers lose their way round.

Migration 0002's triggers let a row in ``audit_purge_override`` turn deletes off; that table
existed in every database, so whoever owned it could empty the log. Here the triggers are
made again with no exception and the table is dropped: in a deployment nothing can delete
or change an audit event short of dropping the triggers as the table's owner (and the
application's own role is not the owner: see ``righthelp db roles``). The test suite puts
its own purge path into its throwaway database (``righthelp.audit.testing``).

Existing events get their hashes here, in id order, before the triggers return.
"""

from django.db import migrations, models

from righthelp.core.audit_chain import GENESIS, ChainEvent, link_hash

OLD_SQLITE = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    "DROP TABLE IF EXISTS audit_purge_override",
]
OLD_POSTGRESQL = [
    "DROP TRIGGER IF EXISTS audit_event_no_change ON audit_auditevent",
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_event_append_only()",
    "DROP TABLE IF EXISTS audit_purge_override",
]
SQLITE = [
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
]
POSTGRESQL = [
    """CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
       BEGIN
         RAISE EXCEPTION 'audit events are append-only';
       END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()""",
]
# Going back: migration 0002's triggers, purge path included.
PREVIOUS = {
    "sqlite": [
        "CREATE TABLE audit_purge_override (reason text NOT NULL)",
        """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
           BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
        """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
           WHEN NOT EXISTS (SELECT 1 FROM audit_purge_override)
           BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    ],
    "postgresql": [
        "CREATE TABLE audit_purge_override (reason text NOT NULL)",
        """CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
           BEGIN
             IF TG_OP <> 'UPDATE' AND EXISTS (SELECT 1 FROM audit_purge_override) THEN
               RETURN NULL;
             END IF;
             RAISE EXCEPTION 'audit events are append-only';
           END; $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_auditevent
           FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
        """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
           FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()""",
    ],
}


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def drop_old_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"sqlite": OLD_SQLITE, "postgresql": OLD_POSTGRESQL}[vendor])


def restore_old_triggers(apps, schema_editor):
    _run(schema_editor, PREVIOUS[schema_editor.connection.vendor])


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRESQL}[vendor])


def drop_triggers(apps, schema_editor):
    # The drops above, bar the last (the purge table, which no longer exists).
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"sqlite": OLD_SQLITE, "postgresql": OLD_POSTGRESQL}[vendor][:-1])


def chain_existing_events(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    previous = GENESIS
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        link = ChainEvent(
            id=event.pk,
            at=event.at,
            actor_id=event.actor_id,
            action=event.action,
            record_type=event.record_type,
            record_id=event.record_id,
            family_id=str(event.family_id) if event.family_id else None,
            detail=event.detail,
            hash="",
        )
        previous = link_hash(previous, link)
        AuditEvent.objects.filter(pk=event.pk).update(hash=previous)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]
    operations = [
        migrations.RunPython(drop_old_triggers, restore_old_triggers),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
