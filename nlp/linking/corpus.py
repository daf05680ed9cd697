"""What every link reads, one index per organisation: the years' goals and activities, the goal tree, and the
texts' vectors, words and places."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from corpus.model import UppsiktError
from nlp.documents import Document
from nlp.embedding import Embedder, TextKind
from nlp.places import PlaceNames
from nlp.search import SearchEngine


class LinkCorpus:
    """One SearchEngine's documents and vectors, seen as years, goal trees and activities."""

    def __init__(self, engine: SearchEngine, organisation: str | None = None) -> None:
        """`organisation`: the one whose goals and activities are linked (every document when None: a store of
        one organisation)."""
        self.engine = engine
        self.organisation = organisation
        self.docs = [d for d in engine.docs if organisation is None or d.organisation == organisation]
        self.by_id = engine.by_id
        self._titles: dict[str, np.ndarray] = {}
        self._terms: dict[str, list[str]] = {}
        self.parent = {d.id: (d.goal_ids[0] if d.goal_ids else None) for d in self.docs if d.kind == "goal"}
        self.top_goal = {d.id: self._top(d.id) for d in self.docs if d.kind == "goal"}

    def _top(self, goal_id: str) -> str:
        while self.parent.get(goal_id):
            goal_id = self.parent[goal_id]  # type: ignore[assignment]
        return goal_id

    def years(self) -> set[int]:
        return {d.year for d in self.docs}

    def whose(self) -> str:
        return f" för {self.organisation}" if self.organisation else ""

    def check_year(self, year: int) -> None:
        if year not in self.years():
            found = ", ".join(map(str, sorted(self.years()))) or "inga"
            raise UppsiktError(f"Året {year} finns inte i korpusen{self.whose()} (finns: {found}).")

    def top_goals(self, year: int) -> list[Document]:
        self.check_year(year)
        goals = [d for d in self.docs if d.kind == "goal" and d.year == year and not d.goal_ids]
        if not goals:
            raise UppsiktError(f"År {year} har inga mål i korpusen{self.whose()}.")
        return goals

    def activities(self, year: int, exclude_reports: set[str] | None = None) -> list[Document]:
        self.check_year(year)
        return [d for d in self.docs if d.kind == "activity" and d.year == year
                and not (exclude_reports and set(d.reports) <= exclude_reports)]

    # ---- vectors --------------------------------------------------------------------------------

    def full(self, ids: list[str]) -> np.ndarray:
        return self.engine.vectors.vectors(ids)

    def encoded(self, cache: dict[str, np.ndarray], docs: list[Document], text: Callable[[Document], str],
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

    def terms(self, doc: Document) -> list[str]:
        """Analysed words of an activity's own text (title, description, comment) or a goal's text."""
        if doc.id not in self._terms:
            text = doc.passage("full") if doc.kind == "goal" else " ".join([doc.title, doc.description, doc.comment[:600]])
            self._terms[doc.id] = self.engine.analyzer.analyze(text)
        return self._terms[doc.id]

    def titles(self, ids: list[str]) -> np.ndarray:
        return self.title_vectors([self.by_id[i] for i in ids])

    def title_vectors(self, docs: list[Document]) -> np.ndarray:
        return self.encoded(self._titles, docs, lambda d: d.title)

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

    # ---- words and places ----------------------------------------------------------------------

    def shared_words(self, sources: list[Document], targets: list[Document]) -> np.ndarray:
        """TF-IDF cosines of the activities' analysed words, idf from the corpus's activities."""
        lexicon = self.activity_lexicon
        return (lexicon.transform([self.terms(d) for d in sources]) @
                lexicon.transform([self.terms(d) for d in targets]).T).toarray()

    @cached_property
    def activity_lexicon(self) -> TfidfVectorizer:
        return TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True).fit(
            [self.terms(d) for d in self.docs if d.kind == "activity"])

    @cached_property
    def places(self) -> PlaceNames:
        return PlaceNames.from_texts([d.body for d in self.docs], self.engine.analyzer.is_word)

    def places_of(self, doc: Document) -> frozenset[str]:
        """The places an activity names in its title and description (its comment may mention others)."""
        return self.places.find(f"{doc.title} {doc.description}")

    def other_places(self, sources: list[Document], targets: list[Document]) -> np.ndarray:
        """1 where source and target name places, and none in common ("badplats i Alby" / "i Överturingen")."""
        a, b = [self.places_of(d) for d in sources], [self.places_of(d) for d in targets]
        return np.array([[float(self.places.apart(x, y)) for y in b] for x in a])
