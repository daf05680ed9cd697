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
# The target's names: "målvärdet", "målnivån", and the measure words councils set targets as ("resultatmåttet var
# minst åtta", "styrmåttet är minst 1 procent", "riktvärdet").
# A result against its budget ("plus 18 miljoner kronor, mot budgeterade 12") is a figure against its target too.
_TARGET_WORD = (r"(?:mål(?:et|värdet|nivån|talet|sättningen)?|målvärde|målnivå|(?:resultat|styr)mått(?:et)?|riktvärde(?:t)?"
                r"|budget(?:en|erat|erade|erad)?|tak(?:et)?)")
_BOUND = r"(?:högst|max(?:imalt)?|under|minst|min(?:imum)?|över|lägst)"
# The target beside its word: "(mål 85 %)", "(mål: högst 10", "målet 45", "målet på högst 150", "målet om 700",
# "målet var 85", "målvärdet är 90".
_TARGET_AFTER = re.compile(
    rf"\b(?P<word>{_TARGET_WORD})\s*(?::|var|är|om|på|låg på|ligger på|för\s+(?:året|(?:19|20)\d\d)\s+(?:är|var)|"
    rf"satt till)?\s*(?:att\s+\w+\s+)?(?P<bound>{_BOUND}\s+)?(?P<target>{NUMBER})")
# The target before its word: "75 procent som var målet", "82 procent som mål".
_TARGET_BEFORE = re.compile(
    rf"(?P<target>{NUMBER})\s*(?:%|procent|\w+)?\s+som\s+(?:var\s+)?(?:vårt\s+)?(?P<word>{_TARGET_WORD})\b")
# The target met, said without its figure: "HME-index blev 79, samma som målvärdet", "ligger i nivå med målet",
# "når målvärdet". (Said negated, it is a miss of unknown size, and left to the words.)
_MET_SAID = re.compile(r"\b(?:når|nådde|nått|uppnår|uppnådde|uppnått|klarar|klarade|klarat)\s+(?:därmed\s+|också\s+)?"
                       r"(?:sitt\s+|sina\s+)?mål(?:et|värdet|nivån|värdena)\b(?!\s*(?::|är|var|på|om)?\s*[−-]?\d)"
                       r"|\b(?:i\s+nivå\s+med|samma\s+som|ligger\s+på|är\s+på)\s+mål(?:et|värdet|nivån)\b"
                       r"(?!\s*(?::|är|var|på|om)?\s*[−-]?\d)")
_NEGATION = re.compile(r"\b(?:inte|ej|ingen|inget|inga|aldrig|ännu\s+inte)\b")
_FIGURE = re.compile(rf"(?<![\w,.])(?P<value>{NUMBER})(?![\w])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9−-])")
# Where a sentence's clauses part: each may measure something else, or move another way.
_CLAUSE = re.compile(r"(?<=[.!?;])\s+|,\s+(?=(?:men|medan|samtidigt\s+som|och|däremot)\b)|\s+(?=medan\b|däremot\b)")
# Measures where less is better, when neither the target nor the goal says which way: waiting and handling
# times, absence, queues, costs and deficits, complaints, use of fuel and energy.
_LOWER_IS_BETTER = re.compile(
    r"\b(?:väntetid\w*|kötid\w*|handläggningstid\w*|ledtid\w*|sjukfrånvaro\w*|frånvaro\w*|kö(?:n|er)?|dagar|"
    r"veckor|tid\s+från|\w*kostnad\w*|underskott\w*|klagomål|avvikelser|personalomsättning\w*|slutar|"
    r"\w*förbrukning\w*|energianvändning\w*)\b")
# A sentence that names what its figure measures ('andelen …', 'antalet …', 'nöjdheten …'): the title's words then
# say nothing of that figure.
_FIGURE_NAMED = re.compile(r"\b(?:andel\w*|antal\w*|nöjd\w*|index\w*)\b")
# Measures of a burden, where less is better whatever the goal's title says of its aim: a goal "Fler invånare ska
# vara i egen försörjning" is followed by the share with försörjningsstöd, "Fler ska arbeta" by unemployment.
_BURDEN = re.compile(
    r"\b(?:\w*(?:frånvaro|utsläpp|brott|olyck|svinn|väntetid|kötid|handläggningstid|skadegörelse)\w*|"
    r"försörjningsstöd\w*|ekonomiskt\s+bistånd\w*|biståndsmottag\w*|arbetslös\w*|underskott\w*|vräkning\w*|"
    r"hemlös\w*|personalomsättning\w*|klagomål\w*|oro(?:n|a)?|otrygg\w*|vårdskad\w*|överbeläggning\w*|"
    r"\w*(?:klimat|miljö)påverkan|koldioxid\w*|växthusgas\w*)\b")
