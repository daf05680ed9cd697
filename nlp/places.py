"""Place names in activity texts ("Ny gruppbostad Ånge", "Öppna ny badplats i Alby"), learned from the corpus.

Two activities of the same kind at different places ("badplats i Alby", "badplats i Överturingen") read
alike to an embedding; a continuation of an activity usually keeps its place. There is no Swedish
gazetteer on PyPI, so the corpus is the gazetteer: a place is a capitalised word that follows a locative
preposition somewhere in it ("i Fränsta", "på Furubacken") and that the corpus never writes in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]+")
# "i centrala Ånge", "vid Fränsta strand", "på Furubacken"; not "i Agenda 2030".
_LOCATIVE = re.compile(r"\b(?:i|på|vid|utanför|centrala|norra|södra|östra|västra)\s+([A-ZÅÄÖ][a-zåäöé]{2,})\b(?!\s*\d)")
# The municipality itself ("Ånge kommun", "Ånge kommuns") is no place within it.
_MUNICIPALITY = re.compile(r"^\s*kommun", re.IGNORECASE)
MIN_LENGTH = 4


class PlaceNames:
    """The corpus's place names, and the ones a text mentions (genitive 's' folded into the name)."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names = frozenset(names)

    @classmethod
    def from_texts(cls, texts: Iterable[str], is_word: Callable[[str], bool] = lambda word: False) -> PlaceNames:
        """`is_word`: whether a lower-case word is a Swedish dictionary word ("dynamiska", "lantmäteriet"):
        such a name is a thing's, unless the corpus also names a municipality with it ("Ånge kommun")."""
        texts = list(texts)
        lower = {w for t in texts for w in _WORD.findall(t) if w.islower()}
        municipalities = {m.group(1) for t in texts for m in re.finditer(r"\b([A-ZÅÄÖ][a-zåäöé]+)\s+kommun", t)}
        candidates = {m.group(1) for t in texts for m in _LOCATIVE.finditer(t)
                      if not _MUNICIPALITY.match(t[m.end():])}
        names = {_base(w, candidates) for w in candidates
                 if len(w) >= MIN_LENGTH and w.lower() not in lower and w[:-1].lower() not in lower
                 and (w in municipalities or not is_word(w.lower()))}
        # A name built on another ("Ångemodellen" on "Ånge") names a project or a thing, not a place.
        return cls(n for n in names if not any(n != o and n.startswith(o) and len(n) > len(o) + 1 for o in names))

    def find(self, text: str) -> frozenset[str]:
        found = set()
        for match in re.finditer(r"\b[A-ZÅÄÖ][a-zåäöé]+\b", text):
            word = _base(match.group(0), self.names)
            if word in self.names and not _MUNICIPALITY.match(text[match.end():]):
                found.add(word)
        return frozenset(found)

    @staticmethod
    def apart(places_a: frozenset[str], places_b: frozenset[str]) -> bool:
        """Two texts' places (from find) are apart: both name places, and not one in common."""
        return bool(places_a and places_b and not places_a & places_b)


def _base(word: str, names: Iterable[str]) -> str:
    """'Ljungaverks' → 'Ljungaverk' where that is a name too."""
    return word[:-1] if word.endswith("s") and word[:-1] in names else word
