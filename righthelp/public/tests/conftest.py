"""The demo partnership every public page test reads, and the pages themselves."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings

from righthelp.core.packs.registry import SHIPPED_PACKS_DIR
from righthelp.packstore.registry import installed_packs
from righthelp.partnerships.models import Partnership
from righthelp.partnerships.services import partnership_create

DEMO_PACKS = ["stoke-on-trent", "coventry", "partnership-self-assessment"]

# Every kind of public page, with a query where the page takes one.
PUBLIC_PAGES = [
    "/",
    "/explore/",
    "/screening/",
    "/guidance/",
    "/directory/",
    "/changes/",
    "/explore/demo/",
    "/explore/demo/?i=edu-13&i=safe-41",
    "/explore/demo/result/?i=edu-13&i=safe-41",
    "/explore/demo/summary/?i=edu-13&i=safe-41",
    "/explore/demo/suggest/",
    "/screening/demo/",
    "/screening/demo/bands/low/",
    "/screening/demo/sharing-intelligence/",
    "/guidance/demo/",
    "/guidance/demo/?q=consent",
    "/guidance/demo/stoke-on-trent/consent-and-confidentiality/",
    "/directory/demo/",
    "/directory/demo/?q=horizon&outcome=6&criterion=6.3&age=14",
    "/directory/demo/coventry/positive-choices/",
    "/changes/demo/",
    "/changes/demo/stoke-on-trent/",
]


@pytest.fixture
def demo(db: None) -> Partnership:
    return partnership_create(name="Demo partnership", slug="demo", pack_ids=DEMO_PACKS)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def second_version(tmp_path: Path) -> Iterator[None]:
    """Stoke-on-Trent 1.2.0: one indicator reworded, one moved, one removed, one added."""
    folder = tmp_path / "stoke-on-trent-1.2.0"
    shutil.copytree(SHIPPED_PACKS_DIR / "stoke-on-trent", folder)
    replace(folder / "pack.yaml", 'version: "1.1.0"', 'version: "1.2.0"')
    outcomes = folder / "outcomes.yaml"
    replace(
        outcomes,
        "text: Poor punctuality, frequent absence from school, attendance below 90%.",
        "text: Poor punctuality, frequent absence from school, attendance below 88%.",
    )
    replace(outcomes, "- id: edu-07\n        level: 2", "- id: edu-07\n        level: 3")
    replace(
        outcomes,
        "- id: edu-12\n        level: 2\n"
        "        text: Parent/ carers are considering home education and seek advice, "
        "guidance and support.",
        "- id: edu-40\n        level: 2\n        text: A new indicator for the new version.",
    )
    with override_settings(RIGHTHELP_PACK_ROOTS=[tmp_path]):
        installed_packs.cache_clear()
        yield
    installed_packs.cache_clear()
