"""Per-person built queries, built and compiled once per key and read afresh at every request.

Building a query over the families a person may see (a dozen ``filter`` calls, each
resolving subqueries) and compiling it to SQL costs Django more than PostgreSQL takes to
run it: about 1.6 ms of Python for each of the waiting lists on *Your families* against
0.4 ms of SQL (ADR 0040), and the navigation's count and *Your work*'s sources likewise
(ADR 0033, 0051); the family's own query, with its visibility subquery, about 7 ms of a
12 ms overview (ADR 0059). A ``Kept`` builds what is asked for the first time a key is asked
for and keeps it; ``CompiledQuerySets`` keeps a queryset's compiled SQL too, and hands out
querysets that run it afresh, with the values of the call (the family asked for) in place
of placeholders.

Only what the key holds may decide what is built: every key starts with ``person_key``, the
one place that says what of a person decides their queries, so a change of role or team (or
anything added here) gives everyone's kept queries a new key at once. The SQL uses the
database's clock ("now", e.g. emergency access unexpired by ``Now()``), so nothing kept
carries a time from Python; queries that depend on the day put the day in their key.
"""

from __future__ import annotations

import functools
import uuid
import weakref
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from uuid import UUID

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.sql import Query
from django.db.models.sql.compiler import SQLCompiler

if TYPE_CHECKING:
    from righthelp.accounts.models import User

V = TypeVar("V")
Q = TypeVar("Q", bound=QuerySet[Any])

Key = tuple[Hashable, ...]


def person_key(user: User, *more: Hashable) -> Key:
    """Everything of a person that decides their queries (which families they may see, what
    waits for them, whether they work at the front door): who, their role, their team, the
    team's front door and the partnership; then ``more``, what else the query depends on (a
    list's sort and filters, the day)."""
    team = user.team if user.team_id is not None else None
    return (
        user.pk,
        user.is_authenticated,
        user.role,
        user.team_id,
        team.front_door if team is not None else None,
        # The partnership's id from the agency (the signed-in user comes with it): reading
        # ``user.partnership`` would read the partnership's row for nothing.
        team.agency.partnership_id if team is not None else None,
        *more,
    )


class Kept(Generic[V]):
    """Values built once per key (at most ``most`` keys, then all forgotten)."""

    def __init__(self, most: int = 2_000) -> None:
        self._most = most
        self._kept: dict[Key, V] = {}

    def get(self, key: Key, build: Callable[[], V]) -> V:
        """The value kept for ``key``, built by ``build()`` the first time: what ``build``
        builds must be decided by ``key``. The value itself, not a copy: a caller that hands
        out querysets clones them (``KeptQuerySets``)."""
        kept = self._kept.get(key)
        if kept is None:
            if len(self._kept) >= self._most:
                self._kept.clear()
            kept = self._kept[key] = build()
        return kept

    def forget(self) -> None:
        self._kept.clear()


class CompiledQuerySets(Generic[Q]):
    """``build(*arguments, *placeholders)``'s queryset, built and compiled to SQL once per
    key, run with each call's values in the placeholders' places.

    For a hot page's queries whose building and compiling (a dozen subqueries resolved,
    then turned into SQL) cost Python more than the database takes to run them, and whose
    shape is decided by a key but whose values (the family asked for) change at every
    request. ``build`` is given one placeholder per value (a random UUID, which cannot
    collide with a real one); at each call the SQL is the kept SQL and the parameters are
    the kept ones with this call's values in the placeholders' places, in the form the
    database was given the placeholder (the UUID itself, or its hex on SQLite).

    A handed-out queryset answers with the kept SQL when evaluated as it is (iterated,
    ``list``, ``len``). Narrowed further (a ``filter``, slice, ``first``, ``get``, ``count``
    or ``exists``) it is cloned: without placeholders the clone is an ordinary queryset,
    compiled afresh; with placeholders cloning is refused (``TypeError``), as the clone
    would be run with the placeholders themselves. So put the slice and the order in
    ``build``, and iterate.
    """

    def __init__(self, build: Callable[..., Q], placeholders: int = 0, most: int = 2_000):
        self._build = build
        self._placeholders = tuple(uuid.uuid4() for _ in range(placeholders))
        self._kept: Kept[_Compilation] = Kept(most)

    def __call__(self, key: Key, *arguments: Any, values: tuple[UUID, ...] = ()) -> Q:
        """The queryset kept for ``key`` (built by ``build(*arguments, *placeholders)``, so
        ``arguments`` must be decided by ``key``), to be run with ``values``."""
        if len(values) != len(self._placeholders):
            raise TypeError(f"expected {len(self._placeholders)} values, got {len(values)}")
        compilation = self._kept.get(
            key,
            lambda: _Compilation(self._build(*arguments, *self._placeholders), self._placeholders),
        )
        return compilation.queryset(values)  # type: ignore[return-value]

    def forget(self) -> None:
        self._kept.forget()


