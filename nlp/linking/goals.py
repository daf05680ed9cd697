"""New goals to last year's: a goal is its title and a profile (its own text, sub-goals and measures, and the
activities placed under it), scored densely and lexically (TF-IDF over analysed Swedish words) and fused as
z-scores, with weights learned on the development links for the embedding in use. The no-match rule is a logistic
regression on how the best hubness-corrected score stands out in its target's column, fitted on the same links."""

from __future__ import annotations

import itertools
from functools import cached_property
from typing import Any

import numpy as np

from corpus.model import UppsiktError
from corpus.store import now_iso
from nlp.documents import Document
from nlp.linking.calibration import GoalWeights, LinkCalibration, NoMatchRule, link_quality
from nlp.linking.corpus import LinkCorpus
from nlp.linking.scoring import fuse, normalise, tfidf_cosines

CSLS_NEIGHBOURS = 3
# The goal weights are learned per embedding (GoalLinks.fit_goal_weights) from these grids: models differ in how
# far their title and profile cosines and the shared words can be trusted. Learned again without each goal, this
# beat one setting chosen for both models, in both (REPORT.md).
GOAL_TITLE_WEIGHTS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
GOAL_DENSE_WEIGHTS = (0.6, 0.7, 0.8, 0.85, 0.9, 1.0)
MIN_WEIGHT_LINKS = 5  # fewer linked development goals in the corpus teach nothing: the defaults hold


def csls(similarity: np.ndarray, k: int = CSLS_NEIGHBOURS) -> np.ndarray:
    """Cross-domain similarity local scaling: 2·s − (mean of the row's k best) − (mean of the column's k best)."""
    k = min(k, *similarity.shape)
    row = np.sort(similarity, axis=1)[:, ::-1][:, :k].mean(axis=1, keepdims=True)
    column = np.sort(similarity, axis=0)[::-1][:k].mean(axis=0, keepdims=True)
    return 2 * similarity - row - column


