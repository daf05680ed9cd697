"""Trained assessment models for the service: propose a level, show evidence, flag contradictions."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import joblib
import numpy as np

from corpus.model import UppsiktError
from corpus.store import Store, now_iso
from nlp import assess as assess_module
from nlp import progress as progress_module
from nlp import targets as targets_module
from nlp.assess import (
    STATUS_CUES,
    Example,
    RoutedClassifier,
    TextVectors,
    abstains,
    best_level,
    default_classifier,
    fit_abstention,
    label_space,
    load_activity_examples,
    load_goal_examples,
    load_labelled_examples,
    out_of_fold,
    says_decisively,
    stated_verdict,
)
from nlp.assess.cues import NO_ACTIVITY_WORDS
from nlp.embedding import CachedEmbedder
from nlp.letters import LetterRestorer

MIN_WORDS = 3
ABSTENTION_FILE = "abstention.json"
ACTIVITY_FLAGS = {
    "done": "kommentaren säger att aktiviteten (eller en del av den) är genomförd",
    "not_started": "kommentaren säger att arbetet inte har påbörjats",
    "late": "kommentaren nämner försening eller avvikelse",
    "waiting": "kommentaren säger att arbetet väntar eller är pausat",
}
# A stated status that a cue in its own comment speaks against: (stated statuses, cue, what the text says).
CONTRADICTING_CUES: tuple[tuple[frozenset[str], str, str], ...] = (
    (frozenset({"Ej påbörjad", "Vänteläge"}), "done", "kommentaren säger att något redan är genomfört"),
    (frozenset({"Pågående enligt plan"}), "late", "kommentaren nämner försening eller avvikelse"),
    (frozenset({"Avslutad enligt plan", "Avslutad med avvikelse"}), "not_started",
     "kommentaren säger att arbetet inte har påbörjats"),
)
STATED_UNLIKELY = 0.2
_SWEDISH_HINTS = {"och", "att", "som", "för", "med", "är", "har", "på", "av", "till", "en", "ett", "det", "den",
                  "inte", "ska", "kommer", "under", "vi", "om", "i", "de", "sker", "pågår", "genom"}


def feedback_examples(store: Store, kind: str) -> list[Example]:
    """Reviewers' accepted corrections: training examples like the reports' own labels."""
    rows = store.query("SELECT id, entity_id, text, label FROM feedback WHERE kind = ? ORDER BY id", (kind,))
    return [Example(id=r["entity_id"] or f"feedback-{r['id']}", kind=kind, report="feedback", title="",
                    text=r["text"], label=r["label"], year=0) for r in rows]


def _data_hash(examples: list[Example]) -> str:
    payload = json.dumps([(e.id, e.report, e.title, e.text, e.label, e.start, e.end, e.activity_statuses)
                          for e in examples], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def _code_hash() -> str:
    """The features and estimators' source: a saved model built by other code is rebuilt, not reused."""
    files = [*sorted(Path(assess_module.__file__).parent.glob("*.py")),
             *(Path(module.__file__) for module in (progress_module, targets_module))]
    source = b"".join(path.read_bytes() for path in files)
    return hashlib.sha256(source).hexdigest()[:8]


