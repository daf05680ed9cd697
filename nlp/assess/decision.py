"""From probabilities to a proposal: the level proposed, when none is (abstention, and the floor fitted for
it), the coarse four-way reading of statuses, and predictions out of fold for calibration."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, clone

from corpus.text import GOAL_LEVELS, label_space_for
from nlp.assess.examples import Example
from nlp.progress import read_progress
from nlp.targets import target_comparisons

# The four-way reading reviewers across municipalities share: done, on track, deviation, not started.
COARSE_STATUS = {
    "Avslutad enligt plan": "klar", "Avslutad med avvikelse": "klar", "Pågående enligt plan": "enligt plan",
    "Pågående": "enligt plan", "Pågående med avvikelse": "avvikelse", "Vänteläge": "avvikelse",
    "Ej påbörjad": "ej påbörjad",
}
# A text that says nothing about progress gets no proposal, whatever the probability. Below this top
# probability neither, where `uppsikt calibrate` has found (out of fold) that such proposals are more often
# wrong than right; uncalibrated, none is withheld on probability alone (calibration on the team's 422
# activity and 153 goal texts found no such floor either).
DEFAULT_ABSTAIN_BELOW = {"activity": 0.0, "goal": 0.0}


def best_level(kind: str, probabilities: dict[str, float]) -> str:
    """The proposal: the most probable status; for goals the median of the ordered levels, which is the level
    nearest on average (a text that says 'partly' spreads over both ends and gets a middle level)."""
    if kind != "goal":
        return max(probabilities, key=probabilities.get)  # type: ignore[arg-type]
    cumulative = 0.0
    for level in reversed(GOAL_LEVELS):  # lowest first
        cumulative += probabilities.get(level, 0.0)
        if cumulative >= 0.5:
            return level
    return GOAL_LEVELS[0]


# What a comment says that is a verdict of its kind, whatever the model's probability: for an activity, that it is
# done, under way, delayed, waiting or not begun; for a goal, that a target is met or missed, or met in part.
DECISIVE = {"activity": ("done", "closed", "not_done", "ongoing", "delay", "not_started", "waiting"),
            "goal": ("target_met", "target_missed", "partly")}


def says_decisively(kind: str, text: str) -> bool:
    """Whether the text states something its proposal rests on (figures against a target count for goals)."""
    reading = read_progress(text)
    return any(reading.says(c) for c in DECISIVE[kind]) or (kind == "goal" and bool(target_comparisons(text)))


def abstains(kind: str, probabilities: dict[str, float], text: str, below: float | None = None) -> bool:
    """Whether the text is too weak a basis for a proposal: it says nothing of progress, or it says nothing
    decisive and no level is likely. A text that says 'delvis', 'försenad' or a figure against its target
    gets its proposal (the issue's 'för svagt underlag' only where the text says nothing of progress)."""
    floor = DEFAULT_ABSTAIN_BELOW[kind] if below is None else below
    # A comment of figures against targets says how far the goal has come, though no verb of progress does.
    if read_progress(text).silent and not target_comparisons(text):
        return True
    return not says_decisively(kind, text) and max(probabilities.values()) < floor


ABSTENTION_GRID = tuple(round(0.2 + 0.05 * i, 2) for i in range(9))
MAX_ABSTENTION = 0.2


def fit_abstention(top_probability: list[float], correct: list[bool]) -> float:
    """The probability below which a proposal is withheld, from predictions of models that did not train on the
    text: the highest step where what is withheld is more often wrong than right and at most MAX_ABSTENTION of
    the texts are withheld; 0.0 (never on probability alone) where no step qualifies."""
    top, right = np.asarray(top_probability), np.asarray(correct, dtype=bool)
    chosen = 0.0
    for floor in ABSTENTION_GRID:
        below = top < floor
        if below.any() and below.mean() <= MAX_ABSTENTION and right[below].mean() < 0.5:
            chosen = floor
    return chosen


def label_space(kind: str) -> tuple[str, ...]:
    return label_space_for(kind)


def out_of_fold(estimator: BaseEstimator, examples: list[Example], groups: list[str],
                proba: bool = False, extra: list[Example] | None = None) -> np.ndarray:
    """Labels (or class probabilities over `label_space`) for each example from a model fitted without its
    group: its report (leave-one-report-out), its year (cross-year) or itself (leave-one-out). `extra`
    examples (other municipalities') are in every fold's training and never tested."""
    extra = extra or []
    kind = examples[0].kind if examples else "activity"
    labels = list(label_space(kind))
    out = np.zeros((len(examples), len(labels))) if proba else np.empty(len(examples), dtype=object)
    for group in sorted(set(groups)):
        test = [i for i, g in enumerate(groups) if g == group]
        train = [i for i, g in enumerate(groups) if g != group]
        train_labels = [examples[i].label for i in train] + [e.label for e in extra]
        if len(set(train_labels)) < 2:
            if proba:
                out[test, labels.index(train_labels[0])] = 1.0
            else:
                out[test] = train_labels[0]
            continue
        model = clone(estimator).fit([examples[i] for i in train] + extra, train_labels)
        held_out = [examples[i] for i in test]
        if proba:
            for column, label in enumerate(model.classes_):
                out[test, labels.index(label)] = model.predict_proba(held_out)[:, column]
        else:
            out[test] = model.predict(held_out)
    return out
