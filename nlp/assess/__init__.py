"""Proposed assessment levels: activity status and goal fulfilment, from text the label is stripped from.

One module per job: `examples` (the texts and their stripped labels), `cues` (the words a reviewer reads a
status by, and the rule of thumb), `classifier` (the estimators), `decision` (from probabilities to a proposal
or none). The names below are the package's API.
"""

from __future__ import annotations

from nlp.assess.classifier import (
    TEXT_SETTINGS,
    AssessmentClassifier,
    RoutedClassifier,
    TextVectors,
    default_classifier,
    replace_structure,
    structured,
    structured_classifier,
)
from nlp.assess.cues import STATUS_CUES, cue_features, decisive_status, keyword_features, reviewer_status
from nlp.assess.decision import (
    ABSTENTION_GRID,
    COARSE_STATUS,
    DEFAULT_ABSTAIN_BELOW,
    MAX_ABSTENTION,
    abstains,
    best_level,
    fit_abstention,
    label_space,
    out_of_fold,
    says_decisively,
)
from nlp.assess.examples import (
    MIN_TEXT_WORDS,
    TERTIAL_END,
    Example,
    fold_safe,
    goal_activity_statuses,
    load_activity_examples,
    load_goal_examples,
    load_labelled_examples,
    report_date,
    stated_verdict,
    strip_labels,
    target_reached,
)

__all__ = [
    "ABSTENTION_GRID", "COARSE_STATUS", "DEFAULT_ABSTAIN_BELOW", "MAX_ABSTENTION", "MIN_TEXT_WORDS", "STATUS_CUES",
    "TERTIAL_END", "TEXT_SETTINGS", "AssessmentClassifier", "Example", "RoutedClassifier", "TextVectors",
    "abstains", "best_level", "cue_features", "decisive_status", "default_classifier", "fit_abstention",
    "fold_safe", "goal_activity_statuses", "keyword_features", "label_space", "load_activity_examples",
    "load_goal_examples", "load_labelled_examples", "out_of_fold", "replace_structure", "report_date",
    "reviewer_status", "says_decisively", "stated_verdict", "strip_labels", "structured", "structured_classifier", "target_reached",
]
