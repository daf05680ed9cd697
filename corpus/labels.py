"""Label schemes as data: the ways reports write an activity status or a goal level, mapped onto the
canonical labels while the label as written is kept.

A scheme is a TOML file (see `corpus/schemes/`): per kind (`activity`, `goal`) a table from canonical label
to the labels as written, and for goals ordered scales (`[[goal_scale]] steps = [...]`, lowest first) whose
steps are mapped onto the canonical levels by position. A municipality's own scheme is one more file in the
folder named by UPPSIKT_SCHEMES (or passed to `LabelSchemes.load`); no code changes.
"""

from __future__ import annotations

import copy
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpus.documents.colours import COLOUR_WORDS, EMPTY_BOXES, FILLED_BOXES
from corpus.model import UppsiktError
from corpus.text import GOAL_LEVELS, fold, label_space_for

BUILTIN_DIR = Path(__file__).resolve().parent / "schemes"
KINDS = ("activity", "goal")
# Marks that precede a status in exports (001's ▶ ✔ ⚠, bullets, quotes) and punctuation after it.
_LEADING = re.compile(r"^[\s\W_]+")
_TRAILING = re.compile(r"[\s.:;,!\-–]+$")
_STATUS_PREFIX = re.compile(r"^(status|bedomning|maluppfyllelse|prognos|lage)\s*[:\-–]\s*")


def label_key(text: str) -> str:
    """The form a written label is matched in: folded, marks before and punctuation after removed."""
    folded = fold(text.replace("\u00ad", ""))
    folded = _STATUS_PREFIX.sub("", folded)
    # A numbered step of a scale ('3 – Delvis uppfyllt', '5. Helt uppfyllt') is read by its words.
    folded = re.sub(r"^\d{1,2}\s*[–\-:.)]\s*(?=\D)", "", folded)
    # A system's code before its words ('2 PÅGÅR ENL PLAN', '4 AVSLUTAD'), and the abbreviation of 'enligt'.
    folded = re.sub(r"^\d{1,2}\s+(?=[^\W\d])", "", folded)
    folded = re.sub(r"\benl\b\.?", "enligt", folded)
    # A lone symbol is a label of its own (some exports write ✔ or 🟢 alone); keep it as the key.
    stripped = _TRAILING.sub("", _LEADING.sub("", folded))
    return stripped or folded.strip()


@dataclass(frozen=True)
class LabelMatch:
    """A label found in text: its canonical form, as written, and the scheme that knows it."""

    canonical: str
    written: str
    scheme: str


@dataclass(frozen=True)
class SchemeEntry:
    kind: str
    canonical: str
    written: str
    scheme: str


def scale_level(position: int, steps: int) -> str:
    """Step `position` of an ordered scale of `steps`, mapped onto the canonical goal levels by position."""
    top = len(GOAL_LEVELS) - 1
    return GOAL_LEVELS[int(position * top / (steps - 1) + 0.5)]


