"""Linking measured on the development links and, for placement, on the reports' own labels."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from corpus.text import fold
from evaluation.metrics import mrr_at, recall_at
from nlp.documents import Document
from nlp.linking import PLACE_PENALTY, GoalWeights, Linker, NoMatchRule, load_links
from nlp.search import SearchEngine

GOLD_DIR = Path(__file__).parent / "gold"
GOAL_GOLD = GOLD_DIR / "goal_links_2024_2023.jsonl"
ACTIVITY_GOLD = GOLD_DIR / "activity_links_2023_2024.jsonl"
NEW_ACTIVITY_GOLD = GOLD_DIR / "new_activities_2024.jsonl"
NEW_ACTIVITY_TITLES_GOLD = GOLD_DIR / "new_activity_titles_2024.jsonl"
PLACE_TWIN_GOLD = GOLD_DIR / "place_twins.jsonl"


# The goal-link weights used before they were learned per embedding (GoalWeights' defaults), as a row of figures.
FIXED_GOAL_WEIGHTS = f"fixed weights (title {GoalWeights().title}, dense {GoalWeights().dense})"


def calibrated_linker(engine: SearchEngine) -> Linker:
    """A linker calibrated on the development goal links, as `uppsikt calibrate --gold evaluation/gold` does it for
    the app; figures that must not see a goal's own link refit without it."""
    linker = Linker(engine)
    linker.calibrate(load_links(GOAL_GOLD), engine.embedder.name, (GOAL_GOLD.name,))
    return linker


def _ranking_figures(ids_by_row: list[list[str]], gold: list[dict[str, Any]], rows: dict[str, int]) -> dict[str, float]:
    linked = [g for g in gold if g["targets"] and g["from"] in rows]
    mrr = [mrr_at(ids_by_row[rows[g["from"]]], g["targets"]) for g in linked]
    recall3 = [float(any(t in ids_by_row[rows[g["from"]]][:3] for t in g["targets"])) for g in linked]
    recall_all = [recall_at(ids_by_row[rows[g["from"]]], g["targets"], 3) for g in linked]
    return {"n": len(linked), "mrr": round(float(np.mean(mrr)), 4), "success@3": round(float(np.mean(recall3)), 4),
            "recall@3": round(float(np.mean(recall_all)), 4)}


def _tfidf_scores(linker: Linker, sources: list[Any], targets: list[Any], goals: bool) -> np.ndarray:
    def text(doc: Any) -> str:
        if not goals:
            return fold(doc.passage("full"))
        members = [linker.by_id[m].title for m in linker.goal_members(doc)]
        subs = [d.title for d in linker.sub_goals(doc)]
        return fold(" ".join([doc.passage("full"), *subs, *members]))

    vectorizer = TfidfVectorizer(sublinear_tf=True).fit([text(d) for d in sources + targets])
    a, b = vectorizer.transform([text(d) for d in sources]), vectorizer.transform([text(d) for d in targets])
    return (a @ b.T).toarray()


def _ranked(matrix: np.ndarray, target_ids: list[str]) -> list[list[str]]:
    """Each row's target ids, best first."""
    return [[target_ids[j] for j in np.argsort(-row)] for row in matrix]


def _goal_figures(linker: Linker, weights_for: dict[str, GoalWeights], gold: list[dict[str, Any]]) -> dict[str, float]:
    """Goal-link figures where each 2024 goal of `gold` is ranked with its own weights (`weights_for`: goal id →
    weights, e.g. those learned without it)."""
    sources, targets = linker.top_goals(2024), linker.top_goals(2023)
    target_ids = [t.id for t in targets]
    ranked_by = {w: _ranked(linker.goals.goal_scores(2024, 2023, w)[2], target_ids) for w in set(weights_for.values())}
    rows = {g.id: i for i, g in enumerate(sources)}
    ranked = [ranked_by[weights_for.get(g.id, linker.goal_weights)][i] for i, g in enumerate(sources)]
    return _ranking_figures(ranked, gold, rows)