# A burden left behind is what is measured as its opposite: those who 'lämnat försörjningsstöd', 'efter avslutat
# försörjningsstöd' or went 'från arbetslöshet till arbete' are better more.
_LEFT_BEHIND = re.compile(r"\b(?:lämna\w*|avslut\w*|från|ut\s+ur|ur|slutat\s+med|ut\s+från)\s+(?:\w+\s+)?$")


def measures_burden(text: str) -> bool:
    """Whether the (lower-cased) text measures a burden, where less is better, other than one left behind."""
    text = _TIME_LIMIT.sub(" ", text)
    return any(not _LEFT_BEHIND.search(text[max(0, m.start() - 30):m.start()]) for m in _BURDEN.finditer(text))


# A goal's own direction: "ska öka", "fler", "längre" raise a quantity; "ska minska", "färre", "kortare" reduce
# one. Words of quality ("förbättra", "stärka", "utveckla") aim up for the goal but say nothing about which way
# its measure is better ("förbättra väntetiderna"): they count for the goal's sense, never for a figure's.
_RAISE = re.compile(r"\b(?:öka\w*|fler|högre|växa|större|längre)\b")
_REDUCE = re.compile(r"\b(?:minska\w*|färre|lägre|kortare|korta\w*|sänka\w*|begränsa\w*|mindre|reducera\w*)\b")
_IMPROVE = re.compile(r"\b(?:förbättra\w*|stärka\w*|bredda\w*|utveckla\w*|attraktiv\w*)\b")
# A miss within this share of the target is near it (a partial fulfilment), beyond it far from it.
NEAR_SHARE = 0.1
# Years and dates are not figures of an indicator.
_NOT_A_FIGURE = re.compile(r"^(?:19|20)\d\d$")
# A time limit inside what is measured ("andelen som får besök inom 90 dagar", "i arbete 90 dagar efter
# programmet") is neither its value nor a sign that lower is better.
_COUNT_WORD = r"(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|fjorton|trettio|sextio|nittio)"
_TIME_LIMIT = re.compile(rf"\b(?:inom|efter|senast)\s+(?:{NUMBER}|{_COUNT_WORD})\s*(?:dagar|dygn|veckor|timmar|månader|"
                         rf"minuter|sekunder|dag|vecka|timme|månad)\b"
                         rf"|\b(?:{NUMBER})\s*(?:dagar|dygn|veckor|timmar|månader|minuter)\s+(?:efter|inom)\b")
# A number that is part of a name, not a value: "årskurs 8", "per 100 vårdplatser", "dag 1–14", "etapp 2".
_NAME_NUMBER = re.compile(r"\b(?:årskurs|åk|klass|per|dag|vecka|v\.|nr|steg|etapp|fas|kapitel|område)\s*$")


def goal_direction(title: str, of_measure: bool = False) -> int:
    """+1 for a goal to raise something, -1 for one to reduce it, 0 where the title says neither (or both);
    `of_measure`: only the words that say which way a figure is better."""
    title = title.lower()
    up = bool(_RAISE.search(title)) or (not of_measure and bool(_IMPROVE.search(title)))
    down = bool(_REDUCE.search(title))
    return 0 if up == down else (1 if up else -1)


@dataclass(frozen=True)
class TargetComparison:
    """One indicator's value against its target; `lower_is_better` from the bound, the goal or the measure."""

    value: float
    target: float
    lower_is_better: bool
    change: bool = False  # a change against a change set ('minskade med 1 procent' against 'minska med 8 procent')

    @property
    def met(self) -> bool:
        return self.value <= self.target if self.lower_is_better else self.value >= self.target

    @property
    def shortfall(self) -> float:
        """How far short of the target, as a share of it (0 where met)."""
        if self.met or self.target == 0:
            return 0.0
        return abs(self.value - self.target) / abs(self.target)


