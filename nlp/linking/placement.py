"""Activities under the goals they serve: the goal's own text and the labelled activities already under it,
dense and lexical, fused as z-scores; the goals' dossiers then reorder the first three. An activity of another
year also counts where its likely continuation sits."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import numpy as np

from corpus.model import UppsiktError
from nlp.documents import Document
from nlp.embedding import Embedder
from nlp.linking.calibration import LinkCalibration, PlacementWeights
from nlp.linking.continuations import Continuations
from nlp.linking.corpus import LinkCorpus
from nlp.linking.scoring import tfidf_cosines, z_scores

# Where `uppsikt calibrate` fits the placement weights (PlacementWeights): the grids, and how many labelled
# activities an organisation needs before its own labels outweigh the defaults. The dense weight stays at its
# default: activities already in the reports share words with the others under their goal that a new text does
# not, so fitted on them it leans on the words (on Ånge: 0.5, leave-one-activity-out top-1 0.674 → 0.717 in
# sample, while the new activity texts of the development set fell from top-3 0.967 to 0.800).
PLACEMENT_DENSE_WEIGHTS = (0.7,)
PLACEMENT_DOSSIER_WEIGHTS = (0.0, 0.2, 0.35, 0.5)
MIN_PLACEMENT_LINKS = 30


@dataclass
class PlacementParts:
    """An activity's scores against a year's top-level goals before they are weighed together: the goal's own
    text, its nearest labelled activities, the shared words and the dossiers (None where there is nothing to
    read them from)."""

    goals: list[Document]
    members: dict[str, list[str]]
    goal: np.ndarray
    neighbours: np.ndarray
    lexical: np.ndarray | None
    dossier: np.ndarray | None

    def combined(self, weights: PlacementWeights) -> np.ndarray:
        score = weights.goal * self.goal + (1 - weights.goal) * self.neighbours
        if self.lexical is not None:
            score = weights.dense * z_scores(score) + (1 - weights.dense) * z_scores(self.lexical)
        if weights.dossier and self.dossier is not None:
            score = reorder_shortlist(score, self.dossier, weights.dossier, weights.shortlist)
        return score


def reorder_shortlist(score: np.ndarray, second: np.ndarray, weight: float, size: int) -> np.ndarray:
    """Two stages. The first `size` by `score` are the shortlist (placement: they held the right goal most
    often). Fused with `second` at `weight` (z-scores), which puts the right goal first more often but
    pushes some out of the top `size`, the shortlist is reordered; every other item scores below its last."""
    shortlist = np.argsort(-score)[:size]
    fused = (1 - weight) * z_scores(score) + weight * z_scores(second)
    rest = np.ones(len(score), dtype=bool)
    rest[shortlist] = False
    if rest.any():  # the rest shift down together: their order stays, below the shortlist's last
        fused[rest] -= max(0.0, fused[rest].max() - fused[shortlist].min()) + 1e-3
    return fused


class Placement:
    """Ranks a year's top-level goals for an activity, new text or existing, in either direction of years.

    Over one LinkCorpus, with `continuations` for an activity that goes on from another year;
    `placement_embedder`: the model that places (nlp.embedding.placement_model); `calibration`: the fitted
    weights (None: the defaults); `placement_overrides`: weights given outright (evaluation leaves parts out)."""

    def __init__(self, corpus: LinkCorpus, continuations: Continuations, placement_embedder: Embedder,
                 calibration: LinkCalibration | None = None, placement_overrides: dict[str, float] | None = None
                 ) -> None:
        self.corpus = corpus
        self.continuations = continuations
        self.placement_embedder = placement_embedder
        self.calibration = calibration
        self.placement_overrides = dict(placement_overrides or {})

    @property
    def placement_weights(self) -> PlacementWeights:
        """The weights this organisation's activities are placed with: calibrated, else the defaults, with any
        given outright on top."""
        weights = self.calibration.placement if self.calibration else PlacementWeights()
        return replace(weights, **self.placement_overrides)

    @cached_property
    def _unlabelled(self) -> dict[str, np.ndarray]:
        return {}

    @cached_property
    def _placement_goals(self) -> dict[str, np.ndarray]:
        return {}

    @cached_property
    def _dossiers(self) -> dict[str, np.ndarray]:
        return {}  # keyed by text: a goal's dossier changes with the pool

    def unlabelled(self, ids: list[str]) -> np.ndarray:
        """Activity vectors without the goal titles their search text carries: for placing an activity
        under goals, its old goal's title would give the answer away. Embedded as e5 queries: placing
        an activity is asking which goal text answers it (better than 'passage' in REPORT.md)."""
        return self.corpus.encoded(self._unlabelled, [self.corpus.by_id[i] for i in ids], lambda d: d.passage("title_description"),
                             embedder=self.placement_embedder)

    def placement_goals(self, ids: list[str]) -> np.ndarray:
        """Goal vectors for placing activities: the goal's text with its goal area ("Målområde: Äldre +65").
        2024's goals are one short sentence each; the area says whom they serve, which an activity text
        often says too ("för äldre", "ungdomar")."""
        def text(goal: Document) -> str:
            return " ".join(filter(None, [goal.passage("full"), f"Målområde: {goal.area}" if goal.area else ""]))

        return self.corpus.encoded(self._placement_goals, [self.corpus.by_id[i] for i in ids], text, "passage", self.placement_embedder)

    def place(self, vector: np.ndarray, year: int, pool: list[Document], k: int = 3,
              terms: list[str] | None = None, weights: PlacementWeights | None = None) -> list[dict[str, Any]]:
        """Rank the year's top-level goals for an activity (its vector, and its analysed words `terms`), with
        `weights` (this organisation's when None)."""
        parts = self.placement_parts(vector, year, pool, terms, weights or self.placement_weights)
        score = parts.combined(weights or self.placement_weights)
        order = np.argsort(-score)[:k]
        return [{"id": parts.goals[j].id, "title": parts.goals[j].title, "score": round(float(score[j]), 4),
                 "examples": [self.corpus.by_id[m].title for m in parts.members[parts.goals[j].id][:3]]} for j in order]

    def placement_parts(self, vector: np.ndarray, year: int, pool: list[Document], terms: list[str] | None,
                        weights: PlacementWeights) -> PlacementParts:
        """The scores placement weighs, for an activity against the year's top-level goals.

        Dense: the goal's own text and the activity's nearest labelled neighbours under the goal in `pool`.
        Lexical: TF-IDF between the activity's words and each goal's text plus its pool members' texts;
        domain words ('friskvårdsbidrag', 'industrimark') place an activity where a small encoder wavers.
        Dossiers: each goal read as one passage with its activities' titles (goal_dossiers)."""
        goals = self.corpus.top_goals(year)
        # The goal's own text (title, sub-goals, measures, area): its placed activities would leak the answer.
        goal_score = self.placement_goals([g.id for g in goals]) @ vector
        members = self._members(pool)
        # A goal with no labelled activities in the pool keeps its own score: no examples is no evidence.
        neighbour_score = goal_score.copy()
        for i, goal in enumerate(goals):
            if members[goal.id]:
                similarity = np.sort(self.unlabelled(members[goal.id]) @ vector)[::-1][:weights.neighbours]
                neighbour_score[i] = similarity.mean()
        lexical = self._lexical_goal_scores(terms, goals, members) if terms else None
        dossier = self.goal_dossiers(goals, members) @ vector if any(members.values()) else None
        return PlacementParts(goals, members, goal_score, neighbour_score, lexical, dossier)

    def fit_placement(self, labels: dict[str, list[str]]) -> tuple[PlacementWeights | None, dict[str, Any]]:
        """Placement weights fitted on activities whose goals are known (`labels`: activity id → top-level goal
        ids; the reports' own labels with the coordinators' placements over them): each placed with its own
        label hidden among its year's others, as the coordinator's table places it, over the dense and
        dossier grids; the best mean of top-1 and top-3. None, with the defaults' figures, below
        MIN_PLACEMENT_LINKS labelled activities."""
        defaults = replace(PlacementWeights(), **self.placement_overrides)
        held_out = []
        for activity_id, goal_ids in labels.items():
            doc = self.corpus.by_id.get(activity_id)
            if doc is None or doc.kind != "activity" or doc.year is None:
                continue
            truth = {self.corpus.top_goal[g] for g in goal_ids if g in self.corpus.top_goal and self.corpus.by_id[g].year == doc.year}
            if not truth:
                continue
            pool = [replace(d, goal_ids=tuple(labels[d.id])) if d.id in labels else d
                    for d in self.corpus.activities(doc.year) if d.id != activity_id]
            held_out.append((doc, pool, truth))
        # Every pool's dossiers in one batch: each differs from the next by the one activity left out.
        self._encode_dossiers([text for doc, pool, _ in held_out
                               for text in self._dossier_texts(self.corpus.top_goals(doc.year), self._members(pool))])
        cases = [(self.placement_parts(self.unlabelled([doc.id])[0], doc.year, pool, self.corpus.terms(doc), defaults), truth)
                 for doc, pool, truth in held_out]

        def quality(weights: PlacementWeights) -> tuple[float, float]:
            firsts, threes = [], []
            for parts, truth in cases:
                ranked = [parts.goals[j].id for j in np.argsort(-parts.combined(weights))]
                firsts.append(ranked[0] in truth)
                threes.append(bool(set(ranked[:3]) & truth))
            return float(np.mean(firsts)), float(np.mean(threes))

        figures: dict[str, Any] = {"labelled_activities": len(cases)}
        if not cases:
            return None, figures
        top1, top3 = quality(defaults)
        figures |= {"default_top1": round(top1, 4), "default_top3": round(top3, 4)}
        if len(cases) < MIN_PLACEMENT_LINKS:
            return None, figures
        grid = [replace(defaults, dense=dense, dossier=dossier)
                for dense in PLACEMENT_DENSE_WEIGHTS for dossier in PLACEMENT_DOSSIER_WEIGHTS]
        scored = [(sum(quality(w)) / 2, -abs(w.dense - defaults.dense) - abs(w.dossier - defaults.dossier), w)
                  for w in grid]
        _, _, best = max(scored, key=lambda item: item[:2])
        top1, top3 = quality(best)
        figures |= {"fitted_top1_in_sample": round(top1, 4), "fitted_top3_in_sample": round(top3, 4)}
        return best, figures

    def goal_dossiers(self, goals: list[Document], members: dict[str, list[str]]) -> np.ndarray:
        """Each goal as one e5 passage: its title, goal area and the titles of the activities under it in the
        pool. Read together, the titles say what the goal is about in the words activities use, which
        neither the goal's one sentence nor its nearest single activity says alone."""
        texts = self._dossier_texts(goals, members)
        self._encode_dossiers(texts)
        return np.stack([self._dossiers[t] for t in texts])

    def _dossier_texts(self, goals: list[Document], members: dict[str, list[str]]) -> list[str]:
        def text(goal: Document) -> str:
            titles = "; ".join(self.corpus.by_id[m].title for m in members[goal.id])
            return " ".join(filter(None, [goal.title, f"Målområde: {goal.area}." if goal.area else "",
                                          f"Aktiviteter: {titles}" if titles else ""]))

        return [text(goal) for goal in goals]

    def _encode_dossiers(self, texts: list[str]) -> None:
        missing = [t for t in dict.fromkeys(texts) if t not in self._dossiers]
        if missing:
            self._dossiers.update(zip(missing, self.placement_embedder.encode(missing, "passage"), strict=True))

    def _members(self, pool: list[Document]) -> dict[str, list[str]]:
        """The pool's activities under each top-level goal (a sub-goal's count for its top goal)."""
        members: dict[str, list[str]] = defaultdict(list)
        for doc in pool:
            for goal_id in doc.goal_ids:
                top = self.corpus.top_goal.get(goal_id)
                if top and doc.id not in members[top]:
                    members[top].append(doc.id)
        return members

    def _lexical_goal_scores(self, terms: list[str], goals: list[Document], members: dict[str, list[str]]
                             ) -> np.ndarray:
        # The goal's own words count twice: with few members they would otherwise drown.
        documents = [self.corpus.terms(g) * 2 + [t for m in members[g.id] for t in self.corpus.terms(self.corpus.by_id[m])] for g in goals]
        return tfidf_cosines([terms], documents)[0]

    def suggest_goal(self, text: str | None, year: int, k: int = 3, activity_id: str | None = None
                     ) -> dict[str, Any]:
        self.corpus.check_year(year)
        if activity_id:
            if activity_id not in self.corpus.by_id or self.corpus.by_id[activity_id].kind != "activity":
                raise UppsiktError(f"Det finns ingen aktivitet med id '{activity_id}'.")
            doc = self.corpus.by_id[activity_id]
            vector, text, terms = self.unlabelled([activity_id])[0], doc.body, self.corpus.terms(doc)
            read = text
        else:
            if not (text or "").strip():
                raise UppsiktError("Beskriv aktiviteten; texten är tom.")
            text = text[:4000]  # type: ignore[index]
            read = self.corpus.engine.letters.restore(text)  # type: ignore[arg-type]
            # Embedded as a query, like the labelled activities it is compared with (see unlabelled()).
            vector, terms = self.placement_embedder.encode([read], "query")[0], self.corpus.engine.analyzer.analyze(read)
        pool = [d for d in self.corpus.activities(year) if d.id != activity_id]
        goals = self.corpus.top_goals(year)
        ranked = self.place(vector, year, pool, len(goals), terms=terms)
        if activity_id and self.corpus.by_id[activity_id].year != year and self.placement_weights.continuation and pool:
            ranked = self._by_continuation(ranked, self.corpus.by_id[activity_id], pool)
        return {"text": text, "interpreted_text": read, "candidates": ranked[:k]}

    def _by_continuation(self, ranked: list[dict[str, Any]], doc: Document, pool: list[Document]
                         ) -> list[dict[str, Any]]:
        """Re-rank `ranked` (every goal) with, per goal, the best continuation score (activity_similarity) of
        `doc` among the goal's activities in `pool`: an activity that goes on next year mostly goes on under
        the goal its continuation serves, and the same kind of activity serves the same goal."""
        similarity = self.continuations.activity_similarity([doc], pool)[0]
        carried = dict.fromkeys((c["id"] for c in ranked), float(similarity.min()))
        for other, score in zip(pool, similarity, strict=True):
            for goal_id in {self.corpus.top_goal[g] for g in other.goal_ids if g in self.corpus.top_goal} & carried.keys():
                carried[goal_id] = max(carried[goal_id], float(score))
        weight = self.placement_weights.continuation
        fused = ((1 - weight) * z_scores(np.array([c["score"] for c in ranked]))
                 + weight * z_scores(np.array(list(carried.values()))))
        return [{**ranked[j], "score": round(float(fused[j]), 4)} for j in np.argsort(-fused)]

    def place_activities(self, from_year: int, to_year: int, k: int = 3) -> list[dict[str, Any]]:
        """Every activity of `from_year` placed under the top-level goals of `to_year`, as suggest-goal
        --activity places it (its own label hidden). The same year is allowed: a coordinator checks or
        completes the new year's placements; `placed_under` is where the reports put it, in `to_year`."""
        sources = self.corpus.activities(from_year)
        if not sources:
            raise UppsiktError(f"År {from_year} har inga aktiviteter i korpusen{self.corpus.whose()}.")
        self.corpus.top_goals(to_year)  # says so when the year has no goals
        out = []
        for doc in sources:
            placed = dict.fromkeys(self.corpus.top_goal[g] for g in doc.goal_ids
                                   if g in self.corpus.top_goal and self.corpus.by_id[g].year == to_year)
            out.append({"id": doc.id, "title": doc.title, "text": doc.body[:600],
                        "placed_under": [{"id": g, "title": self.corpus.by_id[g].title} for g in placed],
                        "candidates": self.suggest_goal(None, to_year, k, activity_id=doc.id)["candidates"]})
        return out
