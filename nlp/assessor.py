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
from corpus.text import fold
from nlp.assess import (
    _DONE,
    _LATE,
    _NO_ACTIVITY,
    _NOT_STARTED,
    _WAITING,
    AssessmentClassifier,
    Example,
    TextVectors,
    default_classifier,
    label_space,
    load_activity_examples,
    load_goal_examples,
    out_of_fold,
    stated_verdict,
    strip_labels,
)
from nlp.embedding import CachedEmbedder

MIN_WORDS = 3
WEAK_PROBABILITY = 0.45
CHECK_PROBABILITY = 0.6
_SWEDISH_HINTS = {"och", "att", "som", "för", "med", "är", "har", "på", "av", "till", "en", "ett", "det", "den",
                  "inte", "ska", "kommer", "under", "vi", "om", "i", "de", "sker", "pågår", "genom"}


def feedback_examples(store: Store, kind: str) -> list[Example]:
    """Reviewers' accepted corrections: training examples like the reports' own labels."""
    rows = store.query("SELECT id, entity_id, text, label FROM feedback WHERE kind = ? ORDER BY id", (kind,))
    return [Example(id=r["entity_id"] or f"feedback-{r['id']}", kind=kind, report="feedback", title="",
                    text=r["text"], label=r["label"], year=0) for r in rows]