def _unit_after(text: str, position: int) -> str | None:
    """The unit written right after a figure that ends or starts at `position` ('55 procent' → 'procent')."""
    figure = re.match(rf"\s*(?:{NUMBER})?\s*({_UNIT})(?!\w)", text[position:])
    return _unit(figure.group(1)) if figure else None


def _number(text: str) -> float:
    return float(re.sub(r"[ \u00a0\u2009]", "", text).replace("−", "-").replace(",", "."))


def _figures(text: str, skip: tuple[int, int] | None) -> list[tuple[int, float]]:
    out = []
    limits = [m.span() for m in _TIME_LIMIT.finditer(text)]
    for match in _FIGURE.finditer(text):
        if skip and skip[0] <= match.start() < skip[1]:
            continue
        if any(start <= match.start() < end for start, end in limits):
            continue
        raw = match.group("value")
        if _NOT_A_FIGURE.match(raw) or re.match(r"\s*(?:av|utav)\b", text[match.end():]):
            continue  # a year, or '9 av 14' (a count, not an indicator's value)
        if _NAME_NUMBER.search(text[max(0, match.start() - 12):match.start()]):
            continue
        out.append((match.start(), _number(raw)))
    return out


# A figure of an earlier year or measurement set beside this one's ('jämfört med 63 procent ett år tidigare', 'mot 69
# procent förra gången', '7,6 procent samma period i fjol'): not the value compared with the target.
_EARLIER_AFTER = re.compile(rf"^(?:{NUMBER})\s*(?:%|procent|\w+)?\s+(?:(?:ett|två)\s+år\s+tidigare|året\s+(?:innan|före)|"
                            r"föregående\s+(?:år|mätning)|i\s+fjol|förra\s+(?:året|gången|mätningen)|"
                            r"samma\s+(?:period|tid|månad)|vid\s+förra)")
_EARLIER_BEFORE = re.compile(r"(?:jämfört\s+med|jämfört\s+mot|från|(?:förra|föregående)\s+(?:årets|periodens|mätningens)|"
                             r"fjolårets)\s+$")


# A value said against its target in words, without its figure: where it lies, and how far.
_RELATION = re.compile(r"\b(?:ligger|är|var|hamnar|hamnade|låg)\s+(?:nu\s+|fortfarande\s+|redan\s+)?"
                       r"(?P<how>långt\s+|strax\s+|något\s+|en\s+bit\s+)?(?P<relation>under|över|i\s+nivå\s+med|på)\s+$")
_RELATION_SHARE = {how: {"under": 1 - far, "över": 1 + far, "i": 1.0, "på": 1.0}
                   for how, far in (("", NEAR_SHARE / 2), ("strax", NEAR_SHARE / 2), ("något", NEAR_SHARE / 2),
                                    ("en bit", 2 * NEAR_SHARE), ("långt", 3 * NEAR_SHARE))}


def _earlier_figure(sentence: str, start: int) -> bool:
    return bool(_EARLIER_AFTER.match(sentence[start:]) or _EARLIER_BEFORE.search(sentence[max(0, start - 24):start]))


# A result or balance against its budget ("Resultat −212 mnkr mot budgeterat −40 mnkr"): better higher, even below 0.
_RESULT = re.compile(r"\b(?:resultat\w*|budget\w*|balanskrav\w*|överskott\w*)")


def _direction(bound: str | None, title: str, sentence: str, target: float = 0.0) -> bool:
    """Whether lower is better: by the target's bound, a burden measured, the goal's aim, what is measured (in
    the sentence, else as the goal's title names it). A negative target is a reduction to reach ("mål −25 %"
    against a base year), unless it is a result's budget."""
    if target < 0 and not bound and not _RESULT.search(sentence):
        return True
    if bound:
        return bound.strip().startswith(("högst", "max", "under", "lägst"))
    if measures_burden(sentence):
        return True
    direction = goal_direction(title, of_measure=True)
    if direction < 0 and measures_burden(title):
        direction = 0  # 'Utsläppen ska minska' says which way emissions are better, not a share of fossil-free cars
    if direction:
        return direction < 0
    if _LOWER_IS_BETTER.search(_TIME_LIMIT.sub(" ", sentence)):
        return True
    # 'Nettokostnadsutveckling' over 'Utfall 9,7 procent. Mål 0,6 procent.': the title names what is measured.
    return not _FIGURE_NAMED.search(sentence) and bool(_LOWER_IS_BETTER.search(_TIME_LIMIT.sub(" ", title.lower())))


