"""`make bench`: search latency on the corpus, index build time, and a FAISS scale run on synthetic vectors.

Medians and ratios from one run; the machine is noisy. Writes evaluation/BENCH.md and bench.json.
Sizes of the scale run: $UPPSIKT_BENCH_SIZES (default 100000,1000000).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from corpus.settings import Paths
from corpus.store import Store
from evaluation.bench_orgs import markdown as organisations_markdown
from evaluation.bench_orgs import run_sizes as organisation_sizes
from evaluation.search_eval import load_queries
from nlp.embedding import BASE_MODEL
from nlp.index import HNSW_EF_CONSTRUCTION, HNSW_M, make_faiss_index
from nlp.letters import without_letters
from nlp.search import SearchEngine

OUT = Path(__file__).parent


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"p50_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2)}


def corpus_latency(paths: Paths) -> dict[str, Any]:
    store = Store(paths.db)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        # A fresh index with the same C engine (the adapted file has the base's shape and speed).
        engine = SearchEngine(store, Path(tmp), BASE_MODEL)
        build_s = time.perf_counter() - started
    engine = SearchEngine(store, paths.artifacts)
    started = time.perf_counter()
    letters = engine.letters  # wordfreq's Swedish list and the corpus's words, indexed once per process
    letters_s = time.perf_counter() - started
    queries = [q["query"] for q in load_queries()]
    restore = []
    for query in queries:
        started = time.perf_counter()
        letters.restore(without_letters(query))
        restore.append((time.perf_counter() - started) * 1000)
    cold, warm = [], []
    for query in queries:
        engine.embedder._cache.clear()
        started = time.perf_counter()
        engine.search(query)
        cold.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        engine.search(query)
        warm.append((time.perf_counter() - started) * 1000)
    return {"documents": len(engine.docs), "full_build_s": round(build_s, 2),
            "search_uncached_query": _percentiles(cold), "search_cached_query": _percentiles(warm),
            "letters_index_s": round(letters_s, 2), "restore_letters_typed_query": _percentiles(restore)}


CLI_RUNS = 5
# The commands scripts and cron jobs call once per item, with the limits (process start included).
CLI_COMMANDS = {"uppsikt --help": (["--help"], 1.0), "uppsikt corpus reports": (["corpus", "reports", "--json"], 1.5),
                "uppsikt search (one shot)": (["search", "stöd till arbetslösa", "--k", "5", "--json"], 2.5)}


def cli_start(paths: Paths) -> list[dict[str, Any]]:
    """Wall time of whole CLI processes, median of CLI_RUNS, against the store and artefacts of `paths`."""
    env = {**os.environ, "UPPSIKT_DB": str(paths.db), "UPPSIKT_ARTIFACTS": str(paths.artifacts)}
    rows = []
    for name, (args, limit) in CLI_COMMANDS.items():
        times = []
        for _ in range(CLI_RUNS):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "app.cli", *args], env=env, capture_output=True, check=True)
            times.append(time.perf_counter() - started)
        rows.append({"command": name, "median_s": round(statistics.median(times), 2), "limit_s": limit,
                     "met": statistics.median(times) <= limit})
    return rows


def _clustered(n: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    centers = rng.standard_normal((max(16, n // 1000), dim)).astype(np.float32)
    data = centers[rng.integers(0, len(centers), n)] + 0.6 * rng.standard_normal((n, dim)).astype(np.float32)
    faiss.normalize_L2(data)
    return data


def scale_run(n: int, dim: int = 384, n_queries: int = 200) -> list[dict[str, Any]]:
    rng = np.random.default_rng(0)
    data = _clustered(n, dim, rng)
    queries = data[rng.integers(0, n, n_queries)] + 0.05 * rng.standard_normal((n_queries, dim)).astype(np.float32)
    faiss.normalize_L2(queries)
    rows = []
    truth = None
    for kind in ("flat", "hnsw"):
        index, _ = make_faiss_index(dim, n, kind)
        started = time.perf_counter()
        index.add_with_ids(data, np.arange(n, dtype=np.int64))
        build_s = time.perf_counter() - started
        memory_mb = len(faiss.serialize_index(index)) / 1e6
        settings = [None] if kind == "flat" else [64, 128, 256, 512]
        for ef in settings:
            if ef is not None:
                faiss.downcast_index(index.index).hnsw.efSearch = ef
            times, found = [], []
            for q in queries:
                started = time.perf_counter()
                _, ids = index.search(q.reshape(1, -1), 10)
                times.append((time.perf_counter() - started) * 1000)
                found.append(ids[0])
            if kind == "flat":
                truth = found
            recall = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, truth, strict=True)]))
            rows.append({"n": n, "index": kind, "ef_search": ef, "build_s": round(build_s, 1),
                         "memory_mb": round(memory_mb, 1), "recall@10": round(recall, 4), **_percentiles(times)})
        del index
    return rows


def main() -> None:
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    paths = Paths.from_env()
    sizes = [int(s) for s in os.environ.get("UPPSIKT_BENCH_SIZES", "100000,1000000").split(",") if s]
    result: dict[str, Any] = {"cli": cli_start(paths), "corpus": corpus_latency(paths), "scale": []}
    print(json.dumps(result["cli"], indent=1), flush=True)
    print(json.dumps(result["corpus"], indent=1), flush=True)
    for n in sizes:
        rows = scale_run(n)
        result["scale"].extend(rows)
        print(json.dumps(rows, indent=1), flush=True)
    organisations = [int(n) for n in os.environ.get("UPPSIKT_BENCH_ORGS", "5,20,50").split(",") if n]
    result["organisations"] = organisation_sizes(organisations)
    result["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    (OUT / "bench.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    lines = ["# uppsikt – benchmark", "", "Generated by `make bench`; medians of one run on this machine.", "",
             f"## CLI start (whole process, median of {CLI_RUNS})", "", "| command | median s | limit s | met |",
             "|---|---|---|---|"]
    lines += [f"| {r['command']} | {r['median_s']} | {r['limit_s']} | {'ja' if r['met'] else 'nej'} |"
              for r in result["cli"]]
    lines += ["", "## Corpus search (embedding included, process start excluded)", "",
             "```json", json.dumps(result["corpus"], indent=1), "```", "",
             "## FAISS scale run (synthetic clustered 384-d vectors, 200 queries, k=10)", "",
             "| n | index | efSearch | build s | memory MB | recall@10 | p50 ms | p95 ms |", "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r['n']} | {r['index']} | {r['ef_search'] or '–'} | {r['build_s']} | {r['memory_mb']} | "
              f"{r['recall@10']} | {r['p50_ms']} | {r['p95_ms']} |" for r in result["scale"]]
    lines += ["", *organisations_markdown(result["organisations"])]
    lines += ["", f"HNSW: M={HNSW_M}, efConstruction={HNSW_EF_CONSTRUCTION}. Peak RSS {result['max_rss_mb']} MB."]
    (OUT / "BENCH.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
