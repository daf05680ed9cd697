"""One interpreter of follow-up reports over the document model: goals, sub-goals and activities found by
the report's own structure (numbered or labelled headings, tables whose columns the vocabulary names, field
lines 'Status: …'), statuses and levels read through the label schemes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from corpus.documents.colours import COLOUR_WORDS
from corpus.documents.model import HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block, Document, trimmed_row
from corpus.interpret.legend import COLOUR_PREFIX, LEADING_MARK, STATUS_CODE, LegendReader
from corpus.interpret.lines import (
    DATE_PAIR,
    NUMBER,
    ONE_DATE,
    TOC_LINE,
    LineReader,
    heading_like,
)
from corpus.interpret.plan import ReportPlan
from corpus.interpret.vocabulary import FIELD_SEPARATOR, Vocabulary, vocabulary
from corpus.labels import SHARE, LabelMatch, LabelSchemes, SchemeEntry, combined_status, schemes, status_with_completion
from corpus.model import (
    LINE_CONTENT,
    LINE_HEADER,
    LINE_TABLE_HEADER,
    LINE_TOC,
    LINE_UNPARSED,
    ParsedActivity,
    ParsedGoal,
)
from corpus.reportdate import compact_dates, slashed_dates
from corpus.text import fold, squash

_TAB_PAGE = re.compile(r"\S\t+\s*\d{1,3}\s*$")
MIN_CONTENTS_ROWS = 3
# Rows of fields under a row of activities' titles that make a table turned, an activity a column.
MIN_TURNED_FIELDS = 3


def _contents_table(rows: list[list[str]]) -> bool:
    """A table of contents read as a table: each row a title with dot leaders and a page, or (Word's plain text,
    'number TAB title TAB page') rows that each end in a page number, the pages never going back."""
    if all(TOC_LINE.search(" ".join(row) if row[-1].strip().isdigit() else "\t".join(row)) for row in rows):
        return True
    if len(rows) < MIN_CONTENTS_ROWS or any(len(row) < 2 or not re.fullmatch(r"\d{1,3}", row[-1].strip())
                                            or not re.search(r"[^\W\d_]{3}", row[-2]) for row in rows):
        return False
    pages = [int(row[-1]) for row in rows]
    return pages == sorted(pages)


# A sub-goal numbered after its goal: '1a', '1 b)', '1.2' (the goal's number, then a letter or a number).
_SUB_NUMBER = re.compile(r"^(\d{1,2})(?:\s?([a-h])\)?|\.(\d{1,2}))\s+([A-ZÅÄÖ].*)$")
# 'Nämndmål 1.1: …', 'Kommunfullmäktiges mål 2 – …': the number after an item's label.
_LABELLED_NUMBER = re.compile(r"^\S+(?:\s+\S+)??\s+(\d+(?:\.\d+)*)\s*(?:[:.–\-]|\s+(?=[A-ZÅÄÖ]))")
# A column headed by a goal's number, a mark in it placing the row's activity under that goal ('X' under '1.1').
_MARK_ROLE = "goal_mark:"
_NOTE_ROLES = frozenset({"comment", "description", "responsible"})  # fields noted under an item's title
_OPTION_ROLE = "status_option:"  # a column of one status, marked in the rows it applies to
PIVOT_BLANKS = frozenset({"(tom)", "(tomt)", "(blank)", "(blanks)"})  # a pivot table's empty field, Swedish and English
_BOARD_ROLE = "status_column:"  # a board's column of one status, holding the titles of the activities in it
MIN_BOARD_COLUMNS = 3
# A time in brackets after a title ('… [2024-09-02 – 2025-03-31]', '… [2025-03-03 – ]', '… (hösten 2024 – 2025-12-31)').
_BRACKETED_TIME = re.compile(r"^(.*?\S)\s*[\[(]([^\[\]()]*\d{4}[^\[\]()]*)[\])]\s*$")
# A mark in a box or cell ('X', 'x', '✓'), and a yes or no ('Ja', 'Nej').
TICK = re.compile(r"[xX✓✔☒●]")
YES_NO = {"ja": True, "yes": True, "j": True, "nej": False, "no": False, "n": False}
# A row of one cell that is a sentence (a full stop at its end, and a figure or four words at least): a note.
_COMMENT_ROW = re.compile(r"^(?=.*(?:\d|(?:\S+\s+){3}\S)).+\.$", re.S)
# The columns that make a table one of goals or activities ('item': 'Mål / aktivitet', one or the other a row).
_ITEM_COLUMNS = frozenset({"activity", "goal", "subgoal", "item"})
# Roles a table may give one column per follow-up; the last filled column says it.
_LATEST_WINS = frozenset({"assessment", "prognosis", "status"})
# A tree node's mark before its title ('◆ Titel', '▪ Titel'): one or two symbols, then the title.
_NODE_MARK = re.compile(r"^([^\w\s«»()\[\]\"'„”“–—\-•·*+]{1,2})\s+(\S.*)$")
# How many rows of an export's own facts ('Plan name', 'Plan ID', 'Export date') may stand over its header.
_EXPORT_FACTS = 5
# A goal's number at the start of a name ('M1.1 Ledningsnät', a task bucket named by the goal it serves).
_NAMED_NUMBER = re.compile(r"\s*(?:[A-ZÅÄÖ]{1,3}[-\s]?)?(\d{1,2}(?:\.\d{1,2}){0,3})\s+(?=[A-ZÅÄÖa-zåäö])")
# A goal's number as a table cell states it: '2', '1.1', '2.0' (a number a spreadsheet stored as one), or as a
# code with a letter or two before it ('M1.2', 'NM 2').
_ITEM_NUMBER = re.compile(r"\s*(?:[A-ZÅÄÖ]{1,3}[-\s]?)?(\d{1,2}(?:\.\d{1,2}){0,3}?)(?:\.0)?\s*")
# A field's value, then the comment's sentences ('Pågår enligt plan. Hittills har …'); the stop of an abbreviation
# ('fr.o.m. 2027-01-11') ends no value.
_VALUE_THEN_SENTENCE = re.compile(r"^(.+?(?<![.\s]\w))\.\s+([A-ZÅÄÖ0-9].+)$")
# An activity's code, its goal's number before its own ('AK1.2.1', 'A 2.0.1', '1.1.3').
# (Three parts at least: 'Nr 1.2' beside an activity may be its goal's number, not its own.)
_ACTIVITY_CODE = re.compile(r"(?:[A-Za-zÅÄÖåäö]{1,4}[\s-]?)?(\d{1,2}(?:\.\d{1,2}){2,3})\.?")
# A label and a number ('Delmål 1.2', 'mål 1'), which name a goal where the label is a goal's.
_LABEL_NUMBER = re.compile(r"([^\d\W][\w-]{1,30})\s+(\d{1,2}(?:\.\d{1,2}){0,3})\b")
# A line of a cell that is a sentence of its own: a capital, words, a full stop ('Andelen … var 71 procent.').
_SENTENCE_LINE = re.compile(r"^[A-ZÅÄÖ0-9][^\n]{30,}[.!?]$")
# An item's number cell that points up to the goal it belongs to ('↳ 1.2', '└ 2').
_SERVES_MARK = re.compile(r"^[↳⤷└→]\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?$")
# A row repeated atop a page to say whose rows go on there ('Mål 2 (forts.)', 'Mål 2, forts.').
_CONTINUED = re.compile(r"\s*[,(]?\s*(?:forts\.?|fortsättning|fortsätter)\s*\)?\s*$", re.I)
# The longest level field ('Läge: Igångsatt – ligger efter') read apart from the fields written after it.
MAX_LEVEL_FIELD = 80
ITEM_ROLES = ("status", "assessment", "prognosis", "comment", "description", "responsible", "start", "end", "dates",
              "measure")


@dataclass
class _Open:
    """The item fields are being written to, and the field that paragraphs continue."""

    goal: ParsedGoal | None = None
    activity: ParsedActivity | None = None
    role: str | None = None
    goal_level: int | None = None  # heading level of the goal headings
    activity_level: int | None = None
    # 'NÄMNDMÅL 1.1' on a line of its own: the level and number of the goal whose heading follows.
    placed: tuple[str, str] | None = None
    placed_level: str | None = None  # 'MÅL 1 | I hög grad uppfyllt': the level beside that line, for the goal
    placed_activity: bool = False  # 'Aktivitet 6' over a card: its title is an activity's
    # Under an 'Aktiviteter' label: list items are activities.
    listing: bool = False
    coded: bool = False  # the open activity was read from a status code before its title


@dataclass
class Interpretation:
    title: str
    goals: list[ParsedGoal]
    activities: list[ParsedActivity]
    prose: list[str]
    front: list[str]
    kinds: list[str]
    lines: list[str]
    warnings: list[str] = field(default_factory=list)


class ReportInterpreter:
    """Reads a Document's blocks as a follow-up report, with the vocabulary and label schemes given."""

    def __init__(self, words: Vocabulary | None = None, labels: LabelSchemes | None = None) -> None:
        self.words = self.base_words = words or vocabulary()
        self.scheme_labels = labels or schemes()
        self.labels = self.scheme_labels  # with the document's own legend over them while it is read
        self.read = LineReader(self.words, self.labels)

    # The walk ----------------------------------------------------------------------------------------------
    def interpret(self, document: Document) -> Interpretation:
        # The legend first, so that a status line it explains ('Ej i fas · 19 jan 2026 – …') sets an item's fields
        # apart; read again on the blocks as split, where any were, for which blocks it is.
        self.words = self.base_words  # (a report's own terms are added once its legend is read)
        entries, bands, legend = self._legend(document.blocks)
        self.labels = self.scheme_labels.overridden(entries, bands)
        split = self._fields_apart(self._goal_maps_apart(document.blocks))
        if len(split) != len(document.blocks):
            document = replace(document, blocks=split)
            entries, bands, legend = self._legend(document.blocks)
        lines, where = document.line_map()
        self.kinds = [LINE_UNPARSED] * len(lines)
        self.first_line: dict[int, int] = {}
        for n, (b, r) in enumerate(where):
            if r == 0:
                self.first_line[b] = n
        self.goals: list[ParsedGoal] = []
        self.activities: list[ParsedActivity] = []
        self.prose: list[str] = []
        self.front: list[str] = []
        self.warnings: list[str] = []
        self.area: str | None = None
        self.state = _Open()
        self.table_parent: ParsedGoal | None = None
        self.goals_labelled = False
        # Goals labelled as the council's ('KF-mål: …'): a board's goal labelled as such after one is its sub-goal.
        self.council_labelled: set[int] = set()
        # A flat export's ids and outline levels, kept across its tables (or its records, one table each).
        self.typed_ids: dict[str, ParsedGoal] = {}
        self.typed_outline: list[tuple[int, ParsedGoal]] = []
        self.table_rows_filled = False
        self.table_last_activity: ParsedActivity | None = None
        # Goals opened by items of a nested list, with the item's depth: an activity item serves the goal one
        # level up from it, though a sub-goal of that goal came between.
        self.list_goals: list[tuple[int, ParsedGoal]] = []
        self.activity_chapter: int | None = None  # the level of a chapter of activities listed after the goals
        self.listing_level: int | None = None  # the level of the heading 'Aktiviteter' that opened a listing
        self.skip_blocks: set[int] = set()  # blocks read with the one before them ('Nämndmål' under a goal item)
        self.tree_goals: list[tuple[int, ParsedGoal]] = []  # a drawn tree's goal nodes, with their depth
        self.drawn_tree = "├─" in document.text or "└─" in document.text  # its list items are the tree's nodes
        self.goal_item_depth: int | None = None  # the depth of the goal item whose analysis the items go on with
        self.chapter_status: LabelMatch | None = None  # a board's column in that chapter ('Pågår (4)'): its cards'
        # A document headed by one top-level heading (its title) has its chapters one level below it.
        tops = [b for b in document.blocks if b.kind == HEADING and b.level == 1]
        self.chapter_level = 2 if len(tops) == 1 and any(b.kind == HEADING and b.level == 2
                                                         for b in document.blocks) else 1
        self.follow_ups: dict[int, int] = {}  # a goal's latest follow-up whose level is read (id(goal) → 1, 2, 3)
        self.level_codes: list[str] = []  # a report's own level codes ('ÄGARDIR', 'BOLAG'), top level first
        title = ""
        self.record_title = ""  # an export of records: the title of the first record before any goal (the report's)
        self.labels = self.scheme_labels.overridden(entries, bands) if entries or bands else self.scheme_labels
        # The status codes the legend explains ('PP', 'AA'): set before an activity's title, they are its status.
        self.legend_codes = {e.written for e in entries if e.kind == "activity" and re.fullmatch(r"[A-ZÅÄÖ]{1,3}",
                                                                                                  e.written)}
        self.legend_blocks = legend.blocks_
        self.words = self.base_words.with_not_assessed(legend.unjudged_)
        self.read = LineReader(self.words, self.labels)
        self.goal_blocks, self.chapter_goals, self.unproven = ReportPlan(self.words, self.labels, self.read).plan(
            document.blocks)
        self.blocks = document.blocks
        listed: tuple[int, int] | None = None  # the last list item's depth, and how many goals there were before it
        for b, block in enumerate(document.blocks):
            if listed is not None and len(self.goals) > listed[1]:
                # A list item made a goal, however it was read: an activity's item further down, at a lower depth
                # than another goal, serves the goal whose item is nearest above it at a lower depth.
                self.list_goals.append((listed[0], self.goals[-1]))
            listed = (block.depth, len(self.goals)) if block.kind == LIST_ITEM and not block.furniture else None
            self.block_index = b
            first = self.first_line[b]
            if block.furniture:
                for n in range(first, first + len(block.lines())):
                    self.kinds[n] = LINE_HEADER
                if not (block.kind == HEADING and block.level == 0):
                    self.front.append(block.text)  # a page's running header says what the report is; 'Blad1' does not
                continue
            if b in self.skip_blocks:
                self._mark_rows(first, len(block.lines()))  # read with the block before it
                continue
            if b in self.legend_blocks:
                self.prose.append(block.text)  # the report's scale, read before the walk
                self._mark_rows(first, len(block.lines()))  # every row of a legend table, not its first alone
                continue
            if block.kind == TABLE and _contents_table(block.rows):
                self._mark_rows(first, len(block.rows), LINE_TOC)
                continue
            if block.kind == TABLE:
                for part, offset in self.read.split_at_headers(block):
                    self._table(part, first + offset)
                continue
            if block.kind == PARAGRAPH and block.text.count("\t") == 1 and \
                    self.words.role((pair := block.text.split("\t"))[0].strip()) is not None and pair[1].strip():
                # 'Mål<TAB>Fler företag …', 'Bedömning 30 april<TAB>Gul': a fact row, its label and value.
                block = replace(block, text=f"{pair[0].strip()}: {pair[1].strip()}")
            if block.kind == PARAGRAPH and (field := self.read.colonless_field(squash(block.text))) is not None:
                block = replace(block, text=field)  # 'Måluppfyllelse Gul cirkel': a picture's text after its label
            text = squash(block.text)
            if not text:
                continue
            if TOC_LINE.search(text) or _TAB_PAGE.search(block.text):
                self.kinds[first] = LINE_TOC
                continue
            # 'Delmål 1.2 · Bidrar till Mål 1', 'ÄGARDIREKTIV · MÅL 1': a level line, its level and number in one part.
            kickers = FIELD_SEPARATOR.split(text)
            kicker = kickers[0]
            placed = next((found for part in kickers[:2] if len(part) <= 60
                           and (found := self.words.level_cell(part)) is not None), None) if len(text) <= 80 else None
            if placed is not None and block.kind == HEADING and len(kickers) == 2 and \
                    self.words.level_cell(kickers[0]) is not None and not self.words.field_line(kickers[1]) and \
                    not self.words.opens_with_label(kickers[1]) and len(kickers[1].split()) >= 2:
                # 'Mål 1 · Barn och unga växer upp tryggt': the level and number, then the title, in one heading.
                text, placed = f"{kickers[0]}: {kickers[1]}", None
            if placed is not None and block.kind == PARAGRAPH and self.state.activity is not None and \
                    self._served_line(self.state.activity, text):
                self._mark(first)  # 'Mål 2' on an activity's card: the goal it serves, not a goal's level line
                continue
            if placed is not None:
                self.state.placed = placed
                self._mark(first)
                continue
            if len(kicker) <= 40 and block.kind == PARAGRAPH and self.state.goal is not None and \
                    self.words.activity_cell(kicker) is not None:
                # 'Aktivitet 6 · Uppdaterad 2025-01-28' over a card's title: the heading after it is an activity.
                self.state.placed_activity = True
                self._mark(first)
                continue
            if self.state.placed is not None and (field := self.words.field_line(text)) and \
                    field[0] in ("assessment", "prognosis"):
                # 'Måluppfyllelse: Medel' between a goal's level line and its title: that goal's level.
                self.state.placed_level = field[1]
                self._mark(first)
                continue
            if block.kind == HEADING and (field := self.words.field_line(self.read.unmarked_field(text))) and \
                    field[0] in ITEM_ROLES and (self.state.goal is not None or self.state.activity is not None):
                # '● Bedömning: I hög grad uppfyllt' set as a heading: the open item's field, its words over its
                # mark.
                self._paragraph(self.read.unmarked_field(text), Block(PARAGRAPH, text), first)
                continue
            if block.kind == PARAGRAPH and self._numbered_subgoal(text) is not None:
                # '1a Fler barn och unga har en meningsfull fritid' under 'MÅL 1 – …': goal 1's sub-goal.
                self._mark(first)
                continue
            if block.kind in (HEADING, PARAGRAPH) and self.words.lists_top_goals_activities(text) and \
                    self._own_activities(first, block.level if block.kind == HEADING else None):
                continue
            if block.kind in (HEADING, PARAGRAPH) and len(text) <= 200 and \
                    (goal := self._goal_named(self.words.goal_of_activities(text))) is not None:
                # 'Aktiviteter – Fler brukare har en aktuell genomförandeplan': the items below serve that goal.
                self._finish_activity()
                self.state.goal, self.state.listing = goal, True
                self._mark(first)
                continue
            following = next((n for n in document.blocks[b + 1:] if not n.furniture), None)
            # A bold line the next paragraph goes on from in lower case ('Öppettiderna förlängdes till klockan 18'
            # / 'måndag–torsdag. …'): a comment's bold opening sentence, wrapped, not a heading.
            wrapped = following is not None and following.kind == PARAGRAPH and following.text[:1].islower() \
                and not text.rstrip().endswith((":", ".")) and self.state.activity is not None
            # The title under a level line ('Kommunfullmäktiges mål 1' / 'Fagerholm har en säker trafikmiljö'),
            # set as a plain line as a sheet sets it: the heading of that goal.
            titled = self.state.placed is not None and block.kind == PARAGRAPH and len(text) <= 200 and \
                not text.rstrip().endswith(".") and not self.words.field_line(text) and \
                not self.words.opens_with_label(text)
            if block.kind == HEADING and _CONTINUED.search(text):
                self._mark(first)  # '5 Mål och aktiviteter (forts.)' atop a page: the section goes on
                continue
            tabbed = self.read.tabbed_level(block.text) if block.kind == HEADING and "\t" in block.text else None
            if tabbed is not None:
                text = tabbed[0]  # 'Titel<TAB>● Gult ljus': the title, its level set after it
            if (heading_like(block, text, self.words) or titled) and not wrapped:
                goals_before = len(self.goals)
                if self._heading(text, block.level if block.kind == HEADING else 7, first):
                    if tabbed is not None and len(self.goals) > goals_before and (stated := tabbed[1]) is not None:
                        self.goals[-1].assessment, self.goals[-1].assessment_raw = stated.canonical, stated.written
                    if not title and not self.goals and block.kind == HEADING and block.level > 0:
                        title = text
                    continue
            head, _, rest = block.text.partition("\n")
            labelled = self.words.heading_kind(squash(head)) if rest.strip() and block.kind == PARAGRAPH else None
            if labelled and labelled[0] != "prose" and not self.words.field_line(head) and \
                    self._goal_referred(squash(head), block.text) is None:
                # 'Aktivitet 1.2.1  Titel' on the first line of a paragraph: the rest is what follows it.
                self._heading(squash(head), 7, first)
                block = Block(PARAGRAPH, rest)
                text = squash(rest)
            if block.kind == LIST_ITEM and self._assessed_item(document.blocks, b):
                # A numbered list of goals ('1.' / 'a)'), each followed by its 'Bedömning:': the depth is the level.
                top = self._open_top_goal()
                self._finish_activity()
                self.state.goal = top if block.depth > 0 else None
                typed = NUMBER.match(text)  # '1.1. Fler äldre …': the number typed before the title is the goal's
                self._new_goal(typed.group(2) if typed else text, typed.group(1) if typed else None,
                               subgoal=block.depth > 0 and top is not None, level=9)
                self._mark(first)
                continue
            if block.kind == LIST_ITEM and self.drawn_tree and self._tree_node(document.blocks, b, block):
                self._mark(first)
                continue
            if block.kind == LIST_ITEM and self._goal_item(document.blocks, b, text):
                self._mark(first)
                continue
            if block.kind == LIST_ITEM and self.goal_item_depth == block.depth and self.state.goal is not None and \
                    self.state.activity is None and text.rstrip().endswith(".") and not NUMBER.match(text):
                # The sentences of a goal's item after its title and level: its analysis.
                self.state.goal.comment = _join(self.state.goal.comment, text)
                self._mark(first)
                continue
            self.goal_item_depth = None
            following_block = document.blocks[b + 1] if b + 1 < len(document.blocks) else None
            if block.kind == LIST_ITEM:
                self._list_level(text, block.depth, following_block)
            if block.kind == LIST_ITEM and self._list_activity(block):
                self._mark(first)
                continue
            if block.kind == LIST_ITEM and self.state.listing and self.state.goal is not None and len(text) <= 200 \
                    and not text.rstrip().endswith(".") and not self.words.field_line(text):
                self._new_activity(text, None)  # a title alone in the list under 'Aktiviteter'
                self._mark(first)
                continue
            if block.kind == PARAGRAPH and self._coded_activity(text, first):
                continue
            if block.kind == PARAGRAPH and self._titled_fields(block):
                self._mark(first)
                continue
            if block.kind == PARAGRAPH and self._status_line_activity(block):
                self._mark(first)
                continue
            goals_before = len(self.goals)
            if block.kind == LIST_ITEM:
                self._list_level(text, block.depth, following_block)
            self._paragraph(text, block, first)
        self._finish_activity()
        for goal in self.goals:
            if goal.assessment is None and goal.comment and (said := self._verdict(goal.comment)) is not None:
                goal.assessment, goal.assessment_raw = said.canonical, said.written
        for activity in self.activities:
            if activity.status is None:
                self.warnings.append(f"Aktiviteten '{activity.title}' saknar status.")
        if not title:
            title = self.record_title or next((f for f in self.front if f.strip()), "")
        return Interpretation(title, self.goals, self.activities, self.prose, self.front, self.kinds, lines,
                              self.warnings)

    def _coded_activity(self, text: str, line: int) -> bool:
        """Under a goal's 'Aktiviteter', a line that opens with a status code the report's legend explains ('PP Ny
        markanvisningspolicy', 'Grön PP …' where the code's box is coloured) is an activity with that status; a
        short lower-case line right after it is its title wrapped ('… för plan' / 'och bygg')."""
        activity = self.state.activity
        if activity is not None and self.state.coded and text[:1].islower() and len(text.split()) <= 6 and \
                not text.rstrip().endswith(".") and not activity.comment and activity.start is None:
            activity.title = f"{activity.title} {text}"
            self._mark(line)
            return True
        self.state.coded = False
        if not self.state.listing or self.state.goal is None or len(text) > 200:
            return False
        coded = STATUS_CODE.match(COLOUR_PREFIX.sub("", text, count=1))
        if coded is None or coded.group(1) not in self.legend_codes:
            return False
        found = self.labels.match("activity", coded.group(1))
        if found is None:
            return False
        activity = self._new_activity(coded.group(2), None)
        activity.status, activity.status_raw = found.canonical, found.written
        self.state.coded = True
        self._mark(line)
        return True

    def _list_level(self, text: str, depth: int, following: Block | None = None) -> None:
        """Before an activity's item in a nested list of goals: the goal whose item is nearest above it at a
        lower depth is the one it serves ('1. Mål …' / '   1. Delmål …' / '   2. Aktivitet …': goal 1's)."""
        found = self.words.field_line(text)
        kind = found[0] if found else (self.words.heading_kind(text) or (None,))[0]
        # 'Gemensam vägledning …' / 'Läge: Pågår': an item over its status line is an activity.
        # (Not where a line over the list named the goal it serves: 'Aktiviteter som hör direkt till mål 1:'.)
        status_below = following is not None and following.kind == PARAGRAPH and not self.state.listing and \
            self._status_field(following.text)
        if kind != "activity" and not status_below and \
                not (self.list_goals and self.read.title_and_status(text) is not None):
            return  # neither labelled an activity nor written as one ('Titel – Status · tid') among listed goals
        above = [goal for level, goal in self.list_goals if level < depth]
        if above and above[-1] is not self.state.goal:
            self._finish_activity()
            self.state.goal = above[-1]

    def _fields_apart(self, blocks: list[Block]) -> list[Block]:
        """A list item whose lines go on with its fields ('Mål: …' / 'Nivå: 3 av 4' / 'Status: Pågår · Start …',
        a Markdown item's lines as written) as the item and a paragraph per line after it: each line is read as
        its own, as it would be under a heading."""
        out: list[Block] = []
        for block in blocks:
            lines = block.text.split("\n")
            if block.kind == PARAGRAPH and len(lines) >= 2 and ":" not in lines[0] and \
                    self.words.role(squash(lines[0])) in ("assessment", "prognosis", "status"):
                # 'Samlad bedömning' / 'Målet är delvis nått' / 'Analys: …' (a text box's lines): the label over its
                # value, then the fields after it, each read as its own.
                out += [Block(PARAGRAPH, f"{squash(lines[0])}: {squash(lines[1])}", page=block.page)]
                out += [Block(PARAGRAPH, line, page=block.page) for line in lines[2:] if line.strip()]
                continue
            # 'Nämndmål. Prognos helår: Uppnås' under an item's title: the kind it names, then its field.
            lines = lines[:1] + [self._kind_said(line) for line in lines[1:]]
            if block.kind != LIST_ITEM or len(lines) < 2 or \
                    not any(self.words.field_line(squash(line)) or self._status_line(line) for line in lines[1:]):
                out.append(block)
                continue
            # An item whose next line is its status and time ('Igång · 2 feb 2026 – …', 'Läge: Fullgjord. Tid: …') is
            # headed by its title.
            titled = any(self._status_line(line) or self._status_field(line) for line in lines[1:2])
            out.append(replace(block, text=lines[0], bold=block.bold or titled))
            out += [Block(PARAGRAPH, line, page=block.page) for line in lines[1:] if line.strip()]
        return out

    def _kind_said(self, line: str) -> str:
        """A line that names its item's kind of goal before a field ('Kommunfullmäktiges mål. Prognos helår: …'):
        the field (the depth of the item says its level); any other line as it is."""
        said = re.match(r"^([^.:]{3,40})\.\s+(\S.*)$", line.strip())
        if said is None or self.words.role(said.group(1)) not in ("goal", "subgoal") or \
                self.words.field_line(said.group(2)) is None:
            return line
        return said.group(2)

    def _goal_maps_apart(self, blocks: list[Block]) -> list[Block]:
        """A goal map, one column per goal ('Regionfullmäktiges mål | MÅL 1 ⏎ Titel | MÅL 2 ⏎ …' over rows of
        labels: 'Uppnås målet?', 'Kommentar', 'Aktiviteter direkt under målet', 'Nämndmål'), as the lines a report
        would write it in: column by column, each row's label before its value."""
        out: list[Block] = []
        for block in blocks:
            rows = block.rows if block.kind == TABLE else []
            heads = [c.split("\n", 1) for c in rows[0][1:]] if rows and len(rows[0]) >= 3 else []
            if len(rows) < 3 or not heads or not all(len(h) == 2 and self.words.level_cell(squash(h[0])) for h in heads):
                out.append(block)
                continue
            for c in range(1, len(rows[0])):
                lines = [squash(line) for line in rows[0][c].split("\n") if squash(line)]
                for row in rows[1:]:
                    label, value = squash(row[0]), row[c] if c < len(row) else ""
                    # Fields set apart by wide spaces on one line ('Status: Avklarad   Tid: …') stay apart.
                    said = [squash(re.sub(r"\s{3,}", " · ", line.strip())) for line in value.split("\n")
                            if squash(line) and squash(line) not in "–—-"]
                    if len(said) == 1 and len(said[0]) <= 200 and not self.words.says_none(said[0]):
                        lines.append(f"{label} {said[0]}" if label.endswith("?") else f"{label}: {said[0]}")
                    elif said:
                        lines += [label, *said]
                # An activity's title and the line of its fields under it ('Status: … Tid: …') read as one item.
                merged: list[str] = []
                for line in lines:
                    if merged and (self.words.field_line(line) or ("",))[0] == "status" and merged[-1].count("\n") == 0 and \
                            not self.words.field_line(merged[-1]) and not merged[-1].endswith((".", "?")) and \
                            self.words.role(merged[-1]) is None and self.words.level_cell(merged[-1]) is None:
                        merged[-1] += "\n" + line
                    else:
                        merged.append(line)
                out += [Block(PARAGRAPH, compact_dates(line), page=block.page) for line in merged]
        return out

    def _legend(self, blocks: list[Block]) -> tuple[list[SchemeEntry], list[tuple[float, str]], LegendReader]:
        """The document's own legend: its entries, its bands of shares of the target, and the reader (whose
        `blocks_` are the legend's blocks)."""
        legend = LegendReader(self.words, self.scheme_labels)
        return legend.read(blocks), legend.bands(blocks), legend

    def _status_field(self, line: str) -> bool:
        """'Läge: Pågår', 'Status: Klar': a line that is an item's status field."""
        return (self.words.field_line(squash(line)) or ("",))[0] == "status"

    def _status_line(self, line: str) -> bool:
        """'Igång · 2 feb 2026 – tills vidare': a status and its time, set apart by a middle dot."""
        parts = FIELD_SEPARATOR.split(squash(line))
        return len(parts) > 1 and self.labels.match("activity", parts[0]) is not None

    def _mark(self, line: int, kind: str = LINE_CONTENT) -> None:
        self.kinds[line] = kind

    def _mark_rows(self, first: int, count: int, kind: str = LINE_CONTENT) -> None:
        """A table's lines, one a row from `first`."""
        for line in range(first, first + count):
            self.kinds[line] = kind

    # The document's structure, read ahead ------------------------------------------------------------------
    def _list_activity(self, block: Block) -> bool:
        """A list item 'Titel – Status (start – slut)' under a goal is an activity; lines after it its comment."""
        if self.state.goal is None:
            return False
        head, _, rest = block.text.partition("\n")
        if self.state.activity is not None and (field := self.words.field_line(squash(head))) and \
                field[0] in ITEM_ROLES:
            return False  # 'Status: Pågår enligt plan' in a list of the open activity's facts: its field
        if (labelled := self.words.heading_kind(squash(head))) and labelled[0] != "prose":
            return False  # 'Mål 2: …', 'Aktivitet: …': an item its label names, read as a heading is
        words = squash(head).split()
        ending = self.read.status_at_end(squash(head))
        if ending is not None and len(head) <= 200:
            # 'Kulturgaranti för förskoleklass Genomförd' / '15 jan 2024 – 13 dec 2024': the title, its status
            # after it, and its dates on the line below.
            title, responsible = self.read.split_responsible(" ".join(words[:-ending[0]]).rstrip(" –—-:"))
            activity = self._new_activity(title, None)
            activity.status, activity.status_raw = ending[1].canonical, ending[1].written
            if responsible:
                activity.units = [responsible]
            span = squash(rest)
            if span and not self.read.read_dates(activity, "dates", span, whole=True):
                activity.comment = span
            self.state.role = "comment"
            return True
        title, fields = self.words.trailing_fields(squash(block.text))
        if fields and any(role == "status" for role, _ in fields) and 3 <= len(title) <= 200:
            # 'Inventera avlopp. Status: Pågår enligt plan. Tidsperiod: 2024-03-04 – 2024-11-29. Hittills …':
            # an activity written as sentences of its fields.
            self._new_activity(title.strip(" *."), None)
            self._apply_fields(fields)
            return True
        if block.bold and not rest.strip() and not self.words.field_line(head) and len(head) <= 200:
            self._new_activity(squash(head).strip(" *"), None)  # a bold item alone: an activity, nothing said yet
            return True
        parsed = self.read.title_and_status(squash(head))
        if parsed is None:
            return False
        title, status, dates, said = parsed.title, parsed.status, parsed.dates, parsed.said
        # '1.1.1 Familjecentral i Norrbyn – Genomförd – …' in a list under its goal: the activity's own number.
        title = re.sub(r"^\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+(?=\S)", "", title)
        activity = self._new_activity(title, None)
        activity.status, activity.status_raw = status.canonical, status.written
        if parsed.responsible:
            activity.units = [parsed.responsible]
        if dates:
            activity.start, activity.end = dates
        if said:
            activity.comment = _join(activity.comment, said)
        if rest.strip():
            activity.comment = _join(activity.comment, "\n\n".join(squash(p) for p in re.split(r"\n\s*\n", rest)
                                                                    if p.strip()))
        self.state.role = "comment"
        return True

    def _titled_fields(self, block: Block) -> bool:
        """A title on a line of its own with the activity's fields on the lines under it ('Digital ansökan' /
        'Status: Klar · Period: 2025-10-01 → 2026-03-31' / 'Ansvarig: …'), under a goal: that activity."""
        head, _, rest = block.text.partition("\n")
        head = squash(head).strip(" *")
        if self.state.goal is None or not rest.strip() or not 3 <= len(head) <= 150 or head.endswith(".") or \
                self.words.field_line(head):
            return False
        parts = [p for line in rest.split("\n") if line.strip() for p in FIELD_SEPARATOR.split(squash(line))]
        fields = [self.words.field_line(p) for p in parts]
        if not all(fields) or not any(f[0] == "status" for f in fields if f):
            return False
        self._new_activity(head, None)
        for role, value in (f for f in fields if f):
            self._set_field(role, value)
        self.state.role = "comment"
        return True

    def _status_line_activity(self, block: Block) -> bool:
        """A paragraph under a goal that is an activity's status and title: the status on its own line above the
        title ('Påbörjad åtgärd' / 'Mobil inspektionsapp'; a web export's icon text), or 'Titel (Status)' and
        'Titel – Status' alone on one line. What follows is the activity's."""
        if self.state.goal is None:
            return False
        head, _, rest = block.text.partition("\n")
        head, rest = squash(head), squash(rest)
        if rest and "\n" not in block.text.partition("\n")[2].strip() and len(rest) <= 200 and \
                not rest.endswith(".") and (status := self.labels.match("activity", head)) is not None:
            title, said = rest, ""
        elif not rest and not self.words.field_line(head) and (parsed := self.read.title_and_status(head)) is not None \
                and len(parsed.title) <= 150 and "." not in parsed.title.rstrip("."):
            title, status, said = parsed.title, parsed.status, parsed.said
        else:
            return False
        activity = self._new_activity(title, None)
        activity.status, activity.status_raw = status.canonical, status.written
        if said:
            activity.comment = said
        self.state.role = "comment"
        return True

    # Headings ----------------------------------------------------------------------------------------------
    def _heading(self, text: str, level: int, line: int) -> bool:
        """Handle a heading; False where it is not a heading of the structure (read it as a paragraph)."""
        text = compact_dates(text)
        goal = self.state.goal
        opening = re.match(r"^(\S+(?:\s+\S+)?)\s+[a-zåäö]", text)
        if opening is not None and self.words.says_not_assessed(opening.group(1)) and not self.words.heading_kind(text):
            # 'Ej bedömd underlag för en bedömning saknas': a legend's step and its meaning, set apart.
            self.prose.append(text)
            self._mark(line)
            return True
        if (activity := self.state.activity) is not None and activity.status is None and self._status_line(text):
            # '▶ Efter plan · 20230206–20230630' set in bold under its title: the activity's status and time.
            self._paragraph(text, Block(PARAGRAPH, text), line)
            return True
        if goal is not None and self.state.activity is None and text[:1].islower() and self.goals and \
                goal is self.goals[-1] and len(text.split()) <= 6:
            goal.title = f"{goal.title} {text}"  # '1 Fler barn … meningsfull' / 'fritid': the title wrapped
            self._mark(line)
            return True
        if goal is not None and self.state.activity is None and goal.assessment is None and goal is self.goals[-1] \
                and (found := self.labels.match("goal", text)) is not None:
            goal.assessment, goal.assessment_raw = found.canonical, found.written  # its level set as a heading
            self._mark(line)
            return True
        if self.state.placed_activity:
            self.state.placed_activity = False
            self._new_activity(text, level)
            self._mark(line)
            return True
        if self.state.placed is not None and not self.words.heading_kind(text):
            # The title under its level line ('NÄMNDMÅL 1.1' / 'Fler företag ska …'): that goal.
            kind, number = self.state.placed
            stated = self.state.placed_level
            goal = self._new_goal(text, number, subgoal=kind == "subgoal" or "." in number, level=level)
            if stated and goal.assessment is None and \
                    (found := self.labels.match("goal", stated)) is not None:
                goal.assessment, goal.assessment_raw = found.canonical, found.written
            self.state.placed_level = None
            self._mark(line)
            return True
        if (unmarked := self.read.unmarked(text)) != text:
            # '◐ Mål 1 …', 'Grön Delmål 2a …': a scorecard's symbol before the item is its level or status.
            handled = self._heading(unmarked, level, line)
            mark = LEADING_MARK.match(text).group(1)  # type: ignore[union-attr]
            self._apply_mark(self.words.heading_kind(unmarked)[0], mark)  # type: ignore[index]
            return handled
        kind = self.words.heading_kind(text)
        numbered = NUMBER.match(text)
        role = self.words.role(text)
        index = self.block_index
        if level == 0:
            # A sheet of a workbook: a new part of the report, named by its sheet.
            self._finish_activity()
            self.state.goal, self.state.role = None, None
            self._mark(line)
            return True
        if role in ("activity", "goal", "subgoal", "area"):
            # 'Aktiviteter', 'Mål' alone: a label over what follows, not an item; at the top level (a sheet
            # named so) a new part of the report begins.
            if level <= self.chapter_level:
                self._finish_activity()
                self.state.goal = None
                # A chapter 'Aktiviteter' after the goals: the headings in it are activities, each placed by
                # the goal it names ('Mål: 1.2').
                self.activity_chapter = level if role == "activity" and self.goals else None
                self.chapter_status = None
            self.state.listing = role == "activity" and self.state.goal is not None
            self.listing_level = level
            self._mark(line)
            return True
        if (activity := self.state.activity) is not None and activity.status is None and \
                (found := self.labels.match("activity", text)) is not None:
            # A status set as a heading of its own under the activity's title ('Enligt plan' in colour).
            activity.status, activity.status_raw = found.canonical, found.written
            self.state.role = "comment"
            self._mark(line)
            return True
        if index in self.chapter_goals and numbered:
            self._new_goal(numbered.group(2), numbered.group(1), subgoal=False, level=level)
            self._mark(line)
            return True
        if index in self.goal_blocks:
            parent = self.state.goal
            nested = parent is not None and self.state.goal_level is not None and level > self.state.goal_level
            self._new_goal(text, None, subgoal=nested, level=level)
            self._mark(line)
            return True
        if role in ITEM_ROLES:
            self.state.role = role
            self._mark(line)
            return True
        if kind and kind[0] == "prose":
            self._finish_activity()
            self.state.goal, self.state.role = None, None
            self.prose.append(text)
            self._mark(line)
            return True
        if kind and kind[0] == "area":
            self._finish_activity()
            self.area = kind[1]
            self.state.goal = None
            self._mark(line)
            return True
        if kind and kind[0] == "activity":
            title, fields = self.read.title_fields("activity", kind[1])
            self._new_activity(title, level)
            self._apply_fields(fields)
            self._mark(line)
            return True
        if kind and kind[0] in ("goal", "subgoal"):
            self.goals_labelled = True
            # 'Nämndmål 1.1: …' is numbered after its label: the number places it under 'KF-mål 1'.
            labelled_number = _LABELLED_NUMBER.match(text)
            number = numbered.group(1) if numbered else (labelled_number.group(1) if labelled_number else None)
            # A labelled goal one level below an open goal's heading is its sub-goal ('Nämndmål' under a
            # council's goal).
            parent = self.state.goal
            while parent is not None and parent.parent_number is not None:
                parent = self._goal_numbered(parent.parent_number)
            deeper = (parent is not None and self.state.goal_level is not None
                      and self.state.goal_level < level < 7)
            if deeper:
                self.state.goal = parent
            title, fields = self.read.title_fields("goal", kind[1])
            self._new_goal(title, number, subgoal=kind[0] == "subgoal" or deeper, level=level)
            self._apply_fields(fields)
            self._mark(line)
            return True
        if index in self.unproven:
            self._finish_activity()
            self.state.goal, self.state.role = None, None
            self.prose.append(text)
            self._mark(line)
            return True
        if numbered and not ONE_DATE.search(text[:12]):
            title = numbered.group(2)
            number = numbered.group(1)
            after = next((squash(b.text) for b in self.blocks[self.block_index + 1:] if not b.furniture), "")
            stated = self.words.field_line(after)
            if "." not in number and not self.goals and self.state.goal is None and \
                    self.labels.match("goal", after) is None and \
                    not (stated is not None and stated[0] in ("assessment", "prognosis")):
                # A chapter ('2 Kommunstyrelsens mål') heads the goals that follow: not a goal itself (a goal's
                # heading has its level, or a field of it, right under it).
                self.prose.append(text)
                self._mark(line)
                return True
            self._new_goal(title, number, subgoal=False, level=level)
            self._mark(line)
            return True
        if self.activity_chapter is not None:
            column = re.sub(r"\s*\(\d+\)\s*$", "", text)
            if level > self.activity_chapter and (said := self.labels.match("activity", column)) is not None:
                # 'Planerade (2)', 'Pågår (4)': a board's column; the cards under it have its status.
                self._finish_activity()
                self.chapter_status, self.state.goal = said, None
                self._mark(line)
                return True
            if level > self.activity_chapter:
                activity = self._new_activity(text, level)
                if self.chapter_status is not None:
                    activity.status, activity.status_raw = self.chapter_status.canonical, self.chapter_status.written
                self._mark(line)
                return True
            self.activity_chapter = self.chapter_status = None  # a chapter of its own level ends it
        if self.state.listing and self.state.goal is not None and self.state.activity_level is None and \
                self.listing_level is not None and level >= self.listing_level and \
                not text.rstrip().endswith(".") and len(text) <= 150:
            # Under a goal's 'Aktiviteter' label, an unlabelled heading is an activity's title, whatever its size.
            self._new_activity(text, None)
            self._mark(line)
            return True
        # An unlabelled heading: an activity under a goal when deeper than the goal's headings, a goal when at
        # their level, and before any goal the title or a chapter of prose.
        goal_level = self.state.goal_level
        # Where goals are labelled ('Mål 2: …'), an unlabelled heading of their level under one is an activity.
        below = goal_level is not None and (level > goal_level or (level == goal_level and self.goals_labelled))
        if self.state.goal is not None and below:
            if self.state.activity_level is None or level <= self.state.activity_level:
                self._new_activity(text, level)
                self._mark(line)
                return True
            return False
        # At the goals' level, an unlabelled heading whose section holds neither an assessment nor activities
        # ('Medarbetare', 'Framtid') is a chapter of prose, not a goal.
        self._finish_activity()
        self.state.goal, self.state.role = None, None
        if not self.goals:
            self.front.append(text)
        self.prose.append(text)
        self._mark(line)
        return True

    def _assessed_item(self, blocks: list[Block], index: int) -> bool:
        """A short list item whose next block states a level ('Bedömning: …', 'Prognos helår: …'): a goal."""
        text = squash(blocks[index].text)
        if len(text) > 200 or text.endswith(".") or self.words.field_line(text) or self.words.heading_kind(text):
            return False
        following = next((blk for blk in blocks[index + 1:] if not blk.furniture), None)
        found = self.words.field_line(squash(following.text)) if following is not None and \
            following.kind in (PARAGRAPH, LIST_ITEM) else None  # (a loose list's paragraph is an item's)
        return found is not None and found[0] in ("assessment", "prognosis")

    def _apply_mark(self, kind: str, mark: str) -> None:
        if kind == "activity" and (activity := self.state.activity) is not None and activity.status is None:
            if (found := self.labels.match("activity", mark)) is not None:
                activity.status, activity.status_raw = found.canonical, found.written
        elif kind != "activity" and (goal := self.state.goal) is not None and goal.assessment is None:
            if (found := self.labels.match("goal", mark)) is not None:
                goal.assessment, goal.assessment_raw = found.canonical, found.written

    def _apply_fields(self, fields: list[tuple[str, str]]) -> None:
        for role, value in fields:
            value = value.strip(" *")
            if role in ("status", "dates", "start", "end") and (said := _VALUE_THEN_SENTENCE.match(value)):
                # 'Pågår enligt plan. Hittills har …': the field's value, then the comment's sentences.
                value = said.group(1)
                self._set_field(role, value)
                self._set_field("comment", said.group(2))
                continue
            self._set_field(role, value.strip("."))
        if fields:
            self.state.role = "comment"

    def _new_goal(self, title: str, number: str | None, subgoal: bool, level: int) -> ParsedGoal:
        self._finish_activity()
        # A level line ('Mål 3') waiting for its title is answered by any goal that opens ('Mål 3' over a form).
        self.state.placed = self.state.placed_level = None
        title, _dates = self.read.split_title_dates(title)
        title, stated = self.read.trailing_level(title)
        if stated is None:
            title, stated = self.read.leading_level(title)  # '🟡 Invånare får rätt stöd'
        title = _sentence_case(title)
        known = next((g for g in self.goals if squash(g.title).lower() == squash(title).lower()), None)
        if known is not None:
            # A goal an overview table listed, now given its own section: one goal, not two.
            self.state.goal, self.state.role = known, None
            if known.parent_number is None and self.state.goal_level is None and level < 8:
                self.state.goal_level = level
            return known
        parent = None
        if number and "." in number:
            parent_number = number.rsplit(".", 1)[0]
            parent = next((g for g in reversed(self.goals) if g.number == parent_number), None)
            if parent is None and number.count(".") >= 2:
                parent = self.state.goal
            elif parent is None and (top := self._open_top_goal()) is not None and \
                    top.number.split(".")[0] != number.split(".")[0]:
                # 'Nämndmål 1.1' under '4.1 Kommunfullmäktiges mål: …' (a chapter's number, not the goal's):
                # the open top-level goal is its parent; '4.2 …' after it is that goal's sibling.
                parent = top
        elif subgoal:
            parent = self.state.goal if self.state.goal is not None and self.state.goal.parent_number is None else (
                next((g for g in reversed(self.goals) if g.number == self.state.goal.parent_number), None)
                if self.state.goal is not None else None)
        if number is None or any(g.number == number for g in self.goals):
            siblings = sum(1 for g in self.goals if g.parent_number == (parent.number if parent else None))
            taken = {g.number for g in self.goals}
            while (number := f"{parent.number}.{siblings + 1}" if parent else f"M{siblings + 1}") in taken:
                siblings += 1  # a goal moved under another ('Bidrar till: …') keeps the number it was given
        goal = ParsedGoal(number=number, title=title, parent_number=parent.number if parent else None,
                          area=self.area if parent is None else parent.area)
        if stated is not None:
            goal.assessment, goal.assessment_raw = stated.canonical, stated.written
        self.goals.append(goal)
        self.state.goal, self.state.role = goal, None
        self.state.listing = False
        if parent is None and self.state.goal_level is None and level < 8:
            self.state.goal_level = level
        return goal

    def _numbered_subgoal(self, text: str) -> ParsedGoal | None:
        """A line of its own that numbers a sub-goal of the open top-level goal ('1a Titel', '1.2 Titel' under goal
        1): that sub-goal, made the open goal. A sentence (it ends in a full stop) is not a title."""
        top = self._open_top_goal()
        numbered = _SUB_NUMBER.match(text)
        if top is None or numbered is None or len(text) > 150 or text.rstrip().endswith(".") or \
                numbered.group(1) != top.number:
            return None
        self._finish_activity()
        self.state.goal = top
        return self._new_goal(numbered.group(4), f"{top.number}.{numbered.group(2) or numbered.group(3)}",
                              subgoal=True, level=9)

    def _goal_named(self, name: str | None) -> ParsedGoal | None:
        """The goal already read that a line names by its title or its label and number ('Nämndmål 2')."""
        if not name:
            return None
        labelled = self.words.heading_kind(name)
        title = labelled[1] if labelled and labelled[0] in ("goal", "subgoal") else name
        numbered = re.fullmatch(r"(?:[^\d]*\s)?(\d+(?:\.\d+)*)\.?", name.strip())
        for goal in reversed(self.goals):
            if squash(goal.title).lower() == squash(title).lower() or (numbered and goal.number == numbered.group(1)):
                return goal
        # 'mål 1 och inte till något nämndmål': a goal's label and number, then more words about it.
        lead = _LABEL_NUMBER.match(name.strip())
        return self._goal_numbered(lead.group(2)) if lead is not None and self._names_goal_number(lead) else None

    def _names_goal_number(self, said: re.Match[str]) -> bool:
        """Whether a label and number ('Delmål 1.2', 'mål 1') name a goal, as a heading's label would."""
        return self.words.heading_kind(f"{said.group(1)} {said.group(2)}: x") is not None

    def _goal_numbered(self, number: str | None) -> ParsedGoal | None:
        """The goal read first with this number, if any."""
        return next((g for g in self.goals if g.number == number), None)

    def _open_top_goal(self) -> ParsedGoal | None:
        goal = self.state.goal
        while goal is not None and goal.parent_number is not None:
            goal = self._goal_numbered(goal.parent_number)
        return goal

    def _new_activity(self, title: str, level: int | None) -> ParsedActivity:
        self._finish_activity()
        title, dates = self.read.split_title_dates(title)
        goal = self.state.goal
        activity = ParsedActivity(title=title, goal_numbers=[goal.number] if goal else [])
        if dates:
            activity.start, activity.end = dates
        if goal is None:
            self.warnings.append(f"Aktiviteten '{title}' står inte under något mål.")
        self.activities.append(activity)
        self.state.activity, self.state.role = activity, None
        if level is not None and level < 7 and self.state.activity_level is None:
            self.state.activity_level = level
        return activity

    # Paragraphs and fields ---------------------------------------------------------------------------------
    def _paragraph(self, text: str, block: Block, line: int) -> None:
        text = self.read.unmarked_field(compact_dates(text))  # 'Röd Bedömning: Inte uppfyllt': the field says it
        state = self.state
        target_activity = state.activity
        target_goal = state.goal
        found = self.words.field_line(text)
        # 'Status: Pågår · Start 2027-01-09 · Slut 2027-12-17': a date after its label is a field without ':'.
        parts = [self.words.dated_field(part) or part for part in FIELD_SEPARATOR.split(text)]
        if found is not None and found[0] == "depth" and self.labels.match("goal", found[1]) is not None:
            found = ("assessment", found[1])  # 'Nivå: 3 av 4' under a goal: its level, not an outline depth
            text = f"Bedömning: {found[1]}"
        if found is not None and found[0] in ("assessment", "prognosis") and target_goal is not None and \
                target_activity is None and (order := self.words.follow_up_order(text.split(":", 1)[0])) is not None:
            # 'Bedömning 30 april: Gul' then 'Prognos 31 augusti: Grön': the later follow-up's level counts.
            said = found[1]  # type: ignore[index]
            # ('Prognos helår: underskott 14,6 mnkr' is a figure, no level: it leaves the stated one.)
            if order > self.follow_ups.get(id(target_goal), 0) and target_goal.assessment is not None and \
                    not (re.search(r"\d", said) and self.labels.match("goal", said) is None):
                target_goal.assessment = target_goal.assessment_raw = None
            self.follow_ups[id(target_goal)] = max(order, self.follow_ups.get(id(target_goal), 0))
        if found is not None and len(parts) > 1 and all(self.words.field_line(p) for p in parts):
            # 'Status: Pågår enligt plan | Ansvarig: planchef | Tid: …': fields on one line, each read as its own.
            for part in parts:
                self._paragraph(part, block, line)
            return
        if found is not None and found[0] in ("status", "prognosis", "assessment") and \
                (split := self.words.trailing_fields(text))[1] and len(split[0]) <= MAX_LEVEL_FIELD and \
                all(role for role, _ in split[1]):
            # 'Läge: Fullgjord. Tid: fr.o.m. … t.o.m. …': a level's field, then the item's other fields as sentences.
            self._paragraph(split[0], block, line)
            self._apply_fields(split[1])
            return
        opens = found is not None and found[0] in ("activity", "goal", "subgoal", "area")
        if opens and found[0] in ("goal", "subgoal") and target_activity is not None and \
                (served := _ITEM_NUMBER.fullmatch(found[1].strip())) is not None:  # type: ignore[index]
            # 'Mål: 1.2' among an activity's fields: the goal it serves, by its number.
            if (goal := self._goal_numbered(served.group(1))) is not None:
                target_activity.goal_numbers = [goal.number]
            self._mark(line)
            return
        if opens and self.words.says_none(found[1]):  # type: ignore[index]
            self._mark(line)  # 'Delmål: Inga delmål': the goal has none
            return
        if opens:
            text = self._field_heading(text, *found)  # type: ignore[misc]
        if target_activity is not None and self._served_line(target_activity, text):
            self._mark(line)  # 'Delmål 1.2 Avviker' on a card: the goal it serves, and its flag
            return
        if target_activity is not None and target_activity.start is None and target_activity.end is None and \
                len(text) <= 60 and (ONE_DATE.search(text) or "→" in text) and \
                self.read.read_dates(target_activity, "dates", text, whole=True):
            self._mark(line)  # '2028-03-06 → 2028-12-15' alone under its title: its time
            return
        if (referred := self._goal_referred(text, block.text)) is not None:
            # 'Mål 1. Andelen brukare … (målvärde 80 procent). …' after the goals: a comment on goal 1, not a goal.
            self._finish_activity()
            state.goal, state.role = referred[0], "comment"
            self._append("comment", referred[1])
            self._mark(line)
            return
        if (found is None or opens) and len(text) <= 200:
            # 'Mål 2: …', 'Aktivitet: …', 'Målområde: …' on a line of their own head an item as a heading does.
            heading = self.words.heading_kind(text)
            if heading and heading[0] != "prose" and self._heading(text, 7, line):
                return
        alone = self.words.role(text) if len(text) <= 40 else None
        if alone in ITEM_ROLES and (target_activity is not None or target_goal is not None):
            # 'Slutdatum' above its value (a definition list, a form laid out in two lines).
            state.role = alone
            self._mark(line)
            return
        if target_activity is None and target_goal is None and not opens:
            self.prose.append(text)
            if not self.goals:
                self.front.append(text)
            self._mark(line)
            return
        if found:
            role, value = found
            if role == "activity" and not value.strip():
                # 'Aktiviteter:' alone: a label over the list of the open goal's activities, not an activity.
                self._finish_activity()
                state.listing = state.goal is not None
            elif role == "activity":
                self._new_activity(value, None)
            elif role in ("goal", "subgoal"):
                self._new_goal(value, None, subgoal=role == "subgoal", level=7)
            elif role == "area":
                self._finish_activity()
                self.area, self.state.goal = value, None
            else:
                self._set_field(role, value)
            self._mark(line)
            return
        if target_activity is not None:
            if block.kind == LIST_ITEM and state.role is None and not target_activity.description:
                target_activity.units.append(text)
                self._mark(line)
                return
            dates = DATE_PAIR.fullmatch(text.strip())
            begun = ONE_DATE.match(text.strip())
            if dates is None and begun and target_activity.start is None and \
                    self.words.leaves_end_open(text.strip()[begun.end():]):
                target_activity.start = begun.group(1)  # '2027-03-01 – ej beslutat' on its own line: begun, no end
                self._mark(line)
                return
            if dates and target_activity.start is None:
                target_activity.start, target_activity.end = dates.group(1), dates.group(2)
                if state.role in ("start", "end", "dates"):
                    state.role = None  # 'Tid:' above its dates: the field is filled
                self._mark(line)
                return
            parts = [part.strip() for part in FIELD_SEPARATOR.split(text)]
            if target_activity.status is None and len(parts) > 1 and \
                    (status := self.labels.match("activity", parts[0])) is not None:
                # 'Genomförd · 2023-02-01 – 2023-11-30', 'Avbruten · start 2023-03-15': the status line and
                # its dates (or a note on the time) in one.
                target_activity.status, target_activity.status_raw = status.canonical, status.written
                for part in parts[1:]:
                    if (pair := DATE_PAIR.fullmatch(part)) and target_activity.start is None:
                        target_activity.start, target_activity.end = pair.group(1), pair.group(2)
                    elif target_activity.start is None and re.search(r"\d", part) and \
                            self.read.read_dates(target_activity, "dates", part, whole=True):
                        pass  # '12 jan 2026 – 30 jun 2026', '2 feb 2026 – tills vidare', '8/1–29/3 2029': the time
                    elif (single := ONE_DATE.search(part)) and self.words.date_role(part[:single.start()]):
                        setattr(target_activity, self.words.date_role(part[:single.start()]) or "end",
                                single.group(1))
                    elif part:
                        target_activity.comment = _join(target_activity.comment, part)
                state.role = "comment"
                self._mark(line)
                return
            if target_activity.status is None and state.role in (None, "description", "status") and \
                    (pair := DATE_PAIR.search(text) or ONE_DATE.search(text)) is not None:
                # 'Avviker 2022-08-15 – 2023-06-16', 'Vilande från 2023-03-01': a status and its time.
                found, rest = self.read.leading_status(text[:pair.start()])
                if found is not None and len(rest.split()) <= 1:
                    target_activity.status, target_activity.status_raw = found.canonical, found.written
                    if pair.re is DATE_PAIR:
                        target_activity.start, target_activity.end = pair.group(1), pair.group(2)
                    elif (role := self.words.date_role(rest or "slut")) in ("start", "end"):
                        setattr(target_activity, role, pair.group(1))
                    state.role = "comment"
                    self._mark(line)
                    return
            leading, when = self.read.leading_status(text) if len(text) <= 40 else (None, text)
            if target_activity.status is None and state.role is None and leading is not None:
                # 'Planerad vecka 26–27' under the title: its status, and when (no date to read).
                target_activity.status, target_activity.status_raw = leading.canonical, leading.written
                target_activity.comment = _join(target_activity.comment, when)
                state.role = "comment"
                self._mark(line)
                return
            if target_activity.status is None and state.role in (None, "description", "status"):
                status = self.labels.match("activity", text)
                if status:
                    target_activity.status, target_activity.status_raw = status.canonical, status.written
                    state.role = "comment"
                    self._mark(line)
                    return
            self._append(state.role or ("comment" if target_activity.status else "description"), text)
            self._mark(line)
            return
        goal = target_goal
        assert goal is not None
        if goal.assessment is None and state.role in (None, "assessment", "comment"):
            level = self.labels.match("goal", text)
            if level:
                goal.assessment, goal.assessment_raw = level.canonical, level.written
                state.role = "comment"
                self._mark(line)
                return
        self._append(state.role or "comment", text)
        self._mark(line)

    def _own_activities(self, line: int, level: int | None = None) -> bool:
        """'Aktiviteter direkt under målet' (a line, a heading of `level`, a table's row): the activities below are
        the open top-level goal's own, not its sub-goal's. False where no goal is open."""
        if (top := self._open_top_goal()) is None:
            return False
        self._finish_activity()
        self.state.goal, self.state.listing = top, True
        self.listing_level = level
        self._mark(line)
        return True

    def _served_line(self, activity: ParsedActivity, text: str) -> bool:
        """A line under an activity that names the goal it serves by label and number, and perhaps a flag for how
        it stands ('Delmål 1.2', 'Mål 3 Avviker'): the activity serves that goal, the flag read with its status."""
        served = re.fullmatch(rf"{_LABEL_NUMBER.pattern}(?:\s+(\S.{{1,40}}))?", text)
        if served is None or not self._names_goal_number(served) or (goal := self._goal_numbered(served.group(2))) is None:
            return False
        flag = self.labels.match("activity", served.group(3)) if served.group(3) else None
        if served.group(3) and flag is None:
            return False
        activity.goal_numbers = [goal.number]
        if flag is not None:
            _say_also(activity, flag)
        return True

    def _goal_referred(self, text: str, paragraph: str) -> tuple[ParsedGoal, str] | None:
        """A paragraph that opens by naming a goal already read by its label and number ('Mål 1. Andelen …',
        'Nämndmål 2.1: Utfallet …') and goes on in sentences: that goal, and the words after its label."""
        labelled = re.match(r"^([^\d\n]{2,30}?)\s*(\d{1,2}(?:\.\d{1,2})*)[.:]\s+(\S.*)$", text)
        if labelled is None or not paragraph.rstrip().endswith(".") or len(paragraph.split()) < 12:
            return None
        kind = self.words.heading_kind(f"{labelled.group(1)} {labelled.group(2)}: x")
        goal = self._goal_numbered(labelled.group(2))
        if kind is None or kind[0] not in ("goal", "subgoal") or goal is None or \
                squash(labelled.group(3)).lower().startswith(squash(goal.title).lower()):
            return None
        return goal, labelled.group(3)

    def _field_heading(self, text: str, role: str, value: str) -> str:
        """An item's field as the heading it stands for: the value where it names the item again ('Mål: Mål 1.
        Äldre kan …'), the label and the value where the value is numbered ('Delmål: 1.1 Fler …' → 'Delmål 1.1
        Fler …'), else the field as it is."""
        if (kind := self.words.heading_kind(value)) and kind[0] == role:
            return value
        if NUMBER.match(value) and not ONE_DATE.match(value):
            return f"{text.split(':', 1)[0].strip()} {value}"
        return text

    def _set_field(self, role: str, value: str) -> None:
        state = self.state
        state.role = role
        if not value:
            return
        if role in ("start", "end", "dates"):
            self._dates(role, value)
            state.role = None
            return
        if role in ("parent", "goal_number") and state.activity is not None and \
                (served := self._goal_named(value)) is not None:
            # 'Hör till: Delmål 2.1' on an activity's card: the goal it serves, wherever the card stands.
            state.activity.goal_numbers = [served.number]
            state.role = None
            return
        if role == "parent":
            # 'Bidrar till: Södervallsborna har en god och jämlik hälsa' under a goal: the goal it sits under.
            goal, above = state.goal, self._goal_named(value)
            if goal is not None and state.activity is None and above is not None and above is not goal \
                    and above.parent_number is None:
                goal.parent_number = above.number
            state.role = None
            return
        self._append(role, value)

    def _dates(self, role: str, value: str) -> None:
        if self.state.activity is not None:
            self.read.read_dates(self.state.activity, role, value)

    def _append(self, role: str, text: str) -> None:
        """Add text to a field of the open activity (or goal); a status or level field is read by the schemes,
        and what a status sentence says beyond its label goes to the comment."""
        activity, goal = self.state.activity, self.state.goal
        if activity is not None:
            if role in ("status", "prognosis") and activity.status is None:
                found, rest = self.read.read_label("activity", text)
                if found:
                    activity.status, activity.status_raw = found.canonical, found.written
                    self.state.role = "comment"
                    if rest:
                        activity.comment = _join(activity.comment, rest)
                    return
                self.warnings.append(f"Statusen '{text[:60]}' för aktiviteten '{activity.title}' är okänd.")
                activity.comment = _join(activity.comment, text)
                return
            if role == "prognosis" and (found := self.labels.match("activity", text)) is not None:
                # 'Påbörjad' with the prognosis 'Grön' (on plan) or 'Röd' (deviates) beside it: read together.
                _say_also(activity, found)
                return
            if role == "responsible" and (len(text.split()) <= 6 or not text.rstrip().endswith(".")):
                activity.units.extend(u.strip() for u in re.split(r"[,;\n]", text) if u.strip())
                return
            if role == "responsible":  # a sentence after the units: the comment goes on
                self.state.role = "comment"
            if role == "description":
                activity.description = _join(activity.description, text)
                return
            if role in ("start", "end", "dates") and (activity.start or activity.end) and text.rstrip().endswith("."):
                activity.comment = _join(activity.comment, text)  # a sentence after the dates: the comment
                return
            if role in ("start", "end", "dates"):
                if self.read.read_dates(activity, role, text) and self.state.role == role:
                    self.state.role = None  # 'Tid:' / '2023-09-01 – 2025-06-30': the text after it is no date
                return
            activity.comment = _join(activity.comment, text)
            return
        if goal is None:
            return
        if role == "assessment" and goal.assessment is None and self.words.says_not_assessed(text):
            goal.assessment_raw = text  # 'Ej bedömd' as stated: no prognosis beside it stands in for the level
            return
        if role == "prognosis" and goal.assessment is None and self.words.says_not_assessed(text):
            return  # 'Prognos helår: Kan ej bedömas': no level, and nothing unknown either
        if role in ("assessment", "prognosis", "status"):
            if goal.assessment is None and not (role == "prognosis" and goal.assessment_raw):
                found, rest = self.read.read_label("goal", text)
                if found:
                    goal.assessment, goal.assessment_raw = found.canonical, found.written
                    self.state.role = "comment"
                    if rest:
                        goal.comment = _join(goal.comment, rest)
                    return
                self.warnings.append(f"Bedömningen '{text[:60]}' för målet '{goal.title}' är okänd.")
                self.state.role = "comment"  # the paragraphs after an unknown level are the goal's comment, not levels
            goal.comment = _join(goal.comment, text)
            return
        if role == "measure":
            goal.measures.append(text)
            return
        if role == "comment" and goal.assessment is None and not goal.comment:
            # A comment that opens with the stated level: 'Delvis uppfyllt. Arbetet har …'.
            opening = self.labels.opening("goal", text)
            if opening:
                goal.assessment, goal.assessment_raw = opening[0].canonical, opening[0].written
                text = opening[1]
        goal.comment = _join(goal.comment, text)

    def _finish_activity(self) -> None:
        self.state.activity = None
        self.state.role = None

    # Tables ------------------------------------------------------------------------------------------------
    def _table(self, block: Block, first: int) -> None:
        if (turned := self._goal_rows_turned(block)) is not None:
            # 'Mål | 1 … | 1.1 … | 2 …' over 'Prognos helår | …' and then the activities: the goals are its
            # columns; read them as a table of goals, then the rest.
            goals, rest = turned
            self._table(goals, first)
            if rest.rows:
                self._table(rest, first + len(block.rows) - len(rest.rows))
            return
        top = trimmed_row(block.rows[0]) if len(block.rows) > 1 else []
        label, _, titled = (top[0] if len(top) == 1 else "").partition("\n")
        if titled.strip() and self.words.level_cell(squash(label)) is not None and \
                self._heading(f"{squash(label)}: {squash(titled)}", 7, first):
            # 'Regionfullmäktiges mål 1' over its title in a cell across the table: the goal whose rows follow.
            block, first = Block(TABLE, rows=block.rows[1:], page=block.page, bold=block.bold), first + 1
        cells = [squash(c) for c in block.rows[0] if squash(c)] if len(block.rows) == 1 else []
        if len(cells) >= 2 and all(self.words.field_line(c) for c in cells):
            # 'Mål: 1.2 | Ansvarig: Förskoleenheten' on one line of a layout: each cell a field of the open item.
            for cell in cells:
                self._paragraph(cell, Block(PARAGRAPH, cell), first)
            return
        while block.rows and self._level_row(block.rows[0]):
            # 'Måluppfyllelse | 67 % (Gul) | 2 av 3 indikatorer …' above the table: the open goal's level.
            self._mark(first)
            block, first = Block(TABLE, rows=block.rows[1:], page=block.page, bold=block.bold), first + 1
        if not block.rows:
            return
        head = self.words.heading_kind(squash(block.rows[0][0])) if block.rows and len(block.rows[0]) > 1 else None
        if head is not None and head[0] == "prose" and len(block.rows) > 1:
            # 'Kontrollmoment | Metod | Resultat | Åtgärd': an internal-control table, whatever its columns say.
            self._finish_activity()
            self.state.goal = None
            self.prose += ["\t".join(squash(c) for c in row) for row in block.rows]
            self._mark_rows(first, len(block.rows))
            return
        lone = trimmed_row(block.rows[0]) if len(block.rows) == 1 else []
        if len(lone) == 1 and self.words.lists_top_goals_activities(squash(lone[0])) and self._own_activities(first):
            return  # 'Aktiviteter direkt under målet' on a row of its own
        if len(lone) == 2 and (NUMBER.match(squash(lone[0])) or self.words.heading_kind(squash(lone[0]))) and (
                self.labels.match("goal", squash(lone[1])) or self.words.says_not_assessed(squash(lone[1]))
                or squash(lone[1]) in ("–", "-", "—")):
            # '1.1 Fler elever når kunskapskraven | Ej uppnått': a goal's heading with its level set in the margin.
            if self._heading(squash(lone[0]), 7, first) and self.state.goal is not None and \
                    self.state.goal.assessment is None and (found := self.labels.match("goal", squash(lone[1]))):
                self.state.goal.assessment, self.state.goal.assessment_raw = found.canonical, found.written
            return
        if len(lone) == 2 and self._margin_row(squash(lone[0]), squash(lone[1])):
            self._mark(first)
            return
        said = squash(lone[1]) if len(lone) == 2 else ""
        if said and (field := self.words.field_line(said)) is not None and field[0] in ("assessment", "prognosis"):
            said = field[1]  # 'KF-MÅL 1 | Prognos: → Uppfylls delvis': the level the field gives
        if len(lone) == 2 and (placed := self.words.level_cell(squash(lone[0]))) is not None and (
                self.labels.match("goal", said) or self.words.says_not_assessed(re.sub(r"^\W+", "", said))):
            # 'MÅL 1 | I hög grad uppfyllt' in a panel's header, the goal's title under it.
            self._finish_activity()
            self.state.placed, self.state.placed_level = placed, said
            self._mark(first)
            return
        if (header := self._export_header(block)) is not None:
            # 'Plan name | …', 'Export date | …' over a tool's export ('Task ID | Task Name | Bucket Name | …'): the
            # export's own facts, then its table.
            self._mark_rows(first, header, LINE_TABLE_HEADER)
            block, first = Block(TABLE, rows=block.rows[header:], page=block.page, bold=block.bold), first + header
        if len(block.rows) > 2 and (merged := self._two_row_header(block.rows[0], block.rows[1])) is not None:
            # Column groups over the columns, each label in the row where the sheet has it ('Mål och aktiviteter'
            # over 'Kommunfullmäktiges mål | Nämndmål | Aktivitet', 'Ansvarig' merged down over both rows).
            self._mark(first, LINE_TABLE_HEADER)
            block, first = Block(TABLE, rows=[merged, *block.rows[2:]], page=block.page, bold=block.bold), first + 1
        elif len(block.rows) > 2 and not any(self.words.role(c) for c in block.rows[0] if c) and \
                self.read.header_row(block.rows[1]):
            # Column groups over the header ('Tertial 1 (jan–apr)' over 'Bedömning | Kommentar'): the header
            # is the second row; the groups are the follow-ups the repeated columns belong to.
            self._mark(first, LINE_TABLE_HEADER)
            block, first = Block(TABLE, rows=block.rows[1:], page=block.page, bold=block.bold), first + 1
        roles = [self.words.role(cell) if cell else None for cell in block.rows[0]]
        if "activity" in roles:
            # 'Nr | Aktivitet | 1 | 1.1 | 1.2 | 2 | Status …': a column per goal already read, its number as the header;
            # a mark in it ('X') says which goal the row's activity serves.
            numbered = {g.number for g in self.goals}
            roles = [f"{_MARK_ROLE}{squash(cell)}" if role is None and squash(cell or "") in numbered else role
                     for role, cell in zip(roles, block.rows[0], strict=True)]
        # A goal-area column beside one goal column groups the goals: the areas are the goals above them (an
        # export that assesses its areas and lists activities under an area with no goal between). Beside two
        # goal columns (KF-mål, nämndmål) it stays a label of theirs.
        if "area" in roles and roles.count("goal") == 1 and "subgoal" not in roles:
            roles = ["goal" if role == "area" else role for role in roles]
        # Two goal columns ('KF-mål', 'Nämndmål'): the later ones are the goals under the first.
        goal_columns = [c for c, role in enumerate(roles) if role == "goal"]
        for c in goal_columns[1:]:
            roles[c] = "subgoal"
        if "subgoal" in roles and roles.count("assessment") >= 2:
            # 'KF-mål | Bedömning KF-mål | Nämndmål | Bedömning nämndmål': a level is that of the goal column
            # nearest before it.
            for c, role in enumerate(roles):
                owner = next((r for r in reversed(roles[:c]) if r in ("goal", "subgoal")), None)
                if role == "assessment" and owner == "goal":
                    roles[c] = "goal_assessment"
        if "activity" not in roles and roles.count("goal_number") >= 2:
            # 'Mål-id | … | Hör till' in a table of goals: the later number is the goal it sits under.
            later = [c for c, role in enumerate(roles) if role == "goal_number"][1:]
            roles = ["parent" if c in later else role for c, role in enumerate(roles)]
        if any(role in ("start", "end", "dates") for role in roles):
            block = Block(TABLE, rows=slashed_dates(block.rows, roles), page=block.page, bold=block.bold)
        if "activity" not in roles and ("goal" in roles or "subgoal" in roles):
            # A board, a goal a row and a column a status ('Klart | Pågår i fas | Ej startat | På paus'): the
            # activities stand in the column of their status, on the row of their goal.
            board = [c for c, (role, cell) in enumerate(zip(roles, block.rows[0], strict=True))
                     if role in (None, "status") and self._status_option(cell)]
            if len(board) >= MIN_BOARD_COLUMNS:
                roles = [f"{_BOARD_ROLE}{squash(block.rows[0][c])}" if c in board else role
                         for c, role in enumerate(roles)]
        if "activity" in roles or "item" in roles:
            # 'Ej påbörjad | Pågår | Genomförd | Vilande' over marks ('X'): the status is the column marked.
            options = [c for c, (role, cell) in enumerate(zip(roles, block.rows[0], strict=True))
                       if role is None and self._status_option(cell)]
            if len(options) >= 2:
                roles = [f"{_OPTION_ROLE}{squash(block.rows[0][c])}" if c in options else role
                         for c, role in enumerate(roles)]
        if "activity" in roles:
            # 'Klart' over a column of an activity table is its end date ('Status | Klart' alone is a status).
            roles = [role or (self.words.date_role(cell) if cell else None) for role, cell in
                     zip(roles, block.rows[0], strict=True)]
            # 'Analys nämndmål' beside the activity columns, or a comment column before the activity's own (the
            # goal's columns come first): the comment of the row's goal, not its activity's.
            first_activity = roles.index("activity")
            roles = ["goal_comment" if role == "comment" and (self.words.role_item(cell) == "goal" or (
                c < first_activity and "comment" in roles[first_activity:])) else role
                     for c, (role, cell) in enumerate(zip(roles, block.rows[0], strict=True))]
        open_goal = self.state.goal
        if roles.count("goal") == 1 and "subgoal" not in roles and open_goal is not None and \
                open_goal.parent_number is None and self.words.names_lower_goals(block.rows[0][roles.index("goal")]):
            # 'Nämndmål | Bedömning | Aktivitet …' under a council's goal: its rows are that goal's sub-goals.
            roles = ["subgoal" if role == "goal" else role for role in roles]
        if "depth" in roles and "title" in roles and "item_kind" not in roles:
            # 'Nivå | Regionfullmäktiges mål / Nämndmål / Aktivitet': a level column naming each row's kind in words.
            column = roles.index("depth")
            said = [squash(row[column]) for row in block.rows[1:] if column < len(row) and squash(row[column])]
            kinds = [self.words.role(v) or (self.words.heading_kind(v) or (None,))[0] for v in said]
            if said and sum(k in ("goal", "subgoal", "activity") for k in kinds) * 2 > len(said):
                roles[column] = "item_kind"
        if "item_kind" in roles and "title" in roles:
            self._typed_table(block, roles, first)
            return
        known = [r for r in roles if r]
        pairs = [trimmed_row(row) for row in block.rows]
        labelled_rows = sum(1 for r in pairs[1:] if r and self.words.role(r[0]))
        if (len(known) <= 1 or labelled_rows >= max(1, len(pairs) - 2)) and all(len(r) <= 2 for r in pairs) and \
                any(len(r) == 2 for r in pairs) and \
                sum(1 for r in pairs if r and self.words.role(r[0])) >= max(1, len(block.rows) // 2):
            # 'Label | value' rows (a Word export of one item; a sheet's cells beside their labels, padded to
            # the sheet's width).
            self._field_table(Block(TABLE, rows=[[*r, ""][:2] for r in pairs], page=block.page), first)
            return
        if "measure" in known and not (_ITEM_COLUMNS & set(known)) and self.state.goal is not None:
            self._measure_table(block, first)
            return
        if len(set(known)) < 2 or not (_ITEM_COLUMNS & set(known)):
            # Not a table of goals or activities: its text is a paragraph of the open item, or prose.
            sections = [len(row) > 1 and (self.words.heading_kind(squash(row[0])) or ("",))[0] == "prose"
                        for row in block.rows]
            if len(block.rows) > 1 and not sections[0] and sum(sections[1:]) * 2 >= len(block.rows) - 1:
                # 'Avsnitt | Text' over 'Inledning | …', 'Ekonomi | …': a header over sections of prose.
                self._finish_activity()
                self.state.goal = None
                self._mark(first, LINE_TABLE_HEADER)
                block = Block(TABLE, rows=block.rows[1:], page=block.page)
                first += 1
            for r, row in enumerate(block.rows):
                lead = squash(row[0]) if row else ""
                if len(row) > 1 and (kind := self.words.heading_kind(lead)) and kind[0] == "prose":
                    # 'Ekonomi | Resultatet per 31 augusti …': a section of prose laid out as a row.
                    self._heading(lead, 7, first + r)
                    row = row[1:]
                text = squash(" ".join(c for c in row if c))
                if text:
                    self._paragraph(text, Block(PARAGRAPH, text), first + r)
            return
        self._mark(first, LINE_TABLE_HEADER)
        top = self.state.goal
        while top is not None and top.parent_number is not None:
            top = self._goal_numbered(top.parent_number)
        self.table_parent = top
        header = [squash(c).lower() for c in block.rows[0]]
        self.table_last_activity = None
        self.table_outline: list[tuple[int, ParsedGoal]] = []
        self.row_depth: int | None = None
        self.table_rows_filled = len(header) >= 3 and any(sum(1 for c in row if squash(c or "")) >= 3
                                                          for row in block.rows[1:])
        for r, row in enumerate(block.rows[1:], start=1):
            if [squash(c).lower() for c in row] == header:
                self._mark(first + r, LINE_TABLE_HEADER)
                continue
            cells = dict(zip(range(len(row)), row, strict=False))
            if self._row(roles, cells):
                self._mark(first + r)
        # A table of one activity (its head and one row, as 004's form sets each activity) goes on below it:
        # the units, description, status and comment that follow are that activity's.
        if len(block.rows) == 2 and "activity" in roles and self.activities and self.state.goal is not None:
            self.state.activity, self.state.role = self.activities[-1], None

    def _tree_node(self, blocks: list[Block], index: int, block: Block) -> bool:
        """A node of a goal system's tree ('◆ Titel «3»' and its analysis; '▪ Titel' over its status line), its
        depth its place: a node whose next line is a status is an activity of the nearest goal node above it at a
        lower depth; any other a goal, under the nearest goal node at a lower depth, its lines its analysis."""
        head, _, rest = block.text.partition("\n")
        marked = _NODE_MARK.match(head)
        if marked is None or not marked.group(2).strip():
            return False
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        status_next = block.bold or (following is not None and following.kind == PARAGRAPH and
                                     self._status_line(following.text.split("\n", 1)[0]))
        above = [goal for depth, goal in self.tree_goals if depth < block.depth]
        self._finish_activity()
        if status_next:
            if not above:
                return False
            self.state.goal = above[-1]
            # Its line of status, time and unit follows ('Verkställd · 8/1–29/3 2029 · Gata och park'): read as the
            # open activity's status line.
            self._new_activity(squash(marked.group(2)), None)
            return True
        self.state.goal = above[-1] if above else None
        title, level = marked.group(2).strip(), None
        if (tail := re.match(r"^(.*?\S)\s{2,}(\S{1,4})$", title)) is not None and not re.search(r"[a-zåäö]", tail.group(2)):
            # 'Titel  «3»': the level the legend explains, set after the title ('«–»': none).
            title, level = tail.group(1), self.labels.match("goal", tail.group(2))
        goal = self._new_goal(squash(title), None, subgoal=bool(above), level=9)
        if level is not None and goal.assessment is None:
            goal.assessment, goal.assessment_raw = level.canonical, level.written
        self.tree_goals = [(depth, g) for depth, g in self.tree_goals if depth < block.depth] + [(block.depth, goal)]
        if rest.strip():
            goal.comment = _join(goal.comment, squash(rest))
        self.state.role = "comment"
        return True

    def _goal_item(self, blocks: list[Block], index: int, text: str) -> bool:
        """A numbered list item followed by an item that names its level ('1 Invånarna har god tillgång …' /
        'Regionfullmäktiges mål'; '1.1 …' / 'Nämndmål'): a goal, a sub-goal where its number or the level says."""
        numbered = NUMBER.match(text)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if numbered is None or following is None or following.kind != LIST_ITEM or \
                self.words.role(squash(following.text)) not in ("goal", "subgoal"):
            return False
        named = squash(following.text)
        lower = self.words.names_lower_goals(named) or self.words.role(named) == "subgoal"
        number = numbered.group(1)
        if "." not in number and lower and (top := self._open_top_goal()) is not None:
            self.state.goal = top
        self._new_goal(numbered.group(2), number, subgoal="." in number or lower, level=9)
        self.goal_item_depth = blocks[index].depth
        self.skip_blocks.add(index + 1)
        return True

    def _verdict(self, comment: str) -> LabelMatch | None:
        """A goal's level stated as a whole sentence of its analysis ('Nämndens bedömning är att målet är delvis
        uppnått.'), the last such sentence; the report's own level words as it explains them count too."""
        for sentence in reversed(re.split(r"(?<=[.!])\s+(?=[A-ZÅÄÖ])", squash(comment))):
            if len(sentence.split()) < 4 or not re.search(r"\bmål(?:et)?\b", sentence, re.I):
                continue  # a level word alone (a prognosis kept as a comment) is no verdict said of the goal
            opened = self.labels.opening("goal", sentence)
            if opened is not None and not opened[1].strip(" ."):
                return opened[0]
        return None

    def _export_header(self, block: Block) -> int | None:
        """The row, among a sheet's first few, that heads a wide export (an item's column and three more it
        knows, however many it does not: 'Task ID | Task Name | Bucket Name | Progress | Priority | …'), where
        the rows above it name no column; None where the table starts with its header."""
        for r, row in enumerate(block.rows[:_EXPORT_FACTS + 1]):
            roles = {self.words.role(squash(c)) for c in row if squash(c or "")} - {None}
            if r and len(roles) >= 4 and roles & {"activity", "goal", "subgoal"}:
                return r
            if roles & {"activity", "goal", "subgoal"} or len(roles) >= 2:
                return None
        return None

    def _cell_activities(self, raw: str) -> list[tuple[str, str]] | None:
        """A cell of several activities, each its title (wrapped or not) over a line of its status and time: the
        (title, status line) pairs; None where the cell is one activity's title (or holds no status line)."""
        pairs: list[tuple[str, str]] = []
        title: list[str] = []
        for line in (squash(line) for line in raw.split("\n") if squash(line)):
            said, _dates = self.read.split_title_dates(line)
            if title and self.labels.match("activity", said.rstrip(" ,;")) is not None:
                pairs.append((" ".join(title).strip(" *"), line))
                title = []
            else:
                title.append(line)
        return pairs if pairs and not title else None

    def _typed_table(self, block: Block, roles: list[str | None], first: int, record: bool = False) -> None:
        """A flat export, one item a row ('ID | Förälder-ID | Typ | Rubrik | Bedömning | Status | …'): the row's
        kind says goal, sub-goal, activity or indicator; its parent's id places it in the tree."""
        self._mark(first, LINE_TABLE_HEADER)
        single = record  # one record of an export, its table of fields turned over
        # A table's ids and outline are its own; an export of records places each by the ids of those before it.
        by_id, outline = (self.typed_ids, self.typed_outline) if single else ({}, [])
        goal_kinds: list[str] = []  # the kinds of goal the rows name ('RF-mål', 'Nämndmål'), the first the top one
        for r, row in enumerate(block.rows[1:], start=1):
            values: dict[str, str] = {}
            notes: list[tuple[str, str]] = []
            for role, cell in zip(roles, row, strict=False):
                if role == "title" and role not in values:
                    cell, notes = self._title_notes(cell or "")  # 'Titel' / 'Analys: …' in one cell
                if role and squash(cell or "") and role not in values:  # the first column of a role holds it
                    values[role] = squash(cell or "")
            for role, value in notes:
                values[role] = f"{values[role]} {value}" if role in values else value
            kind = self.words.role(values.get("item_kind", "")) or (self.words.heading_kind(values.get("item_kind", ""))
                                                                    or ("",))[0]
            title = values.get("title")
            if title:
                title = _CONTINUED.sub("", title)  # 'Hjälpmedel levereras … (forts.)' atop a new page
            if title and (known := next((g for g in self.goals if squash(g.title).lower() == title.lower()), None)):
                # 'forts.  BM2.1  …' after a page break: the goal goes on.
                self._finish_activity()
                self.state.goal = known
                self._mark(first + r)
                continue
            if title and kind not in ("goal", "subgoal", "activity", "measure") and values.get("item_kind") and \
                    "activity" not in roles and not single:
                # Levels named by the report's own codes ('ÄGARDIR', 'BOLAG'): the first seen is the top level.
                code = values["item_kind"].lower()
                if code not in self.level_codes:
                    self.level_codes.append(code)
                kind = "goal" if self.level_codes.index(code) == 0 else "subgoal"
            if not title or kind not in ("goal", "subgoal", "activity", "measure"):
                continue
            parent = by_id.get(values.get("parent", ""))
            depth = int(values["depth"]) if values.get("depth", "").isdigit() else None
            if kind == "goal" and parent is None and depth is None and not values.get("parent"):
                # 'RF-mål' then 'Nämndmål', both a goal's word: the kind named first is the top level, another
                # kind of goal below it is a sub-goal of the top goal above it.
                code = fold(values.get("item_kind", ""))
                if code not in goal_kinds:
                    goal_kinds.append(code)
                kind = "subgoal" if goal_kinds.index(code) > 0 else kind
            if parent is None and depth is not None and not values.get("parent"):
                # 'Nivå 2' under the last goal of level 1: the outline gives the tree.
                parent = next((g for d, g in reversed(outline) if d < depth), None)
            if parent is None and kind == "subgoal" and not values.get("parent"):
                parent = self._open_top_goal()  # listed under its goal, with no parent id
            self._finish_activity()
            if kind in ("goal", "subgoal"):
                self.state.goal = parent
                goal = self._new_goal(title, None, subgoal=parent is not None, level=8)
                if values.get("number"):
                    by_id[values["number"]] = goal
                if depth is not None:
                    outline.append((depth, goal))
                for role in ("assessment", "prognosis", "comment"):
                    if role in values:
                        self._append(role, values[role])
            elif kind == "activity":
                self.state.goal = parent if parent is not None else self.state.goal
                activity = self._new_activity(title, None)
                for role in ("status", "prognosis", "responsible", "start", "end", "dates", "description", "comment"):
                    if role in values:
                        self._append(role, values[role])
                self.state.activity = activity
                self._finish_activity()
            elif parent is not None:
                parent.measures.append("; ".join([title, *(values[k] for k in ("assessment", "comment") if k in values)]))
            self._mark(first + r)
        self.state.role = None

    def _margin_row(self, first: str, second: str) -> bool:
        """A title with its level or status set beside it in the margin, as one row ('I liten grad uppfyllt |
        1 a Fler flickor …', 'Pågår | Tjejträning …'): a goal (a sub-goal where numbered under the open goal) or
        an activity of the open goal. Either cell may be the label."""
        for label, title in ((first, second), (second, first)):
            if not 3 <= len(title) <= 200 or title.endswith(".") or self.labels.match("goal", title) or \
                    self.labels.match("activity", title):
                continue
            level = self.labels.match("goal", label)
            if (level is not None or self.words.says_not_assessed(label)) and self.state.goal is not None and \
                    (goal := self._numbered_subgoal(title)) is not None:
                if level is not None:
                    goal.assessment, goal.assessment_raw = level.canonical, level.written
                return True
            if (status := self.labels.match("activity", label)) is not None and self.state.goal is not None and \
                    self.labels.match("goal", label) is None:
                activity = self._new_activity(title, None)
                activity.status, activity.status_raw = status.canonical, status.written
                self.state.role = "comment"
                return True
        return False

    def _record(self, block: Block, labels: list[str], roles: list[str | None], first: int) -> None:
        """One record of an export ('Typ = Mål', 'Id = M1.1', 'Rubrik = …', 'Överordnad = M1'): a goal, an
        activity or an indicator placed by its parent's id, as a row of a flat export is; a record of another
        kind (the report itself, a section, a legend) is the report's prose, before the goals its front."""
        values = {role: squash(row[1]) for role, row in zip(roles, block.rows, strict=True) if role and squash(row[1])}
        kind = self.words.role(values.get("item_kind", "")) or (self.words.heading_kind(values.get("item_kind", ""))
                                                                or ("",))[0]
        if kind in ("goal", "subgoal", "activity", "measure"):
            self._typed_table(Block(TABLE, rows=[labels, [row[1] for row in block.rows]]), roles, first, record=True)
            self._mark_rows(first, len(block.rows))
            return
        self._finish_activity()
        self.state.goal = None
        said = [squash(row[1]) for role, row in zip(roles, block.rows, strict=True)
                if squash(row[1]) and role in ("title", "comment", "description", None)]
        for text in said:
            self.prose.append(text)
            if not self.goals:
                self.front.append(text)
        if not self.goals and not self.record_title and values.get("title"):
            self.record_title = values["title"]
        self._mark_rows(first, len(block.rows))

    def _measure_table(self, block: Block, first: int) -> None:
        """A table of indicators ('Indikator | Utfall | Målvärde | Trend'): each row one measure of the open goal."""
        goal = self.state.goal
        assert goal is not None
        header = [squash(c) for c in block.rows[0]]
        self._mark(first, LINE_TABLE_HEADER)
        for r, row in enumerate(block.rows[1:], start=1):
            parts = [f"{h}: {squash(c)}" if h and i else squash(c) for i, (h, c) in enumerate(zip(header, row, strict=False))
                     if squash(c)]
            lone = trimmed_row(row)
            if len(lone) == 1 and (kind := self.words.heading_kind(squash(lone[0]))) and kind[0] in ("goal", "subgoal"):
                # 'Delmål 3.1 Fordonsparken …' in the row after the indicators: the next goal, not a measure.
                self._heading(squash(lone[0]), 8, first + r)
                goal = self.state.goal or goal
                continue
            if self._level_row(row):
                self._mark(first + r)
                continue
            if parts:
                goal.measures.append("; ".join(parts))
                self._mark(first + r)

    def _field_table(self, block: Block, first: int) -> None:
        """A two-column table of 'label | value' rows (Word exports of one item); a header row of labels over it
        ('Rubrik | Innehåll') is passed over, and a level row ('Målnivå | Nämndmål 1.1') places the goal."""
        labels = [squash(row[0]) for row in block.rows]
        roles = [self.words.role(label) for label in labels]
        if roles[:1] == ["item_kind"] and "title" in roles and \
                self.words.level_cell(squash(block.rows[0][1])) is None and \
                not self.words.role(squash(block.rows[roles.index("title")][1])):
            # A record that opens with its kind ('Typ = Mål'), not a form with a header row of labels.
            self._record(block, labels, roles, first)
            return
        placed: tuple[str, str] | None = None
        for r, (label, value) in enumerate(block.rows):
            role = self.words.role(label)
            if r == 0 and role and self.words.role(value):
                self._mark(first, LINE_TABLE_HEADER)
                continue
            if not value.strip() and (level := self.words.level_cell(label)) is not None:
                placed = level  # 'Nämndmål 1.1' alone on its row: the title is the row below
                self._mark(first + r)
                continue
            if not value.strip() and placed is not None and role is None:
                kind, number = placed
                placed = None
                self._new_goal(label, number, subgoal=kind == "subgoal" or "." in number, level=7)
                self._mark(first + r)
                continue
            if not value.strip() and self.words.lists_top_goals_activities(label) and self._own_activities(first + r):
                continue
            if role == "item_kind" and (level := self.words.level_cell(re.sub(r"\s*\(.*\)\s*$", "", value))):
                placed = level
                self._mark(first + r)
                continue
            if role == "activity":
                self._new_activity(value, None)
            elif role in ("goal", "subgoal") and placed is not None:
                kind, number = placed
                self._new_goal(value, number, subgoal=kind == "subgoal" or "." in number, level=7)
            elif role in ("goal", "subgoal") and (not value.strip() or self.words.says_none(value)):
                pass  # 'Nämndens mål | Målet har inga nämndmål.': a label over what follows, or none
            elif role in ("goal", "subgoal"):
                # 'Nämndmål | …' in a form after a council's goal's form ('Kommunfullmäktiges mål | …'): its sub-goal.
                lower = self.words.names_lower_goals(label)
                top = self._open_top_goal()
                below = lower and top is not None and id(top) in self.council_labelled
                goal = self._new_goal(value, None, subgoal=role == "subgoal" or below, level=7)
                if role == "goal" and not lower:
                    self.council_labelled.add(id(goal))
            elif role:
                self._set_field(role, value)
            elif value:
                self._append(self.state.role or "comment", value)
            self._mark(first + r)
        self.state.role = None

    def _fields_in_title_cells(self, roles: list[str | None], cells: dict[int, str]
                               ) -> tuple[dict[int, str], list[tuple[str, str]]]:
        """An item's title cell whose later lines are its fields ('Ny zonindelning …' / 'Kommentar: Införd den 1
        mars …'): the cells with the title alone, and those fields (role, value) in order."""
        fields: list[tuple[str, str]] = []
        out = dict(cells)
        for c, role in enumerate(roles):
            if role not in ("activity", "goal", "subgoal", "title"):
                continue
            title, noted = self._title_notes(cells.get(c) or "")
            if noted:
                out[c] = title
                fields += noted
        return out, fields

    def _title_notes(self, raw: str) -> tuple[str, list[tuple[str, str]]]:
        """A title cell whose later lines are the item's notes ('Ny zonindelning …' / 'Kommentar: Införd den 1
        mars …', 'Analys: …'): the title's lines, and the notes (role, value) in order; the cell and no notes where
        its later lines are none (a status line under a title: a cell of several activities, read as such)."""
        lines = raw.split("\n")
        said = [(n, field[0]) for n, line in enumerate(lines) if n and (field := self.words.field_line(line))]
        at = next((n for n, role in said if role in _NOTE_ROLES), None)
        if at is None and not said and len(lines) > 1 and not lines[0].rstrip().endswith(".") and \
                all(_SENTENCE_LINE.match(line.strip()) for line in lines[1:] if line.strip()):
            # 'Vindhälla har en hållbar … service' / 'Resorna i tjänsten har ställts om …, men …': the title, then
            # the item's comment in sentences under it.
            return lines[0], [("comment", " ".join(line.strip() for line in lines[1:] if line.strip()))]
        if at is None or any(role not in _NOTE_ROLES for _, role in said):
            return raw, []
        fields: list[tuple[str, str]] = []
        for line in lines[at:]:
            if (field := self.words.field_line(line)) is not None and field[0] in _NOTE_ROLES:
                fields.append(field)
            elif fields:
                fields[-1] = (fields[-1][0], f"{fields[-1][1]} {line.strip()}".strip())
        return "\n".join(lines[:at]), fields

    def _status_option(self, cell: str) -> bool:
        """Whether a column header is one status of several to mark ('Pågår', 'Ej påbörjad'): a status label, whole."""
        said = squash(cell or "")
        return bool(said) and len(said) <= 30 and (found := self.labels.match("activity", said)) is not None and \
            fold(found.written) == fold(said)

    def _two_row_header(self, top: list[str], under: list[str]) -> list[str] | None:
        """A header of two rows, groups over columns ('Mål och aktiviteter' | … | 'Status (markera med X)' over
        'Kommunfullmäktiges mål | Nämndmål | Aktivitet | … | Pågår | Genomförd', a label merged down over both
        rows): each column's label from the row that names it. None where the second row is no header."""
        if len(under) != len(top) or not any(squash(c or "") for c in top):
            return None
        labels = [squash(c or "") for c in under]
        named = [bool(c) and (self.words.role(c) is not None or self._status_option(c)) for c in labels]
        filled = sum(bool(c) for c in labels)
        roles = {self.words.role(c) for c in labels if c}
        if not roles & {"activity", "goal", "subgoal"} or filled - sum(named) > 2 or sum(named) < 3 or \
                not any(squash(t or "") and not u for t, u in zip(top, labels, strict=True)):
            return None
        merged = []
        for upper, lower, known in zip((squash(c or "") for c in top), labels, named, strict=True):
            merged.append(lower if known or (lower and self.words.role(upper) is None) else upper or lower)
        return merged

    def _goal_rows_turned(self, block: Block) -> tuple[Block, Block] | None:
        """A table that opens with rows labelled by a goal's fields in its first filled column ('Målnivå', 'Mål',
        'Prognos helår'), a goal a column: those rows turned into a table of goals (one row per goal), and the
        rows after them. None where the table does not open so (two labelled rows, one of them the goals')."""
        labelled: list[list[str]] = []
        start = None
        for row in block.rows:
            filled = [c for c, cell in enumerate(row) if squash(cell or "")]
            if not filled:
                break
            first = filled[0] if start is None else start
            role = self.words.role(squash(row[first])) if filled[0] == first and len(squash(row[first])) <= 40 else None
            values = [squash(c or "") for c in row[first + 1:]]
            # An activity a column ('Aktivitet | Detaljplan … | Markanvisning …' over 'Status | …'): a field of
            # one of them may be empty, once the titles' row has shown the table is turned.
            turned_activities = bool(labelled) and self.words.role(labelled[0][0]) == "activity"
            if role not in ITEM_ROLES + ("goal", "subgoal", "depth", "item_kind", "activity") or \
                    (sum(bool(v) for v in values) < 2 and not turned_activities) or \
                    (role == "activity" and labelled):
                break
            start = first
            labelled.append([squash(row[first]), *values])
        if len(labelled) < 2 or not any(self.words.role(row[0]) in ("goal", "subgoal") for row in labelled) and \
                not (self.words.role(labelled[0][0]) == "activity" and len(labelled) >= MIN_TURNED_FIELDS):
            return None
        used = len(labelled)
        titles = next((row for row in labelled if self.words.role(row[0]) in ("goal", "subgoal")), None)
        numbered = [NUMBER.match(value) for value in titles[1:] if value] if titles else []
        if numbered and all(numbered):
            # '1 Färre skadas …', '1.1 Fler bostäder …': the goals' numbers as a column of their own (they nest the
            # goals), the kind of each ('Nämndmål till mål 1') then said by its number.
            labelled = [row for row in labelled if self.words.role(row[0]) not in ("item_kind", "depth")]
            labelled.insert(0, ["Nr", *[(m.group(1) if (m := NUMBER.match(v)) else "") for v in titles[1:]]])
            titles[1:] = [(m.group(2) if (m := NUMBER.match(v)) else v) for v in titles[1:]]
        width = max(len(row) for row in labelled)
        columns = [[row[j] if j < len(row) else "" for row in labelled] for j in range(1, width)]
        goals = Block(TABLE, rows=[[row[0] for row in labelled], *[col for col in columns if any(col)]],
                      page=block.page)
        return goals, Block(TABLE, rows=block.rows[used:], page=block.page, bold=block.bold)

    def _labelled_item_cell(self, roles: list[str | None], cells: dict[int, str]) -> tuple[dict[int, str], list[str | None]]:
        """A 'Mål och aktiviteter' cell of several lines: a level label over the title ('KOMMUNFULLMÄKTIGES MÅL' /
        'Fler … kulturlivet') says the row is a goal of that kind; fields under a title ('Ansvarig: …') are the
        row's own. The cell as its title alone, with the label as a heading word or the fields as cells."""
        column = roles.index("item")
        lines = [line.strip() for line in (cells.get(column) or "").split("\n") if line.strip()]
        if len(lines) < 2:
            return cells, roles
        cells, roles = dict(cells), list(roles)
        kind = self.words.role(lines[0]) if len(lines[0]) <= 40 else None
        if kind in ("goal", "subgoal"):
            cells[column] = f"{'Delmål' if kind == 'subgoal' else 'Mål'}: {' '.join(lines[1:])}"
            return cells, roles
        fields = [found for line in lines[1:] if (found := self.words.field_line(line)) is not None]
        if fields and len(fields) == len(lines) - 1:
            cells[column] = lines[0]
            for role, value in fields:
                cells[len(roles)] = value
                roles.append(role)
        return cells, roles

    def _outline_place(self, depth: int) -> None:
        """A row of a tree of goals and activities by outline level ('Nivå' 1, 2, 3; a sheet's indents): the goal
        it sits under is the nearest goal row above it of a lower level."""
        above = [goal for level, goal in self.table_outline if level < depth]
        self._finish_activity()
        self.state.goal = above[-1] if above else None
        self.table_parent = None

    def _item_roles(self, roles: list[str | None], cells: dict[int, str]) -> list[str | None]:
        """A 'Mål / aktivitet' column: this row's item is a goal where its label says so ('Nämndmål 1.1 …') or
        where it states no status and no dates; else an activity. A goal row's colour cell (its level painted
        into an unlabelled cell) is read as its assessment."""
        text = squash(cells.get(roles.index("item"), "") or "")
        stated = any(role in ("status", "start", "end", "dates") and squash(cells.get(c, "") or "")
                     for c, role in enumerate(roles))
        labelled = self.words.heading_kind(text)
        goal = bool(labelled and labelled[0] in ("goal", "subgoal")) or not stated
        out: list[str | None] = ["goal" if role == "item" and goal else "activity" if role == "item" else role
                                 for role in roles]
        if goal and "assessment" not in out:
            for c, role in enumerate(out):
                if role is None and self.labels.match("goal", squash(cells.get(c, "") or "")) is not None:
                    out[c] = "assessment"
        return out

    def _enter_goal(self, text: str, subgoal: bool, parent: ParsedGoal | None = None) -> None:
        """Make the goal a table row names the open one: a goal already read (same title) or a new one."""
        labelled = self.words.heading_kind(text)
        council = False
        if labelled and labelled[0] in ("goal", "subgoal"):
            subgoal = subgoal or labelled[0] == "subgoal"
            label = re.sub(r"[\d.\s:–-]+$", "", text[:len(text) - len(labelled[1])])
            lower = self.words.names_lower_goals(label)
            council = labelled[0] == "goal" and not lower
            if council and self.council_labelled:
                subgoal, parent = False, None  # a second 'KF-mål: …' is the council's again, wherever it stands
            if lower and parent is None and (top := self._open_top_goal()) is not None \
                    and id(top) in self.council_labelled:
                subgoal, parent = True, top  # 'Nämndmål: …' in the rows after 'KF-mål: …'
            text = labelled[1]
        numbered = NUMBER.match(text)
        title = numbered.group(2) if numbered else text
        if subgoal and parent is None:
            parent = self.table_parent if self.table_parent is not None else self.state.goal
        if subgoal:
            while parent is not None and parent.parent_number is not None:
                parent = self._goal_numbered(parent.parent_number)
        for goal in reversed(self.goals):
            if squash(goal.title).lower() == squash(title).lower() and (
                    (goal.parent_number is None) == (parent is None)):
                self._finish_activity()
                self.state.goal = goal
                return
        if subgoal and parent is not None:
            self.state.goal = parent
        self._new_goal(title, numbered.group(1) if numbered else None, subgoal=subgoal, level=8)
        if council:
            self.council_labelled.add(id(self.goals[-1]))

    def _level_row(self, row: list[str]) -> bool:
        """A row of a level's label, the level and a note ('Måluppfyllelse, delmål | 100 % (Grön) | 1 av 1
        indikator …'), in or over a table: the open goal's level, the note its comment. False for any other row."""
        filled = [squash(c) for c in row if squash(c or "")]
        goal = self.state.goal
        if goal is None or not 2 <= len(filled) <= 3 or len(filled[0]) > 40 or \
                self.words.role(filled[0]) not in ("assessment", "prognosis"):
            return False
        found = self.labels.match("goal", filled[1])
        if found is None and not self.words.says_not_assessed(filled[1]) and re.search(r"\w", filled[1]):
            return False
        self._finish_activity()
        self.state.goal = goal
        if found is not None and goal.assessment is None:
            goal.assessment, goal.assessment_raw = found.canonical, found.written
        if len(filled) == 3:
            goal.comment = _join(goal.comment, filled[2])
        return True

    def _row(self, roles: list[str | None], cells: dict[int, str]) -> bool:
        if self._level_row([cells[c] or "" for c in sorted(cells)]):
            return True
        title_at = next((c for c, role in enumerate(roles) if role in ("item", "activity", "goal")), None)
        number_at = roles.index("number") if "number" in roles else None
        if title_at is not None and number_at is not None and not squash(cells.get(title_at) or "") and \
                (said := squash(cells.get(number_at) or "")) and not _ITEM_NUMBER.fullmatch(said) and \
                sum(bool(squash(cell or "")) for cell in cells.values()) > 1:
            # A title set across the number's column too (one merged cell, read into the first): the title's.
            cells = {**cells, title_at: cells[number_at], number_at: ""}
        # A pivot table pasted as values names a field with no value '(tom)': no sub-goal (the row's activity is
        # the top goal's own), no level, no date; a blank cell instead says 'as above'.
        blanks = {c for c, cell in cells.items() if squash(cell or "").lower() in PIVOT_BLANKS}
        own_activity = any(c < len(roles) and roles[c] == "subgoal" for c in blanks)
        cells = {c: "" if c in blanks else cell for c, cell in cells.items()}
        itemised = "item" in roles  # (a 'Mål / aktivitet' column, read as the one or the other row by row below)
        outlined = "item" in roles or ("depth" in roles and "activity" not in roles and
                                       ("goal" in roles or "subgoal" in roles))
        if "item" in roles:
            cells, roles = self._labelled_item_cell(roles, cells)
            roles = self._item_roles(roles, cells)
        if outlined:
            # A tree by outline level ('Nivå' 1, 2; a sheet's indents): the row sits under the goal row above of a
            # lower level.
            depth = next((squash(cells.get(c) or "") for c, role in enumerate(roles) if role == "depth"), "")
            self.row_depth = int(depth) if depth.isdigit() else None
            if self.row_depth is not None:
                self._outline_place(self.row_depth)
        values: dict[str, str] = {}
        cells, fields = self._fields_in_title_cells(roles, cells)
        for c, role in enumerate(roles):
            raw = (cells.get(c, "") or "").strip()
            # Units listed one per line in a cell stay apart; other cells are text.
            value = raw if role == "responsible" else squash(raw)
            if role and value and role in _LATEST_WINS:
                values[role] = value  # one column per follow-up (T1, T2, T3): the latest filled counts
            elif role and value:
                values[role] = f"{values[role]} {value}" if role in values else value
        for role, value in fields:
            values.setdefault(role, value)
        lead = next((squash(cells[c] or "") for c in sorted(cells) if squash(cells[c] or "")), "")
        if lead and self.words.counts_rows(lead) and all(re.fullmatch(r"[\d\s,.%]*", squash(cells[c] or ""))
                                                         for c in sorted(cells) if squash(cells[c] or "") != lead):
            return True  # 'Fler Rödkullabor är självförsörjande Summa | … | 4': a pivot table's count, no item
        if (pointed := _SERVES_MARK.match(values.get("number", ""))) is not None:
            values.pop("number")
            values["goal_number"] = pointed.group(1)  # '↳ 1.2' beside an activity: it belongs to goal 1.2
        filled = [squash(v) for v in cells.values() if squash(v or "")]
        if not filled:
            return False
        has_activity = "activity" in roles
        lead = squash(cells.get(0, "") or "")
        labelled = self.words.heading_kind(lead) if has_activity and lead else None
        if labelled and labelled[0] in ("goal", "subgoal"):
            # 'Nämndmål 1.1: …' across the activity columns (merged cells), its level in the last: a goal row.
            number = _LABELLED_NUMBER.match(lead)
            self._new_goal(labelled[1], number.group(1) if number else None, subgoal=labelled[0] == "subgoal",
                           level=8)
            for c in sorted(cells)[1:]:
                if (said := squash(cells[c] or "")) and said != lead:
                    self._append("assessment" if self.state.goal.assessment is None else "comment", said)
            self.state.role = None
            return True
        # A row with only its first cell filled groups the rows under it: a goal (or area) heading in the table
        # (also where the first column is the activity's, when the table's other rows fill their columns).
        grouping = len(filled) == 1 and squash(cells.get(0, "") or "") == filled[0] and (
            not (has_activity and values.get("activity")) or self.table_rows_filled)
        alone = len(filled) == 1 and squash(cells.get(0, "") or "") == filled[0]
        if alone and has_activity and self.activities and self.activities[-1] is self.table_last_activity and \
                _COMMENT_ROW.match(filled[0]) and not self.words.heading_kind(filled[0]):
            # A sentence across the row under an activity ('Gemensam väntelista … infördes i februari.'): the
            # activity's comment, not a goal heading the rows below.
            self.activities[-1].comment = _join(self.activities[-1].comment, filled[0])
            return True
        if grouping and self.words.counts_rows(filled[0]):
            return True  # 'Antal markeringar' under the rows it counts
        if grouping:
            text = filled[0]
            kind = self.words.heading_kind(text)
            if kind and kind[0] == "area":
                self.area = kind[1]
            elif kind and kind[0] == "prose":
                # 'Övrigt: …' in the goal column under the last goal: a note of the report's, not a goal.
                self._finish_activity()
                self.state.goal = None
                self.prose.append(text)
            elif self.words.lists_top_goals_activities(text) or self._goal_named(self.words.goal_of_activities(text)):
                # 'Aktiviteter direkt under mål 1' across the table: the rows below are that goal's own.
                named = self._goal_named(self.words.goal_of_activities(text))
                if named is not None:
                    self._finish_activity()
                    self.state.goal, self.state.listing = named, True
                else:
                    self._own_activities(0)
            else:
                numbered = NUMBER.match(text)
                number = numbered.group(1) if numbered else None
                if number is not None and itemised:
                    # '1 Tallhedens invånare …', '1.1 Fler invånare …' across a table of items: the number places it.
                    self._finish_activity()
                    self.state.goal = self._goal_numbered(number.rsplit(".", 1)[0]) if "." in number else None
                self._new_goal(numbered.group(2) if numbered else (kind[1] if kind else text), number,
                               subgoal=bool(kind and kind[0] == "subgoal") or (self.state.goal is not None and
                                                                               not has_activity) and
                               not (itemised and number is not None and "." not in number), level=8)
            return True
        # A column naming each row's level ('Nivå': 'Strategiskt mål 1', 'Delmål 1.1'), unlabelled or not.
        placed = next((found for c, role in enumerate(roles) if role in (None, "depth")
                       and (found := self.words.level_cell(squash(cells.get(c) or "")))), None)
        own_number = _ITEM_NUMBER.fullmatch(values.get("goal_number") or values.get("number") or "")
        # The number is the goal's where its column stands before the goal's, and that before the activity's
        # ('Nr | Mål | Bedömning | Aktiviteter'); before an activity column alone it numbers the activity.
        numbers_goal = not has_activity or _column_order(roles, ("number", "goal", "activity"))
        if values.get("goal") and numbers_goal and own_number:
            # 'Målnr | Mål | Överordnat mål': the goal's number, and its parent's where the number does not say.
            number = own_number.group(1)
            parent = self._goal_numbered(values.get("parent", "").strip())
            if parent is not None and "." not in number:
                self._finish_activity()
                self.state.goal = parent
            self._new_goal(values["goal"], number, subgoal=parent is not None or "." in number, level=8)
        elif values.get("goal") and placed is not None:
            # A column naming each goal's level and number ('Strategiskt mål 1', 'Delmål 1.1'): the tree it gives.
            self._new_goal(values["goal"], placed[1], subgoal=placed[0] == "subgoal" or "." in placed[1], level=8)
        elif values.get("goal"):
            # Under a goal heading, a table of goals without an activity or sub-goal column lists its sub-goals
            # (000's 'Utvecklingsmål | Kommentar | Mått').
            nested = self.table_parent is not None and not has_activity and "subgoal" not in roles
            if self.row_depth is not None:
                # A row of a tree by outline level: under the goal row above it of a lower level, if any.
                parent = self.state.goal
                self._enter_goal(values["goal"], subgoal=parent is not None, parent=parent)
            else:
                self._enter_goal(values["goal"], subgoal=nested)
        if own_activity or (values.get("subgoal") and self.words.lists_top_goals_activities(values["subgoal"])):
            # 'Direkt under regionfullmäktiges mål' where a sub-goal would stand: the row serves the top goal itself.
            values.pop("assessment", None)
            if (top := self._open_top_goal()) is not None:
                self._finish_activity()
                self.state.goal = top
        elif values.get("subgoal"):
            # Under the goal of the same row where the table names one, else under the goal the table stands under.
            self._enter_goal(values["subgoal"], subgoal=True,
                             parent=self.state.goal if values.get("goal") else None)
        if self.row_depth is not None and not has_activity and self.state.goal is not None and \
                (not self.table_outline or self.table_outline[-1][1] is not self.state.goal):
            self.table_outline.append((self.row_depth, self.state.goal))  # a goal row of the tree, however entered
        served = _ITEM_NUMBER.fullmatch(values.get("goal_number") or "") or \
            _NAMED_NUMBER.match(values.get("goal_number") or "")  # 'M1.1 Ledningsnät': a bucket named by its goal
        if has_activity and served and (goal := self._goal_numbered(served.group(1))):
            # 'Mål nr 1.2' beside an activity: it serves the goal of that number, wherever the goal was listed.
            self._finish_activity()
            self.state.goal = goal
        elif has_activity and values.get("activity") and \
                (coded := _ACTIVITY_CODE.fullmatch(values.get("number", ""))) is not None:
            # 'AK1.2.1' is goal 1.2's activity, 'AK1.0.1' goal 1's own (no sub-goal): the code places it.
            parts = coded.group(1).split(".")[:-1]
            while parts and parts[-1] == "0":
                parts.pop()
            if parts and (goal := self._goal_numbered(".".join(parts))) is not None:
                self._finish_activity()
                self.state.goal = goal
        if has_activity and self.state.goal is not None:
            # The row's goal said beside its activity (repeated on each of its rows): its level and analysis once.
            goal = self.state.goal
            self.state.activity = None
            if values.get("assessment") and goal.assessment is None:
                self._append("assessment", values["assessment"])
            top = self._open_top_goal()
            if values.get("goal_assessment") and top is not None and top.assessment is None and \
                    (found := self.labels.match("goal", values["goal_assessment"])) is not None:
                top.assessment, top.assessment_raw = found.canonical, found.written
            if values.get("goal_comment") and values["goal_comment"] not in (goal.comment or ""):
                goal.comment = _join(goal.comment, values["goal_comment"])
        marked = [role[len(_MARK_ROLE):] for role in values if role.startswith(_MARK_ROLE)]
        if has_activity and values.get("activity") and marked and \
                (served_goal := self._goal_numbered(marked[0])) is not None:
            self._finish_activity()
            self.state.goal = served_goal  # the goal column the row marks ('X' under '1.1')
        if has_activity and values.get("activity") and self.words.says_none(values["activity"]):
            return True  # 'Inga aktiviteter kopplade till delmålet' in the activity column: the goal has none
        listed = self._cell_activities(next((cells.get(c) or "" for c, role in enumerate(roles) if role == "activity"),
                                            "")) if has_activity and values.get("activity") else None
        if listed:
            # The goal's activities listed in its row's cell, each its title and a line of status and time
            # ('Kartläggning av önskemål …' / 'Pågår i tid, 2025-02-03 – 2025-06-13').
            for title, status_line in listed:
                activity = self._new_activity(title, None)
                said, dates = self.read.split_title_dates(status_line)
                self._append("status", said.rstrip(" ,;"))
                if dates:
                    activity.start, activity.end = dates
                self.table_last_activity = activity
                self._finish_activity()
            return True
        if has_activity and values.get("activity"):
            activity = self._new_activity(values["activity"], None)
            self.table_last_activity = activity
            # (A dot of a colour in the column, as a PDF's filled circle is read, marks it too.)
            ticked = [role[len(_OPTION_ROLE):] for role, value in values.items()
                      if role.startswith(_OPTION_ROLE) and (TICK.fullmatch(value) or value.capitalize() in COLOUR_WORDS)]
            if "status" not in values and len(ticked) == 1:
                values["status"] = ticked[0]
            if "status" not in values and (said := values.get("dates")) and not re.search(r"\d", said) and \
                    self.labels.match("activity", said) is not None:
                values["status"] = values.pop("dates")  # 'Tidplan | Håller': the schedule column says how it stands
            if "status" not in values and (said := values.get("assessment")) and \
                    self.labels.match("activity", said) is not None:
                values["status"] = said  # one 'Bedömning' column for goals and activities: an activity's is its status
            for role in ("description", "responsible", "start", "end", "dates", "status", "prognosis", "comment"):
                if role in values:
                    self._append(role, values[role])
            for tag in re.split(r"\s*[;,]\s*", values.get("labels", "")):
                # 'Avvikelse;Investering' beside 'In progress': a status among the labels read with the progress.
                if tag and (found := self.labels.match("activity", tag)) is not None:
                    _say_also(activity, found)
            if activity.status and (kept := YES_NO.get(values.get("on_plan", "").lower())) is not None and \
                    activity.status.startswith(("Pågående", "Avslutad")):
                # 'Pågår | Enligt plan? Nej': work under way (or done) that keeps to its plan, or does not.
                activity.status = combined_status(activity.status, "Pågående enligt plan" if kept else
                                                  "Pågående med avvikelse") or activity.status
                activity.status_raw = f"{activity.status_raw} · {values['on_plan']}"
            if (share := SHARE.fullmatch(values.get("completion", ""))) is not None:
                # 'Genomförandegrad | 100 %' beside the schedule: how much is done settles finished or not begun.
                said = activity.status
                activity.status = status_with_completion(float(share.group(1).replace(",", ".")), said)
                activity.status_raw = " · ".join(v for v in (values["completion"], activity.status_raw if said else "")
                                                 if v)
            self.state.activity = activity
            self._finish_activity()
            return True
        if has_activity:
            # A continuation row: more comment for the activity above.
            if self.activities and values.get("comment"):
                self.activities[-1].comment = _join(self.activities[-1].comment, values["comment"])
            return True
        goal = self.state.goal
        if goal is None:
            return False
        for role in ("assessment", "prognosis", "status", "comment", "measure"):
            if role in values:
                self.state.activity = None
                self._append(role, values[role])
        self.state.role = None
        for c, role in enumerate(roles):
            if role and role.startswith(_BOARD_ROLE):
                for line in (squash(line) for line in (cells.get(c) or "").split("\n") if squash(line)):
                    # 'Fast omsorgskontakt i hemtjänsten [2024-09-02 – 2025-03-31]' in the column of its status.
                    self.state.goal = goal
                    timed = _BRACKETED_TIME.match(line)
                    activity = self._new_activity(timed.group(1) if timed else line, None)
                    if timed:
                        self.read.read_dates(activity, "dates", timed.group(2))
                    self._append("status", role[len(_BOARD_ROLE):])
                    self._finish_activity()
                    self.table_last_activity = activity
        self.state.goal = goal
        return True


def _say_also(activity: ParsedActivity, found: LabelMatch) -> None:
    """A second status said of an activity (a card's flag, a task's label) read with the one it has: a deviation or
    a pause said of work under way or finished is that; one that says nothing more leaves it."""
    said = activity.status
    activity.status = (combined_status(said, found.canonical) or said) if said else found.canonical
    activity.status_raw = " · ".join(v for v in (activity.status_raw, found.written) if v)


def _column_order(roles: list[str | None], order: tuple[str, ...]) -> bool:
    """Whether the columns of these roles all stand, in this order, in the table."""
    places = [roles.index(role) if role in roles else -1 for role in order]
    return -1 not in places and places == sorted(places)


def _sentence_case(title: str) -> str:
    """A title set in capitals ('FLER INVÅNARE DELTAR I KULTURLIVET', as a plain-text mail sets headings) as the
    sentence it is; a title with lower-case letters, or a short code ('IT', 'LSS'), as written."""
    letters = [c for c in title if c.isalpha()]
    if len(title.split()) < 3 or not letters or any(c.islower() for c in letters):
        return title
    return title[:1] + title[1:].lower()



def _join(text: str, more: str) -> str:
    more = more.strip()
    if not more:
        return text
    return f"{text}\n\n{more}" if text else more


def interpret_document(document: Document) -> Interpretation:
    return ReportInterpreter().interpret(document)
