"""Baselines that evaluation reports beside the learned models: a reviewer's keyword rules for activity status and
goal level, and the broader cue-and-date rule as an estimator. The served code never uses them."""

from __future__ import annotations

import re

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from corpus.text import GOAL_LEVELS
from nlp.assess import Example, reviewer_status
from nlp.assess.cues import (
    ACHIEVED_WORDS,
    DONE_WORDS,
    EARLY_WORDS,
    LATE_WORDS,
    NO_ACTIVITY_WORDS,
    NOT_STARTED_WORDS,
    WAITING_WORDS,
)

# Ordered: the first pattern that matches decides (a comment that is late and done counts as late).
STATUS_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (NOT_STARTED_WORDS, "Ej påbörjad"), (WAITING_WORDS, "Vänteläge"), (LATE_WORDS, "Pågående med avvikelse"),
    (DONE_WORDS, "Avslutad enligt plan"),
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
    (NO_ACTIVITY_WORDS, "Ej uppfyllt"), (ACHIEVED_WORDS, "Uppfyllt"), (EARLY_WORDS, "Knappt uppfyllt"),
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