# A goal that states its target in its title ("Resultatet ska vara minst 2 procent av skatteintäkterna", "Högst 30
# dagars väntetid", "90 procent av eleverna ska …"): the bound or "av" after the unit says it is the target.
_UNIT = r"(?:%|procent|dagar|dagars|veckor|veckors|timmar|minuter|kronor|kr|mnkr|tkr|poäng)"
_TITLE_TARGET = re.compile(rf"(?:(?P<bound>{_BOUND})\s+(?P<target>{NUMBER})\s*(?P<unit>{_UNIT})"
                           rf"|(?P<share>{NUMBER})\s*(?P<share_unit>%|procent)\s+av)\b")


def _unit(text: str) -> str:
    """A unit as compared: 'procent' and '%' alike, 'dagars' as 'dagar'."""
    return {"%": "procent", "dagars": "dagar", "veckors": "veckor", "kr": "kronor"}.get(text, text)


def title_comparison(text: str, title: str) -> TargetComparison | None:
    """The comment's figure against the target its goal's title states, in the same unit ('0,4 procent' under
    'Resultatet ska vara minst 2 procent av skatteintäkterna'); a figure moved 'från … till' is its last."""
    lowered = title.lower()
    match = _TITLE_TARGET.search(_TIME_LIMIT.sub(" ", lowered))
    if match is None:
        return _change_comparison(text, lowered)
    target = _number(match.group("target") or match.group("share"))
    unit = _unit(match.group("unit") or match.group("share_unit"))
    bound = match.group("bound")
    words = text.lower()
    moved = _FROM_TO.search(words)
    candidates = [moved.group("current")] if moved else []
    candidates += [m.group("value") for m in re.finditer(rf"(?P<value>{NUMBER})\s*(?P<unit>{_UNIT})(?!\w)",
                                                         _TIME_LIMIT.sub(" ", words))
                   if _unit(m.group("unit")) == unit and not _NOT_A_FIGURE.match(m.group("value"))]
    if not candidates:
        return None
    return TargetComparison(_number(candidates[0]), target, _direction(bound, lowered, words, target))


# A target set as a change ('Utsläppen ska minska med 8 procent per år', 'Antalet besök ska öka med minst 10
# procent'), and the change the comment reports ('minskade med drygt 1 procent', 'en ökning med 12 procent').
_TITLE_CHANGE = re.compile(rf"\b(?P<way>öka|minska|sänka|höja)\w*\s+med\s+(?:minst\s+|cirka\s+)?(?P<target>{NUMBER})\s*"
                           rf"(?P<unit>{_UNIT})")
_CHANGE_WAY = r"(?P<way>ökat|ökade|ökning|minskat|minskade|minskning|sänkts|sänktes|höjts|höjdes)"
_ROUGHLY = r"(?:drygt\s+|knappt\s+|cirka\s+|ungefär\s+|nästan\s+|omkring\s+)?"
_CHANGE_SAID = re.compile(rf"\b{_CHANGE_WAY}\s+(?:med\s+)?{_ROUGHLY}(?P<value>{NUMBER})\s*(?P<unit>{_UNIT})")


# A change said right before its figure ('minskade med 18', 'en ökning med drygt 4').
_CHANGE_BEFORE = re.compile(rf"\b{_CHANGE_WAY}\s+med\s+{_ROUGHLY}$")


def _change_comparison(text: str, title: str) -> TargetComparison | None:
    """The reported change against a change the title sets: the same way counts toward it, the other way
    against it."""
    aimed = _TITLE_CHANGE.search(title)
    if aimed is None:
        return None
    down = aimed.group("way").startswith(("minska", "sänka"))
    for said in _CHANGE_SAID.finditer(text.lower()):
        if _unit(said.group("unit")) != _unit(aimed.group("unit")):
            continue
        same_way = said.group("way").startswith(("minsk", "sänk")) == down
        value = _number(said.group("value"))
        return TargetComparison(value if same_way else -value, _number(aimed.group("target")), False, change=True)
    return None