def evaluate_shared_goal_weights(linkers: dict[str, Linker]) -> dict[str, dict[str, float]]:
    """The procedure before the goal weights were learned per embedding, measured as honestly: one weighting for
    every embedding, the one whose summed quality over them is best, learned again without each goal."""
    gold = load_links(GOAL_GOLD)
    quality = {name: linker.goals.weight_quality(gold) for name, linker in linkers.items()}
    grid = list(next(iter(quality.values())))

    def summed(weights: GoalWeights, left_out: str) -> float:
        return sum(float(np.mean([q for goal_id, q in table[weights].items() if goal_id != left_out]))
                   for table in quality.values())

    shared = {item["from"]: max(grid, key=partial(summed, left_out=item["from"])) for item in gold}
    return {name: _goal_figures(linker, shared, gold) for name, linker in linkers.items()}


def evaluate_goal_links(linker: Linker) -> dict[str, Any]:
    """Goal links on the development links. `model` uses the weights learned on all of them (what the app does);
    `model, weights learned without the goal` learns them again for each goal on the other goals' links, the
    no-match rule likewise: the honest figures. `fixed weights` is the one setting used before they were learned."""
    gold = load_links(GOAL_GOLD)
    sources, targets = linker.top_goals(2024), linker.top_goals(2023)
    rows = {g.id: i for i, g in enumerate(sources)}
    target_ids = [t.id for t in targets]
    learned = linker.goal_weights
    quality = linker.goals.weight_quality(gold)
    held_out = {item["from"]: linker.goals.fit_goal_weights(gold, exclude=item["from"], quality=quality) or GoalWeights()
                for item in gold}

    def figures_for(weights: GoalWeights) -> dict[str, float]:
        return _goal_figures(linker, dict.fromkeys(held_out, weights), gold)

    figures: dict[str, Any] = {
        "weights": {"title": learned.title, "dense": learned.dense},
        "model": figures_for(learned),
        "model, weights learned without the goal": _goal_figures(linker, held_out, gold),
        FIXED_GOAL_WEIGHTS: figures_for(GoalWeights()),
        "dense_only": figures_for(GoalWeights(learned.title, 1.0)),
        "goal_title_only": figures_for(GoalWeights(1.0, 1.0)),
        "tfidf": _ranking_figures(_ranked(_tfidf_scores(linker, sources, targets, goals=True), target_ids), gold,
                                  rows),
    }
    # No-match rule, leave one goal out: weights and rule learned on the other 19 goals' links.
    features = {w: linker.goals.pair_rule_features(2024, 2023, w) for w in set(held_out.values())}
    truth, predicted = [], []
    for item in gold:
        weights = held_out[item["from"]]
        rule = linker.goals.fit_rule(gold, exclude=item["from"], features=features[weights])
        assert rule is not None  # 19 dev goals hold both outcomes
        probability = rule.match_probability(features[weights][[rows[item["from"]]]])[0]
        truth.append(not item["targets"])
        predicted.append(bool(probability < 0.5))
    figures["no_match"] = _no_match_figures(truth, predicted)
    # The rule that holds where nothing is calibrated (a new organisation or pair of years), at the default weights.
    default_features = linker.goals.pair_rule_features(2024, 2023, GoalWeights())
    default_said = NoMatchRule().match_probability(default_features) < 0.5
    figures["no_match_uncalibrated"] = _no_match_figures(
        [not item["targets"] for item in gold], [bool(default_said[rows[item["from"]]]) for item in gold])
    return figures


