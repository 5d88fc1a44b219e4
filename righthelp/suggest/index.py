"""A pack's indicators embedded once per pack version, kept in a file and in memory."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from righthelp.core.packs.pack import Pack
from righthelp.suggest.bm25 import BM25
from righthelp.suggest.candidates import Candidate, Passage, candidates_of
from righthelp.suggest.model import Matrix, SentenceModel
from righthelp.suggest.ranking import Ranking, rank


@dataclass(frozen=True)
class IndicatorIndex:
    pack_id: str
    candidates: tuple[Candidate, ...]
    vectors: Matrix  # one unit-length row per candidate
    model: SentenceModel

    def rank(self, note: str) -> Ranking:
        def scorer(parts: list[Passage]) -> Matrix:
            return self.model.encode([p.text for p in parts]) @ self.vectors.T

        return rank(note, self.candidates, scorer)


def cache_key(pack: Pack, model: SentenceModel) -> str:
    return f"{pack.id}-{pack.version}-{pack.content_hash[:16]}-{model.fingerprint}"


def build_index(pack: Pack, model: SentenceModel, cache_dir: Path | None) -> IndicatorIndex:
    """Reads the pack version's vectors from ``cache_dir`` or embeds them and writes the file."""
    candidates = candidates_of(pack)
    ids = np.array([c.id for c in candidates])
    path = cache_dir / f"{cache_key(pack, model)}.npz" if cache_dir else None
    if path is not None and path.is_file():
        with np.load(path) as saved:
            if saved["ids"].tolist() == ids.tolist():
                return IndicatorIndex(pack.id, candidates, saved["vectors"], model)
    vectors = model.encode([c.text for c in candidates])
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp.npz")
            np.savez(partial, ids=ids, vectors=vectors)
            partial.replace(path)  # atomic: another process reads the old file or the new
        except OSError:
            pass  # a read-only data folder: the vectors stay in memory for this process
    return IndicatorIndex(pack.id, candidates, vectors, model)


class Indexes:
    """One model per process and one index per pack version, built on first use."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.cache_dir = cache_dir
        self._model: SentenceModel | None = None
        self._indexes: dict[str, IndicatorIndex] = {}
        self._lock = threading.Lock()

    def model(self) -> SentenceModel:
        with self._lock:
            if self._model is None:
                self._model = SentenceModel()
            return self._model

    def for_pack(self, pack: Pack) -> IndicatorIndex:
        model = self.model()
        key = cache_key(pack, model)
        with self._lock:
            if key not in self._indexes:
                self._indexes[key] = build_index(pack, model, self.cache_dir)
            return self._indexes[key]


def keyword_rank(pack: Pack, note: str) -> Ranking:
    """The BM25 baseline's ranking, for measuring beside the model."""
    candidates = candidates_of(pack)
    return rank(note, candidates, BM25(candidates).scores)
