"""A partnership adds its own words to the directory search in its pack (synonyms.yaml);
the product's list is used too, and a page can say which list a word came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from righthelp.core.directory import DirectoryQuery, search_directory, synonym_groups
from righthelp.core.pack_set import PackSet
from righthelp.core.packs.loader import load_pack
from righthelp.core.packs.problems import PackLoadError
from righthelp.core.packs.tests.conftest import TINY
from righthelp.core.synonyms import PRODUCT, concepts, describe, product_groups


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    return folder


def names(packs: PackSet, text: str) -> list[str]:
    return [
        hit.entry.service.name for hit in search_directory(packs, DirectoryQuery(text=text)).hits
    ]


def test_a_partnership_s_own_synonyms_find_its_services(tiny: Path) -> None:
    assert names(PackSet((load_pack(tiny),)), "TAF") == []
    (tiny / "synonyms.yaml").write_text(
        "synonyms:\n"
        "  - phrases: [TAF, team around the family, youth club]\n"
        "    source_note: Our own shorthand.\n"
    )
    packs = PackSet((load_pack(tiny),))
    assert names(packs, "TAF") == ["Youth club"]
    search = search_directory(packs, DirectoryQuery(text="TAF"))
    (concept,) = search.expanded
    assert concept.sources == ("tiny",)
    assert "youth club" in describe(search.concepts)


def test_a_broken_synonyms_file_names_file_line_and_field(tiny: Path) -> None:
    (tiny / "synonyms.yaml").write_text("synonyms:\n  - phrases: [only-one]\n")
    with pytest.raises(PackLoadError) as caught:
        load_pack(tiny)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.field) == (
        "synonyms.yaml",
        2,
        "synonyms[0].phrases",
    )


def test_the_product_s_list_is_labelled_and_comes_after_the_partnership_s(tiny: Path) -> None:
    (tiny / "synonyms.yaml").write_text("synonyms:\n  - phrases: [DV, family violence]\n")
    packs = PackSet((load_pack(tiny),))
    groups = synonym_groups(packs)
    assert groups[0].source == "tiny" and groups[-1].source == PRODUCT
    (dv,) = concepts("DV", groups)
    assert dv.sources == ("tiny", PRODUCT)
    assert dv.alternatives[0] == ("dv",)
    assert ("family", "violence") in dv.alternatives
    assert ("domestic", "abuse") in dv.alternatives


def test_the_longest_known_phrase_is_one_concept() -> None:
    found = concepts("domestic abuse support for mum", product_groups())
    assert [concept.typed for concept in found] == ["domestic abuse", "support", "mum"]
    assert found[0].sources == (PRODUCT,)
    assert not found[1].sources


def test_a_short_abbreviation_is_not_a_word_start(shipped_coventry: PackSet) -> None:
    # "DA" must not find "day" or "dad"; the domestic abuse services come first.
    found = search_directory(shipped_coventry, DirectoryQuery(text="DA"))
    assert found.hits and found.hits[0].entry.service.id in {"idva", "lgbtq-idva", "aafda"}


def test_reachable_services_rank_above_unreachable_ones_matched_alike(
    shipped_coventry: PackSet,
) -> None:
    hits = search_directory(shipped_coventry, DirectoryQuery(text="domestic abuse")).hits
    related = [hit for hit in hits if hit.named == 0 and hit.direct == 0]
    reachable = [hit.reachable for hit in related]
    assert reachable == sorted(reachable, reverse=True) and True in reachable and False in reachable


def test_no_service_matches_every_word_so_some_are_shown_as_partial(
    shipped_coventry: PackSet,
) -> None:
    search = search_directory(shipped_coventry, DirectoryQuery(text="horizon zebra"))
    assert search.partial and search.hits[0].entry.service.id == "horizon"
    assert not search_directory(shipped_coventry, DirectoryQuery(text="horizon")).partial


@pytest.fixture(scope="module")
def shipped_coventry() -> PackSet:
    from righthelp.core.packs.registry import PackRegistry

    return PackSet((PackRegistry().get("coventry"),))
