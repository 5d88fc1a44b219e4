"""Small lists of rows read as one JSON column of another query: a page that reads a
family anyway can take the few rows it also shows (its relationships, its agencies, its
partnership's pack order) in the same round trip instead of one query each."""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Func, JSONField, QuerySet, Subquery
from django.db.models.functions import JSONArray
from django.db.models.sql.compiler import SQLCompiler


class _JSONRowsOf(Func):
    """Every row of a subquery as one JSON array (``[]`` for none): ``jsonb_agg`` on
    PostgreSQL, ``json_group_array`` on SQLite. A function, not an ``Aggregate``, so the
    subquery gets no GROUP BY (as ``worklist.selectors._counted``)."""

    function = "JSONB_AGG"
    template = "COALESCE(%(function)s(%(expressions)s), '[]')"
    output_field = JSONField()

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, Any]:
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra)


def json_rows(queryset: QuerySet[Any], *fields: str) -> Subquery:
    """``queryset``'s rows (correlated with ``OuterRef``), each a JSON array of ``fields``
    in that order, as one column: read back as a list of lists (UUIDs and dates as text).
    The rows come in no particular order: sort them in Python."""
    return Subquery(
        queryset.order_by().values(rows=_JSONRowsOf(JSONArray(*fields))),
        output_field=JSONField(),
    )