class _Compilation:
    """One built queryset and, per database connection, its compiler with the SQL kept."""

    def __init__(self, queryset: QuerySet[Any], placeholders: tuple[UUID, ...]) -> None:
        self._queryset = queryset
        self._placeholders = placeholders
        self._compilers: weakref.WeakKeyDictionary[Any, _KeptCompiler] = weakref.WeakKeyDictionary()

    def queryset(self, values: tuple[UUID, ...]) -> QuerySet[Any]:
        handed = self._queryset.all()
        query = handed.query
        query.__class__ = _CompiledQuery
        query.__dict__["kept_compilation"] = self
        query.__dict__["kept_values"] = values
        return handed

    def compiler(self, query: Query, connection: Any, elide_empty: bool) -> SQLCompiler:
        # Per connection: a compiler holds its connection, and each thread has its own.
        kept = self._compilers.get(connection)
        if kept is None:
            compiler = Query.get_compiler(query, connection=connection, elide_empty=elide_empty)
            kept = self._compilers[connection] = _KeptCompiler(compiler, self._placeholders)
            if prepares(connection):
                compiler.connection = _PreparingConnection(connection)
        return kept.with_values(query.__dict__["kept_values"])


class _KeptCompiler:
    """A compiler that has compiled its query once and answers ``as_sql()`` from that."""

    def __init__(self, compiler: SQLCompiler, placeholders: tuple[UUID, ...]) -> None:
        self.compiler = compiler
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            # A query that can find nothing (``none()``, ``pk__in=[]``): Django reads no
            # rows when compiling says so, and so will every run of it.
            sql, params, self._empty = "", (), True
        else:
            self._empty = False
        self._sql, self._params = sql, tuple(params)
        self._slots = [] if self._empty else _placeholder_slots(sql, self._params, placeholders)
        self._values: list[Any] = list(self._params)
        compile_afresh = compiler.as_sql

        def as_sql(with_limits: bool = True, with_col_aliases: bool = False) -> tuple[str, Any]:
            if not (with_limits and not with_col_aliases):
                return compile_afresh(with_limits, with_col_aliases)
            if self._empty:
                raise EmptyResultSet
            return self._sql, tuple(self._values)

        # The compiler's own state (its select, the model's columns, converters) was set by
        # the first as_sql and is what reading the rows needs; only the SQL is kept.
        compiler.as_sql = as_sql  # type: ignore[method-assign]

    def with_values(self, values: tuple[UUID, ...]) -> SQLCompiler:
        for position, which, form in self._slots:
            value = values[which]
            self._values[position] = form(value if isinstance(value, UUID) else UUID(str(value)))
        return self.compiler


def _placeholder_slots(
    sql: str, params: tuple[Any, ...], placeholders: tuple[UUID, ...]
) -> list[tuple[int, int, Callable[[UUID], Any]]]:
    """Where each placeholder went in the parameters, and in what form (a UUID, or its hex
    on SQLite). A placeholder written into the SQL itself, or not passed at all, cannot be
    replaced: refused."""
    forms: list[tuple[Callable[[UUID], Any], int]] = [
        (form, which) for which in range(len(placeholders)) for form in (_as_uuid, _as_hex, str)
    ]
    slots = []
    for position, param in enumerate(params):
        for form, which in forms:
            if param == form(placeholders[which]):
                slots.append((position, which, form))
    found = {which for _, which, _ in slots}
    for which, placeholder in enumerate(placeholders):
        if which not in found or placeholder.hex in sql or str(placeholder) in sql:
            raise ValueError(f"placeholder {which} is not a parameter of the compiled query")
    return slots


