"""Links across years: goals to last year's goals, activities to the goals they serve, activity successors.

Everything is scored on the search engine's embeddings: a goal is its title and a profile (its own
text, sub-goals and measures, and the activities placed under it); an activity is its full text and
its title. Dense scores are fused with lexical ones (TF-IDF over analysed Swedish words) as z-scores. The no-match
rule for goals is a logistic regression on how the best hubness-corrected score stands out in its target's
column, fitted on the development links in evaluation/gold/.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from corpus.model import UppsiktError
from nlp.documents import Document
from nlp.embedding import Embedder, TextKind
from nlp.places import PlaceNames
from nlp.search import SearchEngine

GOLD_DIR = Path(__file__).resolve().parent.parent / "evaluation" / "gold"
GOAL_GOLD = GOLD_DIR / "goal_links_2024_2023.jsonl"
TITLE_WEIGHT = 0.5  # activities: title and full text alike
# Continuations: subtracted where two activities name different places, in units of the model's similarity
# spread (similarity_spread): the base model's cosine gap between an activity's continuation and the same kind
# of activity elsewhere ("ny gruppbostad i Ånge" / "i Fränsta") is up to about 0.03, 2 spreads.
PLACE_PENALTY = 3.0
SPREAD_SAMPLE = 500  # activities the spread is measured on, at most about this many
# Goals: title 0.7 / profile 0.3, then dense 0.85 / lexical 0.15 (z-scores). Chosen on the 20 dev goals as the
# setting that ranked better with both the base and the adapted embedding (REPORT.md).
GOAL_TITLE_WEIGHT = 0.7
GOAL_DENSE_WEIGHT = 0.85
CSLS_NEIGHBOURS = 3
# Placement: goal text 0.5 / nearest labelled activities 0.5, then dense 0.7 / lexical 0.3, whose first three
# are reordered by that 0.65 / the goal's dossier 0.35 (z-scores); chosen on the reports' labels (leave one
# activity out) with the new activity sentences of evaluation/gold/ (the dossier with the titles in view too).
PLACEMENT_GOAL_WEIGHT = 0.5
PLACEMENT_NEIGHBOURS = 3
PLACEMENT_DENSE_WEIGHT = 0.7
PLACEMENT_DOSSIER_WEIGHT = 0.35
PLACEMENT_SHORTLIST = 3  # the dossiers reorder only the first three: their own top three missed more often


def load_links(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _z(scores: np.ndarray) -> np.ndarray:
    """Z-scores along the last axis (per row of a matrix)."""
    mean, std = scores.mean(axis=-1, keepdims=True), scores.std(axis=-1, keepdims=True)
    return (scores - mean) / (std + 1e-9)


def _csls(similarity: np.ndarray, k: int = CSLS_NEIGHBOURS) -> np.ndarray:
    """Cross-domain similarity local scaling: 2·s − (mean of the row's k best) − (mean of the column's k best)."""
    k = min(k, *similarity.shape)
    row = np.sort(similarity, axis=1)[:, ::-1][:, :k].mean(axis=1, keepdims=True)
    column = np.sort(similarity, axis=0)[::-1][:k].mean(axis=0, keepdims=True)
    return 2 * similarity - row - column


def _fuse(dense: np.ndarray, lexical: np.ndarray, dense_weight: float) -> np.ndarray:
    return dense_weight * _z(dense) + (1 - dense_weight) * _z(lexical)


def reorder_shortlist(score: np.ndarray, second: np.ndarray, weight: float,
                      size: int = PLACEMENT_SHORTLIST) -> np.ndarray:
    """Two stages. The first `size` by `score` are the shortlist (placement: they held the right goal most
    often). Fused with `second` at `weight` (z-scores), which puts the right goal first more often but
    pushes some out of the top `size`, the shortlist is reordered; every other item scores below its last."""
    shortlist = np.argsort(-score)[:size]
    fused = (1 - weight) * _z(score) + weight * _z(second)
    rest = np.ones(len(score), dtype=bool)
    rest[shortlist] = False
    if rest.any():  # the rest shift down together: their order stays, below the shortlist's last
        fused[rest] -= max(0.0, fused[rest].max() - fused[shortlist].min()) + 1e-3
    return fused


def _tfidf_cosines(rows: list[list[str]], columns: list[list[str]]) -> np.ndarray:
    """Cosines of TF-IDF vectors (idf over both sides) of analysed word lists: rows × columns."""
    vectorizer = TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True).fit(rows + columns)
    return (vectorizer.transform(rows) @ vectorizer.transform(columns).T).toarray()


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


@dataclass
class NoMatchRule:
    """P(real counterpart | rule features) learned on development links; below 0.5 means no match."""

    model: LogisticRegression

    @classmethod
    def fit(cls, features: np.ndarray, has_match: np.ndarray) -> NoMatchRule:
        return cls(LogisticRegression(C=10.0, class_weight="balanced").fit(features, has_match))

    def match_probability(self, features: np.ndarray) -> np.ndarray:
        return self.model.predict_proba(features)[:, list(self.model.classes_).index(1)]


class Linker:
    """Cross-year linking over one SearchEngine's documents and vectors."""

    def __init__(self, engine: SearchEngine, placement_embedder: Embedder | None = None,
                 dossier_weight: float = PLACEMENT_DOSSIER_WEIGHT) -> None:
        """`placement_embedder`: the model that places activities under goals (nlp.embedding.placement_model);
        the engine's own when None. Goal and activity links always use the engine's. `dossier_weight`: how
        much the goals' dossiers count in placement (0 leaves them out; evaluation compares)."""
        self.engine = engine
        self.dossier_weight = dossier_weight
        self.placement_embedder = placement_embedder or engine.embedder
        self.docs = engine.docs
        self.by_id = engine.by_id
        self._titles: dict[str, np.ndarray] = {}
        self._unlabelled: dict[str, np.ndarray] = {}
        self._placement_goals: dict[str, np.ndarray] = {}
        self._dossiers: dict[str, np.ndarray] = {}  # keyed by text: a goal's dossier changes with the pool
        self._terms: dict[str, list[str]] = {}
        self.parent = {d.id: (d.goal_ids[0] if d.goal_ids else None) for d in self.docs if d.kind == "goal"}
        self.top_goal = {d.id: self._top(d.id) for d in self.docs if d.kind == "goal"}
        self._rules: dict[tuple[int, int, tuple[tuple[str, bool], ...]], NoMatchRule] = {}

    def _top(self, goal_id: str) -> str:
        while self.parent.get(goal_id):
            goal_id = self.parent[goal_id]  # type: ignore[assignment]
        return goal_id

    def years(self) -> set[int]:
        return {d.year for d in self.docs}

    def check_year(self, year: int) -> None:
        if year not in self.years():
            raise UppsiktError(f"Året {year} finns inte i korpusen (finns: {', '.join(map(str, sorted(self.years())))}).")

    def top_goals(self, year: int) -> list[Document]:
        self.check_year(year)
        goals = [d for d in self.docs if d.kind == "goal" and d.year == year and not d.goal_ids]
        if not goals:
            raise UppsiktError(f"År {year} har inga mål i korpusen.")
        return goals

    def activities(self, year: int, exclude_reports: set[str] | None = None) -> list[Document]:
        self.check_year(year)
        return [d for d in self.docs if d.kind == "activity" and d.year == year
                and not (exclude_reports and set(d.reports) <= exclude_reports)]

    # ---- vectors --------------------------------------------------------------------------------

    def full(self, ids: list[str]) -> np.ndarray:
        return self.engine.vectors.vectors(ids)

    def _encoded(self, cache: dict[str, np.ndarray], docs: list[Document], text: Callable[[Document], str],
                 kind: TextKind = "query", embedder: Embedder | None = None) -> np.ndarray:
        missing = list({d.id: d for d in docs if d.id not in cache}.values())
        if missing:
            encode = (embedder or self.engine.embedder).encode
            cache.update(zip([d.id for d in missing], encode([text(d) for d in missing], kind), strict=True))
        return np.stack([cache[d.id] for d in docs])

    def full_vectors(self, docs: list[Document]) -> np.ndarray:
        """Search vectors of `docs`: the index's, or embedded as the index embeds for texts it does not hold."""
        outside = [d for d in docs if d.id not in self.by_id]
        if not outside:
            return self.full([d.id for d in docs])
        encoded = self.engine.embedder.encode([d.passage(self.engine.representation) for d in outside], "passage")
        vectors = dict(zip([d.id for d in outside], encoded, strict=True))
        return np.stack([vectors[d.id] if d.id in vectors else self.full([d.id])[0] for d in docs])

    def unlabelled(self, ids: list[str]) -> np.ndarray:
        """Activity vectors without the goal titles their search text carries: for placing an activity
        under goals, its old goal's title would give the answer away. Embedded as e5 queries: placing
        an activity is asking which goal text answers it (better than 'passage' in REPORT.md)."""
        return self._encoded(self._unlabelled, [self.by_id[i] for i in ids], lambda d: d.passage("title_description"),
                             embedder=self.placement_embedder)

    def placement_goals(self, ids: list[str]) -> np.ndarray:
        """Goal vectors for placing activities: the goal's text with its goal area ("Målområde: Äldre +65").
        2024's goals are one short sentence each; the area says whom they serve, which an activity text
        often says too ("för äldre", "ungdomar")."""
        def text(goal: Document) -> str:
            return " ".join(filter(None, [goal.passage("full"), f"Målområde: {goal.area}" if goal.area else ""]))

        return self._encoded(self._placement_goals, [self.by_id[i] for i in ids], text, "passage", self.placement_embedder)

    def terms(self, doc: Document) -> list[str]:
        """Analysed words of an activity's own text (title, description, comment) or a goal's text."""
        if doc.id not in self._terms:
            text = doc.passage("full") if doc.kind == "goal" else " ".join([doc.title, doc.description, doc.comment[:600]])
            self._terms[doc.id] = self.engine.analyzer.analyze(text)
        return self._terms[doc.id]

    def titles(self, ids: list[str]) -> np.ndarray:
        return self.title_vectors([self.by_id[i] for i in ids])

    def title_vectors(self, docs: list[Document]) -> np.ndarray:
        return self._encoded(self._titles, docs, lambda d: d.title)

    def goal_members(self, goal: Document) -> list[str]:
        """Activities placed under the goal or under its sub-goals."""
        return [d.id for d in self.docs if d.kind == "activity" and any(self.top_goal.get(g) == goal.id
                                                                         for g in d.goal_ids)]

    def sub_goals(self, goal: Document) -> list[Document]:
        """The goal's sub-goals, at any depth."""
        return [d for d in self.docs if d.id != goal.id and self.top_goal.get(d.id) == goal.id]

    def goal_family(self, goal: Document) -> list[str]:
        """The goal, its sub-goals and the activities placed under any of them."""
        return [goal.id] + [d.id for d in self.sub_goals(goal)] + self.goal_members(goal)

    def goal_profiles(self, goals: list[Document]) -> np.ndarray:
        return _normalise(np.stack([self.full(self.goal_family(goal)).mean(axis=0) for goal in goals]))

    # ---- goals → last year's goals --------------------------------------------------------------

    def goal_matrices(self, from_year: int, to_year: int, title_weight: float = GOAL_TITLE_WEIGHT
                      ) -> tuple[list[Document], list[Document], np.ndarray, np.ndarray]:
        """Dense (title and profile cosines) and lexical (TF-IDF of the goals' analysed texts, sub-goals and
        activities included) similarity of every source goal to every target goal."""
        sources, targets = self.top_goals(from_year), self.top_goals(to_year)
        title = self.titles([g.id for g in sources]) @ self.titles([g.id for g in targets]).T
        profile = self.goal_profiles(sources) @ self.goal_profiles(targets).T
        lexical = _tfidf_cosines([self.goal_terms(g) for g in sources], [self.goal_terms(g) for g in targets])
        return sources, targets, title_weight * title + (1 - title_weight) * profile, lexical

    def goal_terms(self, goal: Document) -> list[str]:
        """The analysed words of the goal's family; the goal's own words count twice."""
        return self.terms(goal) + [t for member in self.goal_family(goal) for t in self.terms(self.by_id[member])]

    def goal_scores(self, from_year: int, to_year: int, title_weight: float = GOAL_TITLE_WEIGHT,
                    dense_weight: float = GOAL_DENSE_WEIGHT) -> tuple[list[Document], list[Document], np.ndarray]:
        """The ranking score: dense and lexical similarity fused as per-row z-scores."""
        sources, targets, dense, lexical = self.goal_matrices(from_year, to_year, title_weight)
        return sources, targets, _fuse(dense, lexical, dense_weight)

    @staticmethod
    def hub_corrected(dense: np.ndarray, lexical: np.ndarray) -> np.ndarray:
        """What the no-match rule reads: the same fusion after a hubness correction (CSLS) of each part.
        Some old goals are near every new one (broad wording); against them a high cosine means little."""
        return _fuse(_csls(dense), _csls(lexical), GOAL_DENSE_WEIGHT)

    def rule_scores(self, from_year: int, to_year: int) -> np.ndarray:
        _, _, dense, lexical = self.goal_matrices(from_year, to_year)
        return self.hub_corrected(dense, lexical)

    @staticmethod
    def rule_features(scores: np.ndarray) -> np.ndarray:
        """Per source goal: how far its best score stands out in that target's column (z-score), i.e. among
        all new goals' scores for the same old goal. Raw cosines are too alike across goals to decide on; with
        20 dev goals, this one feature kept F1 0.71–0.78 across both embeddings, where the row z-score and
        mutual-best added to it swung between 0.63 and 0.86 (REPORT.md)."""
        best = scores.argmax(axis=1)
        rows = np.arange(len(scores))
        column_z = (scores[rows, best] - scores.mean(axis=0)[best]) / (scores.std(axis=0)[best] + 1e-9)
        return column_z[:, None]

    def fit_rule(self, gold: list[dict[str, Any]] | None = None, from_year: int = 2024, to_year: int = 2023,
                 exclude: str | None = None, features: np.ndarray | None = None,
                 decided: dict[str, bool] | None = None) -> NoMatchRule | None:
        """Fitted on the gold links and the coordinators' decisions (`decided`: goal id → it has a
        counterpart; a decision overrides the gold) for the goals of `from_year`; None when those do not hold
        both outcomes. `features` are rule_features(rule_scores(from_year, to_year)) when the caller has them
        already (leave-one-out fits the rule once per goal)."""
        gold = gold if gold is not None else load_links(GOAL_GOLD)
        labelled = {item["from"]: bool(item["targets"]) for item in gold} | (decided or {})
        index = {g.id: i for i, g in enumerate(self.top_goals(from_year))}
        rows = [(index[goal_id], int(has_match)) for goal_id, has_match in labelled.items()
                if goal_id in index and goal_id != exclude]
        if len({y for _, y in rows}) < 2:
            return None
        if features is None:
            features = self.rule_features(self.rule_scores(from_year, to_year))
        return NoMatchRule.fit(features[[r for r, _ in rows]], np.array([y for _, y in rows]))

    def no_match_rule(self, from_year: int, to_year: int, decided: dict[str, bool] | None = None,
                      features: np.ndarray | None = None) -> NoMatchRule:
        """The rule for this pair of years when its goals have labelled links of both kinds, else the rule of
        the development links (2024 → 2023); refitted when the coordinators' decisions change. `features`:
        this pair's rule features, when the caller has them."""
        key = (from_year, to_year, tuple(sorted((decided or {}).items())))
        if key not in self._rules:
            rule = self.fit_rule(from_year=from_year, to_year=to_year, decided=decided, features=features)
            self._rules[key] = rule or self.fit_rule(decided=decided) or self.fit_rule()  # type: ignore[assignment]
        return self._rules[key]

    def link_goals(self, from_year: int, to_year: int, k: int = 5, decided: dict[str, bool] | None = None
                   ) -> list[dict[str, Any]]:
        if from_year == to_year:
            raise UppsiktError("Välj två olika år att koppla mellan.")
        sources, targets, dense, lexical = self.goal_matrices(from_year, to_year)
        scores = _fuse(dense, lexical, GOAL_DENSE_WEIGHT)
        features = self.rule_features(self.hub_corrected(dense, lexical))
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
        a, b = self.goal_family(source), self.goal_family(target)
        similarity = self.full(a) @ self.full(b).T
        pairs = np.dstack(np.unravel_index(np.argsort(-similarity, axis=None), similarity.shape))[0]
        out, seen = [], set()
        for i, j in pairs:
            if a[i] == source.id and b[j] == target.id or (a[i], b[j]) in seen:
                continue
            seen.add((a[i], b[j]))
            out.append({"from": self.by_id[a[i]].title[:120], "to": self.by_id[b[j]].title[:120],
                        "score": round(float(similarity[i, j]), 4)})
            if len(out) >= n:
                break
        return out

    # ---- activities → goals they serve ------------------------------------------------------------

    def place(self, vector: np.ndarray, year: int, pool: list[Document], k: int = 3,
              goal_weight: float = PLACEMENT_GOAL_WEIGHT, terms: list[str] | None = None) -> list[dict[str, Any]]:
        """Rank the year's top-level goals for an activity (its vector, and its analysed words `terms`).

        Dense: the goal's own text and the activity's nearest labelled neighbours under the goal in `pool`.
        Lexical: TF-IDF between the activity's words and each goal's text plus its pool members' texts;
        domain words ('friskvårdsbidrag', 'industrimark') place an activity where a small encoder wavers.
        The two are fused as z-scores; the goals' dossiers then reorder the first three (reorder_shortlist)."""
        goals = self.top_goals(year)
        # The goal's own text (title, sub-goals, measures, area): its placed activities would leak the answer.
        goal_score = self.placement_goals([g.id for g in goals]) @ vector
        members: dict[str, list[str]] = defaultdict(list)
        for doc in pool:
            for goal_id in doc.goal_ids:
                top = self.top_goal.get(goal_id)
                if top and doc.id not in members[top]:
                    members[top].append(doc.id)
        # A goal with no labelled activities in the pool keeps its own score: no examples is no evidence.
        neighbour_score = goal_score.copy()
        for i, goal in enumerate(goals):
            if members[goal.id]:
                similarity = np.sort(self.unlabelled(members[goal.id]) @ vector)[::-1][:PLACEMENT_NEIGHBOURS]
                neighbour_score[i] = similarity.mean()
        score = goal_weight * goal_score + (1 - goal_weight) * neighbour_score
        if terms:
            lexical = self._lexical_goal_scores(terms, goals, members)
            score = PLACEMENT_DENSE_WEIGHT * _z(score) + (1 - PLACEMENT_DENSE_WEIGHT) * _z(lexical)
        if self.dossier_weight and any(members.values()):
            score = reorder_shortlist(score, self.goal_dossiers(goals, members) @ vector, self.dossier_weight)
        order = np.argsort(-score)[:k]
        return [{"id": goals[j].id, "title": goals[j].title, "score": round(float(score[j]), 4),
                 "examples": [self.by_id[m].title for m in members[goals[j].id][:3]]} for j in order]

    def goal_dossiers(self, goals: list[Document], members: dict[str, list[str]]) -> np.ndarray:
        """Each goal as one e5 passage: its title, goal area and the titles of the activities under it in the
        pool. Read together, the titles say what the goal is about in the words activities use, which
        neither the goal's one sentence nor its nearest single activity says alone."""
        def text(goal: Document) -> str:
            titles = "; ".join(self.by_id[m].title for m in members[goal.id])
            return " ".join(filter(None, [goal.title, f"Målområde: {goal.area}." if goal.area else "",
                                          f"Aktiviteter: {titles}" if titles else ""]))

        texts = [text(goal) for goal in goals]
        missing = [t for t in dict.fromkeys(texts) if t not in self._dossiers]
        if missing:
            self._dossiers.update(zip(missing, self.placement_embedder.encode(missing, "passage"), strict=True))
        return np.stack([self._dossiers[t] for t in texts])

    def _lexical_goal_scores(self, terms: list[str], goals: list[Document], members: dict[str, list[str]]
                             ) -> np.ndarray:
        # The goal's own words count twice: with few members they would otherwise drown.
        documents = [self.terms(g) * 2 + [t for m in members[g.id] for t in self.terms(self.by_id[m])] for g in goals]
        return _tfidf_cosines([terms], documents)[0]

    def suggest_goal(self, text: str | None, year: int, k: int = 3, activity_id: str | None = None
                     ) -> dict[str, Any]:
        self.check_year(year)
        if activity_id:
            if activity_id not in self.by_id or self.by_id[activity_id].kind != "activity":
                raise UppsiktError(f"Det finns ingen aktivitet med id '{activity_id}'.")
            doc = self.by_id[activity_id]
            vector, text, terms = self.unlabelled([activity_id])[0], doc.body, self.terms(doc)
            read = text
        else:
            if not (text or "").strip():
                raise UppsiktError("Beskriv aktiviteten; texten är tom.")
            text = text[:4000]  # type: ignore[index]
            read = self.engine.letters.restore(text)  # type: ignore[arg-type]
            # Embedded as a query, like the labelled activities it is compared with (see unlabelled()).
            vector, terms = self.placement_embedder.encode([read], "query")[0], self.engine.analyzer.analyze(read)
        pool = [d for d in self.activities(year) if d.id != activity_id]
        return {"text": text, "interpreted_text": read,
                "candidates": self.place(vector, year, pool, k, terms=terms)}

    def place_activities(self, from_year: int, to_year: int, k: int = 3) -> list[dict[str, Any]]:
        """Every activity of `from_year` placed under the top-level goals of `to_year`, as suggest-goal
        --activity places it (its own label hidden). The same year is allowed: a coordinator checks or
        completes the new year's placements; `placed_under` is where the reports put it, in `to_year`."""
        sources = self.activities(from_year)
        if not sources:
            raise UppsiktError(f"År {from_year} har inga aktiviteter i korpusen.")
        self.top_goals(to_year)  # says so when the year has no goals
        out = []
        for doc in sources:
            placed = dict.fromkeys(self.top_goal[g] for g in doc.goal_ids
                                   if g in self.top_goal and self.by_id[g].year == to_year)
            out.append({"id": doc.id, "title": doc.title, "text": doc.body[:600],
                        "placed_under": [{"id": g, "title": self.by_id[g].title} for g in placed],
                        "candidates": self.suggest_goal(None, to_year, k, activity_id=doc.id)["candidates"]})
        return out

    # ---- activities → their continuation in another year -------------------------------------------

    def activity_scores(self, from_year: int, to_year: int, title_weight: float = TITLE_WEIGHT,
                        place_penalty: float = PLACE_PENALTY) -> tuple[list[Document], list[Document], np.ndarray]:
        sources, targets = self._activities_of(from_year, to_year)
        return sources, targets, self.activity_similarity(sources, targets, title_weight, place_penalty)

    def _activities_of(self, from_year: int, to_year: int) -> tuple[list[Document], list[Document]]:
        sources, targets = self.activities(from_year), self.activities(to_year)
        if not sources or not targets:
            missing = from_year if not sources else to_year
            raise UppsiktError(f"År {missing} har inga aktiviteter i korpusen.")
        return sources, targets

    def activity_similarity(self, sources: list[Document], targets: list[Document], title_weight: float = TITLE_WEIGHT,
                            place_penalty: float = PLACE_PENALTY, elsewhere: np.ndarray | None = None
                            ) -> np.ndarray:
        """How likely each target continues each source: title and full-text cosines, less `place_penalty`
        spreads where the two name different places (the same kind of activity elsewhere is not its
        continuation; `elsewhere`: other_places, when the caller has it already). Documents outside the
        corpus are embedded on the fly."""
        full = self.full_vectors(sources) @ self.full_vectors(targets).T
        title = self.title_vectors(sources) @ self.title_vectors(targets).T
        similarity = title_weight * title + (1 - title_weight) * full
        if not place_penalty:
            return similarity
        if elsewhere is None:
            elsewhere = self.other_places(sources, targets)
        return similarity - place_penalty * self.similarity_spread * elsewhere

    @cached_property
    def similarity_spread(self) -> float:
        """How far apart the model's activity similarities lie: the median, over the corpus's activities, of
        the standard deviation of their similarity to the others. Models differ in scale (the adapted one's
        spread is about four times the base's), so the place rule counts in these units."""
        docs = [d for d in self.docs if d.kind == "activity"]
        docs = docs[::max(1, len(docs) // SPREAD_SAMPLE)]  # an even sample keeps a large corpus's matrix small
        similarity = self.activity_similarity(docs, docs, place_penalty=0.0)
        np.fill_diagonal(similarity, np.nan)
        return float(np.nanmedian(np.nanstd(similarity, axis=1)))

    @cached_property
    def places(self) -> PlaceNames:
        return PlaceNames.from_texts([d.body for d in self.docs], self.engine.analyzer.is_word)

    def other_places(self, sources: list[Document], targets: list[Document]) -> np.ndarray:
        """1 where source and target name places, and none in common ("badplats i Alby" / "i Överturingen")."""
        def named(doc: Document) -> frozenset[str]:
            return self.places.find(f"{doc.title} {doc.description}")

        a, b = [named(d) for d in sources], [named(d) for d in targets]
        return np.array([[float(self.places.apart(x, y)) for y in b] for x in a])

    def link_activities(self, from_year: int, to_year: int, k: int = 5) -> list[dict[str, Any]]:
        """Each activity of `from_year` with its likely continuations (or predecessors) in `to_year`;
        `other_place` marks a candidate that names other places than the activity does."""
        if from_year == to_year:
            raise UppsiktError("Välj två olika år att koppla mellan.")
        sources, targets = self._activities_of(from_year, to_year)
        elsewhere = self.other_places(sources, targets)
        scores = self.activity_similarity(sources, targets, elsewhere=elsewhere)
        return [
            {"id": doc.id, "title": doc.title, "text": doc.body[:600],
             "candidates": [{"id": targets[j].id, "title": targets[j].title, "score": round(float(scores[i, j]), 4),
                             "other_place": bool(elsewhere[i, j])}
                            for j in np.argsort(-scores[i])[:k]]}
            for i, doc in enumerate(sources)
        ]
