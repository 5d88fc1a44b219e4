from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

TINY = Path(__file__).parent / "fixtures" / "tiny"


@pytest.fixture
def tiny_pack(tmp_path: Path) -> Path:
    """A copy of the tiny valid pack that a test may break."""
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    return folder


@pytest.fixture
def edit(tiny_pack: Path) -> Callable[[str, str, str], None]:
    """Replace text in one file of the tiny pack; the text must be there."""

    def replace(file: str, old: str, new: str) -> None:
        path = tiny_pack / file
        text = path.read_text()
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new, 1))

    return replace