def _data_hash(examples: list[Example]) -> str:
    payload = json.dumps([(e.id, e.report, e.text, e.label, e.start, e.end, e.activity_statuses) for e in examples],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


class Assessor:
    """Both tasks' models, fitted on every labelled version plus feedback; refitted when those change."""

    def __init__(self, store: Store, embedder: CachedEmbedder, artifacts: Path) -> None:
        self.store = store
        self.embedder = embedder
        self.directory = artifacts / "assess"
        self.embed_function = TextVectors(lambda texts: embedder.encode(texts, "query"))
        self.examples = {
            "activity": load_activity_examples(store) + feedback_examples(store, "activity"),
            "goal": load_goal_examples(store) + feedback_examples(store, "goal"),
        }
        self.models = {kind: self._model(kind) for kind in self.examples}

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.embed_function(texts) if texts else np.zeros((0, self.embedder.dim), np.float32)

    def _model(self, kind: str) -> AssessmentClassifier:
        examples = self.examples[kind]
        digest = _data_hash(examples) + self.embedder.name
        meta_path, model_path = self.directory / f"{kind}.meta.json", self.directory / f"{kind}.joblib"
        if meta_path.exists() and model_path.exists():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("data_hash") == digest:
                model: AssessmentClassifier = joblib.load(model_path)
                model.embed = self.embed_function
                return model
        model = default_classifier(kind, self.embed_function).fit(examples, [e.label for e in examples])
        self.directory.mkdir(parents=True, exist_ok=True)
        model.embed = None
        joblib.dump(model, model_path)
        model.embed = self.embed_function
        figures_path = Path(__file__).resolve().parent.parent / "evaluation" / "figures.json"
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
        example = entity or Example(id="", kind=kind, report="", title="", text=text[:5000], label=None, year=0)
        model = self.models[kind]
        probabilities = dict(zip(model.classes_, model.predict_proba([example])[0], strict=True))
        ordered = {label: round(float(probabilities.get(label, 0.0)), 4) for label in label_space(kind)}
        best = max(ordered, key=ordered.get)  # type: ignore[arg-type]
        flags = self.flags(example)
        words = re.findall(r"\w+", strip_labels(example.text).lower())
        if len(words) < MIN_WORDS:
            flags.append("för lite text för en säker bedömning")
        elif sum(w in _SWEDISH_HINTS for w in words) / len(words) < 0.05:
            flags.append("texten verkar inte vara svenska; bedömningen är osäker")
        weak = ordered[best] < WEAK_PROBABILITY or any("osäker" in f or "för lite" in f for f in flags)
        if weak:
            flags.append("underlaget är för svagt för ett förslag")
        return {"label": None if weak else best, "probabilities": ordered,
                "evidence": self.evidence(example, k), "flags": flags, "best_guess": best}

    def evidence(self, example: Example, k: int) -> list[dict[str, Any]]:
        """The nearest labelled cases (cosine of the stripped texts)."""
        pool = [e for e in self.examples[example.kind] if e.stripped and (e.id, e.report) != (example.id, example.report)]
        if not pool or not example.stripped:
            return []
        scores = self.embed([e.stripped for e in pool]) @ self.embed([example.stripped])[0]
        return [{"id": pool[i].id, "report": pool[i].report, "title": pool[i].title, "text": pool[i].text[:400],
                 "label": pool[i].label, "score": round(float(scores[i]), 4)} for i in np.argsort(-scores)[:k]]

    @staticmethod
    def flags(example: Example) -> list[str]:
        text = strip_labels(example.text)
        flags = []
        if example.kind == "goal":
            verdict = stated_verdict(example.text)
            if verdict:
                flags.append(f"kommentaren anger själv nivån {verdict}")
            if _NO_ACTIVITY.search(text):
                flags.append("kommentaren säger att ingen aktivitet är planerad eller påbörjad")
            return flags
        if _DONE.search(text):
            flags.append("kommentaren säger att aktiviteten (eller en del av den) är genomförd")
        if _NOT_STARTED.search(text):
            flags.append("kommentaren säger att arbetet inte har påbörjats")
        if _LATE.search(text):
            flags.append("kommentaren nämner försening eller avvikelse")
        if _WAITING.search(text):
            flags.append("kommentaren säger att arbetet väntar eller är pausat")
        return flags

    # ---- contradictions --------------------------------------------------------------------------

    def check(self) -> list[dict[str, Any]]:
        """Stated levels their own text contradicts, most certain first.

        Goals: the comment's own verdict sentence names another level (certain). Activities and goals:
        a model trained without the example's report (or without the goal) proposes another level with
        probability >= CHECK_PROBABILITY, and the text carries a cue for it.
        """
        found: list[dict[str, Any]] = []
        for kind, examples in self.examples.items():
            examples = [e for e in examples if e.report != "feedback"]
            if not examples:
                continue
            groups = [e.report for e in examples] if kind == "activity" else [f"{e.id}@{e.report}" for e in examples]
            probabilities = out_of_fold(default_classifier(kind, self.embed_function), examples, groups, proba=True)
            labels = label_space(kind)
            for example, row in zip(examples, probabilities, strict=True):
                verdict = stated_verdict(example.text) if kind == "goal" else None
                suggested = labels[int(np.argmax(row))]
                probability = float(row.max())
                cues = self.flags(example)
                if verdict and verdict != example.label:
                    suggested, probability = verdict, 1.0
                    reason = f"rubriken anger {example.label} men kommentaren säger {verdict}"
                elif suggested != example.label and probability >= CHECK_PROBABILITY and _cue_supports(suggested, cues):
                    reason = f"modellen föreslår {suggested} ({probability:.0%}); " + "; ".join(cues)
                else:
                    continue
                found.append({"id": example.id, "kind": kind, "title": example.title, "report": example.report,
                              "stated": example.label, "suggested": suggested, "probability": round(probability, 4),
                              "reason": reason})
        return sorted(found, key=lambda f: -f["probability"])


def _cue_supports(label: str, cues: list[str]) -> bool:
    """Only a flag that speaks for the suggested level makes a contradiction worth a reviewer's time."""
    text = fold(" ".join(cues))
    if label.startswith("Avslutad"):
        return "genomford" in text
    if label == "Ej påbörjad":
        return "inte har paborjats" in text
    if label in {"Pågående med avvikelse", "Avslutad med avvikelse"}:
        return "forsening" in text
    if label == "Vänteläge":
        return "vantar" in text
    return False