def read_scheme(path: Path) -> list[SchemeEntry]:
    """The entries of one scheme file; one Swedish sentence where the file is not a valid scheme."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UppsiktError(f"Etikettschemat {path.name} kunde inte läsas: {exc}.") from exc
    name = str(data.get("name") or path.stem)
    entries: list[SchemeEntry] = []
    for kind in KINDS:
        space = label_space_for(kind)
        for canonical, variants in (data.get(kind) or {}).items():
            if canonical not in space:
                raise UppsiktError(f"Etikettschemat {path.name} använder '{canonical}', som inte är en av "
                                   f"nivåerna {', '.join(space)}.")
            entries += [SchemeEntry(kind, canonical, str(v), name) for v in variants]
    for scale in data.get("goal_scale") or []:
        steps = [str(s) for s in scale.get("steps", [])]
        if len(steps) < 2:
            raise UppsiktError(f"Etikettschemat {path.name} har en skala med färre än två steg.")
        entries += [SchemeEntry("goal", scale_level(i, len(steps)), step, name) for i, step in enumerate(steps)]
    return entries


class LabelSchemes:
    """Every known way of writing a status or a level, looked up as whole labels or as a text's opening."""

    def __init__(self, entries: list[SchemeEntry]) -> None:
        # The canonical labels are labels of their own, whatever files are loaded.
        canonical = [SchemeEntry(kind, label, label, "uppsikt") for kind in KINDS for label in label_space_for(kind)]
        entries = canonical + entries
        entries = entries + [twin for entry in entries for twin in _synonyms(entry)]
        # A sentence status without its subject ('Bedöms bli genomförd under året' in a status cell), and a
        # finished state in the perfect of its passive ('Har genomförts'), where that says nothing else already.
        for derive in (_subjectless, _supine):
            said = {(e.kind, label_key(e.written)) for e in entries}
            entries = entries + [twin for entry in entries if (twin := derive(entry)) is not None
                                 and (twin.kind, label_key(twin.written)) not in said]
        self.entries = entries
        self.bands: list[tuple[float, str]] = []
        self._by_key: dict[tuple[str, str], SchemeEntry] = {}
        for entry in entries:
            key = (entry.kind, label_key(entry.written))
            known = self._by_key.get(key)
            if known is not None and known.canonical != entry.canonical:
                raise UppsiktError(f"'{entry.written}' betyder både {known.canonical} ({known.scheme}) och "
                                   f"{entry.canonical} ({entry.scheme}); ta bort det ena.")
            self._by_key.setdefault(key, entry)
        # Longest first, so 'Delvis uppfyllt' wins over 'Delvis' at the start of a comment.
        self._openings = sorted(self._by_key.items(), key=lambda item: -len(item[0][1]))

    def overridden(self, entries: list[SchemeEntry], bands: list[tuple[float, str]] | None = None) -> LabelSchemes:
        """These schemes with `entries` meaning what they say over any entry written alike (a report's own legend:
        'Röd – avbruten' where red otherwise means a deviation). `bands`: a legend's goal levels by a share of the
        target reached, each from its lower bound ('85–99 % – delvis uppfyllt' → (85, 'Delvis uppfyllt'))."""
        other = copy.copy(self)
        other.bands = sorted(bands or self.bands)
        other._by_key = dict(self._by_key)
        for entry in entries:
            other._by_key[(entry.kind, label_key(entry.written))] = entry
        other._openings = sorted(other._by_key.items(), key=lambda item: -len(item[0][1]))
        other.entries = self.entries + entries
        return other

    @classmethod
    def load(cls, extra_dirs: list[Path] | None = None) -> LabelSchemes:
        dirs = [BUILTIN_DIR, *(extra_dirs or [])]
        entries: list[SchemeEntry] = []
        for folder in dirs:
            for path in sorted(folder.glob("*.toml")):
                entries += read_scheme(path)
        return cls(entries)

    def is_label(self, text: str | None) -> bool:
        """Whether `text` is a status or a level of either kind ('Pågår', 'Delvis uppfyllt', '🟡')."""
        return self.match("activity", text) is not None or self.match("goal", text) is not None

    def match(self, kind: str, text: str | None) -> LabelMatch | None:
        """`text` read as a whole label of `kind` ('▶ Pågår enligt plan.', 'Grön', 'Delvis uppnått'), also said
        of its subject ('Målet är i låg grad uppfyllt', 'Aktiviteten är pausad')."""
        if not text or len(text) > 120:
            return None
        entry = self._by_key.get((kind, label_key(text)))
        if entry is None and (said := _SUBJECT.sub("", text.strip(), count=1)) != text.strip():
            entry = self._by_key.get((kind, label_key(said)))
        if entry is None and kind == "activity" and (pair := _TWO_STATUSES.fullmatch(text.strip())):
            # 'Pågår – försenad', 'Klar, med avvikelse': a state and how it stands, read together.
            # 'Arbete pågår men är försenat': the second said with its verb.
            first = self.match(kind, pair.group(1))
            said = re.sub(r"^(?:är|blev|har\s+blivit)\s+", "", pair.group(2).strip(), flags=re.I)
            second = self.match(kind, said) or (opened[0] if (opened := self.opening(kind, said, field=True)) else None)
            combined = combined_status(first.canonical, second.canonical) if first and second else None
            if combined is not None:
                return LabelMatch(combined, text.strip(), second.scheme)  # type: ignore[union-attr]
        if entry is None and kind == "activity" and (qualified := _QUALIFIED.fullmatch(text.strip())) is not None and \
                (state := self.match(kind, qualified.group(1))) is not None:
            # 'Genomförs med avvikelse', 'Utförd delvis', 'Löper enligt plan': a state and how it keeps to its plan.
            off_plan = not _ON_PLAN_SAID.fullmatch(qualified.group(2))
            combined = combined_status(state.canonical, "Pågående med avvikelse" if off_plan else "Pågående enligt plan")
            if combined is None and not off_plan:
                combined = "Pågående enligt plan" if state.canonical == "Pågående" else state.canonical
            if combined is not None:
                return LabelMatch(combined, text.strip(), state.scheme)
        if entry is None and kind == "goal" and (verb_first := _VERB_FIRST.fullmatch(text.strip())) is not None and \
                (degree := self.match(kind, f"{verb_first.group(1)} uppfyllt")) is not None:
            # 'Nås till stor del', 'Uppfylls i hög grad': the degree said after the verb, as 'Till stor del uppfyllt'.
            return LabelMatch(degree.canonical, text.strip(), degree.scheme)
        if entry is None and kind == "activity" and (negated := _NEGATED.fullmatch(text.strip())) is not None and \
                (kept := self.match(kind, negated.group(1) or negated.group(2))) is not None and \
                kept.canonical == "Pågående enligt plan":
            # 'Håller inte', 'Följer ej', 'Inte i fas': a schedule said not to hold is a deviation.
            return LabelMatch("Pågående med avvikelse", text.strip(), kept.scheme)
        if entry is None and (ticked := ticked_option(text)) is not None:
            # '☐ Uppfyllt ☒ Till stor del uppfyllt ☐ …': a form's check boxes, the ticked one's option the label.
            found = self.match(kind, ticked)
            return LabelMatch(found.canonical, ticked, found.scheme) if found else None
        if entry is None and kind == "activity" and (short := _WITHOUT_DONE.fullmatch(text.strip())) is not None:
            # 'Avslutad utan att genomföras fullt ut': work ended without being carried out is ended with a
            # deviation, whatever its first word would say alone.
            ended = self.match(kind, short.group(1))
            if ended is not None and ended.canonical.startswith("Avslutad"):
                return LabelMatch("Avslutad med avvikelse", text.strip(), ended.scheme)
        if entry is None and (marked := re.fullmatch(r"(.{2,60}?)\s*\(([^()\d]{3,60})\)", text.strip())) is not None:
            # 'Helt (Grön)': a level and the colour it is shown in, 'Pågår (ingen bedömning mot planen)': a label
            # and a note on it; the words before say it (a note with figures, such as dates, is no such note).
            found = self.match(kind, marked.group(1))
            if found is None and re.fullmatch(r"[\d\s,.%]+", marked.group(1)):
                found = self.match(kind, marked.group(2))  # '67 % (Gul)': a figure shown in its level's colour
            if found is not None:
                return LabelMatch(found.canonical, text.strip(), found.scheme)
        if entry is None and kind == "goal" and self.bands and (share := _SHARE_OF_TARGET.fullmatch(text.strip())):
            # '91 % av målvärdet' where the report's legend sets levels by the share of the target reached.
            value = float(share.group(1).replace(",", "."))
            level = next((canonical for low, canonical in reversed(self.bands) if value >= low), self.bands[0][1])
            return LabelMatch(level, text.strip(), "teckenförklaring")
        if entry is None and kind == "goal" and (asked := _ASKED.fullmatch(text.strip())) is not None:
            # 'Uppfylls målet? Delvis', 'Nås målet? Ja': the level as the answer to the question it is asked as.
            answer = asked.group(1).strip(" .")
            yes_no = {"ja": "Uppfyllt", "nej": "Ej uppfyllt"}.get(answer.lower())
            if yes_no is not None:
                return LabelMatch(yes_no, text.strip(), "fråga")
            return self.match(kind, answer)
        if entry is None and kind == "goal" and (bar := _BAR.fullmatch(text.strip())) is not None:
            # '■■■□': a bar of filled and empty boxes, the filled ones the step (none filled: not assessed).
            return _counted_step(len(bar.group(1)), len(text.strip()), text, "stapel")
        if entry is None and kind == "goal" and (step := _STEP_OF.fullmatch(text.strip())) is not None:
            # '3 av 4': a step counted on a scale of that many steps, mapped by its position.
            return _counted_step(int(step.group(1)), int(step.group(2)), text, "steg")
        if entry is None and kind == "goal" and (degree := _GOAL_VERB.sub("", text.strip())) != text.strip():
            # 'I hög grad uppnått': a step of a degree scale ('I hög grad') with the verb it is said with.
            entry = self._by_key.get((kind, label_key(degree)))
        if entry is None and (unmarked := _LEADING_SYMBOL.sub("", text.strip())) != text.strip() and unmarked:
            # '● Bedöms uppfyllas', '■ Följer plan': a symbol before the label (its colour said apart, or not at all).
            found = self.match(kind, unmarked)
            return LabelMatch(found.canonical, text.strip(), found.scheme) if found else None
        if entry is None and (worded := _LEADING_COLOUR.sub("", text.strip())) != text.strip() and worded and \
                (found := self.match(kind, worded)) is not None:
            # 'Grön I hög grad uppfyllt': a square's colour as read, then the words; the words say the level.
            return LabelMatch(found.canonical, text.strip(), found.scheme)
        if entry is None and kind == "goal" and (plain := _plain_verdict(text)) != text.strip() and plain:
            # 'Bedöms i huvudsak uppfyllas', 'målet bedöms vara uppfyllt vid årets slut': a forecast of a level, said
            # with its verb and when, read as the level ('Uppfylls i huvudsak', 'uppfyllt').
            found = self.match(kind, plain)
            return LabelMatch(found.canonical, text.strip(), found.scheme) if found else None
        return LabelMatch(entry.canonical, text.strip(), entry.scheme) if entry else None

    def opening(self, kind: str, text: str, field: bool = False) -> tuple[LabelMatch, str] | None:
        """A label that opens `text` ('Delvis uppfyllt. Arbetet …', '● Gul – målet …'), and the rest after it.
        `field`: the text is a status or assessment field's value, where even a short label ('Gul') may be
        followed by the comment's first sentence without punctuation between."""
        found = self._opening(kind, text, field)
        if found is None and (bare := re.sub(r"^[^\w🟢🟡🔴🟠🔵⚪😊😐😒🙂🙁☹]+", "", text)) != text:
            found = self._opening(kind, bare, field)  # a symbol before the label ('●', '■') says nothing itself
        return found

    def _opening(self, kind: str, text: str, field: bool = False) -> tuple[LabelMatch, str] | None:
        found = self._opening_label(kind, text, field)
        if found is None and (verdict := _as_main_clause(text.lstrip())) != text.lstrip():
            found = self._opening(kind, verdict, field)  # 'Bedömningen är att målet inte är uppfyllt.'
        if found is None and (said := _SUBJECT.sub("", text.lstrip(), count=1)) != text.lstrip():
            found = self._opening_label(kind, said, field)
        return found

    def _opening_label(self, kind: str, text: str, field: bool = False) -> tuple[LabelMatch, str] | None:
        head = re.sub(r"[ \t]+", " ", text.lstrip(" \t•▶✔⚠►✓✅❗*-–"))
        folded = _fold_chars(head)
        for (entry_kind, key), entry in self._openings:
            if entry_kind != kind or not folded.startswith(key):
                continue
            after = head[len(key):]
            # The label ends where a sentence does: punctuation, a line break, the end, or a new capitalised
            # sentence; a short label ('Gul', 'Röd') only before punctuation.
            ending = r"^(\s*[.:;!–\-]|\s*\n|\s*$|\s+[A-ZÅÄÖ])" if len(key) >= 4 or field else \
                r"^[ \t]*([.:;!–\-]|\n|$)"
            if field and len(key) >= 4:
                # In a status field the label may go on with when or why ('Pausad sedan den 1 juli …',
                # 'Försenad på grund av …', 'Avslutad i förtid, genomförs inte'): a preposition, a conjunction or a
                # comma after it ends the label too.
                ending += _LABEL_GOES_ON + r"|^\s*,"
            if not re.match(ending, after):
                continue
            rest = re.sub(r"^\s*[.:;!–\-]?\s*", "", after)
            return LabelMatch(entry.canonical, head[:len(key)].strip(), entry.scheme), rest
        return None


