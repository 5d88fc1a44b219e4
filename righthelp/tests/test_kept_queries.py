"""A query compiled once and run with each call's values (``kept_queries.CompiledQuerySets``):
it must find what the same query built afresh finds, for every value, and compile nothing
the second time."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any
from unittest import mock
from uuid import UUID

import pytest
from django.db import connection
from django.db.models import Count, QuerySet
from django.db.models.sql.compiler import SQLCompiler

from righthelp.conftest import Cast
from righthelp.families.models import Family
from righthelp.families.services import family_create
from righthelp.kept_queries import CompiledQuerySets


def _family_with_members(name_like: str, family_id: UUID) -> QuerySet[Family]:
    return (
        Family.objects.select_related("lead_practitioner")
        .filter(pk=family_id, name__contains=name_like)
        .annotate(people=Count("members"))
    )


def _rows(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    return [
        (family.pk, family.name, family.people, family.lead_practitioner.username)
        for family in queryset
    ]


@pytest.fixture
def compiles() -> Iterator[list[str]]:
    """The SQL each compile made, from here on."""
    made: list[str] = []
    compile_afresh = SQLCompiler.as_sql

    def counted(self: SQLCompiler, *args: Any, **kwargs: Any) -> Any:
        sql, params = compile_afresh(self, *args, **kwargs)
        made.append(sql)
        return sql, params

    with mock.patch.object(SQLCompiler, "as_sql", counted):
        yield made


def test_each_call_finds_its_own_family_with_the_sql_compiled_once(
    cast: Cast, compiles: list[str]
) -> None:
    other = family_create(
        partnership=cast.family.partnership, created_by=cast.alice, name="Birch household"
    )
    kept = CompiledQuerySets(_family_with_members, placeholders=1)
    for family in (cast.family, other, cast.family, other):
        found = _rows(kept(("household",), "household", values=(family.pk,)))
        assert found == _rows(_family_with_members("household", family.pk))
    compiles.clear()
    assert [row[0] for row in _rows(kept(("household",), "household", values=(other.pk,)))] == [
        other.pk
    ]
    assert compiles == []


def test_a_family_that_is_not_there_is_not_found(cast: Cast) -> None:
    kept = CompiledQuerySets(_family_with_members, placeholders=1)
    assert _rows(kept(("household",), "household", values=(cast.family.pk,)))
    assert _rows(kept(("household",), "household", values=(uuid.uuid4(),))) == []


def test_a_key_is_its_own_query(cast: Cast) -> None:
    """What ``build`` is given is decided by the key: another key, another query."""
    kept = CompiledQuerySets(_family_with_members, placeholders=1)
    assert _rows(kept(("household",), "household", values=(cast.family.pk,)))
    assert _rows(kept(("no such name",), "no such name", values=(cast.family.pk,))) == []


def test_a_handed_out_queryset_with_placeholders_cannot_be_narrowed(cast: Cast) -> None:
    """Narrowed, it would be run with its placeholders and find nothing: refused."""
    kept = CompiledQuerySets(_family_with_members, placeholders=1)
    handed = kept(("household",), "household", values=(cast.family.pk,))
    for narrow in (
        lambda: handed.filter(name="nobody"),
        handed.count,
        handed.exists,
        handed.first,
        lambda: handed[:1],
    ):
        with pytest.raises(TypeError, match="placeholders"):
            narrow()
    assert len(handed) == 1
    assert handed.count() == 1  # from the rows read, no query


def test_one_without_placeholders_narrowed_is_compiled_afresh(
    cast: Cast, compiles: list[str]
) -> None:
    kept = CompiledQuerySets(lambda: Family.objects.order_by("name"))
    assert [f.pk for f in kept(("all",))] == [cast.family.pk]
    compiles.clear()
    assert list(kept(("all",)).filter(name="nobody")) == []
    assert compiles, "a filtered clone must not answer with the kept SQL"
    assert kept(("all",)).count() == 1


def test_a_placeholder_the_query_does_not_take_is_refused(cast: Cast) -> None:
    kept = CompiledQuerySets(lambda _unused: Family.objects.all(), placeholders=1)
    with pytest.raises(ValueError, match="placeholder 0"):
        list(kept(("all",), values=(cast.family.pk,)))


def test_the_values_given_must_match_the_placeholders(cast: Cast) -> None:
    kept = CompiledQuerySets(_family_with_members, placeholders=1)
    with pytest.raises(TypeError):
        kept(("household",), "household", values=())


def test_a_query_that_can_find_nothing_finds_nothing_every_time(cast: Cast) -> None:
    kept = CompiledQuerySets(lambda: Family.objects.none())
    assert list(kept(("none",))) == []
    assert list(kept(("none",))) == []


def _prepared_statements() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL")
@pytest.mark.parametrize("prepared", [True, False])
def test_on_postgresql_a_kept_query_is_planned_once_per_connection(
    cast: Cast, settings: Any, prepared: bool
) -> None:
    """Prepared, unless the installation says not (a pooler in transaction mode)."""
    settings.RIGHTHELP_PG_PREPARED = prepared
    kept = CompiledQuerySets(_family_with_members, placeholders=1)
    before = _prepared_statements()
    for _ in range(2):
        assert _rows(kept(("household",), "household", values=(cast.family.pk,)))
    made = _prepared_statements() - before
    assert len(made) == (1 if prepared else 0)
    if prepared:
        assert "families_family" in made.pop()
