"""How one line or cell of a follow-up report is read with the vocabulary and the label schemes, whatever is
open in the walk: an activity's line ('Titel – Status (start – slut)'), a status or level at a line's end or
start, a mark before a label, dates in a field, a table's header row."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.documents.colours import COLOUR_WORDS
from corpus.documents.model import HEADING, PARAGRAPH, TABLE, Block
from corpus.interpret.legend import LEADING_MARK
from corpus.interpret.vocabulary import Vocabulary
from corpus.labels import LabelMatch, LabelSchemes
from corpus.model import ParsedActivity
from corpus.reportdate import VAGUE_TIME, compact_dates, written_date, written_span
from corpus.text import squash

ISO = r"(20\d\d-\d\d-\d\d)"
DATE_PAIR = re.compile(rf"{ISO}\s*(?:-|–|—|→|till|to)?\s*{ISO}")
ONE_DATE = re.compile(ISO)
# A start said as a season, a week or a month, no day ('hösten 2025 – ', 'v. 8 – ', 'mars 2026 – '): no start date.
_VAGUE_START = re.compile(rf"\s*{VAGUE_TIME}\s*[–—-]\s*", re.I)
TITLE_DATES = re.compile(rf"^(.*?\S)\s*(?:\(|,)?\s*{ISO}\s*(?:-|–|—|till)?\s*{ISO}\s*\)?\s*$")

NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$")

# A table-of-contents line: a title, dot leaders (or a tab) and a page number.
TOC_LINE = re.compile(r"(\.{3,}|…{2,}|\s\.\s\.\s\.)\s*\d{1,3}\s*$")


SENTENCE_WORDS = 8  # a heading ending in a full stop with this many words is a sentence


def heading_like(block: Block, text: str, words: Vocabulary) -> bool:
    """A heading, or a bold paragraph short enough to be one that is no field line ('Status: …') and no word that
    no level is given ('**Bedömning saknas**' beside a goal's symbol)."""
    if block.kind == HEADING:
        # A whole sentence set large (a slide's note, 'Vid delåret 2031 var prognosen att …') is no heading.
        return not (text.rstrip().endswith(".") and len(text.split()) >= SENTENCE_WORDS and not words.heading_kind(text))
    return (block.bold and block.kind == PARAGRAPH and len(text) <= 200
            and not words.field_line(text) and not words.says_not_assessed(text))



REPORT_WORDS = re.compile(r"(rapport|uppföljning|redovisning|berättelse|måluppfyllelse|delår|bokslut|\binnehåll"
                           r"|^\S+\s+(kommun|stad)$|^region\s+\S+$|^\S+nämnden$)", re.I)
GOAL_WORDS = re.compile(r"\b(mål|målen|målet|målområde\w*|uppföljning|redovisning)\b", re.I)

# A header row of this many cells may hold one the vocabulary does not know ('Statuskod').
HEADER_MIN_CELLS = 5


@dataclass
class ActivityLine:
    """An activity written on one line: its title, status, dates, a clause of comment, who is responsible."""

    title: str
    status: LabelMatch
    dates: tuple[str | None, str | None] | None
    said: str
    responsible: str


COLONLESS_FIELD_LENGTH = 80


class LineReader:
    """Reads lines and cells with `words` and `labels` (the general schemes with the document's legend over them)."""

    def __init__(self, words: Vocabulary, labels: LabelSchemes) -> None:
        self.words = words
        self.labels = labels

    def tabbed_level(self, text: str) -> tuple[str, LabelMatch | None] | None:
        """A heading with its level set after a tab, as a right-aligned tab stop prints it ('Titel\t● Gult ljus',
        'Titel\tInget ljus (ej bedömt)'): the title and the level (None where it says none); None where the text
        after the last tab is no level."""
        head, tab, tail = text.rpartition("\t")
        said = re.sub(r"^[^\wåäöÅÄÖ]+", "", tail).strip()
        if not tab or not head.strip() or not said:
            return None
        note = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", said)
        if self.words.says_not_assessed(said) or (note and (self.words.says_not_assessed(note.group(1))
                                                            or self.words.says_not_assessed(note.group(2)))):
            return squash(head), None
        found = self.labels.match("goal", said)
        return (squash(head), found) if found is not None else None

    def labelled_dates(self, text: str) -> tuple[str | None, str | None, str]:
        """'start 2025-01-13, slut 2025-12-12', 'start 2025-03-04, slut ej fastställt': the dates its parts label,
        and what is left that is no date or open end."""
        start = end = None
        left: list[str] = []
        for part in re.split(r"\s*[,;·]\s*", text.strip(" .")):
            field = self.words.dated_field(part)
            role = self.words.date_role(field.split(":", 1)[0]) if field else None
            if field and role in ("start", "end"):
                day = ONE_DATE.search(field)
                start, end = (day.group(1), end) if role == "start" else (start, day.group(1))  # type: ignore[union-attr]
            elif part and not self.words.leaves_end_open("– " + part):  # 'slut ej fastställt', 'löpande'
                left.append(part)
        return start, end, ", ".join(left)

    def title_and_status(self, text: str) -> ActivityLine | None:
        """'Titel – Status (start – slut)', 'Titel: status, start–slut' or 'Titel (Status)': an activity's line;
        a status may go on with a clause of comment ('Titel – ej påbörjad, planeras till hösten') or its dates
        written out; 'Titel (ansvarig) – Status': who is responsible, in parentheses after the title."""
        dates: tuple[str | None, str | None] | None = None
        if (pair := DATE_PAIR.search(text)) is not None:
            dates = (pair.group(1), pair.group(2))
            text = squash((text[:pair.start()] + text[pair.end():]).replace("()", ""))
        text = text.rstrip(" ,;.–—-")
        if (bracketed := re.match(r"^(.{3,200}?)\s*\[([^\[\]]{2,40})\]\s+(\S.*)$", text)) is not None and \
                (status := self.labels.match("activity", bracketed.group(2))) is not None:
            # 'Titel [Pågår enligt plan] start 2025-01-13, slut 2025-12-12': the status in brackets, then its
            # dates as labelled parts.
            title, responsible = self.split_responsible(bracketed.group(1).strip(" *"))
            start, end, said = self.labelled_dates(bracketed.group(3))
            if dates is None and (start or end):
                dates = (start, end)
            return ActivityLine(title, status, dates, said, responsible)
        if (leading := re.match(r"^(.{2,40}?)\s+[–—-]\s+(\S.{2,200})$", text)) is not None and \
                leading.group(1).isupper() and (status := self.labels.match("activity", leading.group(1))) is not None and \
                self.labels.match("activity", leading.group(2)) is None:
            # 'LÖPER PÅ – Företagslots för nyetableringar': the status first, in capitals, as a list item leads
            # with it (a colour word before a sentence, 'Grön – Målet bedöms …', is a level line, not an activity).
            title, responsible = self.split_responsible(leading.group(2).strip(" *"))
            return ActivityLine(title, status, dates, "", responsible)
        for pattern in (r"^(.{3,200}?)\s*\[([^\[\]]+)\]$", r"^(.{3,200}?)\s+[–—-]\s+(.+?)\s*(?:\((.*)\))?$",
                        r"^(.{3,200}?):\s+(.+)$", r"^(.{3,200}?)\s*\(([^()]+)\)$"):
            match = re.match(pattern, text)
            if not match:
                continue
            said = match.group(2).strip(" ,;")
            title, responsible = self.split_responsible(match.group(1).strip(" *"))
            if (status := self.labels.match("activity", said)) is not None:
                return ActivityLine(title, status, dates, "", responsible)
            if (noted := re.fullmatch(r"(.+?)\s*\(([^()]*)\)", said)) is not None and \
                    (status := self.labels.match("activity", noted.group(1))) is not None:
                # 'Titel: pågår (2025-01-20–)', '… (mars och oktober 2025)': an open start, else a note.
                inner = noted.group(2).strip()
                single = ONE_DATE.search(inner)
                if dates is None and single and not inner[:single.start()].strip() and \
                        self.words.leaves_end_open(inner[single.end():]):
                    return ActivityLine(title, status, (single.group(1), None), "", responsible)
                if dates is None and (span := written_span(inner)) is not None:
                    return ActivityLine(title, status, span, "", responsible)
                return ActivityLine(title, status, dates, inner[:1].upper() + inner[1:], responsible)
            if (fields := self._dashed_fields(said, dates)) is not None:
                status, dates, said, who = fields
                return ActivityLine(title, status, dates, said, responsible or who)
            head, _, rest = said.partition(", ")
            if rest and (status := self.labels.match("activity", head)) is not None:
                if dates is None and (span := written_span(rest)) is not None:
                    return ActivityLine(title, status, span, "", responsible)
                single = ONE_DATE.search(rest)
                if dates is None and single and not rest[single.end():].strip(" .") and \
                        (role := self.words.date_role(rest[:single.start()])) in ("start", "end"):
                    # 'Titel (Pausad, från 2025-01-15)': one end of its dates.
                    one = (single.group(1), None) if role == "start" else (None, single.group(1))
                    return ActivityLine(title, status, one, "", responsible)
                return ActivityLine(title, status, dates, rest[:1].upper() + rest[1:], responsible)
        return None

    def _dashed_fields(self, said: str, dates: tuple[str | None, str | None] | None
                       ) -> tuple[LabelMatch, tuple[str | None, str | None] | None, str, str] | None:
        """'Genomförd – Ansvarig: enhetschef öppenvård – från 2025-04-01' after a title: the status first, then
        fields, dates and notes set apart by dashes; None where the first part is no status."""
        parts = [p.strip() for p in re.split(r"\s+[–—-]\s+|\s*·\s*", said) if p.strip()]
        if len(parts) < 2 or (status := self.labels.match("activity", parts[0])) is None:
            return None
        who, notes = "", []
        for part in parts[1:]:
            field = self.words.field_line(part)
            single = ONE_DATE.search(part)
            if field is not None and field[0] == "responsible":
                who = field[1]
            elif dates is None and (span := written_span(part)) is not None:
                dates = span
            elif dates is None and single and self.words.date_role(part[:single.start()]) in ("start", "end"):
                role = self.words.date_role(part[:single.start()])
                dates = (single.group(1), None) if role == "start" else (None, single.group(1))
            elif dates is None and (one := self._labelled_written_date(part)) is not None:
                dates = one  # 'från 3 mars 2025', 'till och med 19 december 2025': one end, in words
            else:
                notes.append(part)
        return status, dates, ". ".join(notes), who

    def _labelled_written_date(self, part: str) -> tuple[str | None, str | None] | None:
        """'från 3 mars 2025' → (start, None); 'till och med 19 december 2025' → (None, end)."""
        found = re.match(r"^(\D{2,30}?)\s+(?:den\s+)?(\d{1,2}\s+[a-zåäö]+\.?\s+\d{4})$", part.strip())
        if found is None or (role := self.words.date_role(found.group(1))) not in ("start", "end") or \
                (day := written_date(found.group(2))) is None:
            return None
        return (day, None) if role == "start" else (None, day)

    def split_responsible(self, title: str) -> tuple[str, str]:
        """'Titel (enhetschef LSS)': the title and who is responsible, where the parentheses name a role or unit
        ('Lovskola (pilot)', 'Etapp (fas 2)' keep theirs)."""
        who = re.fullmatch(r"(.{3,200}?)\s*\(([^()]{2,60})\)", title)
        if who is None or self.labels.match("activity", who.group(2)) is not None or re.search(r"\d", who.group(2)) \
                or not self.words.names_a_role(who.group(2)):
            return title, ""
        return who.group(1), who.group(2)

    def status_at_end(self, text: str) -> tuple[int, LabelMatch] | None:
        """A status closing a line of a title ('Kulturgaranti för förskoleklass Genomförd'): how many words it
        takes, the longest first, and the label; None where the line ends a sentence or in no status."""
        words = text.split()
        if text.endswith("."):
            return None
        # The status starts with a word or a symbol, never with the end of the title ('(etapp 2) – Klar').
        # ('start 2025-01-07, löpande': a word that leaves the end open after a date is its time, not a status.)
        return next(((n, found) for n in range(min(4, len(words) - 2), 0, -1)
                     if not re.match(r"[\d(),.;:–—-]", words[-n])
                     and not (n == 1 and re.search(r"\d,?$", words[-2]) and self.words.leaves_end_open("– " + words[-1]))
                     and (found := self.labels.match("activity", " ".join(words[-n:]))) is not None), None)

    def leading_status(self, text: str) -> tuple[LabelMatch | None, str]:
        """The status a short line opens with ('Vilande från', 'Planerad vecka 26–27'), and the words after it."""
        words = text.split()
        for n in range(min(5, len(words)), 0, -1):
            if (found := self.labels.match("activity", " ".join(words[:n]))) is not None:
                return found, " ".join(words[n:])
        return None, text

    def colonless_field(self, text: str) -> str | None:
        """A level or status after its label without a colon ('Måluppfyllelse Gul cirkel', where a picture's
        alternative text follows the label): the field line it is ('Måluppfyllelse: Gul cirkel'); None otherwise."""
        words = text.split()
        if ":" in text or len(text) > COLONLESS_FIELD_LENGTH:
            return None
        for n in range(1, min(4, len(words))):
            label, value = " ".join(words[:n]), " ".join(words[n:])
            role = self.words.role(label)
            kind = "goal" if role in ("assessment", "prognosis") else "activity" if role == "status" else None
            if kind is not None and self.labels.match(kind, value) is not None:
                return f"{label}: {value}"
        return None

    def unmarked_field(self, text: str) -> str:
        """A field line without the status mark before it ('Grön Bedömning: Uppfyllt' → 'Bedömning: Uppfyllt')."""
        marked = LEADING_MARK.match(text)
        return marked.group(2) if marked and self.words.field_line(marked.group(2)) else text

    def leading_level(self, title: str) -> tuple[str, LabelMatch | None]:
        """A goal title after a symbol that states its level ('🟡 Invånare får rätt stöd', as a legend explains):
        the title and the level; a symbol that is no level (⚪ 'not assessed') is taken off with none."""
        mark = re.match(r"^([^\w\s]{1,3})\s+(\S.{3,})$", title)
        if mark is None:
            # 'Gul Alsvedala är en attraktiv kommun …': a coloured shape before the title, read as its colour; the
            # title after it opens with a capital of its own.
            mark = re.match(rf"^({'|'.join(sorted(COLOUR_WORDS))})\s+([A-ZÅÄÖ0-9]\S*\s.{{3,}})$", title)
        if mark is None or not self.labels.is_label(mark.group(1)):
            return title, None
        return mark.group(2), self.labels.match("goal", mark.group(1))

    def unmarked(self, text: str) -> str:
        """A heading without the status mark before its item's label ('◐ Mål 1 …' → 'Mål 1 …'); a heading that
        only starts with a colour word ('Grön omställning') stays as it is."""
        marked = LEADING_MARK.match(text)
        if marked and (kind := self.words.heading_kind(marked.group(2))) and kind[0] in ("goal", "subgoal", "activity"):
            return marked.group(2)
        return text

    def trailing_level(self, title: str) -> tuple[str, LabelMatch | None]:
        """A goal title with its level set after it on the same line ('Fler resor … Målet nås', '… Ingen
        prognos'), as a scorecard's coloured box prints: the title and the level (None where it says none)."""
        if (said := re.match(r"^(.{6,}?)\s*\(([^()]{2,40})\)$", title)) and (
                (found := self.labels.match("goal", said.group(2))) is not None
                or self.words.says_not_assessed(said.group(2))):
            return said.group(1), found  # 'Kulturen når fler (Delvis uppfyllt)': an icon's text after the title
        if (said := re.match(r"^(.{6,}?)\s*[:–—]\s+\**([^:*]{2,40}?)\**\s*\.?$", title)) and (
                (found := self.labels.match("goal", said.group(2))) is not None
                or self.words.says_not_assessed(said.group(2))):
            return said.group(1), found  # 'Mål 1 Alla barn utvecklas: **Nås delvis**' in an overview list
        words = title.split()
        for n in range(min(6, len(words) - 2), 0, -1):  # the title keeps two words at least
            tail = " ".join(words[-n:])
            if self.words.says_not_assessed(tail):
                return " ".join(words[:-n]), None
            drawn = n == 1 and re.fullmatch(r"[^\w\s]{2,10}", tail) is not None  # '●●●○○' after the title
            if (drawn or (tail[:1].isupper() and len(tail) >= 6)) and (found := self.labels.match("goal", tail)):
                return " ".join(words[:-n]), found
        return title, None

    def title_fields(self, kind: str, text: str) -> tuple[str, list[tuple[str, str]]]:
        """A labelled item's line as its title and the fields it goes on with: named ones ('…, status: klar,
        klart: 2025-03-31') or a bare level after a dash ('Nämndmål 1.1: … – Delvis uppfyllt')."""
        title, fields = self.words.trailing_fields(text)
        if not fields and (match := re.match(r"^(.{3,}?)\s+[–—]\s+([^–—]{2,60})$", text)) and \
                self.labels.match(kind, match.group(2).strip(" .*")) is not None:
            title, fields = match.group(1), [("status" if kind == "activity" else "assessment",
                                              match.group(2).strip(" .*"))]
        return title.strip(" *"), fields

    def split_title_dates(self, title: str) -> tuple[str, tuple[str | None, str | None] | None]:
        """A title with its dates after it ('Titel (2024-09-02–2025-11-28)', 'Titel (från 2025-03-03)', 'Titel
        (planerad start hösten 2025)'): the title and the full dates it states; a time said in words goes."""
        match = TITLE_DATES.match(title)
        if match:
            return match.group(1).rstrip(" ,–-"), (match.group(2), match.group(3))
        timed = re.fullmatch(r"(.{3,}?)\s*\(([^()]{3,60})\)", title)
        if timed is not None and (role := self.words.date_role(re.split(r"\s+(?=\d|\b(?:hösten|våren|sommaren|vintern)\b)",
                                                                        timed.group(2), maxsplit=1)[0])):
            single = ONE_DATE.search(timed.group(2))
            day = single.group(1) if single else None
            return timed.group(1), ((day, None) if role == "start" else (None, day)) if day else None
        # 'Påbörjad, fr.o.m. 2025-02-17', 'Titel t.o.m. 2025-06-30': a date its label says is the start or the end.
        labelled = re.fullmatch(rf"(.{{3,}}?),?\s+(\S+(?:\s+(?:o|och)\s+\S+)?)\s+{ISO}\s*", title)
        if labelled is not None and (role := self.words.date_role(labelled.group(2))) in ("start", "end"):
            day = labelled.group(3)
            return labelled.group(1), ((day, None) if role == "start" else (None, day))
        return title, None

    def read_dates(self, activity: ParsedActivity, role: str, value: str, whole: bool = False) -> bool:
        """The dates a field or a line gives an activity; `whole`: the line is only dates (else it is a comment).
        Whether any was read."""
        value = compact_dates(value)  # '20230206–20230630', '24-02-05 – 24-06-28'
        pair = (DATE_PAIR.fullmatch if whole else DATE_PAIR.search)(value)
        single = ONE_DATE.search(value)
        day = single.group(1) if single else written_date(value)
        if role == "dates" and pair:
            activity.start, activity.end = pair.group(1), pair.group(2)
        elif role == "dates" and len(days := ONE_DATE.findall(value)) == 2 and \
                self.words.date_role(value[:value.index(days[0])]) == "start" and \
                self.words.date_role(value[value.index(days[0]) + len(days[0]):value.rindex(days[1])]) == "end":
            activity.start, activity.end = days  # 'fr.o.m. 2027-01-11 t.o.m. 2027-06-30': each after its label
        elif role == "dates" and (span := written_span(value) or written_span(re.split(r"\.\s+", value)[0].rstrip("."))):
            activity.start, activity.end = span
        elif role == "dates" and (opened := re.match(r"^(.{6,24}?)\s*([–—-].*)$", re.split(r"\.\s+", value)[0].rstrip("."))) \
                and (begun := written_date(opened.group(1))) and self.words.leaves_end_open(opened.group(2)):
            activity.start = begun  # '4 januari 2027 – tills vidare': begun, written out, no end set
        elif role == "dates" and single and (re.fullmatch(r"\s*[–—→-]+\s*", value[:single.start()]) or
                                             _VAGUE_START.fullmatch(value[:single.start()])) and \
                not value[single.end():].strip(" ."):
            activity.end = single.group(1)  # '→ 2028-11-30', 'hösten 2025 – 2026-03-31': only its end set
        elif role == "dates" and single and (not whole or not value[:single.start()].strip()) \
                and self.words.leaves_end_open(value[single.end():]):
            activity.start = single.group(1)  # '2024-09-01–', '2024-02-01 – tills vidare': begun, no end set
        elif role == "dates" and single and (not whole or not value[single.end():].strip()
                                             or self.words.leaves_end_open("– " + value[single.end():].strip(" ,–-"))) \
                and self._end_said(value[:single.start()]) in ("start", "end"):
            # 'Klart senast 2025-05-31', 'Från 2025-02-01', 'Planerad start 2025-01-01', 'Från 2026-03-01, löpande',
            # 'Löpande från 2038-01-01': one end of it.
            setattr(activity, self._end_said(value[:single.start()]) or "end", single.group(1))
        elif role == "dates" and (one := self._labelled_written_date(re.split(r"[,;]", value)[0])) is not None:
            # 'från den 3 mars 2028, slutdatum inte bestämt': one end, written out after its label.
            activity.start, activity.end = one[0] or activity.start, one[1] or activity.end
        elif role == "dates" and not whole and day and (single and value.strip(" .") == single.group(1) or
                                                        written_date(value.strip(" .")) == day and not single):
            activity.start = activity.end = day  # 'Tid: 4 juni 2046' (a field of its time): a span of one day
        elif role == "start" and day:
            activity.start = day
        elif role == "end" and day:
            activity.end = day
        else:
            return False
        return True

    def _end_said(self, label: str) -> str | None:
        """Which end a date's label names ('Från', 'Klart senast'), also after words that leave the other end open
        ('Löpande från')."""
        said = self.words.date_role(label)
        words = label.split()
        if said is None and len(words) >= 2 and self.words.leaves_end_open("– " + words[0]):
            said = self.words.date_role(" ".join(words[1:]) + " ")
        return said

    def read_label(self, kind: str, text: str) -> tuple[LabelMatch | None, str]:
        """A field's value as a label of `kind`: the whole value, else a label opening it (and the rest)."""
        found = self.labels.match(kind, text)
        if found is None and (opening := self.labels.opening(kind, text, field=True)):
            return opening
        return found, ""

    def header_row(self, row: list[str]) -> bool:
        """A row of column labels, naming an item's column and others: all of them, or in a row of at least
        HEADER_MIN_CELLS cells all but one ('Nämndmål | Bedömning | … | Statuskod')."""
        cells = [squash(c) for c in row if squash(c)]
        roles = [self.words.role(c) for c in cells]
        known = sum(1 for role in roles if role)
        enough = known == len(cells) or (len(cells) >= HEADER_MIN_CELLS and known >= len(cells) - 1)
        return len(cells) >= 2 and enough and bool({"activity", "goal", "subgoal"} & set(roles))

    def _names_item(self, row: list[str]) -> bool:
        cells = [squash(c) for c in row if squash(c)]
        return len(cells) == 1 and squash(row[0]) == cells[0] and (
            self.words.level_cell(cells[0]) is not None or self.words.lists_top_goals_activities(cells[0])
            or self.words.role(cells[0]) in ("goal", "subgoal"))

    def split_at_headers(self, block: Block) -> list[tuple[Block, int]]:
        """A table that heads a second table inside it ('Indikator | Utfall …' rows, then 'Aktiviteter | Tid |
        Status' and the activities): one table per header row, each with the offset of its first row."""
        if block.rows and all(len(row) == 2 for row in block.rows) and (
                self.words.role(squash(block.rows[0][0])) == "item_kind" or
                sum(bool(self.words.role(squash(row[0]))) for row in block.rows) >= max(3, len(block.rows) - 1)):
            # A record of fields ('Typ | Mål', 'Nivå | Nämndmål', …; 'Mål nr | 1.1', 'Typ av mål | Nämndmål', …):
            # one item, not two tables.
            return [(block, 0)]
        starts = [0] + [r for r, row in enumerate(block.rows) if r > 0 and self.header_row(row)
                        and [squash(c).lower() for c in row] != [squash(c).lower() for c in block.rows[0]]]
        if len(starts) > 1:
            # Forms and activity tables one after the other on a sheet: a row that names the next item alone
            # ('Nämndmål 1.2', 'Aktiviteter direkt under målet', 'Nämndmål') starts a part of its own.
            starts = sorted(set(starts) | {r for r, row in enumerate(block.rows) if r > 0 and self._names_item(row)})
        return [(Block(TABLE, rows=block.rows[a:b], page=block.page, bold=block.bold), a)
                for a, b in zip(starts, [*starts[1:], len(block.rows)], strict=True)]
