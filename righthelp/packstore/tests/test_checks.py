"""A deployment whose packs do not load fails its system checks with the problem."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from righthelp.core.packs.tests.conftest import TINY
from righthelp.packstore.registry import installed_packs


@pytest.fixture(autouse=True)
def fresh_registry() -> Iterator[None]:
    installed_packs.cache_clear()
    yield
    installed_packs.cache_clear()


def test_the_shipped_packs_pass_the_checks() -> None:
    call_command("check")


def test_a_broken_partnership_pack_fails_the_checks(tmp_path: Path) -> None:
    broken = Path(shutil.copytree(TINY, tmp_path / "ours"))
    (broken / "services.yaml").write_text("services:\n  - id: cafe\n    nmae: Cafe\n")
    with (
        override_settings(RIGHTHELP_PACK_ROOTS=[broken]),
        pytest.raises(SystemCheckError) as caught,
    ):
        call_command("check")
    message = str(caught.value)
    assert "righthelp.E001" in message
    assert "services.yaml:3: services[0].nmae: unknown field" in message
