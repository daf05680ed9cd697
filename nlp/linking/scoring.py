"""Score arithmetic shared by the links: z-scores, their fusion, TF-IDF cosines of analysed words."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


def z_scores(scores: np.ndarray) -> np.ndarray:
    """Z-scores along the last axis (per row of a matrix)."""
    mean, std = scores.mean(axis=-1, keepdims=True), scores.std(axis=-1, keepdims=True)
    return (scores - mean) / (std + 1e-9)


def fuse(dense: np.ndarray, lexical: np.ndarray, dense_weight: float) -> np.ndarray:
    return dense_weight * z_scores(dense) + (1 - dense_weight) * z_scores(lexical)


def tfidf_cosines(rows: list[list[str]], columns: list[list[str]]) -> np.ndarray:
    """Cosines of TF-IDF vectors (idf over both sides) of analysed word lists: rows × columns."""
    vectorizer = TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True).fit(rows + columns)
    return (vectorizer.transform(rows) @ vectorizer.transform(columns).T).toarray()


def normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)
