"""Restore Swedish letters that OCR lost ('malet' → 'målet', 'héstterminen' → 'höstterminen').

The vocabulary comes from the clean reports in the store: an OCR word is replaced by the most
frequent clean word of the same length that differs from it only where the clean word has å, ä, ö
or é and the OCR word has one of the letters OCR turns them into.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

_WORD = re.compile(r"[0-9A-Za-zÅÄÖåäöÉéÈèÜü&]+")
_SWEDISH = set("åäöÅÄÖ")
# What OCR made of å/ä/ö in these reports: plain vowels, é, and look-alikes (6 for ö, & or 4 for ä).
_OCR_FOR = {
    "å": set("aeoéáàd&4"),
    "ä": set("aeoéiád&4"),
    "ö": set("oeaé6d"),
    "é": set("e"),
}


def _fold_char(ch: str) -> str:
    """The last letter as OCR would likely have read it: å/ä → a, ö → o, é → e."""
    return {"å": "a", "ä": "a", "ö": "o", "é": "e"}.get(ch.lower(), ch.lower())


def _compatible(ocr: str, clean: str) -> bool:
    if len(ocr) != len(clean):
        return False
    for a, b in zip(ocr.lower(), clean.lower(), strict=False):
        if a == b:
            continue
        if a not in _OCR_FOR.get(b, ()):
            return False
    return True


class Vocabulary:
    """Clean words with their frequencies, indexed for OCR look-up."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        self.plain = {w.lower() for w in counts}
        self._by_shape: dict[tuple[int, str], list[str]] = defaultdict(list)
        for word in counts:
            if any(ch in _SWEDISH for ch in word) and len(word) > 1:
                self._by_shape[(len(word), _fold_char(word[-1]))].append(word)

    @classmethod
    def from_texts(cls, texts: list[str]) -> Vocabulary:
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(w.lower() for w in _WORD.findall(text))
        return cls(counts)

    def restore_word(self, word: str) -> str:
        lower = word.lower()
        if any(ch in _SWEDISH for ch in lower) or lower in self.plain and not lower.startswith("6"):
            return word
        candidates = [c for c in self._by_shape.get((len(lower), _fold_char(lower[-1])), []) if _compatible(lower, c)]
        if not candidates:
            return word
        best = max(candidates, key=lambda c: self.counts[c])
        if word[:1].isupper():
            best = best[:1].upper() + best[1:]
        if word.isupper() and len(word) > 1:
            best = best.upper()
        return best

    def restore(self, text: str) -> str:
        if not self._by_shape:
            return text
        return _WORD.sub(lambda m: self.restore_word(m.group(0)), text)
