"""Proposed assessment levels: activity status and goal fulfilment, from text the label is stripped from.

Estimators follow the scikit-learn API (fit returns self, learned state ends in `_`). Inputs are
`Example`s; the embedding of the stripped text is computed once by the caller and passed along.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression

from corpus.store import Store
from corpus.text import GOAL_LEVELS, fold, label_space_for
from nlp.progress import direction_features, progress_features, progress_status, read_progress
from nlp.targets import target_comparisons, target_features

# A sentence that states the verdict ("Målet bedöms därför som Knappt uppfyllt.") is the label itself.
_LEVEL = r"(?:ej|knappt|delvis)?\s*u[pn]p\w{2,6}"
_VERDICT_SENTENCE = re.compile(rf"[^.!?\n]*\b(?:bed\w*m\w*|bedomningen)\b[^.!?\n]*{_LEVEL}[^.!?\n]*[.!?]?", re.I)
_LEVEL_WORDS = re.compile(rf"\b{_LEVEL}\b\.?", re.I)
_STATUS_WORDS = re.compile(
    r"[▶✔⚠]?\s*\b(?:p[aå]g[aåée]{1,3}ende|avslutad|ej\s+p[aå]b[oö]rjad|v[aä]ntel[aä]ge)"
    r"(?:\s+(?:enligt\s+plan|med\s+avvikelser?))?\b\.?",
    re.I,
)
TERTIAL_END = {"T1": (4, 30), "T2": (8, 31), "T3": (12, 31)}
MIN_TEXT_WORDS = 3


def strip_labels(text: str) -> str:
    """The text with stated levels and statuses removed, so a model cannot read its answer."""
    text = _VERDICT_SENTENCE.sub(" ", fold_safe(text))
    text = _LEVEL_WORDS.sub(" ", text)
    text = _STATUS_WORDS.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def fold_safe(text: str) -> str:
    """Normalise OCR'd verdict spellings ('uppfylit', 'bedoms dérfér') so the patterns above see them."""
    return text.replace("é", "e") if "uppfyl" in fold(text) else text


def report_date(year: int, period: str | None) -> date:
    """End of the reported tertial; a report that states none is taken at mid-year."""
    month, day = TERTIAL_END.get(period or "", (6, 30))
    return date(year, month, day)


