"""Search quality on the development gold set: BM25, dense and fused rankings side by side."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evaluation.metrics import ranking_metrics
from nlp.search import SearchEngine

GOLD = Path(__file__).parent / "gold" / "search_queries.jsonl"


def load_queries(path: Path = GOLD) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate_search(engine: SearchEngine, queries: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    queries = queries if queries is not None else load_queries()
    judgements = [q["qrels"] for q in queries]
    out: dict[str, Any] = {"queries": len(queries), "model": engine.embedder.name,
                           "representation": engine.representation, "modes": {}}
    for mode in ("bm25", "dense", "hybrid"):
        rankings = [[doc for doc, _ in engine.rank(q["query"], mode)[:10]] for q in queries]
        out["modes"][mode] = ranking_metrics(rankings, judgements)
    return out