class Assessor:
    """Both tasks' models, fitted on every labelled version plus feedback; refitted when those change."""

    def __init__(self, store: Store, embedder: CachedEmbedder, artifacts: Path,
                 letters: LetterRestorer | None = None) -> None:
        """`letters`: puts å, ä, ö back into pasted text typed without them (the cue words need them)."""
        self.store = store
        self.letters = letters
        self.embedder = embedder
        self.directory = artifacts / "assess"
        self.embed_function = TextVectors(lambda texts: embedder.encode(texts, "query"))
        # The stored reports' labels, the team's comments in other municipalities' styles, reviewers' feedback.
        self.examples = {
            kind: loader(store) + load_labelled_examples(kind) + feedback_examples(store, kind)
            for kind, loader in (("activity", load_activity_examples), ("goal", load_goal_examples))
        }
        self.models = {kind: self._model(kind) for kind in self.examples}
        self.abstain_below = self._abstention()

    def _abstention(self) -> dict[str, float | None]:
        """The calibrated floors (`uppsikt calibrate`), else None: nlp.assess's documented defaults."""
        path = self.directory / ABSTENTION_FILE
        saved = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        return {kind: saved.get(kind, {}).get("abstain_below") for kind in self.examples}

    def calibrate_abstention(self) -> dict[str, Any]:
        """Fit each kind's abstention floor on predictions for texts the model did not train on: each
        municipality's labelled comments from a model trained without them, each stored report's from one
        trained without that report; saved beside the models."""
        out: dict[str, Any] = {}
        for kind, examples in self.examples.items():
            examples = [e for e in examples if e.report != "feedback"]
            if len({e.label for e in examples}) < 2:
                continue
            groups = [e.municipality or (e.report if kind == "activity" else f"{e.id}@{e.report}") for e in examples]
            probabilities = out_of_fold(default_classifier(kind, self.embed_function), examples, groups, proba=True)
            labels = label_space(kind)
            rows = [dict(zip(labels, row, strict=True)) for row in probabilities]
            correct = [best_level(kind, row) == e.label for row, e in zip(rows, examples, strict=True)]
            # The floor only ever withholds texts that say nothing decisive: it is fitted on those.
            open_to_floor = [not says_decisively(kind, e.stripped) for e in examples]
            floor = fit_abstention([max(row.values()) for row, o in zip(rows, open_to_floor, strict=True) if o],
                                   [c for c, o in zip(correct, open_to_floor, strict=True) if o])
            out[kind] = {"abstain_below": floor, "texts": len(examples),
                         "out_of_fold_accuracy": round(float(np.mean(correct)), 4),
                         "withheld": round(float(np.mean([abstains(kind, r, e.stripped, floor)
                                                          for r, e in zip(rows, examples, strict=True)])), 4)}
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / ABSTENTION_FILE).write_text(json.dumps({**out, "fitted_at": now_iso()}, ensure_ascii=False,
                                                                 indent=1), encoding="utf-8")
        self.abstain_below = self._abstention()
        return out

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.embed_function(texts) if texts else np.zeros((0, self.embedder.dim), np.float32)

    def _model(self, kind: str) -> RoutedClassifier:
        examples = self.examples[kind]
        digest = f"{_data_hash(examples)}-{_code_hash()}-{self.embedder.name}"
        meta_path, model_path = self.directory / f"{kind}.meta.json", self.directory / f"{kind}.joblib"
        if meta_path.exists() and model_path.exists():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("data_hash") == digest:
                model: RoutedClassifier = joblib.load(model_path)
                model.set_embed(self.embed_function)
                return model
        model = default_classifier(kind, self.embed_function).fit(examples, [e.label for e in examples])
        self.directory.mkdir(parents=True, exist_ok=True)
        model.set_embed(None)
        joblib.dump(model, model_path)
        model.set_embed(self.embed_function)
        # What `uppsikt evaluate` measured for this store, copied beside its artefacts (none before it ran).
        figures_path = self.directory.parent / "evaluation" / "figures.json"
        figures = json.loads(figures_path.read_text(encoding="utf-8")).get("assessment", {}).get(kind) \
            if figures_path.exists() else None
        meta_path.write_text(json.dumps({
            "kind": kind, "data_hash": digest, "trained_at": now_iso(), "examples": len(examples),
            "feedback_examples": sum(e.report == "feedback" for e in examples), "model": type(model).__name__,
            "params": {k: v for k, v in model.get_params().items() if k != "embed"},
            "embedder": self.embedder.name, "evaluation": figures,
        }, ensure_ascii=False, indent=1), encoding="utf-8")
        return model

    # ---- proposing a level ---------------------------------------------------------------------

    def assess(self, text: str, kind: str, entity: Example | None = None, k: int = 5) -> dict[str, Any]:
        if kind not in self.models:
            raise UppsiktError(f"Okänd typ '{kind}'; välj activity eller goal.")
        text = (text or "").strip()
        if not text and entity is None:
            raise UppsiktError("Texten är tom; klistra in en kommentar att bedöma.")
        text = self.letters.restore(text[:5000]) if self.letters and entity is None else text
        example = entity or Example(id="", kind=kind, report="", title="", text=text[:5000], label=None, year=0)
        model = self.models[kind]
        probabilities = dict(zip(model.classes_, model.predict_proba([example])[0], strict=True))
        ordered = {label: round(float(probabilities.get(label, 0.0)), 4) for label in label_space(kind)}
        best = best_level(kind, ordered)
        flags = self.flags(example)
        words = re.findall(r"\w+", example.stripped.lower())
        if len(words) < MIN_WORDS:
            flags.append("för lite text för en säker bedömning")
        elif sum(w in _SWEDISH_HINTS for w in words) / len(words) < 0.05:
            flags.append("texten verkar inte vara svenska; bedömningen är osäker")
        weak = abstains(kind, ordered, example.stripped, self.abstain_below[kind]) \
            or any("osäker" in f or "för lite" in f for f in flags)
        if weak:
            flags.append("underlaget är för svagt för ett förslag")
        return {"label": None if weak else best, "interpreted_text": example.text, "probabilities": ordered,
                "evidence": self.evidence(example, k), "flags": flags, "best_guess": best}

    def evidence(self, example: Example, k: int) -> list[dict[str, Any]]:
        """The nearest labelled cases (cosine of the stripped texts)."""
        pool = [e for e in self.examples[example.kind] if e.stripped and (e.id, e.report) != (example.id, example.report)]
        if not pool or not example.stripped:
            return []
        scores = self.embed([e.stripped for e in pool]) @ self.embed([example.stripped])[0]
        return [{"id": pool[i].id, "report": pool[i].report, "title": pool[i].title, "text": pool[i].text[:400],
                 "label": pool[i].label, "score": round(float(scores[i]), 4),
                 # A team-written example in another municipality's style, not a stored report's text.
                 "example_of": pool[i].municipality or None} for i in np.argsort(-scores)[:k]]

    @staticmethod
    def flags(example: Example) -> list[str]:
        text = example.stripped
        flags = []
        if example.kind == "goal":
            verdict = stated_verdict(example.text)
            if verdict:
                flags.append(f"kommentaren anger själv nivån {verdict}")
            if NO_ACTIVITY_WORDS.search(text):
                flags.append("kommentaren säger att ingen aktivitet är planerad eller påbörjad")
            return flags
        for cue, flag in ACTIVITY_FLAGS.items():
            if STATUS_CUES[cue].search(text):
                flags.append(flag)
        if example.target_reached:
            flags.append("kommentaren redovisar minst det antal som aktivitetens titel har som mål")
        dates = example.date_features()
        if dates[0]:
            flags.append("aktiviteten startar först efter rapportens datum")
        elif dates[1]:
            flags.append("aktivitetens slutdatum har passerat vid rapportens datum")
        return flags

    # ---- contradictions --------------------------------------------------------------------------

    def review(self) -> list[dict[str, Any]]:
        """Every level stated in the stored reports beside what a model that did not train on it proposes
        (activities: trained without the example's report; goals: without the goal's version), and the
        contradiction between them where its own text speaks against the stated level."""
        reviewed: list[dict[str, Any]] = []
        for kind, examples in self.examples.items():
            # The stored reports' own labels; the team's examples are no report to check.
            examples = [e for e in examples if e.report != "feedback" and not e.municipality]
            if not examples:
                continue
            groups = [e.report for e in examples] if kind == "activity" else [f"{e.id}@{e.report}" for e in examples]
            probabilities = out_of_fold(default_classifier(kind, self.embed_function), examples, groups, proba=True)
            labels = label_space(kind)
            for example, row in zip(examples, probabilities, strict=True):
                ordered = dict(zip(labels, (float(p) for p in row), strict=True))
                proposed = best_level(kind, ordered)
                reviewed.append({"id": example.id, "kind": kind, "title": example.title, "report": example.report,
                                 "stated": example.label, "proposed": proposed,
                                 "probability": round(ordered[proposed], 4),
                                 "contradiction": self._contradiction(example, ordered)})
        return reviewed

    def check(self) -> list[dict[str, Any]]:
        """Stated levels their own text contradicts, most certain first.

        Goals: the comment's own verdict sentence names another level (certain). Activities: a cue in the
        comment speaks against the stated status (something done under "Ej påbörjad", a delay under
        "enligt plan") and a model trained without the example's report gives the stated status less than
        STATED_UNLIKELY; the probability shown is the model's 1 - p(stated).
        """
        found = [{"id": r["id"], "kind": r["kind"], "title": r["title"], "report": r["report"], "stated": r["stated"],
                  "suggested": r["contradiction"][0], "probability": round(r["contradiction"][1], 4),
                  "reason": r["contradiction"][2]} for r in self.review() if r["contradiction"]]
        return sorted(found, key=lambda f: -f["probability"])

    @staticmethod
    def _contradiction(example: Example, probabilities: dict[str, float]) -> tuple[str, float, str] | None:
        if example.kind == "goal":
            verdict = stated_verdict(example.text)
            if verdict and verdict != example.label:
                return verdict, 1.0, f"rubriken anger {example.label} men kommentaren säger {verdict}"
            return None
        text = example.stripped
        stated = probabilities.get(example.label or "", 0.0)
        if stated >= STATED_UNLIKELY:
            return None
        for statuses, cue, says in CONTRADICTING_CUES:
            if example.label in statuses and STATUS_CUES[cue].search(text):
                others = {label: p for label, p in probabilities.items() if label != example.label}
                suggested = max(others, key=others.get)  # type: ignore[arg-type]
                return suggested, 1.0 - stated, f"angiven {example.label} men {says}; modellen föreslår {suggested}"
        return None
