"""The numpy forward pass gives sentence-transformers' embeddings for the same weights."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from righthelp.suggest.model import SentenceModel

REFERENCE = Path(__file__).with_name("fixtures") / "reference_embeddings.json"


@pytest.fixture(scope="module")
def model() -> SentenceModel:
    return SentenceModel()


def test_embeddings_match_the_reference_computed_by_sentence_transformers(
    model: SentenceModel,
) -> None:
    # Made once by scripts/suggest-reference-embeddings.py with torch and sentence-transformers,
    # which Right Help never installs; the file says which versions.
    reference = json.loads(REFERENCE.read_text())
    expected = np.array(reference["embeddings"], dtype=np.float32)
    got = model.encode(reference["sentences"])
    cosines = (got * expected).sum(axis=1) / np.linalg.norm(expected, axis=1)
    assert cosines.min() >= 0.999, dict(zip(reference["sentences"], cosines.tolist(), strict=True))


def test_a_batch_gives_what_each_sentence_gives_alone(model: SentenceModel) -> None:
    # Padding a short sentence to a long one's length must not change its vector.
    short, long = "Late most mornings.", "Mum says the children have not had a hot meal all week."
    together = model.encode([short, long])
    alone = np.vstack([model.encode([short]), model.encode([long])])
    assert np.allclose(together, alone, atol=1e-5)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_no_text_gives_no_rows(model: SentenceModel) -> None:
    assert model.encode([]).shape == (0, 384)
