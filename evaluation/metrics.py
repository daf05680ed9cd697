"""IR metrics over graded judgements (BEIR-style qrels: id → grade, grade > 0 is relevant)."""

from __future__ import annotations

import math


def ndcg_at(ranking: list[str], qrels: dict[str, int], k: int = 10) -> float:
    gains = [qrels.get(doc, 0) for doc in ranking[:k]]
    dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(qrels.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def mrr_at(ranking: list[str], qrels: dict[str, int], k: int = 10) -> float:
    for i, doc in enumerate(ranking[:k]):
        if qrels.get(doc, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def success_at(ranking: list[str], qrels: dict[str, int], k: int = 5) -> float:
    return float(any(qrels.get(doc, 0) > 0 for doc in ranking[:k]))


def recall_at(ranking: list[str], qrels: dict[str, int], k: int = 10) -> float:
    relevant = {d for d, g in qrels.items() if g > 0}
    return len(relevant & set(ranking[:k])) / len(relevant) if relevant else 0.0


def ranking_metrics(rankings: list[list[str]], judgements: list[dict[str, int]]) -> dict[str, float]:
    """Mean nDCG@10, MRR@10, success@5 and recall@10 over queries."""
    n = max(1, len(rankings))
    pairs = list(zip(rankings, judgements, strict=True))
    return {
        "ndcg@10": round(sum(ndcg_at(r, q) for r, q in pairs) / n, 4),
        "mrr@10": round(sum(mrr_at(r, q) for r, q in pairs) / n, 4),
        "success@5": round(sum(success_at(r, q) for r, q in pairs) / n, 4),
        "recall@10": round(sum(recall_at(r, q) for r, q in pairs) / n, 4),
    }