def _as_uuid(value: UUID) -> UUID:
    return value


def _as_hex(value: UUID) -> str:
    return value.hex


class _CompiledQuery(Query):
    """A handed-out query: its compiler is the kept one. Cloned (for a filter, a slice, a
    count), it is an ordinary query again."""

    def get_compiler(
        self, using: str | None = None, connection: Any = None, elide_empty: bool = True
    ) -> SQLCompiler:
        if connection is None:
            connection = connections[using or "default"]
        compilation: _Compilation = self.__dict__["kept_compilation"]
        return compilation.compiler(self, connection, elide_empty)

    def clone(self) -> Query:
        if self.__dict__["kept_values"]:
            # Built with placeholders: a clone would be run with them, and find nothing.
            raise TypeError(
                "a query compiled with placeholders runs only as it is: put the filter, "
                "slice or order in its build"
            )
        copy = super().clone()
        copy.__class__ = Query
        copy.__dict__.pop("kept_compilation", None)
        copy.__dict__.pop("kept_values", None)
        return copy


def prepares(connection: Any) -> bool:
    """Whether kept queries run as prepared statements on ``connection``: on PostgreSQL,
    unless the installation says not (``RIGHTHELP_PG_PREPARED``: a pooler in transaction
    mode hands a session's prepared statements to no one, ADR 0059)."""
    return connection.vendor == "postgresql" and bool(
        getattr(settings, "RIGHTHELP_PG_PREPARED", True)
    )


def prepared_cursor(connection: Any) -> Any:
    """A cursor of ``connection`` (Django's, logged and wrapped as any) whose queries are
    prepared: PostgreSQL plans each once per connection and reuses the plan. For the queries
    run on every page (the navigation's counts, the family's own query): planning them took
    as long as running them, 3-9 ms for a manager's counts at 50,000 families. Elsewhere, or
    where ``prepares`` says not, an ordinary cursor."""
    if not prepares(connection):
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        # Django leaves psycopg's preparing off (None: not even when asked). Only cursors
        # that bind on the server read it, and Django's own bind on the client: ours alone.
        connection.connection.prepare_threshold = 0
    with connection.wrap_database_errors:
        # Django's own wrapping (thread check, query log, execute wrappers), as
        # ``connection.cursor()`` wraps the cursors it makes.
        return connection._prepare_cursor(_prepared_cursor_class()(connection.connection))


@functools.cache
def _prepared_cursor_class() -> type:
    """Django's server-binding cursor for psycopg 3 (ordinary cursors bind on the client
    and cannot prepare), told to prepare every query it runs."""
    from django.db.backends.postgresql.base import (  # type: ignore[attr-defined]
        ServerBindingCursor,
    )

    class PreparedCursor(ServerBindingCursor):  # type: ignore[misc]
        def execute(self, query: Any, params: Any = None, **options: Any) -> Any:
            done = super().execute(query, params, prepare=True)
            # What Django's query log reads of the query run (``last_executed_query``): a
            # prepared query leaves psycopg's empty.
            self._query = _AsRun(self.connection, query, params)
            return done

    return PreparedCursor


class _AsRun:
    """A query with its values written in, made only if read (the query log, in tests)."""

    def __init__(self, connection: Any, query: str, params: Any) -> None:
        self._connection, self._sql, self._params = connection, query, params

    @property
    def query(self) -> bytes:
        from psycopg import ClientCursor

        with ClientCursor(self._connection) as cursor:
            return cursor.mogrify(self._sql, self._params).encode()


class _PreparingConnection:
    """A connection as a kept compiler sees it: the same in all, but its cursors prepare."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)

    def cursor(self) -> Any:
        return prepared_cursor(self._connection)