def _parse(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass
class Example:
    """One labelled (or to-be-labelled) text: an activity version or a goal version."""

    id: str
    kind: str
    report: str
    title: str
    text: str
    label: str | None
    year: int
    period: str | None = None
    start: str | None = None
    end: str | None = None
    activity_statuses: list[str] = field(default_factory=list)
    municipality: str = ""

    @cached_property
    def stripped(self) -> str:
        """The text without its label; computed once (features, rules and flags all read it)."""
        return strip_labels(self.text)

    @cached_property
    def target_reached(self) -> bool:
        return target_reached(self.title, self.stripped)

    def date_features(self) -> np.ndarray:
        """Where the report date falls in the activity's span: not started, under way, past its end."""
        start, end = _parse(self.start), _parse(self.end)
        if end is None or self.year < 1:  # pasted text: no dates, no report to place them in
            return np.array([0.0, 0.0, 0.5, 1.0])
        when = report_date(self.year, self.period)
        if end is None:
            return np.array([0.0, 0.0, 0.5, 1.0])
        elapsed = 0.5 if start is None or end <= start else (when - start).days / max(1, (end - start).days)
        before_start = float(start is not None and when < start)
        return np.array([before_start, float(when > end), float(np.clip(elapsed, -0.5, 1.5)), 0.0])

    def status_features(self) -> np.ndarray:
        """For goals: shares of its activities done, on plan, deviating or waiting, not started; and how many."""
        statuses = self.activity_statuses
        n = len(statuses)
        if n == 0:
            return np.array([0.0, 0.0, 0.0, 0.0, 0.0, 1.0])
        done = sum(s.startswith("Avslutad") for s in statuses) / n
        on_plan = sum(s in {"Pågående enligt plan", "Pågående"} for s in statuses) / n
        deviating = sum(s in {"Pågående med avvikelse", "Vänteläge"} for s in statuses) / n
        not_started = sum(s == "Ej påbörjad" for s in statuses) / n
        return np.array([done, on_plan, deviating, not_started, np.log1p(n) / 3, 0.0])


def load_activity_examples(store: Store) -> list[Example]:
    """Every activity version with a status: its comment and description, dates and report period."""
    periods = {r["source"]: (r["year"], r["period"]) for r in store.reports()}
    examples = []
    for activity in store.activities():
        for version in activity["versions"]:
            if version["status"] is None:
                continue
            year, period = periods[version["report"]]
            examples.append(Example(
                id=activity["id"], kind="activity", report=version["report"], title=activity["title"],
                text=f"{version['comment']} {activity['description']}".strip(), label=version["status"],
                year=year, period=period, start=activity["start"], end=activity["end"],
            ))
    return examples


def load_goal_examples(store: Store) -> list[Example]:
    """Every goal version with a stated level, with the statuses of its activities in that report."""
    rows = store.query(
        """SELECT gv.goal_id, gv.report, gv.comment, gv.assessment, g.title, g.year, r.period
           FROM goal_versions gv JOIN goals g ON g.id = gv.goal_id JOIN reports r ON r.source = gv.report
           WHERE gv.assessment IS NOT NULL ORDER BY g.position"""
    )
    statuses = goal_activity_statuses(store)
    return [
        Example(
            id=r["goal_id"], kind="goal", report=r["report"], title=r["title"], text=r["comment"],
            label=r["assessment"], year=r["year"], period=r["period"],
            activity_statuses=statuses.get((r["goal_id"], r["report"]), []),
        )
        for r in rows
    ]


def load_labelled_examples(kind: str) -> list[Example]:
    """The team's labelled comments in other municipalities' styles (and any UPPSIKT_EXAMPLES folder): pasted
    text without dates or report, grouped by municipality so evaluation can hold one out."""
    from corpus.labelled import labelled_comments

    return [Example(id=f"{c.source}:{i}", kind=kind, report=f"exempel:{c.municipality}", title=c.title, text=c.text,
                    label=c.label, year=0, municipality=c.municipality)
            for i, c in enumerate(labelled_comments(kind))]


def goal_activity_statuses(store: Store) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for row in store.query(
        """SELECT ag.goal_id, ag.report, av.status FROM activity_goals ag
           JOIN activity_versions av ON av.activity_id = ag.activity_id AND av.report = ag.report
           WHERE av.status IS NOT NULL"""
    ):
        out.setdefault((row["goal_id"], row["report"]), []).append(row["status"])
    return out


# ---- cue words (features; evaluation/baselines.py builds its keyword rules on them) -------------------------------------------------------------------

_DONE = re.compile(r"\b(genomf[oö]rd[at]?|har genomf[oö]rts|[aä]r klar|slutf[oö]rd|avslutad|signerad|h[oö]jd)\b", re.I)
_LATE = re.compile(r"\b(f[oö]rsen\w*|avvik\w*|skjut\w*|inte kunnat|ej kunnat|resursbrist|f[oö]rdr[oö]j\w*)\b", re.I)
_NOT_STARTED = re.compile(r"\b(inte p[aå]b[oö]rja\w*|ej p[aå]b[oö]rja\w*|ej startat|inte startat|startar i|planeras starta)\b", re.I)
_WAITING = re.compile(r"\b(vilande|pausad\w*|avvakta\w*|v[aä]ntar)\b", re.I)


_NO_ACTIVITY = re.compile(r"\b(ingen aktivitet|inga aktiviteter|inte initierat|ej initierat)\b", re.I)
_ACHIEVED = re.compile(r"\b(uppn[aå]tt|passerad|har genomf[oö]rts|har anordnat|genomf[oö]rt)\b", re.I)
_EARLY = re.compile(r"\b(tidigt|initierat|p[aå]b[oö]rjat|planerad|inte avslutat|ingen [aä]r avslutad)\b", re.I)


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


# ---- a reviewer's cues for the learned model ---------------------------------------------------

# Broader than the baseline's words: the forms a comment uses to say an activity is done, under way,
# planned, late, not started or waiting. Written from Swedish usage, not from the dev errors.
STATUS_CUES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.I) for name, pattern in {
        "done": r"\b(genomf[oö]r(d|t|da|des|ts)|klar[ta]?|slutf[oö]r(d|t|des|ts)|f[aä]rdigst[aä]ll(d|t|des|ts)"
                r"|avslutad|avslutades|beviljat|beviljats|beviljad|signerad|undertecknad|skrevs\s+under|skrivits\s+under"
                r"|h[oö]jd|h[oö]jts|inl[aä]mnad|inskickad|skickats\s+in|fastst[aä]ll(d|des|ts)|beslutad|beslutades"
                r"|antagen|antogs|levererad|levererats|inf[oö]r(t|d|des|ts)|h[oö]lls|har\s+h[aå]llits|[aä]gde\s+rum"
                r"|framtagen|framtaget|tagits\s+fram|[oö]ppnade|invigd|invigdes|[aä]r\s+p[aå]\s+plats|uppn[aå]tt"
                r"|har\s+\w+ats)\b",
        "ongoing": r"\b(p[aå]g[aå]r|forts[aä]tter|l[oö]pande|under\s+utveckling|h[aå]ller\s+p[aå]|arbetar\s+med"
                   r"|[aä]r\s+ig[aå]ng|l[oö]per\s+p[aå]|enligt\s+tidplan\w*)\b",
        "future": r"\b(kommer\s+att|planeras|ska|skall|inf[oö]r|inplanerad|under\s+h[oö]sten|till\s+h[oö]sten|startar)\b",
        "late": r"\b(f[oö]rsen\w*|avvik\w*|f[oö]rskjut\w*|skjut\w*|senarelag\w*|inte\s+kunnat|ej\s+kunnat|resursbrist"
                r"|personalbrist|f[oö]rdr[oö]j\w*|l[aä]ngre\s+tid|sv[aå]r\w*\s+att\s+h[aå]lla|tog\s+stop\w*|drar\s+ut"
                r"|drog\s+ut|ligger\s+efter|efter\s+tidplan\w*|senare\s+[aä]n\s+planerat|efter\s+planerat"
                r"|hinner\s+inte|inte\s+(att\s+)?(bli|hinna)\s+klar\w*|[oö]verklag\w*)\b",
        "not_started": r"\b(inte\s+p[aå]b[oö]rja\w*|ej\s+p[aå]b[oö]rja\w*|ej\s+startat|inte\s+startat|startar\s+i"
                       r"|planeras\s+starta|p[aå]b[oö]rjas|inte\s+kommit\s+ig[aå]ng|inget\s+arbete\s+har"
                       r"|uppstart\s+sker|har\s+inte\s+(startat|b[oö]rjat))\b",
        "waiting": r"\b(vilande|vilar|pausad\w*|avvakta\w*|v[aä]ntar|inv[aä]ntar|i\s+v[aä]ntan\s+p[aå]|avstannat"
                   r"|lagts\s+p[aå]\s+is|parkerad\w*)\b",
    }.items()
}


