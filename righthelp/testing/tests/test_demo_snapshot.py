"""The browser tests' demo is built once per test process and put back after each flush
(``DemoSnapshot``): what is put back must be exactly what the build left, or the tests
that share it would not start where a build of their own would have started them."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction

from righthelp.audit.selectors import chain_report
from righthelp.audit.testing import _override
from righthelp.testing.demo import DEMO_PASSWORD, DemoSnapshot, _natural_keys


def _everything() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table; a permission or content type referred to by its natural
    key (the flush makes them again under new ids, and the snapshot follows them)."""
    again = (Permission, ContentType)
    keys: dict[Any, dict[Any, tuple[Any, ...]]] = {m: _natural_keys(m) for m in again}
    out = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed:
            continue
        fields = model._meta.concrete_fields
        by_key = [keys.get(f.related_model) if f.is_relation else None for f in fields]
        out[model._meta.label] = sorted(
            tuple(
                repr(mapped[value] if mapped is not None and value in mapped else value)
                for mapped, value in zip(by_key, row, strict=True)
            )
            for row in model._base_manager.values_list(*(f.attname for f in fields))
        )
    return out


@pytest.mark.django_db(transaction=True)
def test_the_demo_put_back_after_a_flush_is_the_demo_the_build_left() -> None:
    snapshot = DemoSnapshot.build(DEMO_PASSWORD)
    assert snapshot.usable
    built = _everything()
    assert len(built["families.Family"]) == 18
    assert snapshot.restore() is False  # never on top of rows already there

    for _ in range(2):  # and again after the next test's flush
        _override(True)  # the test database's purge path, as the flush after a test uses it
        try:
            # As the flush after a transactional test does: sequences carry on.
            call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
        finally:
            _override(False)
        flushed = _everything()
        assert not flushed["families.Family"]
        # What the flush fills again itself (content types, permissions) is left as it is.
        refilled = {label for label, rows in flushed.items() if rows}

        assert snapshot.restore() is True
        restored = _everything()
        assert {k: v for k, v in restored.items() if k not in refilled} == {
            k: v for k, v in built.items() if k not in refilled
        }
        assert {k: restored[k] for k in refilled} == {k: flushed[k] for k in refilled}
        assert chain_report().broken is None


@pytest.mark.django_db
def test_the_demo_put_back_in_a_tests_transaction_is_the_demo_the_build_left() -> None:
    """Tests that read the demo inside their own transaction (rolled back after) share a
    build too (``demo_loaded``): put back where the build's rows were rolled back, it is
    the same demo, row for row."""
    with transaction.atomic():
        snapshot = DemoSnapshot.build(DEMO_PASSWORD)
        built = _everything()
        transaction.set_rollback(True)
    assert snapshot.usable
    assert not _everything()["families.Family"]
    assert snapshot.restore() is True
    assert _everything() == built
    assert chain_report().broken is None
    assert snapshot.restore() is False  # never on top of rows already there
