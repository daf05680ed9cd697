"""Text typed without å, ä, ö: the development sets' texts with those letters folded away, read as typed and
with the letters put back (nlp/letters.py), beside the texts as written."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import numpy as np

from evaluation.assess_eval import load_other_words
from evaluation.link_eval import NEW_ACTIVITY_GOLD, NEW_ACTIVITY_TITLES_GOLD, evaluate_new_activities
from evaluation.metrics import ranking_metrics
from evaluation.search_eval import load_queries
from nlp.assess import Example, default_classifier
from nlp.letters import LetterRestorer, WordList, without_letters
from nlp.linking import Linker, load_links
from nlp.search import SearchEngine


@contextmanager
def _read_as_typed(engine: SearchEngine) -> Iterator[None]:
    """The engine (and its linker) reading text exactly as typed: the baseline."""
    restorer = engine.letters
    engine.letters = LetterRestorer(WordList({}), WordList({}))
    try:
        yield
    finally:
        engine.letters = restorer


def word_figures(restorer: LetterRestorer, texts: list[str]) -> dict[str, Any]:
    """Per word: share read right as typed and after restoring; how many words that lost letters got them back,
    and how many words that had none were changed."""
    written = [w for t in texts for w in re.findall(r"\w+", t)]
    typed = [without_letters(w) for w in written]
    read = [restorer.restore_word(w) for w in typed]
    lost = [i for i, (w, t) in enumerate(zip(written, typed, strict=True)) if w != t]
    kept = [i for i, (w, t) in enumerate(zip(written, typed, strict=True)) if w == t]
    return {"words": len(written), "lost_letters": len(lost),
            "accuracy_as_typed": round(len(kept) / len(written), 4),
            "accuracy_restored": round(float(np.mean([r == w for r, w in zip(read, written, strict=True)])), 4),
            "restored_of_lost": round(float(np.mean([read[i] == written[i] for i in lost])), 4),
            "changed_of_untouched": round(float(np.mean([read[i] != written[i] for i in kept])), 4)}


def evaluate_typed_without_letters(linker: Linker, embed: Callable[[list[str]], np.ndarray],
                                   activity_examples: list[Example]) -> dict[str, Any]:
    engine = linker.engine
    queries, other = load_queries(), load_other_words()
    new_texts = [g["text"] for path in (NEW_ACTIVITY_GOLD, NEW_ACTIVITY_TITLES_GOLD) for g in load_links(path)]
    variants: dict[str, Callable[[str], str]] = {"as written": lambda t: t, "typed, read as typed": without_letters,
                                                 "typed, letters restored": without_letters}
    out: dict[str, Any] = {"words": word_figures(engine.letters, [q["query"] for q in queries] + new_texts
                                                 + [e.text for e in other]),
                           "search": {}, "sentences": {}, "titles": {}, "other_words": {}}
    classifier = default_classifier("activity", embed).fit(activity_examples, [e.label for e in activity_examples])
    for name, rewrite in variants.items():
        with _read_as_typed(engine) if name == "typed, read as typed" else nullcontext():
            rankings = [[doc for doc, _ in engine.rank(rewrite(q["query"]), "hybrid")[:10]] for q in queries]
            out["search"][name] = ranking_metrics(rankings, [q["qrels"] for q in queries])
            out["sentences"][name] = evaluate_new_activities(linker, NEW_ACTIVITY_GOLD, rewrite)["model"]
            out["titles"][name] = evaluate_new_activities(linker, NEW_ACTIVITY_TITLES_GOLD, rewrite)["model"]
            # Assessment reads its text through the same restorer in the service (Assessor.assess).
            read = engine.letters.restore
            examples = [Example(id=e.id, kind=e.kind, report=e.report, title="", text=read(rewrite(e.text)),
                                label=e.label, year=0) for e in other]
            predicted = classifier.predict(examples)
            out["other_words"][name] = {"n": len(examples), "accuracy": round(float(np.mean(
                [p == e.label for p, e in zip(predicted, other, strict=True)])), 4)}
    return out
