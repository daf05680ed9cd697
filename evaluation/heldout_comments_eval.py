"""Assessment on comments written by a helper who saw neither the code nor the team's comments
(evaluation/heldout_comments_*/: three organisations' comments a set, in their own scales, the label left out of
the text; the tenth to nineteenth, as the first nine are training data now).

The model is trained as served: Ånge's reports and every labelled comment in corpus/examples/. Beside it, the
majority class and the keyword rule trained on the same. Run: `python -m evaluation.heldout_comments_eval`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.dummy import DummyClassifier

from corpus.settings import REPO_ROOT, Paths
from corpus.text import GOAL_LEVELS
from evaluation.baselines import KeywordLevelBaseline, KeywordStatusBaseline
from nlp.assess import COARSE_STATUS, Example, abstains, best_level, default_classifier

FOLDER = REPO_ROOT / "evaluation" / "heldout_comments_tenth"  # (the first nine sets are training data now)


def _load(folder: Path, kind: str) -> list[Example]:
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            item = json.loads(line)
            if item["kind"] == kind:
                out.append(Example(id=f"{path.stem}:{i}", kind=kind, report=f"heldout:{item['municipality']}",
                                   title=item.get("title", ""), text=item["text"], label=item["canonical"], year=0,
                                   municipality=item["municipality"]))
    return out


def _score(kind: str, truth: list[str], predicted: list[str], withheld: list[bool] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(truth),
                           "accuracy": round(float(np.mean([t == p for t, p in zip(truth, predicted, strict=True)])), 3)}
    if kind == "activity":
        out["coarse"] = round(float(np.mean([COARSE_STATUS[t] == COARSE_STATUS[p]
                                             for t, p in zip(truth, predicted, strict=True)])), 3)
    else:
        rank = {level: i for i, level in enumerate(GOAL_LEVELS)}
        out["within_one"] = round(float(np.mean([abs(rank[t] - rank[p]) <= 1
                                                 for t, p in zip(truth, predicted, strict=True)])), 3)
    if withheld is not None:
        out["withheld"] = round(float(np.mean(withheld)), 3)
    return out


def evaluate(assessor: Any, folder: Path = FOLDER) -> dict[str, Any]:
    """`assessor`: the served nlp.assessor.Assessor, whose examples (Ånge's reports and corpus/examples/) train
    the model as served, and whose abstention floor it withholds below."""
    embed = assessor.embed_function
    figures: dict[str, Any] = {"model": assessor.embedder.name, "folder": folder.name}
    for kind in ("activity", "goal"):
        test = _load(folder, kind)
        train = [e for e in assessor.examples[kind] if e.report != "feedback"]
        labels = [e.label for e in train]
        truth = [e.label for e in test]
        model = default_classifier(kind, embed).fit(train, labels)
        rows = [dict(zip(model.classes_, row, strict=True)) for row in model.predict_proba(test)]
        below = assessor.abstain_below.get(kind)
        proposed = [best_level(kind, row) for row in rows]
        withheld = [abstains(kind, row, e.stripped, below) for row, e in zip(rows, test, strict=True)]
        majority = DummyClassifier(strategy="most_frequent").fit(np.zeros((len(train), 1)), labels)
        keyword = clone(KeywordStatusBaseline() if kind == "activity" else KeywordLevelBaseline()).fit(train, labels)
        results = {"majority": _score(kind, truth, list(majority.predict(np.zeros((len(test), 1))))),
                   "keyword_rule": _score(kind, truth, list(keyword.predict(test))),
                   "model": _score(kind, truth, proposed, withheld)}
        per = {}
        for municipality in sorted({e.municipality for e in test}):
            index = [i for i, e in enumerate(test) if e.municipality == municipality]
            per[municipality] = _score(kind, [truth[i] for i in index], [proposed[i] for i in index],
                                       [withheld[i] for i in index])
        misses = [{"text": e.text[:160], "truth": t, "proposed": p, "withheld": bool(w)}
                  for e, t, p, w in zip(test, truth, proposed, withheld, strict=True) if t != p]
        figures[kind] = {"pooled": results, "per_municipality": per, "abstain_below": below, "misses": misses}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folder", type=Path, default=FOLDER)
    parser.add_argument("--misses", action="store_true", help="list the texts proposed wrong")
    args = parser.parse_args()
    from app.service import Service

    figures = evaluate(Service(paths=Paths.from_env()).assessor, args.folder)
    if not args.misses:
        for kind in ("activity", "goal"):
            figures[kind].pop("misses")
    print(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