# A goal is 'uppfyllt' or 'uppnått' alike in Swedish follow-ups; every goal label is known in both verbs.
# The verbs a goal's level is said with, each group one form of them ('Delvis uppfyllt', 'Delvis uppnått', 'Delvis nått').
_SYNONYMS = (("uppfyllt", "uppnått", "nått"), ("uppfylld", "uppnådd", "nådd"), ("uppfylls", "uppnås", "nås"),
             ("uppfyllda", "uppnådda", "nådda"))


_LABEL_GOES_ON = (r"|^\s+(?=(?:sedan|i\s+väntan|i\s+avvaktan|på\s+grund|pga|p\.g\.a\.|till\s+följd|eftersom|då|"
                  r"efter|under|till|tills|från|inför|och|eller|men|enligt|för|i)\b)")
# A goal's level with the verb first and its degree after ('Nås till stor del', 'Målet uppfylls i hög grad').
_VERB_FIRST = re.compile(r"(?:målet\s+)?(?:nås|uppnås|uppfylls)\s+(\S.{1,40}?)\.?", re.I)
_TWO_STATUSES = re.compile(r"(.{3,40}?)\s*(?:[–—-]|,|\bmen\b|\boch\b)\s*(.{3,40})")
# A state qualified by how it keeps to its plan, without a separator: off the plan, or on it ('Klar – enligt plan',
# with one, says two states: _TWO_STATUSES reads it).
_QUALIFIED = re.compile(r"(.{2,39}?[^\s–—,:;-]),?\s+(?:men\s+)?(med\s+(?:viss\s+|vissa\s+)?(?:avvikelser?|brister)|delvis|efter\s+(?:tid)?plan(?:en)?"
                        r"|(?:inte|ej)\s+(?:helt\s+)?(?:enligt|i\s+fas\s+med)\s+(?:tid)?plan(?:en)?|(?:för\s+)?sent|senare\s+än\s+planerat|efter\s+(?:utsatt|planerad)\s+tid"
                        r"|försenad|försenat|försenade"
                        r"|enligt\s+(?:tid)?plan(?:en)?|i\s+fas)", re.I)  # ('i tid' not: 'ligger efter i tid')