def target_comparisons(text: str, title: str = "") -> list[TargetComparison]:
    """Each sentence's indicator value against the target it names; a target alone in its sentence ('Målet var
    85.') is compared with the figure of the sentence before; where no sentence names one, the target the goal's
    title states."""
    out = _stated_comparisons(text, title.lower())
    if not out and title and (from_title := title_comparison(text, title)) is not None:
        out.append(from_title)
    return out


def _targets(sentence: str) -> list[re.Match[str]]:
    """Every target a (lower-cased) sentence names, in order: 'HME 76 (mål 80) och sjukfrånvaron 6,8 procent (mål
    5,5)' names two."""
    found = sorted([*_TARGET_AFTER.finditer(sentence), *_TARGET_BEFORE.finditer(sentence)], key=lambda m: m.start())
    out: list[re.Match[str]] = []
    for match in found:
        if _NOT_A_FIGURE.match(match.group("target")) or (out and match.start() < out[-1].end()):
            continue
        out.append(match)
    return out


def _stated_comparisons(text: str, title: str) -> list[TargetComparison]:
    sentences = _SENTENCE.split(text)
    out: list[TargetComparison] = []
    for i, sentence in enumerate(sentences):
        lowered = sentence.lower()
        targets = _targets(lowered)
        out.extend(_met_said(lowered, targets))
        scope_start = 0
        for k, match in enumerate(targets):
            # Each target speaks of what stands between the target before it and the next: its value, and what
            # the value measures (so a burden beside it does not turn which way another measure is better).
            scope_end = targets[k + 1].start() if k + 1 < len(targets) else len(lowered)
            comparison = _comparison(lowered, match, scope_start, scope_end, title,
                                     sentences[i - 1].lower() if i > 0 and k == 0 else None)
            scope_start = match.end()
            if comparison is not None:
                out.append(comparison)
    return out


def _met_said(sentence: str, targets: list[re.Match[str]]) -> list[TargetComparison]:
    """A target said to be met without a figure ('samma som målvärdet', 'ligger i nivå med målet'), in a clause of
    its own, not negated: as a value at its target."""
    out = []
    for said in _MET_SAID.finditer(sentence):
        if any(t.start() <= said.start() < t.end() for t in targets):
            continue
        clause_start = max((m.end() for m in _CLAUSE.finditer(sentence[:said.start()])), default=0)
        if _NEGATION.search(sentence[clause_start:said.start()]):
            continue
        out.append(TargetComparison(1.0, 1.0, False))
    return out