class GoalLinks:
    """Each top-level goal of one year against the other year's, with evidence and a no-match decision, over one
    LinkCorpus. `calibration`: what `uppsikt calibrate` fitted, or None for the defaults."""

    def __init__(self, corpus: LinkCorpus, calibration: LinkCalibration | None = None) -> None:
        self.corpus = corpus
        self.calibration = calibration

    def use(self, calibration: LinkCalibration | None) -> None:
        """Link with `calibration` from now on; rules and weights fitted on the old one are forgotten."""
        self.calibration = calibration
        self._rules.clear()
        self._chosen_weights.clear()

    @cached_property
    def _rules(self) -> dict[tuple[int, int, tuple[tuple[str, bool], ...]], NoMatchRule]:
        return {}

    @cached_property
    def _chosen_weights(self) -> dict[tuple[int, int, tuple[tuple[str, str], ...]], GoalWeights]:
        return {}

    @property
    def goal_weights(self) -> GoalWeights:
        """The weights this embedding links goals with: calibrated, else the defaults."""
        return self.calibration.goal_weights if self.calibration else GoalWeights()

    def weights_for(self, from_year: int, to_year: int, chosen: dict[str, str] | None = None) -> GoalWeights:
        """The weights for this pair of years. `chosen`: the coordinators' links (goal id → the goal it
        continues, accepted or chosen); they teach the weights when they hold at least MIN_WEIGHT_LINKS linked
        goals, else the calibrated (or default) weights hold."""
        if not chosen:
            return self.goal_weights
        key = (from_year, to_year, tuple(sorted(chosen.items())))
        if key not in self._chosen_weights:
            links = [{"from": goal_id, "targets": {target_id: 2}} for goal_id, target_id in chosen.items()]
            quality = self.weight_quality(links, (from_year, to_year))
            self._chosen_weights[key] = self.fit_goal_weights(quality=quality) or self.goal_weights
        return self._chosen_weights[key]

    def link_years(self, links: list[dict[str, Any]]) -> list[tuple[int, int]]:
        """The pairs of years (new goals' year, old goals' year) that links of this corpus join."""
        pairs: dict[tuple[int, int], None] = {}
        for item in links:
            source = self.corpus.by_id.get(item["from"])
            if source is None or source.id not in self.corpus.top_goal:
                continue
            for target_id in item["targets"]:
                target = self.corpus.by_id.get(target_id)
                if target is not None and target.id in self.corpus.top_goal and target.year != source.year:
                    pairs[(source.year, target.year)] = None
        return list(pairs)

    def goal_profiles(self, goals: list[Document]) -> np.ndarray:
        return normalise(np.stack([self.corpus.full(self.corpus.goal_family(goal)).mean(axis=0) for goal in goals]))

    def goal_parts(self, from_year: int, to_year: int
                   ) -> tuple[list[Document], list[Document], np.ndarray, np.ndarray, np.ndarray]:
        """Every source goal against every target goal: title cosines, profile cosines, and TF-IDF cosines of the
        goals' analysed texts (sub-goals and activities included)."""
        sources, targets = self.corpus.top_goals(from_year), self.corpus.top_goals(to_year)
        title = self.corpus.titles([g.id for g in sources]) @ self.corpus.titles([g.id for g in targets]).T
        profile = self.goal_profiles(sources) @ self.goal_profiles(targets).T
        lexical = tfidf_cosines([self.goal_terms(g) for g in sources], [self.goal_terms(g) for g in targets])
        return sources, targets, title, profile, lexical

    def goal_matrices(self, from_year: int, to_year: int, weights: GoalWeights | None = None
                      ) -> tuple[list[Document], list[Document], np.ndarray, np.ndarray]:
        """Dense (title and profile cosines at `weights.title`; the learned weights when None) and lexical
        similarity of every source goal to every target goal."""
        weights = weights or self.goal_weights
        sources, targets, title, profile, lexical = self.goal_parts(from_year, to_year)
        return sources, targets, weights.dense_similarity(title, profile), lexical

    def goal_terms(self, goal: Document) -> list[str]:
        """The analysed words of the goal's family; the goal's own words count twice."""
        return self.corpus.terms(goal) + [t for member in self.corpus.goal_family(goal) for t in self.corpus.terms(self.corpus.by_id[member])]

    def goal_scores(self, from_year: int, to_year: int, weights: GoalWeights | None = None
                    ) -> tuple[list[Document], list[Document], np.ndarray]:
        """The ranking score: dense and lexical similarity fused as per-row z-scores."""
        weights = weights or self.goal_weights
        sources, targets, dense, lexical = self.goal_matrices(from_year, to_year, weights)
        return sources, targets, fuse(dense, lexical, weights.dense)

    def weight_quality(self, gold: list[dict[str, Any]], years: tuple[int, int] | None = None
                       ) -> dict[GoalWeights, dict[str, float]]:
        """For each weighting of the grids, link_quality of its ranking for each linked goal of `gold` from
        `years[0]` to `years[1]` that the corpus holds (the pairs the links join when None; none when the corpus
        lacks those years)."""
        if years is None:
            quality: dict[GoalWeights, dict[str, float]] = {}
            for pair in self.link_years(gold):
                for weights, per_goal in self.weight_quality(gold, pair).items():
                    quality.setdefault(weights, {}).update(per_goal)
            return quality
        if not set(years) <= self.corpus.years():
            return {}
        sources, targets, title, profile, lexical = self.goal_parts(*years)
        rows, target_ids = {g.id: i for i, g in enumerate(sources)}, [t.id for t in targets]
        linked = [item for item in gold if item["from"] in rows and set(item["targets"]) & set(target_ids)]
        quality = {}
        for weights in itertools.starmap(GoalWeights, itertools.product(GOAL_TITLE_WEIGHTS, GOAL_DENSE_WEIGHTS)):
            scores = fuse(weights.dense_similarity(title, profile), lexical, weights.dense)
            quality[weights] = {
                item["from"]: link_quality([target_ids[j] for j in np.argsort(-scores[rows[item["from"]]])],
                                           item["targets"]) for item in linked}
        return quality

    def fit_goal_weights(self, gold: list[dict[str, Any]] | None = None, exclude: str | None = None,
                         quality: dict[GoalWeights, dict[str, float]] | None = None) -> GoalWeights | None:
        """The weighting of the grids whose rankings serve the links `gold` best (mean link_quality), `exclude`d
        goal left out; None where the corpus holds fewer than MIN_WEIGHT_LINKS of them. `quality`:
        weight_quality(gold), when the caller has it (leave-one-out fits once per goal)."""
        quality = quality if quality is not None else self.weight_quality(gold or [])
        means = {weights: np.mean([q for goal_id, q in per_goal.items() if goal_id != exclude])
                 for weights, per_goal in quality.items()
                 if sum(goal_id != exclude for goal_id in per_goal) >= MIN_WEIGHT_LINKS}
        return max(means, key=lambda weights: means[weights]) if means else None

    @staticmethod
    def hub_corrected(dense: np.ndarray, lexical: np.ndarray, dense_weight: float) -> np.ndarray:
        """What the no-match rule reads: the same fusion after a hubness correction (CSLS) of each part.
        Some old goals are near every new one (broad wording); against them a high cosine means little."""
        return fuse(csls(dense), csls(lexical), dense_weight)

    def pair_rule_features(self, from_year: int, to_year: int, weights: GoalWeights | None = None) -> np.ndarray:
        """rule_features for the goals of `from_year` against those of `to_year`."""
        weights = weights or self.goal_weights
        _, _, dense, lexical = self.goal_matrices(from_year, to_year, weights)
        return self.rule_features(self.hub_corrected(dense, lexical, weights.dense), lexical)

    @staticmethod
    def rule_features(scores: np.ndarray, lexical: np.ndarray) -> np.ndarray:
        """Per source goal, two things that do not depend on the model or the pair of years:
        - how far its best score stands out in that target's column (z-score), i.e. among all new goals' scores for
          the same old goal, divided by the most it can be, √(n − 1) for n new goals, so that it means the same for
          a municipality with 4 goals as for one with 20 (raw cosines are too alike across goals to decide on);
        - its best TF-IDF cosine with any old goal's family (the goal, its sub-goals and activities; idf over this
          pair of years alone): a goal with no counterpart shares few of its specific words with every old one,
          however its embedding lies. Left out one set at a time on six sets of links written by others, the first
          alone gave F1 0.68–0.69, the second alone 0.83 and the two together 0.82–0.83 (REPORT.md)."""
        best = scores.argmax(axis=1)
        rows = np.arange(len(scores))
        column_z = (scores[rows, best] - scores.mean(axis=0)[best]) / (scores.std(axis=0)[best] + 1e-9)
        standout = column_z / np.sqrt(max(1, len(scores) - 1))
        shared = lexical.max(axis=1) if lexical.size else np.zeros(len(scores))
        return np.column_stack([standout, shared])

    def fit_rule(self, gold: list[dict[str, Any]] | None = None, from_year: int | None = None,
                 to_year: int | None = None, exclude: str | None = None, features: np.ndarray | None = None,
                 decided: dict[str, bool] | None = None) -> NoMatchRule | None:
        """Fitted on graded links `gold` and the coordinators' decisions (`decided`: goal id → it has a
        counterpart; a decision overrides a link) for the goals of `from_year` against `to_year` (every pair the
        links join when the years are None); None when those do not hold both outcomes. `features` are
        pair_rule_features(from_year, to_year) when the caller has them already (leave-one-out fits the
        rule once per goal)."""
        labelled = {item["from"]: bool(item["targets"]) for item in gold or []} | (decided or {})
        pairs = [(from_year, to_year)] if from_year is not None and to_year is not None else self.link_years(gold or [])
        rows: list[np.ndarray] = []
        outcomes: list[int] = []
        for pair in pairs:
            if not set(pair) <= self.corpus.years():
                continue
            index = {g.id: i for i, g in enumerate(self.corpus.top_goals(pair[0]))}
            chosen = [(index[goal_id], int(has)) for goal_id, has in labelled.items()
                      if goal_id in index and goal_id != exclude]
            if not chosen:
                continue
            pair_features = features if features is not None and len(pairs) == 1 else self.pair_rule_features(*pair)
            rows.append(pair_features[[r for r, _ in chosen]])
            outcomes += [y for _, y in chosen]
        if len(set(outcomes)) < 2:
            return None
        return NoMatchRule.fit(np.vstack(rows), np.array(outcomes))

    def no_match_rule(self, from_year: int, to_year: int, decided: dict[str, bool] | None = None,
                      features: np.ndarray | None = None) -> NoMatchRule:
        """The rule for this pair of years: fitted on the coordinators' decisions where they hold both outcomes,
        else the calibrated rule, else the default (calibration.NoMatchRule's). `features`: this pair's rule features,
        when the caller has them."""
        key = (from_year, to_year, tuple(sorted((decided or {}).items())))
        if key not in self._rules:
            fitted = self.fit_rule(from_year=from_year, to_year=to_year, decided=decided, features=features)
            self._rules[key] = fitted or (self.calibration.no_match if self.calibration else NoMatchRule())
        return self._rules[key]

    def link_goals(self, from_year: int, to_year: int, k: int = 5, decided: dict[str, bool] | None = None,
                   chosen: dict[str, str] | None = None) -> list[dict[str, Any]]:
        """`decided`: the coordinators' decisions (goal id → it has a counterpart), which the no-match rule learns
        from; `chosen`: their links (goal id → the goal it continues), which the weights learn from."""
        if from_year == to_year:
            raise UppsiktError("Välj två olika år att koppla mellan.")
        weights = self.weights_for(from_year, to_year, chosen)
        sources, targets, dense, lexical = self.goal_matrices(from_year, to_year, weights)
        scores = fuse(dense, lexical, weights.dense)
        features = self.rule_features(self.hub_corrected(dense, lexical, weights.dense), lexical)
        probability = self.no_match_rule(from_year, to_year, decided, features).match_probability(features)
        out = []
        for i, goal in enumerate(sources):
            order = np.argsort(-scores[i])[:k]
            out.append({
                "id": goal.id, "title": goal.title,
                "candidates": [{"id": targets[j].id, "title": targets[j].title, "score": round(float(scores[i, j]), 4),
                                "evidence": self.goal_evidence(goal, targets[j])} for j in order],
                "no_match": bool(probability[i] < 0.5), "match_probability": round(float(probability[i]), 4),
            })
        return out

    def goal_evidence(self, source: Document, target: Document, n: int = 3) -> list[dict[str, Any]]:
        """The sub-goals, measures and activities of the two goals that are most alike."""
        a, b = self.corpus.goal_family(source), self.corpus.goal_family(target)
        similarity = self.corpus.full(a) @ self.corpus.full(b).T
        pairs = np.dstack(np.unravel_index(np.argsort(-similarity, axis=None), similarity.shape))[0]
        out, seen = [], set()
        for i, j in pairs:
            if a[i] == source.id and b[j] == target.id or (a[i], b[j]) in seen:
                continue
            seen.add((a[i], b[j]))
            out.append({"from": self.corpus.by_id[a[i]].title[:120], "to": self.corpus.by_id[b[j]].title[:120],
                        "score": round(float(similarity[i, j]), 4)})
            if len(out) >= n:
                break
        return out

    def calibrate(self, links: list[dict[str, Any]], model: str, sources: tuple[str, ...] = ()) -> LinkCalibration:
        """Fit the goal weights and the no-match rule on graded `links` of this corpus (development links and
        the coordinators' decisions), with the figures they reach: ranking in-sample, and the no-match rule
        fitted again without each goal (F1 of 'no match')."""
        weights = self.fit_goal_weights(links)
        self.calibration = LinkCalibration(model=model, organisation=self.corpus.organisation,
                                           goal_weights=weights or GoalWeights())
        self._rules.clear()
        rule = self.fit_rule(links)
        figures: dict[str, Any] = {}
        linked = rr = hits = 0.0
        truth: list[bool] = []
        said: list[bool] = []
        for pair in self.link_years(links):
            sources_, targets, scores = self.goal_scores(*pair)
            rows, target_ids = {g.id: i for i, g in enumerate(sources_)}, [t.id for t in targets]
            features = self.pair_rule_features(*pair)
            for item in links:
                if item["from"] not in rows:
                    continue
                ranked = [target_ids[j] for j in np.argsort(-scores[rows[item["from"]]])]
                if set(item["targets"]) & set(target_ids):
                    first = min(ranked.index(t) for t in item["targets"] if t in target_ids) + 1
                    linked, rr, hits = linked + 1, rr + 1 / first, hits + (first <= 3)
                held_out = self.fit_rule(links, *pair, exclude=item["from"], features=features)
                if held_out is not None:
                    truth.append(not item["targets"])
                    said.append(bool(held_out.match_probability(features[[rows[item["from"]]]])[0] < 0.5))
        if linked:
            figures |= {"linked_goals": int(linked), "mrr_in_sample": round(rr / linked, 4),
                        "success@3_in_sample": round(hits / linked, 4)}
        if truth:
            tp = sum(t and s for t, s in zip(truth, said, strict=True))
            precision, recall = tp / max(1, sum(said)), tp / max(1, sum(truth))
            figures["no_match_f1_leave_one_goal_out"] = round(2 * precision * recall / (precision + recall), 4) \
                if precision + recall else 0.0
            figures["labelled_goals"] = len(truth)
        self.calibration = LinkCalibration(
            model=model, organisation=self.corpus.organisation, goal_weights=weights or GoalWeights(),
            no_match=rule or NoMatchRule(), fitted_weights=weights is not None, fitted_rule=rule is not None,
            links=len(links), sources=sources, figures=figures, created_at=now_iso())
        self._rules.clear()
        self._chosen_weights.clear()
        return self.calibration
