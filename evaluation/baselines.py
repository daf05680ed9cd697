"""Baselines that evaluation reports beside the learned models: a reviewer's keyword rules for activity status and
goal level, and the broader cue-and-date rule as an estimator. The served code never uses them."""

from __future__ import annotations

import re

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from corpus.text import GOAL_LEVELS
from nlp.assess import _ACHIEVED, _DONE, _EARLY, _LATE, _NO_ACTIVITY, _NOT_STARTED, _WAITING, Example, reviewer_status

# Ordered: the first pattern that matches decides (a comment that is late and done counts as late).
STATUS_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (_NOT_STARTED, "Ej påbörjad"), (_WAITING, "Vänteläge"), (_LATE, "Pågående med avvikelse"),
    (_DONE, "Avslutad enligt plan"),
)


def _first_rule(rules: tuple[tuple[re.Pattern[str], str], ...], text: str, default: str) -> str:
    return next((label for pattern, label in rules if pattern.search(text)), default)


class KeywordStatusBaseline(BaseEstimator, ClassifierMixin):
    """A reviewer's rule of thumb: words for done, late, not started, waiting; otherwise on plan."""

    def fit(self, examples: list[Example], y: list[str]) -> KeywordStatusBaseline:
        self.classes_ = np.array(sorted(set(y)))
        return self

    def predict(self, examples: list[Example]) -> np.ndarray:
        return np.array([_first_rule(STATUS_RULES, e.stripped, "Pågående enligt plan") for e in examples])


LEVEL_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (_NO_ACTIVITY, "Ej uppfyllt"), (_ACHIEVED, "Uppfyllt"), (_EARLY, "Knappt uppfyllt"),
)


class KeywordLevelBaseline(BaseEstimator, ClassifierMixin):
    """Goal level from words: no activity → Ej, achieved → Uppfyllt, early → Knappt, otherwise Delvis."""

    def fit(self, examples: list[Example], y: list[str]) -> KeywordLevelBaseline:
        self.classes_ = np.array(GOAL_LEVELS)
        return self

    def predict(self, examples: list[Example]) -> np.ndarray:
        return np.array([
            "Ej uppfyllt" if not e.activity_statuses else _first_rule(LEVEL_RULES, e.stripped, "Delvis uppfyllt")
            for e in examples
        ])


class ReviewerStatusRule(BaseEstimator, ClassifierMixin):
    """`reviewer_status` as an estimator: the broader cues plus the activity's dates against the report's."""

    def fit(self, examples: list[Example], y: list[str]) -> ReviewerStatusRule:
        self.classes_ = np.array(sorted(set(y)))
        return self

    def predict(self, examples: list[Example]) -> np.ndarray:
        return np.array([reviewer_status(e) for e in examples])