def _comparison(lowered: str, match: re.Match[str], scope_start: int, scope_end: int, title: str,
                previous_sentence: str | None) -> TargetComparison | None:
    """The value a target in a sentence is compared with, from the figures of its scope (nearest before it, else
    the first after it in its clause), a relation said in words, or the sentence before."""
    bound = match.groupdict().get("bound")
    if bound is None and match.group("word").startswith("tak"):
        bound = "högst"  # a ceiling
    target = _number(match.group("target"))
    # What the value measures is named before the target, or by the figure after it in its clause.
    measured = lowered[scope_start:match.end()]
    figures = [f for f in _figures(lowered, match.span()) if f[1] != target and scope_start <= f[0] < scope_end]
    if len(current := [f for f in figures if not _earlier_figure(lowered, f[0])]) < len(figures) and current:
        figures = current  # '91 procent, jämfört med 63 procent ett år tidigare': the value is this year's
    # The value is the figure nearest before the target ('88 % (mål 85 %)'), else the first after it.
    before = [(start, value) for start, value in figures if start < match.start()]
    # After it, only in its own clause ('Riktvärdet är 20, och inom äldreomsorgen finns nio chefer med fler än
    # 35' speaks of something else).
    clause_end = next((m.start() + match.end() for m in _CLAUSE.finditer(lowered[match.end():])), len(lowered))
    after = [(start, value) for start, value in figures if match.end() <= start < clause_end]
    if before or after:
        start, value = before[-1] if before else after[0]
        if not before:
            measured = lowered[scope_start:min(clause_end, scope_end)]
        if (moved := _CHANGE_BEFORE.search(lowered[max(0, start - 40):start])) is not None:
            # 'Utsläppen minskade med 18 procent mot målvärdet 10 procent': a change against the change set; the
            # way that is better counts toward it, the other way against it.
            lower = _direction(bound, title, _what_is_measured(measured, lowered), target)
            better = moved.group("way").startswith(("minsk", "sänk")) == lower
            return TargetComparison(value if better else -value, abs(target), False, change=True)
    elif (said := _RELATION.search(lowered[scope_start:match.start()])) is not None:
        # 'korttidsfrånvaron ligger nu under målvärdet 2,5 procent': the comparison said, not its figure.
        how = " ".join((said.group("how") or "").split())
        value = target * _RELATION_SHARE[how][said.group("relation").split()[0]]
    elif previous_sentence is not None and (previous := _figures(previous_sentence, None)):
        # 'Andelen i arbete 90 dagar efter … sjönk till 38 procent. Målvärdet är 55 procent.': the figure
        # before in the target's unit, where one is.
        unit = _unit_after(lowered, match.end())
        previous = [f for f in previous if not _earlier_figure(previous_sentence, f[0])] or previous
        same = [value for start, value in previous if unit and _unit_after(previous_sentence, start) == unit]
        value = same[-1] if same else previous[0][1]
        measured = f"{previous_sentence} {lowered}"  # what the figure measures is named where the figure stands
    else:
        return None
    return TargetComparison(value, target, _direction(bound, title, _what_is_measured(measured, lowered), target))


def _what_is_measured(scope: str, sentence: str) -> str:
    """The words that say what a target's figure measures: its own scope, where that names a measure, else the
    whole sentence ('Målet är 5,5 procent, och …' names nothing)."""
    named = _FIGURE_NAMED.search(scope) or _BURDEN.search(scope) or _LOWER_IS_BETTER.search(_TIME_LIMIT.sub(" ", scope))
    return scope if named or len(scope.split()) > 3 else sentence


# ---- the trend beside the figures ---------------------------------------------------------------------------
# A reviewer reads a missed target by where it is heading: closer to it than last year (partly fulfilled), or
# standing still or moving away (not fulfilled). The year before is written as a figure ("från 6,3 till 5,9",
# "2023: 7,6 %", "74 procent året innan") or as words for the way the indicator moved.
_FROM_TO = re.compile(rf"\bfrån\s+(?P<previous>{NUMBER})\s*(?:%|procent|\w+)?\s+till\s+(?P<current>{NUMBER})")
# '64 procent …, mot 69 procent förra gången': this year's figure against the last one's.
_AGAINST_EARLIER = re.compile(rf"(?P<current>{NUMBER})\s*(?:%|procent)[^.;]{{0,60}}?\s+(?:mot|jämfört\s+med)\s+"
                            rf"(?P<previous>{NUMBER})\s*(?:%|procent)\s+(?:förra|föregående|ett\s+år\s+tidigare|året\s+innan|i\s+fjol)")
_YEAR_VALUE = re.compile(rf"\b(?:19|20)\d\d\s*:\s*(?P<previous>{NUMBER})")
_VALUE_BEFORE = re.compile(
    rf"(?P<previous>{NUMBER})\s*(?:%|procent|\w+)?\s+(?:året\s+innan|året\s+före|föregående\s+år|i\s+fjol|förra\s+året)")
_BETTER = re.compile(r"\b(?:förbättr\w*|rätt\s+(?:håll|riktning)|positiv\s+(?:utveckling|trend))\b|\btrend\s*\+")
_WORSE = re.compile(r"\b(?:försämr\w*|fel\s+(?:håll|riktning)|negativ\s+(?:utveckling|trend))\b|\btrend\s*[−-]")
_EARLIER = r"(?:tidigare(?:\s+år)?|förra\s+(?:året|gången|mätningen)|föregående\s+år|i\s+fjol|året\s+innan)"
_RISING = re.compile(r"\b(?:ökat|ökade|ökar|ökning\w*|stigit|steg|stiger|gått\s+upp|plus\s+\d|uppgång\w*|uppåtgående|"
                     rf"fördubbl\w*|vuxit|växt|(?:fler|högre|större)\s+än\s+{_EARLIER}|över\s+{_EARLIER})\b")
