"""A screening made with last year's guide still shows last year's wording and bands."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from righthelp.conftest import Cast
from righthelp.core.packs.registry import SHIPPED_PACKS_DIR
from righthelp.packstore.models import PackSnapshot
from righthelp.packstore.registry import installed_packs
from righthelp.screening.tests.helpers import make_screening

OLD = "A vulnerable child or young person who may be at risk of being groomed for exploitation."
NEW = "A young person who may be at risk of grooming, in this year's words."


@pytest.fixture
def reworded_coventry(tmp_path: Path) -> Iterator[Path]:
    folder = Path(shutil.copytree(SHIPPED_PACKS_DIR / "coventry", tmp_path / "coventry-2"))
    manifest = folder / "pack.yaml"
    manifest.write_text(manifest.read_text().replace('version: "1.1.0"', 'version: "2.0.0"'))
    instruments = folder / "instruments.yaml"
    instruments.write_text(
        instruments.read_text()
        .replace(OLD, NEW)
        .replace("title: Other concerns", "title: Anything else")
    )
    yield folder
    installed_packs.cache_clear()


def test_last_years_screening_keeps_last_years_words(
    client: Client, cast: Cast, reworded_coventry: Path
) -> None:
    screening = make_screening(cast.family, cast.alice, cast.child, score=7, counts=(3, 1, 0))
    assert PackSnapshot.objects.filter(content_hash=screening.pack_hash).exists()
    installed_packs.cache_clear()
    with override_settings(RIGHTHELP_PACK_ROOTS=[reworded_coventry]):
        assert installed_packs().get("coventry").version == "2.0.0"
        client.force_login(cast.alice)
        result = client.get(reverse("screening:view", args=[cast.family.pk, screening.pk]))
        html = unescape(result.content.decode())
        assert OLD in html and NEW not in html
        assert "version 1.1.0" in html
        plan = client.get(reverse("screening:safety-plan", args=[cast.family.pk, screening.pk]))
        assert "Other concerns" in plan.content.decode()

        fresh = make_screening(cast.family, cast.alice, cast.child, score=7, counts=(3, 1, 0))
        assert fresh.pack_version == "2.0.0"
        page = client.get(reverse("screening:view", args=[cast.family.pk, fresh.pk]))
        assert NEW in unescape(page.content.decode())
        listing = client.get(reverse("screening:list", args=[cast.family.pk])).content.decode()
        assert listing.count("Low (mild) risk") >= 2  # both versions, each in its own words
