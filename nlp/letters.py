"""Swedish letters for text typed without them: 'hjalp for aldre' → 'hjälp för äldre'.

Many keyboards and habits leave out å, ä and ö, and the encoder reads 'aldre' as another word than
'äldre': short activity titles typed that way lost a fifth of their top-1 placements (REPORT.md). A text
with no å, ä, ö or é at all gets each word replaced by its most frequent spelling with the same letters
folded, when that spelling is clearly the more frequent ('for' → 'för'; 'man' stays 'man'). Frequencies
come from wordfreq's Swedish list and the corpus's own words, so domain words ('friskvårdsbidraget') are
known. An unknown word is read as a compound of known parts ('foretagshalsovarden' → 'företagshälsovården'). A text with any of the letters is left as written:
its writer has them, and 'satt' next to 'sätt' is then a choice.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

import wordfreq

_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]+")
_SWEDISH_LETTERS = set("åäöéÅÄÖÉ")
_FOLD = str.maketrans("åäöéÅÄÖÉ", "aaoeAAOE")
MIN_PART = 4  # shortest compound part: shorter ones ('år', 'öre') split words where they should not
MIN_COMPOUND = 6
# How much more frequent another spelling must be than a typed word that is a word itself. On the dev texts'
# words, margins 1-2 read the most words right (0.986); 20 keeps 'bada' from becoming 'båda' but loses more
# words than it saves ('at' → 'åt', 'hall' → 'håll', 'las' → 'läs').
MARGIN = 2.0

Spellings = dict[str, tuple[str, float]]


def without_letters(text: str) -> str:
    """The text as typed on a keyboard without Swedish letters: å/ä → a, ö → o, é → e, case kept."""
    return text.translate(_FOLD)


def typed_form(word: str) -> str:
    """The key words are looked up by: lower case, without Swedish letters."""
    return without_letters(word.lower())


def _spellings(frequencies: Iterable[tuple[str, float]]) -> Spellings:
    """Typed form → its most frequent spelling, with that frequency."""
    out: Spellings = {}
    for word, frequency in frequencies:
        key = typed_form(word)
        if key not in out or frequency > out[key][1]:
            out[key] = (word, frequency)
    return out


class WordList:
    """Word frequencies, and for each typed form its most frequent spelling."""

    def __init__(self, frequencies: dict[str, float]) -> None:
        self.frequencies = frequencies
        self.spellings = _spellings(frequencies.items())


@cache
def _general_words() -> WordList:
    """wordfreq's Swedish list (about 340,000 words, shipped in the package): built once per process."""
    return WordList(wordfreq.get_frequency_dict("sv", "best"))


class LetterRestorer:
    """Puts å, ä, ö and é back into text typed without them."""

    def __init__(self, local: WordList, general: WordList | None = None, margin: float = MARGIN) -> None:
        self.lists = [local, general if general is not None else _general_words()]
        self.margin = margin

    @classmethod
    def from_texts(cls, texts: Iterable[str], general: WordList | None = None) -> LetterRestorer:
        """`texts`: the corpus, whose words count as often as their share of its words."""
        counts = Counter(word.lower() for text in texts for word in _WORD.findall(text))
        total = sum(counts.values()) or 1
        return cls(WordList({word: count / total for word, count in counts.items()}), general)

    def frequency(self, word: str) -> float:
        return max(words.frequencies.get(word, 0.0) for words in self.lists)

    def spelling(self, typed: str) -> tuple[str, float] | None:
        found = [s for s in (words.spellings.get(typed) for words in self.lists) if s]
        return max(found, key=lambda s: s[1]) if found else None

    def compound(self, typed: str) -> str | None:
        """The typed word as known parts, each spelled as it is most often, a linking 's' kept with the part
        before it ('nulages|analys'): fewest parts first, then the most frequent ones."""
        n = len(typed)
        best: list[tuple[int, float, list[str]] | None] = [None] * (n + 1)
        best[0] = (0, 0.0, [])
        for start in range(n):
            done = best[start]
            if done is None:
                continue
            for end in range(start + MIN_PART, n + 1):
                part = self.spelling(typed[start:end])
                if part is None:
                    continue
                ends = [(end, part[0])] + ([(end + 1, part[0] + "s")] if typed[end:end + 1] == "s" else [])
                for stop, spelled in ends:
                    candidate = (done[0] + 1, done[1] - math.log(part[1]), [*done[2], spelled])
                    current = best[stop]
                    if current is None or candidate[:2] < current[:2]:
                        best[stop] = candidate
        found = best[n]
        return "".join(found[2]) if found and found[0] > 1 else None

    def restore_word(self, word: str) -> str:
        typed = word.lower()
        known = self.spelling(typed)
        if known:
            # A typed word that is a word itself ('bada', 'satt') changes only when the other spelling is far
            # more frequent ('for' → 'för'), not on a near tie ('bada'/'båda', 'satt'/'sätt').
            restored = known[0] if known[1] >= self.margin * self.frequency(typed) else typed
        else:
            restored = self.compound(typed) if len(typed) >= MIN_COMPOUND else None
        if not restored or restored == typed:
            return word
        if word.isupper() and len(word) > 1:
            return restored.upper()
        return restored[:1].upper() + restored[1:] if word[:1].isupper() else restored

    def restore(self, text: str) -> str:
        if any(ch in _SWEDISH_LETTERS for ch in text):
            return text
        return _WORD.sub(lambda match: self.restore_word(match.group(0)), text)
