"""Indicator values against their target values, as Swedish goal follow-ups state them.

Goals are judged by figures: "88 % (mål 85 %)", "54 dagar mot målet 45", "79 procent, mot 75 procent som var
målet", "Målet var 85." after the year's figure, "142 kWh, att jämföra med målet på högst 150". Each statement
is read as a value, a target and which way is better: said by the target ("högst", "minst"), else by the goal
("ska minska", "färre"), else by what is measured (a waiting time or sick leave is better lower), else higher.

The patterns are Swedish reporting usage, not one report's sentences; `target_features` turns what is read
into a fixed vector for the goal models.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

# "1 184", "6,2", "−212", "22 000": a figure as Swedish reports write it (thin or plain spaces in thousands).
NUMBER = r"[−-]?\d{1,3}(?:[ \u00a0\u2009]\d{3})+(?:,\d+)?|[−-]?\d+(?:[,.]\d+)?"
_TARGET_WORD = r"(?:mål(?:et|värdet|nivån|talet|sättningen)?|målvärde|målnivå)"
_BOUND = r"(?:högst|max(?:imalt)?|under|minst|min(?:imum)?|över|lägst)"
# The target beside its word: "(mål 85 %)", "(mål: högst 10", "målet 45", "målet på högst 150", "målet om 700",
# "målet var 85", "målvärdet är 90".
_TARGET_AFTER = re.compile(
    rf"\b{_TARGET_WORD}\s*(?::|var|är|om|på|låg på|ligger på|för året är|satt till)?\s*(?:att\s+\w+\s+)?"
    rf"(?P<bound>{_BOUND}\s+)?(?P<target>{NUMBER})")
# The target before its word: "75 procent som var målet", "82 procent som mål".
_TARGET_BEFORE = re.compile(rf"(?P<target>{NUMBER})\s*(?:%|procent|\w+)?\s+som\s+(?:var\s+)?(?:vårt\s+)?{_TARGET_WORD}\b")
_FIGURE = re.compile(rf"(?<![\w,.])(?P<value>{NUMBER})(?![\w])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9−-])")
# Measures where less is better, when neither the target nor the goal says which way: waiting and handling
# times, absence, queues, costs and deficits, complaints.
_LOWER_IS_BETTER = re.compile(
    r"\b(?:väntetid\w*|kötid\w*|handläggningstid\w*|ledtid\w*|sjukfrånvaro\w*|frånvaro\w*|kö(?:n|er)?|dagar|"
    r"veckor|tid\s+från|kostnad\w*|underskott\w*|klagomål|avvikelser|personalomsättning\w*|slutar)\b")
_DOWN_GOAL = re.compile(r"\b(?:minska\w*|färre|lägre|kortare|korta\w*|sänka\w*|begränsa\w*|mindre|reducera\w*)\b")
_UP_GOAL = re.compile(r"\b(?:öka\w*|fler|högre|förbättra\w*|stärka\w*|växa|större|längre)\b")
# A miss within this share of the target is near it (a partial fulfilment), beyond it far from it.
NEAR_SHARE = 0.1
# Years and dates are not figures of an indicator.
_NOT_A_FIGURE = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True)
class TargetComparison:
    """One indicator's value against its target; `lower_is_better` from the bound, the goal or the measure."""

    value: float
    target: float
    lower_is_better: bool

    @property
    def met(self) -> bool:
        return self.value <= self.target if self.lower_is_better else self.value >= self.target

    @property
    def shortfall(self) -> float:
        """How far short of the target, as a share of it (0 where met)."""
        if self.met or self.target == 0:
            return 0.0
        return abs(self.value - self.target) / abs(self.target)


def _number(text: str) -> float:
    return float(re.sub(r"[ \u00a0\u2009]", "", text).replace("−", "-").replace(",", "."))


def _figures(text: str, skip: tuple[int, int] | None) -> list[tuple[int, float]]:
    out = []
    for match in _FIGURE.finditer(text):
        if skip and skip[0] <= match.start() < skip[1]:
            continue
        raw = match.group("value")
        if _NOT_A_FIGURE.match(raw) or re.match(r"\s*(?:av|utav)\b", text[match.end():]):
            continue  # a year, or '9 av 14' (a count, not an indicator's value)
        out.append((match.start(), _number(raw)))
    return out


def _direction(bound: str | None, title: str, sentence: str) -> bool:
    """Whether lower is better."""
    if bound:
        return bound.strip().startswith(("högst", "max", "under", "lägst"))
    down, up = bool(_DOWN_GOAL.search(title)), bool(_UP_GOAL.search(title))
    if down != up:
        return down
    return bool(_LOWER_IS_BETTER.search(sentence))


def target_comparisons(text: str, title: str = "") -> list[TargetComparison]:
    """Each sentence's indicator value against the target it names; a target alone in its sentence ('Målet var
    85.') is compared with the figure of the sentence before."""
    title = title.lower()
    sentences = _SENTENCE.split(text)
    out: list[TargetComparison] = []
    for i, sentence in enumerate(sentences):
        lowered = sentence.lower()
        match = _TARGET_AFTER.search(lowered) or _TARGET_BEFORE.search(lowered)
        if match is None or _NOT_A_FIGURE.match(match.group("target")):
            continue
        bound = match.groupdict().get("bound")
        target = _number(match.group("target"))
        figures = [f for f in _figures(lowered, match.span()) if f[1] != target]
        # The value is the figure nearest before the target ('88 % (mål 85 %)'), else the first after it.
        before = [value for start, value in figures if start < match.start()]
        after = [value for start, value in figures if start >= match.end()]
        if before:
            value = before[-1]
        elif after:
            value = after[0]
        elif i > 0 and (previous := _figures(sentences[i - 1].lower(), None)):
            value = previous[0][1]
        else:
            continue
        out.append(TargetComparison(value, target, _direction(bound, title, lowered)))
    return out


TARGET_FEATURE_NAMES = ("states_target", "all_met", "none_met", "some_met", "near_miss", "far_miss")


def target_features(title: str, text: str) -> np.ndarray:
    """Whether the comment compares figures with targets, and how they stand: all met, none, some; the worst
    miss near the target or far from it."""
    found = target_comparisons(text, title)
    if not found:
        return np.zeros(len(TARGET_FEATURE_NAMES))
    met = [c.met for c in found]
    worst = max(c.shortfall for c in found)
    return np.array([1.0, float(all(met)), float(not any(met)), float(any(met) and not all(met)),
                     float(0 < worst <= NEAR_SHARE), float(worst > NEAR_SHARE)])