def cue_features(text: str) -> np.ndarray:
    """Whether each cue occurs, and how densely (per 20 words)."""
    per_20_words = 1 + len(text.split()) / 20
    return np.array([float(bool(p.search(text))) for p in STATUS_CUES.values()]
                    + [len(p.findall(text)) / per_20_words for p in STATUS_CUES.values()])


# A count in the title is the activity's target ("Erbjuda 5 nyanlända anställning"); the comment reaching it
# ("hittills 20 nyanlända") says the work is done, as a reviewer reads it. Articles (en, ett) are not counts.
_NUMBERS = {"två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10}
_COUNT = re.compile(r"\b(\d{1,3}|två|tre|fyra|fem|sex|sju|åtta|nio|tio)\s+(?:st(?:ycken)?\.?\s+)?([^\W\d]{4,})", re.I)


def _count(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBERS[token.lower()]


def target_reached(title: str, text: str) -> bool:
    """Whether the comment reports at least the count the title sets as target, of the same thing."""
    target = _COUNT.search(title)
    if target is None:
        return False
    wanted, thing = _count(target.group(1)), fold(target.group(2))[:6]
    return any(fold(noun).startswith(thing) and _count(number) >= wanted for number, noun in _COUNT.findall(text))


def decisive_status(example: Example) -> str | None:
    """What a reviewer concludes without weighing, when nothing says work was carried out: work that waits,
    or has not started (by its words, or because it starts after the report was written)."""
    text = example.stripped
    if STATUS_CUES["done"].search(text) or example.target_reached:  # something was carried out: not certain
        return None
    if STATUS_CUES["waiting"].search(text):
        return "Vänteläge"
    if STATUS_CUES["not_started"].search(text) or example.date_features()[0]:
        return "Ej påbörjad"
    return None


def reviewer_status(example: Example) -> str:
    """The rule of thumb with dates: decisive cues, then late, then done (or past its end), else on plan."""
    text = example.stripped
    decisive = decisive_status(example)
    if decisive:
        return decisive
    # Late before done: "done, but late" was tried as Avslutad med avvikelse and lost on both dev sets.
    if STATUS_CUES["late"].search(text):
        return "Pågående med avvikelse"
    past_end = bool(example.date_features()[1])
    if past_end or example.target_reached or (STATUS_CUES["done"].search(text)
                                              and not STATUS_CUES["ongoing"].search(text)):
        return "Avslutad enligt plan"
    return "Pågående enligt plan"


# ---- learned models ----------------------------------------------------------------------------


def keyword_features(text: str) -> np.ndarray:
    return np.array([float(bool(p.search(text))) for p in (_DONE, _LATE, _NOT_STARTED, _WAITING, _NO_ACTIVITY,
                                                           _ACHIEVED, _EARLY)])


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
                 progress_weight: float = 0.0, target_weight: float = 1.0) -> None:
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
            classes = list(self.classes_)
            for row, example in zip(probabilities, examples, strict=True):
                decisive = decisive_status(example)
                if decisive in classes:
                    row *= 1 - self.override
                    row[classes.index(decisive)] += self.override
        return probabilities

    def predict(self, examples: list[Example]) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(examples), axis=1)]


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


