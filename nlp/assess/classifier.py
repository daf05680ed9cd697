"""The estimators (scikit-learn API: fit returns self, learned state ends in `_`): a logistic regression over
the embedding of the stripped text, cue flags and structure, and the routed pair that reads report versions
with their structure and comments by their words. The embedding is computed by the caller and cached."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression

from corpus.text import fold, label_space_for
from nlp.assess.cues import cue_features, decisive_status, keyword_features, reviewer_status
from nlp.assess.examples import MIN_TEXT_WORDS, Example
from nlp.progress import direction_features, progress_features, progress_status
from nlp.targets import figure_level, target_features


class TextVectors:
    """Embeddings of texts, each computed once; clone() and deepcopy share it (it holds a model)."""

    def __init__(self, encode: object) -> None:
        self.encode = encode
        self._cache: dict[str, np.ndarray] = {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            self._cache.update(zip(missing, self.encode(missing), strict=True))  # type: ignore[operator]
        return np.stack([self._cache[t] for t in texts])

    def __deepcopy__(self, memo: dict[int, object]) -> TextVectors:
        return self


# ---- learned models ----------------------------------------------------------------------------


class AssessmentClassifier(BaseEstimator, ClassifierMixin):
    """Regularised logistic regression over [embedding of the stripped text, cue flags, structure].

    `embed` maps stripped texts to L2-normalised vectors; `structure` selects date features and status cues
    (activities) or the statuses of the goal's activities with keyword flags (goals). For activities the
    reviewer's rule of thumb enters as a one-hot feature (`rule_weight`), and a decisive cue (waiting, not
    started) takes `override` of the probability mass: a few dozen examples cannot teach a rare class that
    one word settles.
    """

    def __init__(self, embed: object = None, structure: str = "dates", C: float = 1.0,
                 embedding_weight: float = 1.0, class_weight: str | None = "balanced",
                 lexical_weight: float = 0.0, rule_weight: float = 0.0, override: float = 0.0,
                 progress_weight: float = 0.0, target_weight: float = 1.0, figure_override: float = 0.0) -> None:
        self.figure_override = figure_override
        self.lexical_weight = lexical_weight
        self.target_weight = target_weight
        self.progress_weight = progress_weight
        self.embed = embed
        self.structure = structure
        self.C = C
        self.embedding_weight = embedding_weight
        self.class_weight = class_weight
        self.rule_weight = rule_weight
        self.override = override

    def _features(self, examples: list[Example]) -> np.ndarray:
        texts = [e.stripped for e in examples]
        vectors = self.embed(texts) * self.embedding_weight  # type: ignore[operator]
        # An empty or one-line comment says something too (often: not started yet).
        length = np.array([[float(len(t.split()) < MIN_TEXT_WORDS), np.log1p(len(t.split())) / 5] for t in texts])
        if self.structure == "dates":
            labels = label_space_for("activity")
            rule = np.array([[float(reviewer_status(e) == label) for label in labels] for e in examples])
            parts = [vectors, np.stack([cue_features(t) for t in texts]), np.stack([e.date_features() for e in examples]),
                     length, rule * self.rule_weight]
        elif self.structure == "text":
            # The words alone: the progress reading, and for activities its rule of thumb as one-hot.
            parts = [vectors, np.stack([cue_features(t) for t in texts]), length,
                     np.stack([direction_features(e.title, t) for e, t in zip(examples, texts, strict=True)])
                     * self.progress_weight,
                     np.stack([target_features(e.title, t) for e, t in zip(examples, texts, strict=True)])
                     * self.progress_weight * self.target_weight]
            if self.rule_weight:
                labels = label_space_for("activity")
                rule = np.array([[float(progress_status(t) == label) for label in labels] for t in texts])
                parts.append(rule * self.rule_weight)
        else:
            parts = [vectors, np.stack([keyword_features(t) for t in texts]),
                     np.stack([e.status_features() for e in examples]), length]
        if self.progress_weight:
            parts.append(np.stack([progress_features(t) for t in texts]) * self.progress_weight)
        if self.lexical_weight:
            parts.append(self.tfidf_.transform([fold(t) for t in texts]).toarray() * self.lexical_weight)
        return np.hstack(parts)

    def fit(self, examples: list[Example], y: list[str]) -> AssessmentClassifier:
        if self.lexical_weight:
            from sklearn.feature_extraction.text import TfidfVectorizer

            self.tfidf_ = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
            self.tfidf_.fit([fold(e.stripped) for e in examples])
        self.model_ = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=3000)
        self.model_.fit(self._features(examples), np.asarray(y))
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, examples: list[Example]) -> np.ndarray:
        probabilities = self.model_.predict_proba(self._features(examples))
        if self.override and self.structure == "dates":
            self._give_mass(probabilities, [decisive_status(e) for e in examples], self.override)
        if self.figure_override and self.structure == "text":
            self._give_mass(probabilities, [figure_level(e.title, e.stripped) for e in examples], self.figure_override)
        return probabilities

    def _give_mass(self, probabilities: np.ndarray, levels: list[str | None], share: float) -> None:
        """Each row's `share` of the probability goes to the level a rule settles on, where it settles on one."""
        classes = list(self.classes_)
        for row, level in zip(probabilities, levels, strict=True):
            if level in classes:
                row *= 1 - share
                row[classes.index(level)] += share

    def predict(self, examples: list[Example]) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(examples), axis=1)]


def structured(example: Example) -> bool:
    """Whether the example carries what its report says beside the text: an activity's dates in a dated
    report, a goal's activities with their statuses. Pasted text and labelled comments do not."""
    if example.kind == "goal":
        return bool(example.activity_statuses)
    return example.date_features()[3] == 0.0