_ON_PLAN_SAID = re.compile(r"enligt\s+(?:tid)?plan(?:en)?|i\s+fas", re.I)


def _counted_step(position: int, steps: int, text: str, scheme: str) -> LabelMatch | None:
    """Step `position` (from 1) of a scale of `steps`, as a level mapped by its place; None outside the scale."""
    if 1 <= position <= steps and 2 <= steps <= 10:
        return LabelMatch(scale_level(position - 1, steps), text.strip(), scheme)
    return None


def status_with_completion(share: float, status: str | None) -> str:
    """An activity's status from how much of it is done ('Genomförandegrad 100 %') and what its schedule or status
    says beside it: all done is finished (with a deviation where it ran late), nothing done is not begun, and in
    between it is under way as the schedule says. Paused, stopped and finished work stays what it is said to be."""
    if status in ("Vänteläge", "Avslutad med avvikelse", "Avslutad enligt plan"):
        return status
    if share >= 100:
        return "Avslutad med avvikelse" if status == "Pågående med avvikelse" else "Avslutad enligt plan"
    if share <= 0:
        return status if status == "Pågående med avvikelse" else "Ej påbörjad"
    return status if status in ("Pågående enligt plan", "Pågående med avvikelse") else "Pågående"


def combined_status(first: str, second: str) -> str | None:
    """Two statuses said of one activity: a deviation said of work under way or finished is that deviation; work
    under way that keeps to its plan ('Pågår – följer plan') is on plan."""
    said = {first, second}
    if said == {"Pågående", "Pågående enligt plan"}:
        return "Pågående enligt plan"
    if said == {"Avslutad enligt plan", "Avslutad med avvikelse"}:
        return "Avslutad med avvikelse"  # 'Klara' with the flag 'Inställd': ended short
    if said == {"Avslutad enligt plan", "Pågående enligt plan"}:
        return "Avslutad enligt plan"  # 'Klar – i tid': finished, and on time
    if "Pågående med avvikelse" in said or "Vänteläge" in said:
        other = (said - {"Pågående med avvikelse", "Vänteläge"}) or said
        if any(s.startswith("Avslutad") for s in other):
            return "Avslutad med avvikelse"
        return "Pågående med avvikelse" if "Pågående med avvikelse" in said else "Vänteläge"
    return None


