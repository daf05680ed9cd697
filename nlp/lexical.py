"""Swedish lexical analysis and BM25: spaCy tokens, lookup lemmas, folding, Snowball stems, decompounding."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import bm25s
import numpy as np
import Stemmer

from corpus.text import fold

if TYPE_CHECKING:
    import spacy

MIN_COMPOUND = 9
MIN_PART = 3


def _import_spacy():  # type: ignore[no-untyped-def]
    """spaCy, for its blank Swedish tokenizer, which needs no torch. thinc imports torch whenever it is installed
    (about 2 s at every start of a one-shot command), so where neither is loaded yet thinc is imported seeing no
    torch; torch itself stays importable for whatever needs it later (sentence-transformers, adaptation)."""
    if "thinc" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment] - `import torch` raises ImportError meanwhile
    try:
        import spacy
    finally:
        del sys.modules["torch"]
    return spacy


@lru_cache(maxsize=1)
def _pipeline() -> spacy.language.Language:
    return _import_spacy().blank("sv")


@lru_cache(maxsize=1)
def _lemma_lookup() -> dict[str, str]:
    """spaCy's Swedish lookup lemmas (spacy-lookups-data), read as a plain dict: what the lookup lemmatizer does
    (the token's text, as written, to its lemma) without building spaCy's Table of 660 000 rows at every start."""
    import srsly
    from spacy_lookups_data import __file__ as lookups_init

    return srsly.read_gzip_json(Path(lookups_init).parent / "data" / "sv_lemma_lookup.json.gz")


class SwedishAnalyzer:
    """Text → index terms. Compounds ('långtidsarbetslösa') also yield their parts' stems ('arbetslös')."""

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self._nlp = _pipeline()
        self._stemmer = Stemmer.Stemmer("swedish")
        self._stop = {fold(w) for w in self._nlp.Defaults.stop_words}
        self._lemmas = _lemma_lookup()
        self._parts: set[str] = set()
        self._part_stems: set[str] = set()
        self.add_vocabulary(vocabulary)

    def add_vocabulary(self, words: Iterable[str]) -> None:
        """Words that may stand as parts of compounds (folded, at least MIN_PART letters)."""
        for word in words:
            word = fold(word)
            if len(word) >= MIN_PART + 1 and word.isalpha() and word not in self._stop:
                self._parts.add(word)
                self._part_stems.add(self._stem(word))

    def is_word(self, word: str) -> bool:
        """A lower-case word the Swedish lemma lookup knows."""
        return word in self._lemmas

    def _stem(self, word: str) -> str:
        return fold(self._stemmer.stemWord(word))

    def _split(self, word: str) -> list[str]:
        """The longest known tail of a compound, and its head where that is a word too (linking 's' allowed)."""
        for i in range(MIN_PART, len(word) - MIN_PART):
            tail = word[i:]
            if tail not in self._parts and (len(tail) < 5 or self._stem(tail) not in self._part_stems):
                continue
            head = word[:i]
            if head not in self._parts and head.endswith("s"):
                head = head[:-1]
            return [tail, head] if head in self._parts else [tail]
        return []

    def words(self, text: str) -> list[str]:
        """Folded lemmas of the content words."""
        out = []
        for token in self._nlp(text[:20000]):
            if not (token.is_alpha or token.like_num) or token.is_punct:
                continue
            lemma = fold(self._lemmas.get(token.text, token.text))
            if lemma in self._stop or fold(token.text) in self._stop:
                continue
            out.append(lemma)
        return out

    def analyze(self, text: str) -> list[str]:
        terms: list[str] = []
        for word in self.words(text):
            terms.append(self._stem(word))
            if len(word) >= MIN_COMPOUND:
                terms.extend(self._stem(part) for part in self._split(word))
        return terms


class BM25Index:
    """bm25s over analysed terms; scores for every document, for fusion with the dense ranking."""

    def __init__(self, analyzer: SwedishAnalyzer, texts: list[str]) -> None:
        self.analyzer = analyzer
        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        tokens = [analyzer.analyze(t) or ["_"] for t in texts]
        self._bm25.index(tokens, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        terms = self.analyzer.analyze(query)
        if not terms or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float32)
