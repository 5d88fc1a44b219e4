"""From a note to suggestions: Thriving left out, the matched sentence, neighbouring rungs,
and each pack version's indicators embedded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from righthelp.core.packs.pack import Pack
from righthelp.core.packs.registry import PackRegistry
from righthelp.suggest.bm25 import BM25
from righthelp.suggest.candidates import THRIVING, candidates_of, passages
from righthelp.suggest.index import build_index, keyword_rank
from righthelp.suggest.model import SentenceModel


@pytest.fixture(scope="module")
def model() -> SentenceModel:
    return SentenceModel()


@pytest.fixture(scope="module")
def pack() -> Pack:
    return PackRegistry().get("stoke-on-trent")


def test_thriving_statements_are_never_candidates(pack: Pack) -> None:
    candidates = candidates_of(pack)
    assert candidates and all(c.level != THRIVING for c in candidates)
    thriving = [i for i in pack.indicators_by_id.values() if i.level == THRIVING]
    assert thriving and not {i.id for i in thriving} & {c.id for c in candidates}


def test_passages_are_the_note_s_sentences_with_where_they_sit() -> None:
    note = "  Late most days.\nMum was in tears; the gas is off! ok"
    found = passages(note)
    assert [p.text for p in found] == ["Late most days.", "Mum was in tears;", "the gas is off!"]
    assert all(note[p.start : p.end] == p.text for p in found)


def test_each_suggestion_says_which_sentence_it_matched(
    tmp_path: Path, model: SentenceModel, pack: Pack
) -> None:
    index = build_index(pack, model, tmp_path)
    note = "The electric has been cut off and there is no food. He was arrested for burglary."
    ranking = index.rank(note)
    top = {s.id: s for s in ranking.top(10)}
    assert "fin-09" in top and top["fin-09"].because.startswith("The electric")
    grouped = ranking.grouped(10)
    assert sum(len(g.items) for g in grouped) == 10
    for group in grouped:
        for item in group.items:
            assert item.suggestion.outcome == group.outcome
            for n in item.neighbours:
                assert n.outcome == group.outcome and abs(n.level - item.suggestion.level) == 1


def test_a_pack_version_s_indicators_are_embedded_once_then_read_from_the_file(
    tmp_path: Path,
    model: SentenceModel,
    pack: Pack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = build_index(pack, model, tmp_path)
    assert len(list(tmp_path.glob("*.npz"))) == 1

    def no_embedding(texts: list[str]) -> None:
        raise AssertionError("embedded again")

    monkeypatch.setattr(model, "encode", no_embedding)
    again = build_index(pack, model, tmp_path)
    assert (again.vectors == first.vectors).all()


def test_an_empty_note_suggests_nothing(model: SentenceModel, pack: Pack) -> None:
    index = build_index(pack, model, None)
    assert index.rank("   ").top(5) == []


def test_the_keyword_baseline_finds_shared_words(pack: Pack) -> None:
    top = [s.id for s in keyword_rank(pack, "Case referred to MARAC.").top(3)]
    assert top[0] == "da-23"
    assert BM25(candidates_of(pack)).scores([]).shape == (0, len(candidates_of(pack)))