# A share as a percentage ('75 %', '100%', '0 procent'); a goal's level as the share of its target reached ('91 %
# av målvärdet', '104 %').
SHARE = re.compile(r"(\d{1,3}(?:,\d+)?)\s*(?:%|procent)")
_SHARE_OF_TARGET = re.compile(SHARE.pattern + r"(?:\s+av\s+(?:målvärdet|målet|måltalet))?\.?")
# A goal's level asked as a question and answered ('Uppfylls målet? Delvis', 'Når vi målet? Nej').
_ASKED = re.compile(r"[^?]{0,40}\b(?:mål\w*|uppfyll\w*|uppn\w*|nås|når)\b[^?]{0,20}\?\s*(\S.{0,40})", re.I)
# A level drawn as a bar of filled boxes before empty ones ('■■■□', '●●○○', '★★★☆☆').
_BAR = re.compile(rf"([{FILLED_BOXES}]+)[{EMPTY_BOXES}]*")
# A level written as its step and the scale's number of steps ('3 av 4'; not '2/3', which is a date).
_STEP_OF = re.compile(r"(\d{1,2})\s+av\s+(\d{1,2})\.?")
# A forecast's frame around a level: who is judged and how sure ('Målet bedöms', 'förväntas'), the verb's 'bli' or
# 'vara', and when ('vid årets slut', 'under året', 'för helåret 2031'); the infinitive read as the present.
_FORECAST = re.compile(r"^(?:(?:prognosen|bedömningen)\s+är\s+att\s+)?(?:(?:målet|delmålet|nämndmålet)\s+)?"
                       r"(?:(?:bedöms|förväntas|beräknas|bedömdes)\s+(?:att\s+)?(?:kunna\s+)?)?", re.I)