def abstains(kind: str, probabilities: dict[str, float], text: str, below: float | None = None) -> bool:
    """Whether the text is too weak a basis for a proposal: it says nothing of progress, or no level is likely."""
    floor = DEFAULT_ABSTAIN_BELOW[kind] if below is None else below
    # A comment of figures against targets says how far the goal has come, though no verb of progress does.
    return (read_progress(text).silent and not target_comparisons(text)) or max(probabilities.values()) < floor


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


def stated_verdict(text: str) -> str | None:
    """The level a goal's own comment states ('Målet bedöms därför som Delvis uppfyllt'), if any."""
    from corpus.text import normalise_goal_level

    found = None
    for sentence in _VERDICT_SENTENCE.findall(fold_safe(text)):
        match = re.search(rf"({_LEVEL})\W*$", sentence.strip(), re.I)
        if match:
            found = normalise_goal_level(match.group(1)) or found
    return found


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
                 text_target_weight: float = 1.0) -> None:
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
                                    target_weight=self.text_target_weight)

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
    "goal": {"text_C": 1.0, "text_embedding_weight": 4.0, "text_target_weight": 3.0},
}


def default_classifier(kind: str, embed: object) -> RoutedClassifier:
    """The settings chosen leave-one-report-out (stored activities), leave-one-out (stored goals) and
    leave-one-municipality-out (comments as text); see REPORT.md."""
    return RoutedClassifier(embed=embed, kind=kind, **TEXT_SETTINGS[kind])
