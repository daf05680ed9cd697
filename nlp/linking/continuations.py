"""Activities to their continuations (or predecessors) in another year: title and full-text cosines, plus the
words they share (TF-IDF), less a penalty where the two name different places."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

import numpy as np

from corpus.model import UppsiktError
from nlp.documents import Document
from nlp.linking.corpus import LinkCorpus

TITLE_WEIGHT = 0.5  # activities: title and full text alike
# Continuations: subtracted where two activities name different places, in units of the model's similarity
# spread (similarity_spread): the base model's cosine gap between an activity's continuation and the same kind
# of activity elsewhere ("ny gruppbostad i Ånge" / "i Fränsta") is up to about 0.03, 2 spreads.
PLACE_PENALTY = 3.0
SPREAD_SAMPLE = 500  # activities the spread is measured on, at most about this many
# Dense 0.85 / shared words 0.15, each in its own spreads: the goals' fixed weight before theirs were learned, not
# tuned here (0.7–0.9 ranked alike on the development links). Shared rare words carry what a small encoder misses: an abbreviation ("SKUA") named in
# the new text only, a project's name.
DENSE_WEIGHT = 0.85


class Continuations:
    """Scores every activity of one year against every activity of another, over one LinkCorpus."""

    def __init__(self, corpus: LinkCorpus) -> None:
        self.corpus = corpus

    def activity_scores(self, from_year: int, to_year: int, title_weight: float = TITLE_WEIGHT,
                        place_penalty: float = PLACE_PENALTY, dense_weight: float = DENSE_WEIGHT
                        ) -> tuple[list[Document], list[Document], np.ndarray]:
        sources, targets = self._activities_of(from_year, to_year)
        return sources, targets, self.activity_similarity(sources, targets, title_weight, place_penalty,
                                                          dense_weight=dense_weight)

    def _activities_of(self, from_year: int, to_year: int) -> tuple[list[Document], list[Document]]:
        sources, targets = self.corpus.activities(from_year), self.corpus.activities(to_year)
        if not sources or not targets:
            missing = from_year if not sources else to_year
            raise UppsiktError(f"År {missing} har inga aktiviteter i korpusen{self.corpus.whose()}.")
        return sources, targets

    def activity_similarity(self, sources: list[Document], targets: list[Document], title_weight: float = TITLE_WEIGHT,
                            place_penalty: float = PLACE_PENALTY, elsewhere: np.ndarray | None = None,
                            dense_weight: float = DENSE_WEIGHT) -> np.ndarray:
        """How likely each target continues each source: title and full-text cosines, plus shared words (in
        spreads of each, fused at `dense_weight`), less `place_penalty` spreads where the two name different
        places (the same kind of activity elsewhere is not its continuation; `elsewhere`: other_places, when the
        caller has it already). There shared words count nothing: they are what the same kind elsewhere has.
        A pair's score does not depend on the other targets. Documents outside the corpus are embedded on the fly."""
        full = self.corpus.full_vectors(sources) @ self.corpus.full_vectors(targets).T
        title = self.corpus.title_vectors(sources) @ self.corpus.title_vectors(targets).T
        similarity = title_weight * title + (1 - title_weight) * full
        if place_penalty and elsewhere is None:
            elsewhere = self.corpus.other_places(sources, targets)
        if dense_weight < 1 and self.words_spread > 0:  # a corpus too small to share any words has no spread
            words = self.corpus.shared_words(sources, targets)
            if place_penalty:
                words = words * (1 - elsewhere)
            similarity = similarity + (1 - dense_weight) / dense_weight * self.similarity_spread / self.words_spread * words
        if not place_penalty:
            return similarity
        return similarity - place_penalty * self.similarity_spread * elsewhere

    def _spread(self, similarity: Callable[[list[Document], list[Document]], np.ndarray]) -> float:
        docs = [d for d in self.corpus.docs if d.kind == "activity"]
        docs = docs[::max(1, len(docs) // SPREAD_SAMPLE)]  # an even sample keeps a large corpus's matrix small
        if len(docs) < 2:
            return 0.0  # one activity has nothing to spread against
        matrix = similarity(docs, docs)
        np.fill_diagonal(matrix, np.nan)
        return float(np.nanmedian(np.nanstd(matrix, axis=1)))

    @cached_property
    def similarity_spread(self) -> float:
        """How far apart the model's activity similarities lie: the median, over the corpus's activities, of
        the standard deviation of their (dense) similarity to the others. Models differ in scale (the adapted
        one's spread is about four times the base's), so the place rule and the shared words count in these units."""
        return self._spread(lambda a, b: self.activity_similarity(a, b, place_penalty=0.0, dense_weight=1.0))

    @cached_property
    def words_spread(self) -> float:
        """The same for shared words (TF-IDF cosines)."""
        return self._spread(self.corpus.shared_words)

    def link_activities(self, from_year: int, to_year: int, k: int = 5) -> list[dict[str, Any]]:
        """Each activity of `from_year` with its likely continuations (or predecessors) in `to_year`;
        `other_place` marks a candidate that names other places than the activity does."""
        if from_year == to_year:
            raise UppsiktError("Välj två olika år att koppla mellan.")
        sources, targets = self._activities_of(from_year, to_year)
        elsewhere = self.corpus.other_places(sources, targets)
        scores = self.activity_similarity(sources, targets, elsewhere=elsewhere)
        return [
            {"id": doc.id, "title": doc.title, "text": doc.body[:600],
             "candidates": [{"id": targets[j].id, "title": targets[j].title, "score": round(float(scores[i, j]), 4),
                             "other_place": bool(elsewhere[i, j])}
                            for j in np.argsort(-scores[i])[:k]]}
            for i, doc in enumerate(sources)
        ]