_WHEN = re.compile(r"\s+(?:vid|under|för|per|till|efter|i)\s+(?:(?:årets\s+slut|året|helåret|årsskiftet|perioden|hela\s+året)"
                   r"(?:\s+\d{4})?|\d{4})\s*\.?$", re.I)
_LEADING_SYMBOL = re.compile(r"^[●○◐◑◒◓◔◕■□▪▫▲△▼▽◆◇★☆✓✔✗✘⬤⬛⬜⚫⚪]\s+(?=\w)")
_LEADING_COLOUR = re.compile(rf"^(?:{'|'.join(sorted(COLOUR_WORDS))})\s+(?=\S)")
_INFINITIVE = {"uppfyllas": "uppfylls", "uppnås": "uppnås", "nås": "nås"}


def _plain_verdict(text: str) -> str:
    """'Bedöms i huvudsak uppfyllas' → 'Uppfylls i huvudsak'; 'bli uppfyllt vid årets slut' → 'uppfyllt'."""
    plain = _WHEN.sub("", _FORECAST.sub("", text.strip(), count=1))
    plain = re.sub(r"(?:^|(?<=\s))(?:bli|vara|kunna)\s+", "", plain, flags=re.I).strip(" .")
    # The degree before the infinitive ('i huvudsak uppfyllas') after it, as the verb-first form says it.
    moved = re.fullmatch(r"(.{2,40}?)\s+(uppfyllas|uppnås|nås)", plain, re.I)
    if moved:
        return f"{_INFINITIVE[moved.group(2).lower()]} {moved.group(1)}"
    words = plain.split()
    if words and words[0].lower() in _INFINITIVE:
        words[0] = _INFINITIVE[words[0].lower()]
    return " ".join(words)