_FALLING = re.compile(r"\b(?:minskat|minskade|minskar|minskning\w*|sjunkit|sjönk|sjunker|gått\s+(?:ned|ner)|minus\s+\d"
                      rf"|nedgång\w*|nedåtgående|tappat|halver\w*|(?:färre|lägre|mindre)\s+än\s+{_EARLIER}"
                      rf"|under\s+{_EARLIER})\b")
_FLAT = re.compile(r"\b(?:samma\s+(?:nivå|som)|oförändrad\w*|i\s+nivå\s+med\s+(?:föregående|förra|fjol)|ligger\s+kvar"
                   r"|står\s+still|stått\s+still|densamma|lika\s+som)\b")


def figure_trend(text: str, lower_is_better: bool) -> int:
    """+1 where the indicator moved the better way since the year before, −1 the worse way, 0 where it stood
    still or the comment does not say (or says both)."""
    lowered = text.lower()
    match = _FROM_TO.search(lowered) or _AGAINST_EARLIER.search(lowered)  # a year-before figure alone is read
    if match is not None:  # against the value by _previous_trend
        change = _number(match.group("current")) - _number(match.group("previous"))
        return 0 if change == 0 else (1 if (change < 0) == lower_is_better else -1)
    # The target's own sentence can say "ökning" as the aim ("mål: ökning med 20"): read the words outside it.
    words = _TARGET_AFTER.sub(" ", lowered)
    better = bool(_BETTER.search(words)) or bool((_FALLING if lower_is_better else _RISING).search(words))
    worse = bool(_WORSE.search(words)) or bool((_RISING if lower_is_better else _FALLING).search(words))
    if better != worse:
        return 1 if better else -1
    return 0


def _previous_trend(text: str, comparison: TargetComparison) -> int | None:
    """The trend from a year-before figure written beside the comparison's value ("2023: 7,6 %", "157 året innan")."""
    lowered = text.lower()
    for pattern in (_YEAR_VALUE, _VALUE_BEFORE):
        match = pattern.search(lowered)
        if match is not None:
            previous = _number(match.group("previous"))
            if previous == comparison.target:  # the target itself, read as the year before
                continue
            change = comparison.value - previous
            return 0 if change == 0 else (1 if (change < 0) == comparison.lower_is_better else -1)
    return None


def target_trend(text: str, comparisons: list[TargetComparison]) -> int:
    """The trend of the comment's indicators toward their targets: figures first, else the words."""
    if not comparisons:
        return 0
    worst = max(comparisons, key=lambda c: c.shortfall)
    if worst.change:
        return 1 if worst.value > 0 else -1  # a change reported is itself the trend
    from_to = _FROM_TO.search(text.lower())
    if from_to is None:
        read = _previous_trend(text, worst)
        if read is not None:
            return read
    return figure_trend(text, worst.lower_is_better)


TARGET_FEATURE_NAMES = ("states_target", "all_met", "none_met", "some_met", "near_miss", "far_miss",
                        "missed_improving", "missed_not_improving")


def target_features(title: str, text: str) -> np.ndarray:
    """Whether the comment compares figures with targets, and how they stand: all met, none, some; the worst
    miss near the target or far from it."""
    found = target_comparisons(text, title)
    if not found:
        return np.zeros(len(TARGET_FEATURE_NAMES))
    met = [c.met for c in found]
    worst = max(c.shortfall for c in found)
    missed = not all(met)
    trend = target_trend(text, found)
    return np.array([1.0, float(all(met)), float(not any(met)), float(any(met) and not all(met)),
                     float(0 < worst <= NEAR_SHARE), float(worst > NEAR_SHARE),
                     float(missed and trend > 0), float(missed and trend <= 0)])


