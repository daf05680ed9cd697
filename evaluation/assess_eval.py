"""Assessment models measured leave-one-report-out (activities), cross-year, and leave-one-out (goals)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, clone
from sklearn.dummy import DummyClassifier
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

from corpus.text import GOAL_LEVELS
from evaluation.baselines import KeywordLevelBaseline, KeywordStatusBaseline, ReviewerStatusRule
from nlp.assess import (
    Example,
    best_level,
    default_classifier,
    label_space,
    out_of_fold,
    structured_classifier,
)

OUT = Path(__file__).parent
OTHER_WORDS = OUT / "gold" / "assess_comments.jsonl"


def load_other_words(path: Path = OTHER_WORDS) -> list[Example]:
    """Activity comments written for evaluation in words the reports do not use; pasted text, no dates."""
    import json

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Example(id=f"other-{i}", kind="activity", report="other_words", title="", text=r["text"], label=r["label"],
                    year=0) for i, r in enumerate(rows)]


def classification_figures(y_true: list[str], y_pred: np.ndarray, labels: tuple[str, ...]) -> dict[str, Any]:
    counts = Counter(y_true)
    frequent = [label for label in labels if counts[label] >= 3]
    precision, recall, _, support = precision_recall_fscore_support(
        y_true, list(y_pred), labels=list(labels), zero_division=0
    )
    return {
        "n": len(y_true),
        "accuracy": round(float(accuracy_score(y_true, list(y_pred))), 4),
        "macro_f1_frequent": round(float(f1_score(y_true, list(y_pred), labels=frequent, average="macro",
                                                  zero_division=0)), 4),
        "per_class": {label: {"precision": round(float(p), 3), "recall": round(float(r), 3), "support": int(s)}
                      for label, p, r, s in zip(labels, precision, recall, support, strict=True) if s or p},
    }


def ordinal_figures(y_true: list[str], y_pred: np.ndarray) -> dict[str, float]:
    true = np.array([GOAL_LEVELS.index(y) for y in y_true])
    pred = np.array([GOAL_LEVELS.index(y) for y in y_pred])
    return {"mae_levels": round(float(np.abs(true - pred).mean()), 4),
            "within_one": round(float((np.abs(true - pred) <= 1).mean()), 4)}


def save_confusion(y_true: list[str], y_pred: np.ndarray, labels: tuple[str, ...], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    present = [label for label in labels if label in set(y_true) | set(y_pred)]
    matrix = confusion_matrix(y_true, list(y_pred), labels=present)
    fig, ax = plt.subplots(figsize=(6.5, 5.5))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(present)), present, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(present)), present, fontsize=8)
    for (i, j), value in np.ndenumerate(matrix):
        ax.text(j, i, str(value), ha="center", va="center", fontsize=8)
    ax.set_xlabel("föreslagen")
    ax.set_ylabel("angiven")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def evaluate_assessment(activity_examples: list[Example], goal_examples: list[Example],
                        embed: Callable[[list[str]], np.ndarray], write_plots: bool = True,
                        out_dir: Path = OUT, team: dict[str, list[Example]] | None = None) -> dict[str, Any]:
    """`team`: the labelled comments in other municipalities' styles; in every fold's training for the served
    `model` (never tested here), measured themselves leave-one-municipality-out."""
    from evaluation.municipality_eval import out_of_municipality

    team = team or {"activity": [], "goal": []}
    out: dict[str, Any] = {"activity": {}, "goal": {}}
    y = [e.label for e in activity_examples]
    schemes = {
        "leave_one_report_out": [e.report for e in activity_examples],
        "cross_year": [str(e.year) for e in activity_examples],
    }
    models: dict[str, BaseEstimator] = {
        "majority": DummyClassifier(strategy="most_frequent"),
        "keyword_rule": KeywordStatusBaseline(),
        "cue_and_date_rule": ReviewerStatusRule(),
        "model_before": structured_classifier("activity", embed),
        "model": default_classifier("activity", embed),
    }
    def extra(name: str, kind: str) -> list[Example]:
        """Only the served model trains on the other municipalities' comments too."""
        return team[kind] if name == "model" else []

    for scheme, groups in schemes.items():
        out["activity"][scheme] = {}
        for name, estimator in models.items():
            predictions = out_of_fold(estimator, activity_examples, groups, extra=extra(name, "activity"))
            out["activity"][scheme][name] = classification_figures(y, predictions, label_space("activity"))
            if write_plots and name == "model" and scheme == "leave_one_report_out":
                save_confusion(y, predictions, label_space("activity"), out_dir / "confusion_activity.png",
                               "Aktivitetsstatus, lämna-en-rapport-utanför")
    # Trained on every labelled report version, tested on comments in other words (no dates to lean on).
    other = load_other_words()
    other_y = [e.label for e in other]
    out["activity"]["other_words"] = {
        name: classification_figures(
            other_y, clone(estimator).fit(activity_examples + extra(name, "activity"),
                                          y + [e.label for e in extra(name, "activity")]).predict(other),
            label_space("activity"))
        for name, estimator in models.items()
    }
    goal_y = [e.label for e in goal_examples]
    goal_groups = [f"{e.id}@{e.report}" for e in goal_examples]  # one report has levels: leave one goal out
    goal_models: dict[str, BaseEstimator] = {
        "majority": DummyClassifier(strategy="most_frequent"),
        "keyword_rule": KeywordLevelBaseline(),
        "model_before": structured_classifier("goal", embed),
        "model": default_classifier("goal", embed),
    }
    for name, estimator in goal_models.items():
        if name == "model":  # the served proposal: the median level of the predicted distribution
            rows = out_of_fold(estimator, goal_examples, goal_groups, proba=True, extra=extra(name, "goal"))
            predictions = np.array([best_level("goal", dict(zip(GOAL_LEVELS, row, strict=True))) for row in rows])
        else:
            predictions = out_of_fold(estimator, goal_examples, goal_groups)
        figures = classification_figures(goal_y, predictions, GOAL_LEVELS)
        figures.update(ordinal_figures(goal_y, predictions))
        out["goal"][name] = figures
        if write_plots and name == "model":
            save_confusion(goal_y, predictions, GOAL_LEVELS, out_dir / "confusion_goal.png",
                           "Måluppfyllelse, lämna-ett-mål-utanför")
    out["municipalities"] = {
        kind: out_of_municipality(kind, ange, team[kind], embed)
        for kind, ange in (("activity", activity_examples), ("goal", goal_examples)) if team[kind]
    }
    return out
