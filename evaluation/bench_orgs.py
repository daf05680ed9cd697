"""How cost grows with the number of organisations: a generated store of N municipalities × 3 years (about 100
activities a year each, in the Stratsys-like form of tests/fixtures/norrvik_*.md), measured for ingest, index
build, search and goal links per organisation. Each size runs in its own process, so its peak memory is its own.

`python -m evaluation.bench_orgs` (sizes from $UPPSIKT_BENCH_ORGS, default 5,20,50) prints JSON rows; `make bench`
puts them in BENCH.md.
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

import numpy as np

YEARS = (2023, 2024, 2025)
GOALS_PER_YEAR = 10
ACTIVITIES_PER_YEAR = 100
QUERIES = ("stöd till långtidsarbetslösa", "trygghet i skolan", "minska utsläppen från kommunens bilar",
           "fler bostäder", "friskvård för anställda", "digitala tjänster för invånarna",
           "barn och unga fritid", "äldreomsorg bemanning", "företagsklimat", "kostnader för lokaler")
THEMES = {
    "arbete": ("arbetssökande", "praktikplatser", "jobbspår", "yrkesutbildning", "Arbetsförmedlingen"),
    "skola": ("elever", "rastvärdar", "elevhälsan", "läsfrämjande", "behörighet"),
    "klimat": ("elbilar", "solceller", "laddplatser", "matsvinn", "energieffektivisering"),
    "bostad": ("detaljplaner", "byggklara tomter", "hyresrätter", "markanvisning", "seniorboende"),
    "hälsa": ("friskvård", "sjukfrånvaro", "arbetsmiljö", "chefsstöd", "rehabilitering"),
    "digitalt": ("e-tjänster", "bredband", "digital kompetens", "självservice", "välfärdsteknik"),
    "fritid": ("föreningsliv", "fritidsgårdar", "spontanidrott", "simskola", "lovaktiviteter"),
    "omsorg": ("hemtjänst", "bemanning", "undersköterskor", "anhörigstöd", "demensvård"),
    "näringsliv": ("företagsbesök", "nyföretagande", "upphandling", "besöksnäring", "etableringar"),
    "ekonomi": ("lokalkostnader", "budgetuppföljning", "inköp", "effektiviseringar", "avtal"),
}
VERBS = ("Starta", "Utveckla", "Införa", "Genomföra", "Samordna", "Kartlägga", "Utreda", "Utöka")
PREFIXES = ("Norr", "Sör", "Väst", "Öst", "Berg", "Sjö", "Lind", "Ek", "Björk", "Gran")
SUFFIXES = ("by", "vik", "ås", "berga", "torp", "sund", "holm", "dal", "näs", "fors")
STATUSES = ("Pågående enligt plan", "Pågående med avvikelse", "Avslutad enligt plan", "Ej påbörjad", "Vänteläge")


def write_reports(directory: Path, organisations: int, seed: int = 0) -> list[Path]:
    """One report per organisation and year, each with its own wording drawn from the themes."""
    rng = np.random.default_rng(seed)
    paths = []
    themes = list(THEMES)
    for n in range(organisations):
        name = f"{PREFIXES[n // len(SUFFIXES) % len(PREFIXES)]}{SUFFIXES[n % len(SUFFIXES)]} kommun"
        for year in YEARS:
            lines = [f"# **Uppföljning av verksamhetsplan – {name}**", "", f"## **Kommunstyrelsen T2 {year}**", "",
                     "## 1 Redovisning av arbete för de politiska målen", "",
                     f"Rapporten redovisar hur {name} arbetar mot kommunstyrelsens mål för {year}.", ""]
            for g, theme in enumerate(rng.permutation(themes)[:GOALS_PER_YEAR], start=1):
                words = THEMES[str(theme)]
                lines += [f"### 1.{g} {name.split()[0]} ska utveckla {theme} med fokus på {rng.choice(words)}", "",
                          "Verksamhetens aktiviteter\tStartdatum\tSlutdatum"]
                for a in range(ACTIVITIES_PER_YEAR // GOALS_PER_YEAR):
                    first, second = rng.choice(words, 2, replace=False)
                    lines.append(
                        f"<b>{rng.choice(VERBS)} {first} och {second} {a + 1} för {theme}</b> • Enhet {g}  "
                        f"Arbetet gäller {first} tillsammans med {second} i hela kommunen.  "
                        f"<b>{rng.choice(STATUSES)}</b> Arbetet med {second} följs upp i nästa rapport."
                        f"\t{year}-01-{(a % 27) + 1:02d}\t{year}-12-15")
                lines.append("")
            lines += ["## 2 Kommunstyrelsens mål", "", f"{name} följer upp sina mål tre gånger om året.", ""]
            path = directory / f"bankby{n:02d}_{year}.md"
            path.write_text("\n".join(lines), encoding="utf-8")
            paths.append(path)
    return paths


def measure(organisations: int) -> dict[str, Any]:
    from corpus.ingest import ingest_paths
    from corpus.store import Store
    from nlp.embedding import BASE_MODEL
    from nlp.linking import Linker
    from nlp.search import SearchEngine

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = write_reports(root, organisations)
        store = Store(root / "uppsikt.sqlite")
        started = time.perf_counter()
        ingest_paths(files, store)
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        engine = SearchEngine(store, root / "artifacts", BASE_MODEL)
        build_s = time.perf_counter() - started
        engine.letters  # noqa: B018 - indexed once per process, before the clock
        times = []
        for query in QUERIES * 2:
            engine.embedder._cache.clear()
            started = time.perf_counter()
            engine.search(query)
            times.append((time.perf_counter() - started) * 1000)
        link_s = []
        for organisation in store.organisations()[:3]:
            linker = Linker(engine, organisation=organisation)
            started = time.perf_counter()
            linker.link_goals(YEARS[-1], YEARS[-2])
            link_s.append(time.perf_counter() - started)
        return {"organisations": organisations, "documents": len(engine.docs), "ingest_s": round(ingest_s, 1),
                "index_build_s": round(build_s, 1), "search_p50_ms": round(statistics.median(times), 1),
                "link_goals_per_organisation_s": round(statistics.median(link_s), 2),
                "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's own peak resident memory (VmHWM): getrusage's ru_maxrss survives exec, so a child of a
    large bench process would report its parent's peak."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_sizes(sizes: list[int]) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        done = subprocess.run([sys.executable, "-m", "evaluation.bench_orgs", "--size", str(size)],
                              capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def markdown(rows: list[dict[str, Any]]) -> list[str]:
    lines = [f"## Many organisations (generated: N × {len(YEARS)} years × {ACTIVITIES_PER_YEAR} activities and "
             f"{GOALS_PER_YEAR} goals a year; base model; each size its own process)", "",
             "| organisations | documents | ingest s | index build s | search p50 ms | link goals per org s | "
             "peak RSS MB |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['organisations']} | {r['documents']} | {r['ingest_s']} | {r['index_build_s']} | "
              f"{r['search_p50_ms']} | {r['link_goals_per_organisation_s']} | {r['peak_rss_mb']} |" for r in rows]
    return lines


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--size":
        print(json.dumps(measure(int(sys.argv[2]))), flush=True)
        return
    sizes = [int(s) for s in os.environ.get("UPPSIKT_BENCH_ORGS", "5,20,50").split(",") if s]
    print(json.dumps(run_sizes(sizes), indent=1))


if __name__ == "__main__":
    main()
