"""The vocabulary of follow-up reports as data (vocabulary.toml): field labels and how items are headed."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from corpus.documents.colours import EMPTY_BOXES
from corpus.model import UppsiktError
from corpus.reportdate import VAGUE_TIME
from corpus.text import fold

BUILTIN = Path(__file__).resolve().parent / "vocabulary.toml"
ROLES = ("status", "completion", "on_plan", "assessment", "prognosis", "comment", "description", "responsible", "start", "end", "dates",
         "measure", "number", "goal_number", "parent", "labels", "item_kind", "depth", "title", "activity", "goal", "subgoal", "area",
         "item")
HEADING_KINDS = ("goal", "subgoal", "activity", "area", "prose")
RESPONSE_ROLES = ("note", "goal_kind", "parent", "activity_goal", "assessable", "activity", "goal", "assessment", "status",
                  "start", "end", "comment")


def label_form(text: str) -> str:
    """How a label is compared: folded, a closing note in parentheses ('Bedömning (1–5)', 'Status (färg)') and
    trailing ':' and marks removed."""
    folded = re.sub(r"\s*\([^()]*\)\s*$", "", fold(text).replace("\n", " "))
    return re.sub(r"[\s:*\-–.]+$", "", folded).strip()


# Items said to serve the goal itself, in the words the lists above are made of: 'Aktiviteter som hör direkt till
# målet', 'Övriga åtgärder inom målet', 'Insatser kopplade direkt till målet'.
_LATER_JUDGED = re.compile(r"^(?:målet\s+)?(?:bedöms|följs\s+upp|mäts)\s+(?:först\s+)?(?:i\s+(?:tertial\s*[23]|delårs\w*|års\w*"
                           r"|bokslut\w*|verksamhetsberättelse\w*)|senare|vid\s+årets\s+slut|efter\s+sommaren)\b", re.I)
_CODE_NUMBERED = re.compile(r"^([A-ZÅÄÖ]{2,5})\s+(\d{1,2}(?:\.\d{1,2}){0,2})\s*[–:-]\s+([A-ZÅÄÖ0-9].{2,})$")
# Codes that name no goal: laws, registers and the like, no board (a law's chapter, 'LSS 9 – …').
_NOT_GOAL_CODES = frozenset({"EU", "KPI", "SFS", "LSS", "LOU", "SOL", "PBL", "HSL", "DNR"})
_TOP_GOALS_ITEMS = re.compile(r"(?:ovriga\s+)?(?:aktiviteter|atgarder|insatser|uppdrag|ataganden)(?:\s+som\s+(?:hor|ar\s+kopplade)|"
                              r"\s+kopplade|\s+kopplat|\s+knutna|\s+horande)?(?:\s+direkt)?\s+(?:till|under|inom|for)\s+(?:hela\s+)?"
                              r"(?:det\s+)?(?:[a-z]+[ae]\s+)?malet(?:\s+som\s+helhet|\s+i\s+sin\s+helhet)?")


@dataclass
class Vocabulary:
    """Field labels by role, and heading words by the kind of item they head."""

    fields: dict[str, str] = field(default_factory=dict)
    headings: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    below_council: set[str] = field(default_factory=set)
    end_words: set[str] = field(default_factory=set)
    open_end: set[str] = field(default_factory=set)
    not_assessed: set[str] = field(default_factory=set)
    no_item: set[str] = field(default_factory=set)
    of_top_goal: set[str] = field(default_factory=set)
    totals: set[str] = field(default_factory=set)
    activities_of: list[str] = field(default_factory=list)
    role_endings: set[str] = field(default_factory=set)
    # A long export, one row per item and property ('Id | Typ | Egenskap | Värde'): its property and value columns.
    attribute_headers: set[str] = field(default_factory=set)
    value_headers: set[str] = field(default_factory=set)
    # A form's answers, one row per answer: the form tool's own columns, how many make a table one, the notes that
    # void an answer, and each question's role by words in it (in order: the first role that matches).
    response_tool_columns: set[str] = field(default_factory=set)
    min_tool_columns: int = 3
    void_notes: list[str] = field(default_factory=list)
    response_questions: list[tuple[str, list[str]]] = field(default_factory=list)

    @classmethod
    def load(cls, paths: list[Path]) -> Vocabulary:
        vocabulary = cls()
        for path in paths:
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise UppsiktError(f"Ordlistan {path.name} kunde inte läsas: {exc}.") from exc
            for role, labels in (data.get("fields") or {}).items():
                if role not in ROLES:
                    raise UppsiktError(f"Ordlistan {path.name} har fältet '{role}', som inte är en av {', '.join(ROLES)}.")
                for label in labels:
                    vocabulary.fields.setdefault(label_form(label), role)
            for kind, words in (data.get("headings") or {}).items():
                if kind not in HEADING_KINDS:
                    raise UppsiktError(f"Ordlistan {path.name} har rubriktypen '{kind}', som inte finns.")
                vocabulary.headings.setdefault(kind, []).extend((fold(w), w) for w in words)
            vocabulary.below_council |= {label_form(w) for w in (data.get("levels") or {}).get("below_council", [])}
            vocabulary.end_words |= {label_form(w) for w in (data.get("dates") or {}).get("end_words", [])}
            vocabulary.open_end |= {label_form(w) for w in (data.get("dates") or {}).get("open_end", [])}
            vocabulary.not_assessed |= {label_form(w) for w in (data.get("levels") or {}).get("not_assessed", [])}
            vocabulary.no_item |= {label_form(w) for w in (data.get("lists") or {}).get("none", [])}
            vocabulary.of_top_goal |= {label_form(w) for w in (data.get("lists") or {}).get("of_top_goal", [])}
            vocabulary.totals |= {label_form(w) for w in (data.get("lists") or {}).get("totals", [])}
            vocabulary.activities_of += [fold(w) for w in (data.get("lists") or {}).get("activities_of", [])]
            vocabulary.role_endings |= {fold(w) for w in (data.get("responsible") or {}).get("role_endings", [])}
            vocabulary.attribute_headers |= {label_form(w) for w in (data.get("long_form") or {}).get("attribute", [])}
            vocabulary.value_headers |= {label_form(w) for w in (data.get("long_form") or {}).get("value", [])}
            responses = data.get("responses") or {}
            vocabulary.response_tool_columns |= {label_form(w) for w in responses.get("tool_columns", [])}
            vocabulary.min_tool_columns = int(responses.get("min_tool_columns", vocabulary.min_tool_columns))
            vocabulary.void_notes += [fold(w) for w in responses.get("void_notes", [])]
            for role, phrases in (responses.get("questions") or {}).items():
                if role not in RESPONSE_ROLES:
                    raise UppsiktError(f"Ordlistan {path.name} har frågetypen '{role}', som inte finns.")
                vocabulary.response_questions.append((role, [fold(p) for p in phrases]))
        for kind in vocabulary.headings:
            vocabulary.headings[kind].sort(key=lambda pair: -len(pair[0]))
        vocabulary.activities_of.sort(key=len, reverse=True)
        return vocabulary

    def lists_top_goals_activities(self, text: str) -> bool:
        """'Aktiviteter direkt under målet:': the activities below serve the open top goal, not a sub-goal."""
        form = label_form(text)
        # 'Aktiviteter direkt kopplade till fullmäktigemålet', '… till det strategiska målet': the council's goal
        # named by its kind is 'målet', also with its number ('Övriga åtgärder inom regionfullmäktiges mål 1').
        plain = re.sub(r"\b(?:(?:kommun|region)?fullmaktigemalet|(?:kommun|region)?fullmaktiges mal|[kr]f-malet|[kr]f-mal|[kr]f(?=\s+\d)"
                       r"|(?:det\s+)?(?:strategiska|overgripande)\s+malet|inriktningsmalet)(?:\s+\d{1,2})?$", "malet", form)
        if form in self.of_top_goal or plain in self.of_top_goal:
            return True
        # Said in general words, only where they name the council's goal, or say 'direkt' or 'övriga' ('Aktiviteter
        # kopplade till målet' under a sub-goal are that sub-goal's).
        return bool(_TOP_GOALS_ITEMS.fullmatch(plain)) and (plain != form or " direkt " in f" {form} "
                                                              or " hela " in f" {form} " or "helhet" in form or " overgripande " in f" {form} "
                                                              or form.startswith("ovriga "))

    def counts_rows(self, text: str) -> bool:
        """'Antal markeringar', 'Summa', a pivot table's 'Fler … Summa' under its group: a table's row that counts
        or sums the rows above it."""
        form = label_form(text)
        return form in self.totals or any(form.endswith(f" {total}") for total in ("summa", "total", "totalt"))

    def says_none(self, text: str) -> bool:
        """'Inga delmål', 'Saknas', 'Inga aktiviteter kopplade till delmålet': where an item's field would name one,
        there is none."""
        # 'Målet har inga nämndmål', 'Det finns inga aktiviteter': the same said of its subject.
        form = re.sub(r"^(?:\w+(?:et|en)|det)\s+(?:har|finns)\s+(?=(?:inga|ingen|inget)\b)", "", label_form(text))
        return form in self.no_item or any(form.startswith(f"{none} ") for none in self.no_item if " " in none)

    def with_not_assessed(self, terms: set[str]) -> Vocabulary:
        """This vocabulary with a report's own terms for no level given ('Grå symbol' its legend explains)."""
        worded = {label_form(t) for t in terms} - {""}  # (a mark alone, '–' or '○', folds to nothing: no term)
        return replace(self, not_assessed=self.not_assessed | worded) if worded else self

    def says_not_assessed(self, text: str) -> bool:
        """'Ingen prognos', 'Ej bedömd', '– av 4' (no step on a counted scale), '□□□□': no level is given."""
        # '● Kan inte bedömas', '– Ej mätbart': the words after the mark.
        unmarked = re.sub(r"^(?:[^\wåäöÅÄÖ–—-]+|[–—-]\s+)+", "", text)
        # 'Målet går inte att bedöma för 2031, eftersom …': the sentence's first clause, without the year it is for.
        clause = re.sub(r"\s+(?:för|under)\s+(?:år\s+)?20\d\d$", "", re.split(r"[,.;:]\s", unmarked, maxsplit=1)[0].strip())
        # 'Kan inte bedömas än', '… i nuläget': not yet, which is no level either.
        clause = re.sub(r"\s+(?:än|ännu|i nuläget|i dagsläget|just nu)$", "", clause)
        if _LATER_JUDGED.match(clause):
            return True  # 'Bedöms i tertial 2', 'Bedöms senare under året': judged later, no level now
        return label_form(unmarked) in self.not_assessed or label_form(clause) in self.not_assessed or bool(re.fullmatch(r"\s*[–—-]\s*av\s*\d{1,2}\s*", text)) or \
            bool(re.fullmatch(rf"\s*[{EMPTY_BOXES}]{{2,10}}\s*", text))  # an empty bar: no box filled

    def names_a_role(self, text: str) -> bool:
        """Whether a short text names a role or unit ('enhetschef LSS', 'HR-strateg', 'Tekniska förvaltningen')."""
        return any(word.endswith(ending) for word in re.findall(r"\w+", fold(text)) for ending in self.role_endings)

    def goal_of_activities(self, text: str) -> str | None:
        """The goal a line over a list of activities names ('Aktiviteter – X', 'Aktiviteter för mål 2'), if any."""
        folded = fold(text)
        for words in self.activities_of:
            # (the words end at a space or a dash: 'Aktiviteter för mål 2', not 'Aktiviteterna')
            if folded.startswith(words) and (match := re.match(r"(?:\s*[:–—-]\s*|\s+)(\S.*)$", text[len(words):])):
                return match.group(1).strip()
        return None

    def leaves_end_open(self, text: str) -> bool:
        """Whether what follows a start date says the work has no end set: nothing, a dash, 'tills vidare'."""
        said = label_form(re.sub(r"^\s*[–—→-]\s*", "", text))
        # '– slut ej fastställt': the end's label before the words that leave it open.
        unlabelled = re.sub(r"^(?:slut\w*|klart?)\s*:?\s*", "", said)
        # 'v. 50', 'vecka 50 2027', 'hösten 2025', 'mars 2026': an end said as a week, a season or a month, no date.
        vague = re.fullmatch(VAGUE_TIME, said)
        return (said in self.open_end | {""} or unlabelled in self.open_end or vague is not None) and \
            bool(re.match(r"\s*[–—→-]", text))

    def date_role(self, label: str) -> str | None:
        """The role of a label before a date: a field's ('Startdatum', 'Slut'), or 'end' for a word that says
        the work is done by then ('klart', 'senast')."""
        role = self.role(label)
        if role in ("start", "end", "dates"):
            return role
        return "end" if label_form(label) in self.end_words else None

    def names_lower_goals(self, label: str) -> bool:
        """Whether a goal column's header names goals a board or unit sets under the council's ('Nämndmål',
        'Verksamhetsmål'): under an open council goal, its rows are that goal's sub-goals."""
        return label_form(label) in self.below_council

    def role(self, label: str) -> str | None:
        """The role of a column header or field label ('Startdatum' → start), if it is one. A body's goals
        named by its genitive ('Kommunstyrelsens mål', 'Nämndens mål') are goals."""
        form = label_form(label)
        found = self.fields.get(form)
        if found is None and (untimed := _PERIOD_TAG.sub("", form)) != form:
            found = self.fields.get(untimed)  # 'Status T2', 'Bedömning helår 2025': the field of one follow-up
            if found == "goal" and re.search(r"\b(?:19|20)\d\d\b", form):
                found = "measure"  # 'Mål 2030' beside 'Utfall 2029': the year's target value, not the goal
        if found is None and re.fullmatch(r"[a-z]{3,}s mal", form):
            return "goal"
        if found is None and " och " in form:  # 'Mål och aktiviteter': one column for both, as 'Mål / aktivitet'
            named = {self.fields.get(part.strip()) for part in form.split(" och ")}
            if named & {"goal", "subgoal"} and "activity" in named:
                return "item"
        if found is None and "/" in form:  # 'Uppdrag/aktivitet': the first part the vocabulary knows
            named = {self.fields.get(part.strip()) for part in form.split("/")}
            if named & {"goal", "subgoal"} and "activity" in named:
                return "item"  # 'Mål / aktivitet': one column for both, each row one or the other
            found = next((self.fields[part.strip()] for part in form.split("/") if part.strip() in self.fields), None)
        if found is None and (named := _OF_ITEM.match(form)) and self.fields.get(named.group(1)) not in _ITEM_ROLES:
            found = self.fields.get(named.group(1))  # 'Bedömning nämndmål', 'Kommentar aktivitet'
        return found

    def role_item(self, label: str) -> str | None:
        """The kind of item a field label names as its own ('Analys nämndmål' → goal, 'Kommentar aktivitet' →
        activity), where it names one: in a table of goals and activities, whose the column is."""
        named = _OF_ITEM.match(label_form(label))
        if named is None or self.fields.get(label_form(label)) is not None:
            return None
        return "activity" if named.group(2).startswith(("aktivitet", "uppdrag", "atgard", "insats")) else "goal"

    def opens_with_label(self, text: str) -> bool:
        """Whether a line opens with a field label without a colon ('Bidrar till KF-mål 1', 'Ansvarig enhet …')."""
        words = text.split()
        return any(self.role(" ".join(words[:n])) is not None for n in range(1, min(3, len(words) - 1) + 1))

    def follow_up_order(self, label: str) -> int | None:
        """Which follow-up of the year a field's label names ('Bedömning 30 april' 1, 'Prognos 31 augusti' 2,
        'Status T3', 'Bedömning helår' 3), where it names one: a later one's value counts over an earlier one's."""
        tag = _PERIOD_TAG.search(label_form(label))
        if tag is None:
            return None
        said = tag.group(0)
        for order, words in ((3, ("t3", "tertial 3", "31 dec", "helar")), (2, ("t2", "tertial 2", "31 aug", "delar")),
                             (1, ("t1", "tertial 1", "30 apr"))):
            if any(word in said for word in words):
                return order
        return None

    def dated_field(self, text: str) -> str | None:
        """'Start 2027-01-09', 'Planerad start 2027-09-01': a date's label and the date without a colon between,
        as the field 'Start: 2027-01-09'; None where the text is no such pair."""
        match = re.match(r"^\s*(\D{2,40}?)\s+(\d{4}-\d\d-\d\d\b.*)$", text)
        if match is None or ":" in match.group(1) or self.date_role(match.group(1)) is None:
            return None
        return f"{match.group(1)}: {match.group(2)}"

    def field_line(self, text: str) -> tuple[str, str] | None:
        """'Status: Pågår' → ('status', 'Pågår'); 'Kommentar:' → ('comment', '')."""
        match = re.match(r"^\s*([^:\n]{1,40}?)\s*:\s*(.*)$", text, re.S)
        if not match:
            return None
        role = self.role(match.group(1))
        return (role, match.group(2).strip()) if role else None

    def trailing_fields(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """An item's line that goes on with its fields ('Titel, status: pågår, start: 2025-01-13',
        'Titel – bedömning: Delvis uppfyllt'): the title and the fields in order. Only labels the vocabulary
        knows split the line, so a title's own commas stay."""
        cuts = [m for m in _TRAILING_FIELD.finditer(text)
                if ((role := self.role(m.group(1))) is not None and role not in _ITEM_ROLES)
                or self.date_role(m.group(1))]
        if not cuts:  # (zip below needs at least one)
            return text, []
        fields = []
        for m, after in zip(cuts, [*cuts[1:], None], strict=True):
            value = text[m.end():after.start() if after else len(text)].strip(" ,;")
            role = self.role(m.group(1))
            fields.append((role if role and role not in _ITEM_ROLES else self.date_role(m.group(1)) or "", value))
        return text[:cuts[0].start()].strip(" ,;–—-"), fields

    def heading_kind(self, text: str) -> tuple[str, str] | None:
        """The kind of item a heading heads by its opening word, and the heading without it
        ('Delmål 1.2: Fler ska …' → ('subgoal', 'Fler ska …')); prose sections give ('prose', text). A section
        number before the word is the heading's, not the item's ('3.1 Kommunfullmäktiges mål: …', '4 Ekonomi')."""
        text = re.sub(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+(?=\D)", "", text)
        folded = fold(text)
        for kind in ("subgoal", "activity", "area", "goal", "prose"):
            for word, _written in self.headings.get(kind, []):
                if not folded.startswith(word):
                    continue
                rest = text[len(word):]
                if kind == "area" and re.match(r"^\s+[A-ZÅÄÖ]", rest):
                    return kind, rest.strip()  # 'Målområde Attraktiv livsmiljö'
                if kind == "prose":
                    # A phrase ('Så läser du', 'Viktiga händelser') heads prose whatever follows it.
                    if not rest.strip(" :.") or re.match(r"^\s*(\d|och\b|:)", rest) or (" " in word and rest[:1] == " "):
                        return kind, text
                    continue
                if re.match(r"^\s*\d+\s*[–-]\s*\d", rest):
                    return None  # 'Mål 1–3 med nämndmål …': a range of goals, no one goal's heading
                # ('Effektmål 1A: …': a number with the letter of a sub-goal under its goal.)
                # ('Nämndmål 1:2 – …': a sub-goal numbered with a colon.)
                match = re.match(r"^\s*(?:\d+(?:(?:\.|:(?=\d))\d+)*[A-ZÅÄÖa-zåäö]?|[A-ZÅÄÖ]\d*)?\s*(?::|–|-|\.(?!\d))\s*(.+)$"
                                 r"|^\s+(\d+(?:\.\d+)*[a-z]?)\.?\s+([^a-zåäö\s].*)$", rest)
                if match and (_CAPTION.search(fold(rest)) or re.match(r"^\s*(?:19|20)\d\d\b", rest)):
                    # 'Mål – samhällsbyggnadsnämnden, tertial 2 2025', 'Mål 2036 – prognos för helåret': a sheet's
                    # caption (a year is no goal's number).
                    return "prose", text
                if match:
                    return kind, (match.group(1) or match.group(3)).strip()
        # 'KF 1 – Titel', 'SBN 1.2 – Titel': a board's or the council's code before the goal's number (a sub-goal's
        # numbered under its goal's).
        if (coded := _CODE_NUMBERED.match(text)) is not None and coded.group(1) not in _NOT_GOAL_CODES:
            return ("subgoal" if "." in coded.group(2) else "goal"), coded.group(3).strip()
        return None

    def activity_cell(self, text: str) -> str | None:
        """A line naming an activity by its label and number alone ('Aktivitet 6', 'Uppdrag 2.1'): its number."""
        folded = fold(text).strip()
        for word, _written in self.headings.get("activity", []):
            if (match := re.fullmatch(re.escape(word) + r"\s+(\d+(?:\.\d+)*)", folded)):
                return match.group(1)
        return None

    def level_cell(self, text: str) -> tuple[str, str] | None:
        """A cell naming an item's level and number alone ('Delmål 1.1', 'Strategiskt mål 2'): its kind and
        number, which place the title beside it in the goal tree."""
        folded = fold(text).strip()
        for kind in ("subgoal", "goal"):
            for word, _written in self.headings.get(kind, []):
                # 'Regionfullmäktiges mål 1 av 3': the count of the goals beside its number says no more.
                if (match := re.fullmatch(re.escape(word) + r"\s*(\d+(?:\.\d+)*)\.?(?:\s+av\s+\d+)?", folded)):
                    return kind, match.group(1)
        # A body's goal named by its genitive ('Regionfullmäktiges mål 1', 'Styrelsens mål 2').
        if (match := re.fullmatch(r"[a-z]{3,}s\s+mal\s*(\d+(?:\.\d+)*)\.?", folded)):
            return "goal", match.group(1)
        return None

    def is_label_line(self, text: str) -> bool:
        return self.role(text) is not None or self.field_line(text) is not None


# ', status: ', ' – bedömning: ', '; start: ': a field label after a separator, inside a line.
_TRAILING_FIELD = re.compile(r"(?:,|;|\.|\s[–—-])\s+([A-Za-zÅÄÖåäöÉé][\w/ -]{0,30}?)\s*:\s")
_ITEM_ROLES = {"activity", "goal", "subgoal", "area"}
# Parts of one line set apart by a middle dot or a bar ('Genomförd · 2023-02-01 – 2023-11-30', 'Delmål 1.2 ·
# Bidrar till Mål 1').
FIELD_SEPARATOR = re.compile(r"\s+[·•|]\s+")
# What a caption over a list of goals names and a goal never does: a follow-up and its year ('tertial 2 2025').
_CAPTION = re.compile(r"\b(?:tertial\s*[123]|t[123]|delar\w*|helar\w*|arsredovisning\w*|verksamhetsberattelse\w*)\b"
                      r"[^.]*\b20\d\d\b")
# A follow-up's name after a field label ('Status T2', 'Bedömning tertial 1', 'Kommentar 2025').
_PERIOD_TAG = re.compile(r"(?:\s+\(?(?:t[123]|tertial\s*[123]|delar|20\d\d|(?:per\s+)?(?:30\s+apr(?:il)?|31\s+aug(?:usti)?"
                         r"|31\s+dec(?:ember)?)|helar)\)?)+$")
# A field label followed by the item it is said of: 'Bedömning nämndmål', 'Kommentar till aktiviteten',
# 'Måluppfyllelse, delmål'.
_OF_ITEM = re.compile(r"^(.+?)(?:,\s*|\s+)(?:till\s+|for\s+|av\s+)?(aktivitet(?:en|er)?|uppdrag(?:et)?|atgard(?:en)?|"
                      r"insats(?:en)?|[a-z-]*mal(?:et|en)?)$")


def _paths() -> tuple[Path, ...]:
    extra = os.environ.get("UPPSIKT_VOCABULARY", "")
    paths = [BUILTIN]
    for folder in (Path(p) for p in extra.split(os.pathsep) if p):
        paths += sorted(folder.glob("*.toml"))
    return tuple(paths)


@lru_cache(maxsize=4)
def _load(paths: tuple[Path, ...]) -> Vocabulary:
    return Vocabulary.load(list(paths))


def vocabulary() -> Vocabulary:
    return _load(_paths())