def _no_match_figures(truth: list[bool], predicted: list[bool]) -> dict[str, float]:
    tp = int(sum(t and p for t, p in zip(truth, predicted, strict=True)))
    precision = tp / max(1, sum(predicted))
    recall = tp / max(1, sum(truth))
    return {"gold_no_match": int(sum(truth)), "predicted_no_match": int(sum(predicted)),
            "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(2 * precision * recall / max(1e-9, precision + recall), 4)}


def evaluate_activity_links(linker: Linker) -> dict[str, Any]:
    gold = load_links(ACTIVITY_GOLD)
    earlier = [g for g in gold if g.get("added") != "session 8"]  # written before the shared words joined
    sources, targets, scores = linker.continuations.activity_scores(2023, 2024)
    rows = {d.id: i for i, d in enumerate(sources)}
    target_ids = [t.id for t in targets]

    _, _, dense_only = linker.continuations.activity_scores(2023, 2024, dense_weight=1.0)
    _, _, title_only = linker.continuations.activity_scores(2023, 2024, title_weight=1.0, place_penalty=0.0, dense_weight=1.0)
    _, _, full_only = linker.continuations.activity_scores(2023, 2024, title_weight=0.0, place_penalty=0.0, dense_weight=1.0)
    return {
        "model": _ranking_figures(_ranked(scores, target_ids), gold, rows),
        "dense_only": _ranking_figures(_ranked(dense_only, target_ids), gold, rows),
        "title_only": _ranking_figures(_ranked(title_only, target_ids), gold, rows),
        "full_text_only": _ranking_figures(_ranked(full_only, target_ids), gold, rows),
        "tfidf": _ranking_figures(_ranked(_tfidf_scores(linker, sources, targets, goals=False), target_ids), gold,
                                  rows),
        "model (links written before session 8)": _ranking_figures(_ranked(scores, target_ids), earlier, rows),
        "dense_only (links written before session 8)": _ranking_figures(_ranked(dense_only, target_ids), earlier, rows),
    }


def evaluate_place_twins(linker: Linker) -> dict[str, Any]:
    """The same kind of activity at another place must rank below the real continuation. For every gold
    continuation whose 2023 activity names a place, a twin: that activity's own text (title, description,
    comment) with its places swapped for each other place of the corpus, as if the next year repeated it
    elsewhere. Right when the continuation scores above the twin; with the place rule, and without it."""
    sources = {d.id: d for d in linker.activities(2023)}
    out: dict[str, Any] = {}
    for name, penalty in (("model", PLACE_PENALTY), ("without_place_rule", 0.0)):
        wins, pairs = [], set()
        for item in load_links(ACTIVITY_GOLD):
            source = sources[item["from"]]
            own = linker.places_of(source)
            if not own or not item["targets"]:
                continue
            targets = [linker.by_id[t] for t in item["targets"]]
            for place in sorted(linker.places.names - own):
                twin = replace(source, id=f"{source.id}@{place}", year=2024,
                               **{f: _swap_places(getattr(source, f), own, place)
                                  for f in ("title", "description", "comment")})
                scores = linker.continuations.activity_similarity([source], [*targets, twin], place_penalty=penalty)[0]
                wins.append(bool(scores[:-1].max() > scores[-1]))
                pairs.add(source.id)
        out[name] = {"n": len(wins), "sources": len(pairs), "ranked_below": round(float(np.mean(wins)), 4)}
    out["spread"] = round(linker.continuations.similarity_spread, 4)
    return out


def evaluate_written_place_twins(linker: Linker, path: Path = PLACE_TWIN_GOLD) -> dict[str, Any]:
    """Triples we wrote (not in the reports): an activity, its continuation in new words, and the same kind
    of activity at another place in the first one's words. Right when the continuation scores higher."""
    def activity(key: str, text: str, year: int) -> Document:
        return Document(id=f"twin:{key}:{text}", kind="activity", year=year, title=text, description="", comment="",
                        goal_ids=(), goal_titles=(), status=None, reports=(), units=())

    triples = load_links(path)
    out: dict[str, Any] = {}
    for name, penalty in (("model", PLACE_PENALTY), ("without_place_rule", 0.0)):
        wins = []
        for triple in triples:
            source = activity("source", triple["source"], 2023)
            targets = [activity(key, triple[key], 2024) for key in ("continuation", "elsewhere")]
            scores = linker.continuations.activity_similarity([source], targets, place_penalty=penalty)[0]
            wins.append(bool(scores[0] > scores[1]))
        out[name] = {"n": len(wins), "ranked_below": round(float(np.mean(wins)), 4)}
    return out


def _swap_places(text: str, places: frozenset[str], other: str) -> str:
    for place in places:
        text = re.sub(rf"\b{re.escape(place)}\b", other, text)
    return text


PLACEMENT_SCHEMES = ("leave_one_report_out", "leave_one_activity_out", "goal_text_only")


def evaluate_placement(linker: Linker, schemes: tuple[str, ...] = PLACEMENT_SCHEMES) -> dict[str, Any]:
    """Hide each activity's goal and predict it: pool = labelled activities of other reports (LORO) or all
    others (leave one activity out), never the activity itself; baseline: the goals' own texts only.
    Figures over both years, and for 2024 alone (the acceptance target's year)."""
    out: dict[str, Any] = {}
    for scheme in schemes:
        hits: dict[int, list[tuple[bool, bool]]] = {}
        for year in sorted(linker.years()):
            for doc in linker.activities(year):
                truth = {linker.top_goal[g] for g in doc.goal_ids if g in linker.top_goal}
                if not truth:
                    continue
                for report in doc.reports:
                    if scheme == "goal_text_only":
                        pool = []
                    elif scheme == "leave_one_report_out":
                        pool = [d for d in linker.activities(year) if d.id != doc.id and set(d.reports) - {report}]
                    else:
                        pool = [d for d in linker.activities(year) if d.id != doc.id]
                    terms = None if scheme == "goal_text_only" else linker.terms(doc)
                    ranked = [c["id"] for c in linker.placement.place(linker.placement.unlabelled([doc.id])[0], year, pool, k=3,
                                                            terms=terms)]
                    hits.setdefault(year, []).append((ranked[0] in truth, bool(truth & set(ranked))))
                    if scheme != "leave_one_report_out":
                        break  # one prediction per activity when the pool does not depend on the report
        pooled = [h for year_hits in hits.values() for h in year_hits]
        out[scheme] = _hit_rates(pooled)
        if 2024 in hits:
            out[f"{scheme} (2024)"] = _hit_rates(hits[2024])
    return out


def evaluate_new_activities(linker: Linker, path: Path = NEW_ACTIVITY_GOLD,
                            rewrite: Callable[[str], str] | None = None) -> dict[str, Any]:
    """New activity texts we wrote (not in the reports) placed under 2024's goals as `suggest-goal` does,
    with every labelled activity as evidence; baseline: the goals' own texts only. `path`: the sentences
    (NEW_ACTIVITY_GOLD) or the short, title-like texts (NEW_ACTIVITY_TITLES_GOLD); `rewrite`: how the texts
    are typed (e.g. without å, ä, ö)."""
    gold = [{**g, "text": rewrite(g["text"])} if rewrite else g for g in load_links(path)]
    vectors = linker.placement.placement_embedder.encode([g["text"] for g in gold], "query")
    pool = linker.activities(2024)
    out: dict[str, Any] = {}
    for scheme in ("model", "goal_text_only"):
        hits = []
        for item, vector in zip(gold, vectors, strict=True):
            if scheme == "model":
                ranked = [c["id"] for c in linker.suggest_goal(item["text"], 2024, k=3)["candidates"]]
            else:
                ranked = [c["id"] for c in linker.placement.place(vector, 2024, [], k=3)]
            hits.append((ranked[0] in item["goals"], bool(set(item["goals"]) & set(ranked))))
        out[scheme] = _hit_rates(hits)
    out["pool"] = len(pool)
    return out


def _placed_under_linked_goals(linker: Linker, pairs: list[tuple[str, list[str]]], year: int) -> dict[str, Any]:
    """Each (placed, linked) pair: activity `placed` put under `year`'s goals (`suggest-goal --activity`),
    right when a top goal of any of the `linked` activities, its counterparts in that year."""
    hits = []
    for placed, linked in pairs:
        truth = {linker.top_goal[g] for other in linked for g in linker.by_id[other].goal_ids if g in linker.top_goal}
        ranked = [c["id"] for c in linker.suggest_goal(None, year, k=3, activity_id=placed)["candidates"]]
        hits.append((ranked[0] in truth, bool(truth & set(ranked))))
    return _hit_rates(hits)


def evaluate_last_years_activities(linker: Linker) -> dict[str, Any]:
    """2023 activities placed under 2024's goals; the right goals are those of their 2024 continuations in the
    development links."""
    linked = [g for g in load_links(ACTIVITY_GOLD) if g["targets"]]
    return _placed_under_linked_goals(linker, [(item["from"], list(item["targets"])) for item in linked], 2024)


def evaluate_next_years_activities(linker: Linker) -> dict[str, Any]:
    """The other direction: each 2024 continuation placed under 2023's goals; the right goals are those of
    its 2023 predecessor in the development links."""
    linked = [g for g in load_links(ACTIVITY_GOLD) if g["targets"]]
    return _placed_under_linked_goals(linker, [(target, [item["from"]]) for item in linked for target in item["targets"]],
                                      2023)


def _hit_rates(hits: list[tuple[bool, bool]]) -> dict[str, float]:
    return {"n": len(hits), "top1": round(float(np.mean([h[0] for h in hits])), 4),
            "top3": round(float(np.mean([h[1] for h in hits])), 4)}


def _reweighted(linker: Linker, **weights: float) -> Linker:
    """The linker with other placement weights, sharing its caches (vectors, words, places, spreads): none of
    them depends on the weights."""
    other = copy.copy(linker)
    other.placement = copy.copy(linker.placement)
    other.placement.placement_overrides = {**linker.placement.placement_overrides, **weights}
    return other


def _with_dossier_weight(linker: Linker, weight: float) -> dict[str, Any]:
    """Placement (leave one report or activity out) and the new texts, placed with another dossier weight."""
    weighted = _reweighted(linker, dossier=weight)
    return {"placement": evaluate_placement(weighted, PLACEMENT_SCHEMES[:2]),
            "new_activities": evaluate_new_activities(weighted)["model"],
            "new_activity_titles": evaluate_new_activities(weighted, NEW_ACTIVITY_TITLES_GOLD)["model"]}


def evaluate_without_dossiers(linker: Linker) -> dict[str, Any]:
    """Placement as before the goals' dossiers joined it: the same figures with dossier_weight 0."""
    return _with_dossier_weight(linker, 0.0)


DOSSIER_WEIGHTS = (0.1, 0.2, 0.25, 0.3, 0.35, 0.5)  # the grid the default PlacementWeights.dossier was chosen from


def evaluate_dossier_weight_held_out(linker: Linker) -> dict[str, dict[str, float]]:
    """The dossier weight was chosen as the best mean top-1 over four sets of 2024, all in view. Here each set is
    scored with the weight the other three choose: what that choice is worth on a set it did not see."""
    by_weight: dict[float, dict[str, dict[str, float]]] = {}
    for weight in DOSSIER_WEIGHTS:
        figures = _with_dossier_weight(linker, weight)
        by_weight[weight] = {"sentences": figures["new_activities"], "titles": figures["new_activity_titles"],
                             "leave one report out": figures["placement"]["leave_one_report_out (2024)"],
                             "leave one activity out": figures["placement"]["leave_one_activity_out (2024)"]}
    sets = list(by_weight[DOSSIER_WEIGHTS[0]])
    out = {}
    for held_out in sets:
        chosen = max(DOSSIER_WEIGHTS, key=lambda w: np.mean([by_weight[w][s]["top1"] for s in sets if s != held_out]))
        out[held_out] = {"weight": chosen, **by_weight[chosen][held_out]}
    return out


def evaluate_without_continuations(linker: Linker) -> dict[str, Any]:
    """Activities placed under the other year's goals as before their continuations counted (weight 0)."""
    without = _reweighted(linker, continuation=0.0)
    return {"last_years_activities": evaluate_last_years_activities(without),
            "next_years_activities": evaluate_next_years_activities(without)}


def evaluate_linking(linker: Linker) -> dict[str, Any]:
    return {"goals_2024_to_2023": evaluate_goal_links(linker),
            "activities_2023_to_2024": evaluate_activity_links(linker),
            "place_twins": evaluate_place_twins(linker),
            "written_place_twins": evaluate_written_place_twins(linker),
            "placement": evaluate_placement(linker),
            "new_activities": evaluate_new_activities(linker),
            "new_activity_titles": evaluate_new_activities(linker, NEW_ACTIVITY_TITLES_GOLD),
            "last_years_activities": evaluate_last_years_activities(linker),
            "next_years_activities": evaluate_next_years_activities(linker),
            "without_dossiers": evaluate_without_dossiers(linker),
            "dossier_weight_held_out": evaluate_dossier_weight_held_out(linker),
            "without_continuations": evaluate_without_continuations(linker)}