_GOAL_VERB = re.compile(r"\s+(?:uppfyllt|uppfylld|uppfylls|uppnått|uppnådd|uppnås)\s*\.?$", re.I)


def _synonyms(entry: SchemeEntry) -> list[SchemeEntry]:
    """The goal label written with the other verbs ('I hög grad uppnått', 'I hög grad nått' for 'I hög grad
    uppfyllt')."""
    if entry.kind != "goal":
        return []
    for forms in _SYNONYMS:
        for old in forms:
            if re.search(rf"\b{old}\b", entry.written, re.I):
                return [SchemeEntry(entry.kind, entry.canonical, re.sub(rf"\b{old}\b", new, entry.written, flags=re.I),
                                    entry.scheme) for new in forms if new != old]
    return []


_SENTENCE_SUBJECT = re.compile(r"^(?:uppdraget|aktiviteten|arbetet|åtgärden|insatsen|målet|delmålet)\s+(\S+(?:\s+\S+){2,})$",
                               re.I)


def _subjectless(entry: SchemeEntry) -> SchemeEntry | None:
    """'Uppdraget bedöms bli genomfört under året' as a status cell writes it: 'Bedöms bli genomfört under året'."""
    match = _SENTENCE_SUBJECT.match(entry.written)
    if match is None:
        return None
    rest = match.group(1)
    return SchemeEntry(entry.kind, entry.canonical, rest[:1].upper() + rest[1:], entry.scheme)


# A status said not to hold ('Håller inte', 'Inte i fas').
_NEGATED = re.compile(r"(?:inte|ej)\s+(\S.{1,30})|(\S.{1,30}?)\s+(?:inte|ej)", re.I)
# A form's check boxes, ticked and not ('☒ Uppfyllt ☐ Delvis uppfyllt', '[x] Klar [ ] Pågår').
_TICKED, _UNTICKED = "☒☑✅", "☐⬜"
_BOX = re.compile(rf"[{_TICKED}{_UNTICKED}]|\[[ xX]\]")


def ticked_option(text: str) -> str | None:
    """The option after the one ticked box among two boxes or more, where exactly one is ticked."""
    boxes = list(_BOX.finditer(text))
    ticked = [i for i, box in enumerate(boxes) if box.group() in _TICKED or box.group().lower() == "[x]"]
    if len(boxes) < 2 or len(ticked) != 1:
        return None
    box = boxes[ticked[0]]
    end = boxes[ticked[0] + 1].start() if ticked[0] + 1 < len(boxes) else len(text)
    return text[box.end():end].strip(" \t,;|") or None


# A finished state as the perfect of its passive ('Avslutad' → 'Har avslutats', 'Genomförd' → 'Har genomförts'),
# as a legend or a status sentence says it ('Aktiviteten har avslutats').
_PARTICIPLE = re.compile(r"^(\w+?)(?:ad|at|rd|rt)$")


