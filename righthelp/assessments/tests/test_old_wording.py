"""An assessment made under last year's thresholds still shows last year's wording."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from righthelp.assessments.models import Assessment
from righthelp.assessments.services import (
    assessment_record_conversation,
    assessment_record_findings,
    assessment_start,
    assessment_submit,
)
from righthelp.conftest import Cast
from righthelp.core.packs.registry import SHIPPED_PACKS_DIR
from righthelp.packstore.models import PackSnapshot
from righthelp.packstore.registry import installed_packs


@pytest.fixture
def reworded_stoke(tmp_path: Path) -> Iterator[Path]:
    folder = Path(shutil.copytree(SHIPPED_PACKS_DIR / "stoke-on-trent", tmp_path / "stoke-2"))
    manifest = folder / "pack.yaml"
    manifest.write_text(manifest.read_text().replace('version: "1.1.0"', 'version: "2.0.0"'))
    outcomes = folder / "outcomes.yaml"
    outcomes.write_text(
        outcomes.read_text().replace(
            "Emerging attendance concerns, attendance has dropped below 95%.",
            "Attendance has fallen below 95% this term.",
        )
    )
    yield folder
    installed_packs.cache_clear()


def test_last_years_wording_survives_this_years_pack(
    client: Client, cast: Cast, reworded_stoke: Path
) -> None:
    assessment = assessment_start(family=cast.family, by=cast.alice)
    assessment_record_findings(
        assessment=assessment,
        by=cast.alice,
        expected_version=1,
        outcome_number=1,
        findings={"edu-07": {cast.child.pk}},
    )
    assessment_record_conversation(
        assessment=assessment, by=cast.alice, expected_version=2, texts={"child_wishes": "words"}
    )
    assessment_submit(assessment=assessment, by=cast.alice, expected_version=3, chosen_level=2)
    assert PackSnapshot.objects.filter(content_hash=assessment.pack_hash).exists()

    installed_packs.cache_clear()
    with override_settings(RIGHTHELP_PACK_ROOTS=[reworded_stoke]):
        assert installed_packs().get("stoke-on-trent").version == "2.0.0"
        client.force_login(cast.alice)
        html = client.get(
            reverse("assessments:view", args=[cast.family.pk, assessment.pk])
        ).content.decode()
        assert "Emerging attendance concerns, attendance has dropped below 95%." in html
        assert "version 1.1.0" in html
        # A new assessment uses the new wording.
        fresh = assessment_start(family=cast.family, by=cast.alice)
        page = client.get(reverse("assessments:outcome", args=[cast.family.pk, fresh.pk, 1]))
        assert "Attendance has fallen below 95% this term." in page.content.decode()
    assert Assessment.objects.count() == 2
