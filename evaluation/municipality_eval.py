"""Assessment across municipalities: leave-one-municipality-out over the team's labelled comments
(`corpus/examples/`), each municipality tested with a model trained on Ånge's reports and the other
municipalities, beside the majority class, the keyword rule and the model as it was before (Ånge only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, clone
from sklearn.dummy import DummyClassifier

from corpus.text import GOAL_LEVELS
from evaluation.baselines import KeywordLevelBaseline, KeywordStatusBaseline
from nlp.assess import (
    COARSE_STATUS,
    Example,
    abstains,
    best_level,
    default_classifier,
    structured_classifier,
)


def _figures(kind: str, truth: list[str], predicted: list[str], abstained: list[bool] | None) -> dict[str, Any]:
    n = len(truth)
    out: dict[str, Any] = {"n": n, "accuracy": round(float(np.mean([t == p for t, p in zip(truth, predicted, strict=True)])), 4)}
    if kind == "activity":
        out["coarse_accuracy"] = round(float(np.mean([COARSE_STATUS[t] == COARSE_STATUS[p]
                                                      for t, p in zip(truth, predicted, strict=True)])), 4)
    else:
        distance = [abs(GOAL_LEVELS.index(t) - GOAL_LEVELS.index(p)) for t, p in zip(truth, predicted, strict=True)]
        out["within_one"] = round(float(np.mean([d <= 1 for d in distance])), 4)
        out["mae_levels"] = round(float(np.mean(distance)), 4)
    if abstained is not None:
        out["abstained"] = round(float(np.mean(abstained)), 4)
    return out


# How the model before withheld a proposal: below this top probability (nlp/assessor.py then).
BEFORE_ABSTAIN_BELOW = 0.45


def _proposals(model: BaseEstimator, kind: str, examples: list[Example], below: float | None,
               served: bool = True) -> tuple[list[str], list[bool]]:
    """The served decision (median level for goals, abstention on silence or a low top probability), or the
    one before (the most probable level, withheld below BEFORE_ABSTAIN_BELOW)."""
    probabilities = model.predict_proba(examples)
    rows = [dict(zip(model.classes_, row, strict=True)) for row in probabilities]
    if not served:
        return ([max(row, key=row.get) for row in rows],  # type: ignore[arg-type]
                [max(row.values()) < BEFORE_ABSTAIN_BELOW for row in rows])
    return ([best_level(kind, row) for row in rows],
            [abstains(kind, row, e.stripped, below) for row, e in zip(rows, examples, strict=True)])


def out_of_municipality(kind: str, ange: list[Example], team: list[Example], embed: Callable[..., np.ndarray],
                        below: float | None = None) -> dict[str, Any]:
    """Per municipality and pooled: each model's figures on that municipality's comments, trained without it."""
    municipalities = sorted({e.municipality for e in team})
    baseline = KeywordStatusBaseline() if kind == "activity" else KeywordLevelBaseline()
    pooled: dict[str, tuple[list[str], list[str], list[bool]]] = {}
    per_municipality: dict[str, dict[str, Any]] = {}
    for municipality in municipalities:
        test = [e for e in team if e.municipality == municipality]
        train = ange + [e for e in team if e.municipality != municipality]
        truth = [e.label for e in test]  # type: ignore[misc]
        predictions: dict[str, tuple[list[str], list[bool] | None]] = {}
        majority = DummyClassifier(strategy="most_frequent").fit(np.zeros((len(train), 1)), [e.label for e in train])
        predictions["majority"] = (list(majority.predict(np.zeros((len(test), 1)))), None)
        predictions["keyword_rule"] = (list(clone(baseline).fit(train, [e.label for e in train]).predict(test)), None)
        # The model as it was: the structured model trained on Ånge alone, reading every text through it.
        before = structured_classifier(kind, embed).fit(ange, [e.label for e in ange])
        predictions["model_before"] = _proposals(before, kind, test, below, served=False)
        model = default_classifier(kind, embed).fit(train, [e.label for e in train])
        predictions["model"] = _proposals(model, kind, test, below)
        per_municipality[municipality] = {name: _figures(kind, truth, list(p), a) for name, (p, a) in predictions.items()}
        for name, (p, a) in predictions.items():
            t_all, p_all, a_all = pooled.setdefault(name, ([], [], []))
            t_all += truth
            p_all += list(p)
            a_all += list(a) if a is not None else []
    return {
        "pooled": {name: _figures(kind, t, p, a or None) for name, (t, p, a) in pooled.items()},
        "per_municipality": per_municipality,
    }
