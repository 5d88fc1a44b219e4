"""The demo partnerships (``righthelp demo``) in a test's database, built once per test
process and put back from memory after (ADR 0058, 0063).

Building the demo takes seconds; the tests that read it (the browser journeys, the access
matrix, hostile input, the labels, the demo's own figures) start from exactly the rows a
build leaves in an empty database, so a later test gets those rows put back
(``DemoSnapshot.restore``, a fraction of a second) instead of a build of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO
from typing import Any

DEMO_PASSWORD = "a-demo-password-for-tests"  # noqa: S105 -- the test demo only


def demo_loaded(password: str = DEMO_PASSWORD) -> str:
    """``righthelp demo --password password`` in this test's empty database: what it
    printed. The first time in a test process (for each password, and for tests in a
    transaction rolled back after them apart from tests whose writes are committed and
    flushed after) it is built; later, the build's rows are put back. Where they cannot be
    (the test's database already has rows the demo makes), it is built again, as before."""
    from django.db import connection

    # A build inside a test's transaction never runs what waits for a commit; one in a
    # transactional test does: each is put back only into tests of its own kind.
    key = (password, connection.in_atomic_block)
    kept = _BUILT.get(key)
    if kept is not None and kept.snapshot.restore():
        return kept.output
    out = StringIO()
    snapshot = DemoSnapshot.build(password, out)
    if kept is None or not kept.snapshot.usable:
        _BUILT[key] = _Built(snapshot, out.getvalue())
    return out.getvalue()


@dataclass(frozen=True)
class _Built:
    snapshot: DemoSnapshot
    output: str


_BUILT: dict[tuple[str, bool], _Built] = {}
"""This test process's builds (each pytest-xdist worker has its own)."""


class DemoSnapshot:
    """The rows ``righthelp demo`` adds to an emptied (flushed) test database, kept in
    memory, and put back after a later test's flush, ids and audit chain as they were.

    Only tables the flush leaves empty are kept: a table the flush fills again itself
    (content types, permissions) and the demo also writes to would come back twice, so such
    a build is kept as nothing (``usable`` False) and every test builds its own, as before.
    Django's caches are cleared on putting the rows back, so nothing a previous test cached
    under the same ids is served to the next."""

    def __init__(
        self,
        rows: dict[type[Any], list[Any]],
        usable: bool,
        refers: dict[tuple[type[Any], str], list[tuple[Any, ...]]],
    ) -> None:
        self.rows = rows
        self.usable = usable
        self.refers = refers
        """Per (model, foreign key) into a table the flush fills again (a user's
        permissions): the natural key each kept row refers to, row by row, for its id
        after the flush."""

    @classmethod
    def build(cls, password: str, stdout: StringIO | None = None) -> DemoSnapshot:
        """``righthelp demo --password password`` (printing to ``stdout``), and its rows."""
        from django.apps import apps
        from django.core.management import call_command

        models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
        before = {m: m._base_manager.count() for m in models}
        call_command("demo", password=password, stdout=stdout or StringIO())
        rows = {m: list(m._base_manager.order_by("pk")) for m in models if not before[m]}
        rows = {m: r for m, r in rows.items() if r}
        usable = all(m._base_manager.count() == before[m] for m in models if before[m])
        refers: dict[tuple[type[Any], str], list[tuple[Any, ...]]] = {}
        for model in rows:
            for f in model._meta.concrete_fields:
                target = f.related_model if f.is_relation else None
                if not isinstance(target, type) or target in rows or not before.get(target):
                    continue
                if not hasattr(target, "natural_key"):
                    usable = False
                    continue
                keys = _natural_keys(target)
                refers[model, f.attname] = [keys[getattr(r, f.attname)] for r in rows[model]]
        return cls(rows, usable, refers)

    def restore(self) -> bool:
        """Put the rows back into the flushed database; False (nothing done) if it cannot."""
        from django.core.cache import caches
        from django.core.management.color import no_style
        from django.db import connection, transaction

        if not self.usable or any(model._base_manager.exists() for model in self.rows):
            return False
        with transaction.atomic():
            if connection.vendor == "sqlite":
                # Rows arrive in table order, not the order of their foreign keys.
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA defer_foreign_keys = ON")
            else:
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            # The rows as they were: a creation time is not made again (auto_now_add).
            clocks = [
                f
                for model in self.rows
                for f in model._meta.concrete_fields
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            ]
            settings = [(f.auto_now, f.auto_now_add) for f in clocks]
            for f in clocks:
                f.auto_now = f.auto_now_add = False
            try:
                for (model, attname), keys in self.refers.items():
                    target = model._meta.get_field(attname).related_model
                    now = {key: pk for pk, key in _natural_keys(target).items()}
                    for row, key in zip(self.rows[model], keys, strict=True):
                        setattr(row, attname, now[key])
                for model, rows in self.rows.items():
                    model._base_manager.bulk_create(rows, batch_size=500)
            finally:
                for f, (auto_now, auto_now_add) in zip(clocks, settings, strict=True):
                    f.auto_now, f.auto_now_add = auto_now, auto_now_add
            reset = connection.ops.sequence_reset_sql(no_style(), list(self.rows))
            with connection.cursor() as cursor:
                for statement in reset:
                    cursor.execute(statement)
        for cache in caches.all():
            cache.clear()
        return True


def _natural_keys(model: type[Any]) -> dict[Any, tuple[Any, ...]]:
    """Every row's id and natural key (a permission's codename and content type, say)."""
    related = [f.name for f in model._meta.concrete_fields if f.is_relation]
    rows = model._base_manager.select_related(*related)
    return {row.pk: tuple(row.natural_key()) for row in rows}