def structured_classifier(kind: str, embed: object) -> AssessmentClassifier:
    """The model for versions read with their report's structure, chosen leave-one-report-out (activities) and
    leave-one-out (goals) on Ånge's reports; see REPORT.md."""
    if kind == "activity":
        return AssessmentClassifier(embed=embed, structure="dates", C=0.3, embedding_weight=3.0, class_weight=None,
                                    rule_weight=4.0, override=0.7)
    return AssessmentClassifier(embed=embed, structure="statuses", C=0.5)


class RoutedClassifier(BaseEstimator, ClassifierMixin):
    """Two models behind one: `structured_` for versions read from a report (dates, the goal's activities),
    fitted on those alone; `text_` for comments judged by their words, fitted on every example as text.
    A stored report's figures do not move when comments in other municipalities' words are added, and
    pasted text is judged by what its words say of progress rather than by dates it does not have."""

    def __init__(self, embed: object = None, kind: str = "activity", text_C: float = 0.5,
                 text_embedding_weight: float = 2.0, text_class_weight: str | None = "balanced",
                 text_rule_weight: float = 2.0, text_progress_weight: float = 1.0,
                 text_target_weight: float = 1.0, text_figure_override: float = 0.0) -> None:
        self.text_figure_override = text_figure_override
        self.embed = embed
        self.kind = kind
        self.text_C = text_C
        self.text_embedding_weight = text_embedding_weight
        self.text_class_weight = text_class_weight
        self.text_rule_weight = text_rule_weight
        self.text_progress_weight = text_progress_weight
        self.text_target_weight = text_target_weight

    def _structured_model(self) -> AssessmentClassifier:
        return structured_classifier(self.kind, self.embed)

    def _text_model(self) -> AssessmentClassifier:
        return AssessmentClassifier(embed=self.embed, structure="text", C=self.text_C,
                                    embedding_weight=self.text_embedding_weight, class_weight=self.text_class_weight,
                                    rule_weight=self.text_rule_weight if self.kind == "activity" else 0.0,
                                    progress_weight=self.text_progress_weight,
                                    target_weight=self.text_target_weight,
                                    figure_override=self.text_figure_override if self.kind == "goal" else 0.0)

    def fit(self, examples: list[Example], y: list[str]) -> RoutedClassifier:
        self.classes_ = np.array(sorted(set(y)))
        with_structure = [i for i, e in enumerate(examples) if structured(e)]
        labels = [y[i] for i in with_structure]
        self.structured_ = (self._structured_model().fit([examples[i] for i in with_structure], labels)
                            if len(set(labels)) >= 2 else None)
        text_examples = [replace_structure(e) for e in examples]
        self.text_ = self._text_model().fit(text_examples, list(y))
        return self

    def predict_proba(self, examples: list[Example]) -> np.ndarray:
        out = np.zeros((len(examples), len(self.classes_)))
        columns = {label: i for i, label in enumerate(self.classes_)}
        # Structured versions go to the structured model where there is one; everything else is read as text.
        routes = [self.structured_ is not None and structured(e) for e in examples]
        for use_structure, model in ((True, self.structured_), (False, self.text_)):
            rows = [i for i, route in enumerate(routes) if route == use_structure]
            if not rows or model is None:
                continue
            chosen = [examples[i] if use_structure else replace_structure(examples[i]) for i in rows]
            probabilities = model.predict_proba(chosen)
            for column, label in enumerate(model.classes_):
                out[rows, columns[label]] = probabilities[:, column]
        return out

    def predict(self, examples: list[Example]) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(examples), axis=1)]

    def set_embed(self, embed: object) -> None:
        """Detach (None, to save) or attach the embedding function, here and in both models."""
        self.embed = embed
        for model in (getattr(self, "structured_", None), getattr(self, "text_", None)):
            if model is not None:
                model.embed = embed


def replace_structure(example: Example) -> Example:
    """The example as text alone (no dates, no activities), for the model that reads words."""
    if not structured(example):
        return example
    return Example(id=example.id, kind=example.kind, report=example.report, title=example.title, text=example.text,
                   label=example.label, year=0, municipality=example.municipality)


# The text model's settings, chosen leave-one-municipality-out on five municipalities' comments (REPORT.md).
TEXT_SETTINGS = {
    "activity": {"text_C": 1.0, "text_embedding_weight": 8.0, "text_rule_weight": 4.0},
    # Figures against targets (nlp/targets.py) weigh 3: leave-one-municipality-out on the team's goal comments,
    # weights 0/1/3/5/8 gave within one level 0.826/0.803/0.833/0.833/0.826 (adapted model), exact 0.545 → 0.583.
    # A comment's figures read as a reviewer would (nlp.targets.figure_level: targets met, or missed and heading
    # which way) take 0.5 of the probability mass: overrides 0/0.3/0.5/0.7 gave within one level 0.853/0.885/
    # 0.913/0.913 leave-one-municipality-out on the team's goal comments, after figure_level learned this year's
    # value, comparisons in words, burdens left behind and change targets (it had given 0.826/0.833/0.795/0.795
    # before). Chosen on the team's comments, which that reading was also fixed on: the held-out sets say more.
    "goal": {"text_C": 1.0, "text_embedding_weight": 4.0, "text_target_weight": 3.0, "text_figure_override": 0.5},
}


def default_classifier(kind: str, embed: object) -> RoutedClassifier:
    """The settings chosen leave-one-report-out (stored activities), leave-one-out (stored goals) and
    leave-one-municipality-out (comments as text); see REPORT.md."""
    return RoutedClassifier(embed=embed, kind=kind, **TEXT_SETTINGS[kind])