# "Två av tre indikatorer når sina målvärden", "ingen av de fyra nyckeltalen har nått målet": the comment counts
# its indicators that meet their targets.
_COUNT_WORDS = {"ingen": 0, "inget": 0, "inga": 0, "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5,
                "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10, "samtliga": -1, "alla": -1}
_COUNT = r"\d{1,2}|" + "|".join(_COUNT_WORDS)
_INDICATORS = r"(?:indikatorer\w*|mått\w*|nyckeltal\w*|målvärden\w*|resultatmått\w*|styrmått\w*|delmål\w*|mätetal\w*)"
_COUNTED_MET = re.compile(
    rf"\b(?P<met>{_COUNT})\s+(?:av|utav)\s+(?:de\s+)?(?P<of>{_COUNT})\s+(?:\w+\s+)?{_INDICATORS}\s+(?:som\s+)?"
    rf"(?:har\s+)?(?P<verb>når|nådde|nått|uppnår|uppnådde|uppnått|uppfyller|uppfyllde|uppfyllt|uppfylls|nås|klarar|"
    rf"klarade|klarat|är\s+uppfyllda|är\s+gröna|var\s+gröna|ligger\s+på\s+(?:sina\s+)?mål(?:et|värdet|värdena|nivån))"
    rf"|\b(?P<all>samtliga|alla)\s+(?:\w+\s+)?{_INDICATORS}\s+(?:har\s+)?(?:når|nått|uppnår|uppnått|uppfyller|nås|klarar)")


def counted_indicators(text: str) -> tuple[int, int] | None:
    """How many of the comment's indicators meet their targets, where it counts them: (met, of); 'samtliga'
    gives (1, 1), 'ingen av' (0, n)."""
    match = _COUNTED_MET.search(text.lower())
    if match is None:
        return None
    if match.group("all"):
        return 1, 1
    def value(token: str) -> int:
        return int(token) if token.isdigit() else _COUNT_WORDS[token]
    met, of = value(match.group("met")), value(match.group("of"))
    return (of, of) if met < 0 else (met, max(of, met))


def figure_level(title: str, text: str) -> str | None:
    """A reviewer's reading of a goal comment by its figures alone. Where it counts the indicators that meet
    their targets, or compares figures with targets: all met, fulfilled; half or more, partly; fewer, barely;
    none, by how far and which way: near the target (within NEAR_SHARE) and heading there, partly; far from it
    (beyond twice that) and not heading there, not fulfilled; between, barely, the level nearest both readings
    reviewers give such a miss (scales differ on whether a near miss standing still is 'partly' or 'not').
    Where it states no target but how the indicator moved against the goal's aim: the right way, partly; the
    wrong way, not fulfilled."""
    if (counted := counted_indicators(text)) is not None:
        return _share_level(*counted)
    found = target_comparisons(text, title)
    if not found:
        return _trend_level(title, text)
    met = sum(c.met for c in found)
    if met:
        return _share_level(met, len(found))
    trend = target_trend(text, found)
    worst = max(c.shortfall for c in found)
    if trend > 0 and worst <= NEAR_SHARE:
        return "Delvis uppfyllt"
    if trend <= 0 and worst > 2 * NEAR_SHARE:
        return "Ej uppfyllt"
    return "Knappt uppfyllt"


def _share_level(met: int, of: int) -> str:
    """The level of a goal whose indicators meet their targets `met` times of `of`."""
    if met >= of:
        return "Uppfyllt"
    if met == 0:
        return "Ej uppfyllt"
    return "Delvis uppfyllt" if met / of >= 0.5 else "Knappt uppfyllt"


def _trend_level(title: str, text: str) -> str | None:
    """A goal comment of trends alone, where the goal's aim or a burden measured says which way is better."""
    aim = goal_direction(title, of_measure=True)
    # Each clause by what it measures: a burden is better less, anything else as the goal aims; a comment whose
    # clauses move different ways ('i årskurs 6 ökat …, medan den i årskurs 9 sjunkit') says no one trend.
    trends = set()
    for clause in _CLAUSE.split(text.lower()):
        burden = measures_burden(clause)
        if burden or aim:
            trends.add(figure_trend(clause, lower_is_better=burden or aim < 0))
    trends.discard(0)
    if len(trends) != 1:
        return None
    return "Delvis uppfyllt" if trends == {1} else "Ej uppfyllt"