def _supine(entry: SchemeEntry) -> SchemeEntry | None:
    if entry.kind != "activity" or not entry.canonical.startswith("Avslutad") or \
            (stem := _PARTICIPLE.match(entry.written)) is None:
        return None
    ending = "ats" if entry.written.lower().endswith(("ad", "at")) else "rts"
    return SchemeEntry(entry.kind, entry.canonical, f"Har {stem.group(1).lower()}{ending}", entry.scheme)


# A status going on with what was not done ('Avslutad utan att genomföras fullt ut', 'Stängd utan att ha
# slutförts'): the scope of 'utan att' is the carrying out itself.
_WITHOUT_DONE = re.compile(r"(.{3,40}?),?\s+utan\s+att\s+(?:ha\s+)?(?:genomför|slutför|fullfölj|fullbord|färdigställ|"
                           r"utför|nå)\w*\b.*", re.I)


# A verdict given as a 'that' clause ('Bedömningen är att målet inte är uppfyllt'): the clause read as the main
# clause it stands for ('Målet är inte uppfyllt'); in a subordinate clause Swedish sets 'inte' before the verb.
_VERDICT_PREAMBLE = re.compile(r"^(?:(?:den\s+samlade\s+|vår\s+|förvaltningens\s+|nämndens\s+|styrelsens\s+)?"
                               r"bedömning(?:en)?|vi\s+bedömer|förvaltningen\s+bedömer|nämnden\s+bedömer)\s+(?:är\s+)?att\s+",
                               re.I)
_SUBORDINATE_NEGATION = re.compile(r"^(\w+(?:et|en))\s+(inte|ej)\s+(är|blir|blev|har\s+blivit)\b", re.I)


def _as_main_clause(text: str) -> str:
    clause = _VERDICT_PREAMBLE.sub("", text, count=1)
    if clause == text:
        return text
    clause = _SUBORDINATE_NEGATION.sub(r"\1 \3 \2", clause, count=1)
    return clause[:1].upper() + clause[1:]


# What a label is said of, before it: 'Målet är', 'Delmålet bedöms vara', 'Aktiviteten är'. The label after it
# is read as the label alone; sentences the schemes list whole keep their own meaning.
_SUBJECT = re.compile(r"^(?:arbete(?:t)?|(?:mål|delmål|nämndmål|aktivitet|uppdrag|åtgärd|insats)(?:et|en))\s+"
                      r"(?:(?:är|blev|bedöms\s+(?:som|vara|bli)|bedöms|har\s+blivit)\s+(?=\S)|(?=(?:pågår|vilar|avvaktar)\b)|(?=har\s+\w+ts\b))", re.I)


def _fold_chars(text: str) -> str:
    """Lower-cased, diacritics removed, one character for one: positions in it are positions in `text`."""
    out = []
    for ch in text:
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append((base[:1] or ch).lower())
    return "".join(out)


def _extra_dirs() -> tuple[Path, ...]:
    value = os.environ.get("UPPSIKT_SCHEMES", "")
    return tuple(Path(p) for p in value.split(os.pathsep) if p)


@lru_cache(maxsize=4)
def _schemes(extra: tuple[Path, ...]) -> LabelSchemes:
    return LabelSchemes.load(list(extra))


def schemes() -> LabelSchemes:
    """The built-in schemes plus those in the folders UPPSIKT_SCHEMES names (loaded once per setting)."""
    return _schemes(_extra_dirs())


def read_status(text: str, fuzzy: bool = True) -> LabelMatch | None:
    """A whole line read as an activity status: by the schemes, else (OCR'd or symbol-marked exports) by the
    spelling-tolerant reading of the canonical labels, which a line starting in lower case never is (a
    description's wrapped last line 'pågående arbete.' is not a status)."""
    from corpus.text import normalise_status

    stripped = text.strip()
    found = schemes().match("activity", stripped)
    if found or not fuzzy or not stripped or len(stripped) > 30:
        return found
    first = next((ch for ch in stripped if ch.isalpha()), "")
    if first.islower():
        return None
    canonical = normalise_status(stripped)
    return LabelMatch(canonical, stripped, "uppsikt") if canonical else None
