"""One interpreter of follow-up reports over the document model: goals, sub-goals and activities found by
the report's own structure (numbered or labelled headings, tables whose columns the vocabulary names, field
lines 'Status: …'), statuses and levels read through the label schemes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from corpus.documents.colours import COLOUR_WORDS
from corpus.documents.model import HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block, Document
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
from corpus.interpret.responses import ResponseReading
from corpus.interpret.tables import (
    CONTINUED,
    ITEM_NUMBER,
    ITEM_ROLES,
    LABELLED_NUMBER,
    TableReading,
    describes_data,
    groups_as_titles,
    join_paragraphs,
    say_also,
)
from corpus.interpret.vocabulary import FIELD_SEPARATOR, Vocabulary, vocabulary
from corpus.labels import LabelMatch, LabelSchemes, SchemeEntry, schemes
from corpus.model import (
    LINE_CONTENT,
    LINE_HEADER,
    LINE_TOC,
    LINE_UNPARSED,
    ParsedActivity,
    ParsedGoal,
)
from corpus.reportdate import compact_dates, written_date
from corpus.text import squash

_TAB_PAGE = re.compile(r"\S\t+\s*\d{1,3}\s*$")
MIN_CONTENTS_ROWS = 3


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


# A sub-goal numbered with a colon after its label ('Nämndmål 1:2 – …').
_COLON_NUMBER = re.compile(r"^[^\W\d][\w-]*(?:\s+[^\W\d][\w-]*)?\s+(\d{1,2}):(\d{1,2})\b")
# A report's section number before a heading's words ('4.1  KOMMUNFULLMÄKTIGES MÅL 1').
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+(?=[^\W\d])")
# A sub-goal numbered after its goal: '1a', '1 b)', '1.2' (the goal's number, then a letter or a number).
_SUB_NUMBER = re.compile(r"^(\d{1,2})(?:\s?([a-h])\)?|\.(\d{1,2}))\s+([A-ZÅÄÖ].*)$")
# A tree node's mark before its title ('◆ Titel', '▪ Titel'): one or two symbols, then the title.
_NODE_MARK = re.compile(r"^([^\w\s«»()\[\]\"'„”“–—\-•·*+]{1,2})\s+(\S.*)$")
# A field's value, then the comment's sentences ('Pågår enligt plan. Hittills har …'); the stop of an abbreviation
# ('fr.o.m. 2027-01-11') ends no value.
_VALUE_THEN_SENTENCE = re.compile(r"^(.+?(?<![.\s]\w))\.\s+([A-ZÅÄÖ0-9].+)$")
# A label and a number ('Delmål 1.2', 'mål 1'), which name a goal where the label is a goal's.
_LABEL_NUMBER = re.compile(r"([^\d\W][\w-]{1,30})\s+(\d{1,2}(?:\.\d{1,2}){0,3})\b")
# A goal numbered by a letter after its label ('KF-mål A: …') and its sub-goal by the letter and a digit
# ('Nämndmål A1: …', sub-goal 1 of goal A).
_LETTER_NUMBER = re.compile(r"^\S+(?:\s+\S+)??\s+([A-ZÅÄÖ])(\d{1,2})?\s*(?:[:.–-]\s|$)")
_LETTER_NAMED = re.compile(r"([^\d\W][\w-]{1,30})\s+([A-ZÅÄÖ])(\d{1,2})?\s*:?$")  # '… under KF-mål A:'
# The longest level field ('Läge: Igångsatt – ligger efter') read apart from the fields written after it.
MAX_LEVEL_FIELD = 80
MAX_TITLE_LINE = 150  # a title on a line of its own is no longer than this
_ITEM_NUMBER_BEFORE = re.compile(r"^\d{1,2}[a-z]?(?:\.\d{1,2}[a-z]?){0,3}\.?\s+(?=\S)")  # '1a.1  ', '2.3 '
MAX_PROSE_LINE_WORDS = 4  # a chapter's name alone on its line ('Intern kontroll', 'Viktiga händelser under perioden')
MIN_LABELLED_LINES = 4  # pairs of a label's line and its value's that make a report written so throughout
# A level's label said of a goal by its label and number ('Samlad bedömning av mål 1', 'Bedömning för delmål 2.1').
_LEVEL_OF_GOAL = re.compile(r"(.{4,40}?)\s+(?:av|för)\s+(\S+\s+\d{1,2}(?:\.\d{1,2}){0,3})\s*:?", re.I)


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
    # A status on a line of its own over a list ('**Klart**' / '- Titel (start – slut)'): the items' status.
    grouped: LabelMatch | None = None


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


class ReportInterpreter(TableReading):
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
        split = self._fields_apart(self._fields_after_items(self._labels_over_values(
            self._goal_maps_apart(ResponseReading(self.words).apart([groups_as_titles(b) for b in document.blocks])))))
        if len(split) != len(document.blocks) or any(a is not b for a, b in zip(split, document.blocks, strict=True)):
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
        self.row_depth: int | None = None  # a table row's outline level, where its table gives one
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
            if block.kind == TABLE and describes_data(block.rows):
                self._mark_rows(first, len(block.rows))  # 'Kolumn | Beskrivning | Exempel': a data set described
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
            if block.kind != LIST_ITEM and self.state.grouped is not None:
                self._finish_activity()  # the list under a status line ends: what follows is the goal's again
                self.state.grouped = None
            if block.kind == PARAGRAPH and self._status_group(text, document.blocks[b + 1:]):
                self._mark(first)
                continue
            if TOC_LINE.search(text) or _TAB_PAGE.search(block.text):
                self.kinds[first] = LINE_TOC
                continue
            # 'Delmål 1.2 · Bidrar till Mål 1', 'ÄGARDIREKTIV · MÅL 1': a level line, its level and number in one part.
            kickers = FIELD_SEPARATOR.split(text)
            kicker = kickers[0]
            # ('4.1  KOMMUNFULLMÄKTIGES MÅL 1': the report's section number before it.)
            placed = next((found for part in kickers[:2] if len(part) <= 60
                           and (found := self.words.level_cell(_SECTION_NUMBER.sub("", part))) is not None), None) \
                if len(text) <= 80 or (block.kind == HEADING and len(kickers) == 2) else None
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
            if block.kind == HEADING and CONTINUED.search(text):
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
                self.state.goal.comment = join_paragraphs(self.state.goal.comment, text)
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
            if block.kind == PARAGRAPH and (self._titled_fields(block) or self._title_over_status(block, following_block)):
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

    def _labels_over_values(self, blocks: list[Block]) -> list[Block]:
        """A page copied as text from a browser sets each field's label on a line of its own, its value on the
        next ('Status' / 'Planerad', 'Start' / '14 aug. 2033'): where a report is written so throughout, each pair
        is read as the field line 'Status: Planerad'."""
        def label_at(index: int) -> int | None:
            """The index of the value under a field label at `index`, if that block is one."""
            block = blocks[index]
            text = squash(block.text)
            if block.kind != PARAGRAPH or block.furniture or ":" in text or len(text) > 40 or \
                    self.words.role(text) not in ITEM_ROLES:
                return None
            after = next((n for n in range(index + 1, len(blocks)) if not blocks[n].furniture), None)
            if after is None or blocks[after].kind != PARAGRAPH:
                return None
            value = squash(blocks[after].text)
            return after if value and self.words.role(value) is None and not self.words.heading_kind(value) else None

        pairs = {index: after for index in range(len(blocks)) if (after := label_at(index)) is not None}
        if len(pairs) < MIN_LABELLED_LINES:
            return blocks
        out: list[Block] = []
        taken: set[int] = set()
        for index, block in enumerate(blocks):
            if index in taken:
                continue
            if index in pairs and index not in taken:
                value = blocks[pairs[index]]
                out.append(Block(PARAGRAPH, f"{squash(block.text)}: {value.text}", page=block.page))
                taken.add(pairs[index])
                continue
            out.append(block)
        return out

    def _fields_after_items(self, blocks: list[Block]) -> list[Block]:
        """A list item whose fields a page break set apart from it ('• Meröppet bibliotek i Saltvik' / footer,
        header / 'Status: Pågår, avvikelse' / 'Start: …'): the field lines, its status among them, go on the item."""
        out: list[Block] = []
        index = 0
        while index < len(blocks):
            block = blocks[index]
            out.append(block)
            index += 1
            if block.kind != LIST_ITEM or block.furniture or "\n" in block.text.strip():
                continue
            ahead = index
            while ahead < len(blocks) and blocks[ahead].furniture:
                ahead += 1
            if ahead == index:
                continue  # (fields right after the item are the item's own lines already, or read as they are)
            fields: list[Block] = []
            while ahead < len(blocks) and blocks[ahead].kind == PARAGRAPH and "\n" not in blocks[ahead].text.strip() \
                    and (said := self.words.field_line(squash(blocks[ahead].text))) is not None and said[0] in ITEM_ROLES:
                fields.append(blocks[ahead])
                ahead += 1
            if fields and self.words.field_line(squash(fields[0].text))[0] == "status":  # type: ignore[index]
                out[-1] = replace(block, text="\n".join([block.text, *(f.text for f in fields)]))
                out += blocks[index:ahead - len(fields)]  # the furniture between, as it was
                index = ahead
        return out

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
            # A title wrapped onto the item's next lines, before its fields ('• Kulturskola på fritidshemmen i
            # Norrby och' / 'Saltvik' / 'Status: …'): one title.
            opened = next(n for n, line in enumerate(lines) if n and (self.words.field_line(squash(line))
                                                                     or self._status_line(line)))
            if not any(squash(line).endswith(".") for line in lines[:opened]):
                lines = [" ".join(squash(line) for line in lines[:opened]), *lines[opened:]]
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
    def _status_group(self, text: str, after: list[Block]) -> bool:
        """A status alone on its line, under a goal and over a list ('Pågår enligt plan' / '- Titel …'): the
        items of that list have it."""
        following = next((n for n in after if not n.furniture), None)
        if self.state.goal is None or following is None or following.kind != LIST_ITEM or len(text) > 60 or \
                self.words.field_line(text) or (found := self.labels.match("activity", text.strip(" *:"))) is None:
            return False
        self._finish_activity()
        self.state.grouped = found
        return True

    def _grouped_activity(self, block: Block) -> bool:
        """A list item under a status line: an activity's title, its dates in brackets after it ('Titel (2031-01-12
        – 2031-05-29)', '(fr.o.m. 2031-05-04)', '(16 juni – 4 juli 2031)'); a field line is the open item's."""
        said = self.state.grouped
        if said is None or self.words.field_line(squash(block.text)):
            return False
        title = squash(block.text)
        timed = re.fullmatch(r"(.{3,}?)\s*\(([^()]{3,60})\)\s*", title)
        activity = self._new_activity(timed.group(1) if timed else title, None)
        if timed is not None:
            time = re.sub(r"^(?:planerad|planerat|preliminärt?)\s+", "", timed.group(2), flags=re.I)
            if not self.read.read_dates(activity, "dates", time, whole=True):
                self.read.read_dates(activity, "dates", time)
        activity.status, activity.status_raw = said.canonical, said.written
        self.state.role = "comment"
        return True

    def _list_activity(self, block: Block) -> bool:
        """A list item 'Titel – Status (start – slut)' under a goal is an activity; lines after it its comment."""
        if self.state.goal is None:
            return False
        if self._grouped_activity(block):
            return True
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
        if block.bold and not rest.strip() and not self.words.field_line(head) and len(head) <= 200 and \
                not self.words.says_not_assessed(squash(head).strip(" *")):  # ('**Bedömning saknas**': no item)
            self._new_activity(squash(head).strip(" *"), None)  # a bold item alone: an activity, nothing said yet
            return True
        if (sentences := self._sentence_fields(squash(head))) is not None:
            # 'Lovskola inför årskurs 9. Genomförd med avvikelse. Start 2043-06-19, slut 2043-06-30.': the title,
            # its status and its time, each a sentence of its own.
            title, found, times = sentences
            activity = self._new_activity(title, None)
            activity.status, activity.status_raw = found.canonical, found.written
            for time in times:
                for part in re.split(r",\s+", time):  # 'Start 2043-02-01, slut 2043-12-15': each end labelled
                    self.read.read_dates(activity, "dates", part)
            self.state.role = "comment"
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
            activity.comment = join_paragraphs(activity.comment, said)
        if rest.strip():
            activity.comment = join_paragraphs(activity.comment, "\n\n".join(squash(p) for p in re.split(r"\n\s*\n", rest)
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

    def _title_over_status(self, block: Block, following: Block | None) -> bool:
        """A title alone on its line, an activity's status field on the next ('Föräldrastöd på familjecentralerna'
        / 'Status: Enligt plan'), under a goal: that activity's title."""
        text = squash(block.text)
        if self.state.goal is None or following is None or following.kind != PARAGRAPH or "\n" in block.text.strip() or \
                not 3 <= len(text) <= 150 or text.endswith((".", ":")) or not text[:1].isalnum() or \
                self.words.field_line(text) or self.words.heading_kind(text):
            return False
        said = self.words.field_line(squash(following.text))
        if said is None or said[0] != "status" or self.labels.match("activity", said[1]) is None or \
                self.labels.match("goal", said[1]) is not None:
            return False
        self._new_activity(text, None)
        return True

    def _status_line_activity(self, block: Block) -> bool:
        """A paragraph under a goal that is an activity's status and title: the status on its own line above the
        title ('Påbörjad åtgärd' / 'Mobil inspektionsapp'; a web export's icon text), or 'Titel (Status)' and
        'Titel – Status' alone on one line. What follows is the activity's."""
        if self.state.goal is None:
            return False
        head, _, rest = block.text.partition("\n")
        head, rest = squash(head), squash(rest)
        if not rest and (open_activity := self.state.activity) is not None and open_activity.status is None and \
                self._status_line(head):
            return False  # 'Pågår (löpande) · 2034-01-09 – löpande' under its title: the open activity's status line
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
        summed = _LEVEL_OF_GOAL.fullmatch(text)
        if summed is not None and self.words.role(summed.group(1)) == "assessment" and \
                (named := self._goal_named(summed.group(2))) is not None:
            # 'Samlad bedömning av mål 1' after that goal's sub-goals: the level that follows is goal 1's.
            self._finish_activity()
            self.state.goal, self.state.role = named, "assessment"
            self._mark(line)
            return True
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
            labelled_number = LABELLED_NUMBER.match(text)
            number = numbered.group(1) if numbered else (labelled_number.group(1) if labelled_number else None)
            if numbered and (own := LABELLED_NUMBER.match(numbered.group(2))) is not None and \
                    self.words.heading_kind(numbered.group(2)) is not None:
                # '5.3  Inriktningsmål 2: …': the report's section number, then the goal's own under its label.
                number = own.group(1)
            if (coloned := _COLON_NUMBER.match(_SECTION_NUMBER.sub("", text))) is not None:
                number = f"{coloned.group(1)}.{coloned.group(2)}"  # 'Nämndmål 1:2 – …': sub-goal 2 of goal 1
            if number is None and (lettered := _LETTER_NUMBER.match(_SECTION_NUMBER.sub("", text))) is not None:
                number = ".".join(part for part in lettered.groups() if part)
            # A labelled goal one level below an open goal's heading is its sub-goal ('Nämndmål' under a
            # council's goal).
            parent = self.state.goal
            while parent is not None and parent.parent_number is not None:
                parent = self._goal_numbered(parent.parent_number)
            deeper = (parent is not None and self.state.goal_level is not None
                      and self.state.goal_level < level < 7)
            # 'Verksamhetsmål 1: …' after '5.2 Övergripande mål: …', both plain lines: a board's goal under the
            # council's goal labelled before it, whatever their levels.
            label = _SECTION_NUMBER.sub("", re.sub(r"\s*(?:\d+(?:\.\d+)*[A-Za-zÅÄÖåäö]?|[A-ZÅÄÖ]\d{0,2})?\s*[:.–-]?\s*$",
                                                   "", text[:len(text) - len(kind[1])]))
            lower = self.words.names_lower_goals(label)
            if lower and parent is not None and id(parent) in self.council_labelled:
                deeper = True
            if deeper:
                self.state.goal = parent
            title, fields = self.read.title_fields("goal", kind[1])
            goal = self._new_goal(title, number, subgoal=kind[0] == "subgoal" or deeper, level=level)
            if kind[0] == "goal" and not lower and not deeper:
                self.council_labelled.add(id(goal))
            self._apply_fields(fields)
            self._mark(line)
            return True
        if index in self.unproven:
            self._finish_activity()
            self.state.goal, self.state.role = None, None
            self.prose.append(text)
            self._mark(line)
            return True
        if numbered and "." not in numbered.group(1) and self.goals and \
                self.words.role(numbered.group(2).split()[0]) == "activity":
            # '6 Uppdrag från regionfullmäktige' after the goals: a chapter of items, each row naming its goal.
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
        if len(text) > 200 or text.endswith(".") or self.words.field_line(text) or self.words.heading_kind(text) or \
                self.state.grouped is not None:  # (an item under a status line is an activity)
            return False
        following = next((blk for blk in blocks[index + 1:] if not blk.furniture), None)
        found = self.words.field_line(squash(following.text)) if following is not None and \
            following.kind in (PARAGRAPH, LIST_ITEM) else None  # (a loose list's paragraph is an item's)
        return found is not None and found[0] in ("assessment", "prognosis")

    def _status_line_next(self) -> bool:
        """Whether the next block opens with a status ('Klar · 2034-02-06 – 2034-03-31' under '1.1 Titel'): the
        numbered line over it is an activity's title, not a sub-goal's."""
        following = next((b for b in self.blocks[self.block_index + 1:] if not b.furniture), None)
        if following is None or following.kind not in (PARAGRAPH, LIST_ITEM):
            return False
        line = squash(following.text.partition("\n")[0])
        head = FIELD_SEPARATOR.split(line)[0]
        return self.words.field_line(line) is None and self.labels.match("activity", head) is not None

    def _sentence_fields(self, text: str) -> tuple[str, LabelMatch, list[str]] | None:
        """A line of sentences: a title, then a status said alone as a sentence, then sentences of its time; None
        where the second sentence is no status."""
        sentences = [s.strip() for s in re.split(r"(?<=[^\s.]\.)\s+(?=[A-ZÅÄÖ])", text) if s.strip()]
        if not 2 <= len(sentences) <= 4 or len(sentences[0]) > 200:
            return None
        found = self.labels.match("activity", sentences[1].rstrip("."))
        times = sentences[2:]
        if found is None or not all(ONE_DATE.search(t) or written_date(t) or self.words.date_role(t.split()[0])
                                    for t in times):
            return None
        return sentences[0].rstrip("."), found, [t.rstrip(".") for t in times]

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
            # A goal an overview table listed, now given its own section: one goal, not two; a sub-goal's section
            # places it under its goal where the overview did not.
            top = self._open_top_goal() if subgoal and known.parent_number is None else None
            if top is not None and top is not known and not any(g.parent_number == known.number for g in self.goals):
                known.parent_number = top.number
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
                numbered.group(1) != top.number or self._status_line_next():
            return None
        self._finish_activity()
        self.state.goal = top
        return self._new_goal(numbered.group(4), f"{top.number}.{numbered.group(2) or numbered.group(3)}",
                              subgoal=True, level=9)

    def _goal_named(self, name: str | None) -> ParsedGoal | None:
        """The goal already read that a line names by its title or its label and number ('Nämndmål 2')."""
        if not name:
            return None
        name = re.sub(r"\b(\d{1,2}):(\d{1,2})\b", r"\1.\2", name)  # 'nämndmål 1:2' is sub-goal 1.2
        labelled = self.words.heading_kind(name)
        title = labelled[1] if labelled and labelled[0] in ("goal", "subgoal") else name
        numbered = re.fullmatch(r"(?:[^\d]*\s)?(\d+(?:\.\d+)*)\.?", name.strip())
        lettered = _LETTER_NAMED.search(name.strip())
        number = numbered.group(1) if numbered else (
            ".".join(part for part in lettered.groups()[1:] if part) if lettered and self.words.heading_kind(
                f"{lettered.group(1)} {lettered.group(2)}{lettered.group(3) or ''}: x") is not None else None)
        for goal in reversed(self.goals):
            if squash(goal.title).lower() == squash(title).lower() or (number and goal.number == number):
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
        if (prose := self.words.heading_kind(text)) is not None and prose[0] == "prose" and "\n" not in block.text \
                and len(text.split()) <= MAX_PROSE_LINE_WORDS and not text.rstrip().endswith((".", ":")):
            # 'Personal', 'Intern kontroll' on a line of their own in a text without heading styles: a chapter of
            # prose begins, and the goal's activities end.
            self._finish_activity()
            self.state.goal, self.state.role, self.state.listing = None, None, False
            self.prose.append(text)
            self._mark(line)
            return
        if self.state.goal is not None and len(text) <= MAX_TITLE_LINE and not text.rstrip().endswith((".", ":")) \
                and text[:1].isalnum() and (self.state.activity is None or self.state.activity.status is not None) \
                and self.words.heading_kind(text) is None and self.words.field_line(text) is None and \
                self.words.role(text) is None and self.labels.match("activity", text) is None and \
                self._status_line_next():
            # '1a.1  Ny belysning i Kvarnparken' over 'Pågår enligt tidplan · 2034-02-01 – 2034-10-31': an
            # activity's number and title, its status and time on the line below.
            self._new_activity(_ITEM_NUMBER_BEFORE.sub("", text), None)
            self._mark(line)
            return
        if self.words.field_line(text) is None and (lead := re.match(r"^([^.:]{3,40}\.)\s+(\S.*)$", text)) and \
                (after := self.words.field_line(lead.group(2))) is not None and after[0] in ("assessment", "prognosis"):
            text = lead.group(2)  # 'Uppföljning 30 april. Prognos helår: ● Gul. …': the level's field after its date
        kinds = FIELD_SEPARATOR.split(text)
        if len(kinds) >= 2 and self.words.field_line(text) is None and \
                self.words.role(kinds[0]) in ("goal", "subgoal") and \
                (self.words.field_line(kinds[1]) or ("",))[0] in ("assessment", "prognosis"):
            text = " · ".join(kinds[1:])  # 'Nämndmål · Prognos helår: Bedöms uppnås': the goal's kind, then its field
        state = self.state
        target_activity = state.activity
        target_goal = state.goal
        found = self.words.field_line(text)
        if found is None and target_goal is not None and target_goal.assessment is None and \
                len(text) <= MAX_LEVEL_FIELD and (before := next(
                    (self.blocks[n] for n in range(self.block_index - 1, -1, -1) if not self.blocks[n].furniture),
                    None)) is not None and before.kind == TABLE and \
                (stated := self.labels.opening("goal", text, field=True)) is not None and \
                ((said := self.labels.opening("activity", text, field=True)) is None or said[0].written in COLOUR_WORDS):
            # 'Orange – målet bedöms bli uppfyllt i liten utsträckning' after the goal's table of activities: the
            # goal's level, set below its activities.
            self._finish_activity()
            self.state.goal = target_goal
            target_goal.assessment, target_goal.assessment_raw = stated[0].canonical, stated[0].written
            return
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
                (served := ITEM_NUMBER.fullmatch(found[1].strip())) is not None:  # type: ignore[index]
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
                        target_activity.comment = join_paragraphs(target_activity.comment, part)
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
                target_activity.comment = join_paragraphs(target_activity.comment, when)
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
            say_also(activity, flag)
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
                        activity.comment = join_paragraphs(activity.comment, rest)
                    return
                self.warnings.append(f"Statusen '{text[:60]}' för aktiviteten '{activity.title}' är okänd.")
                activity.comment = join_paragraphs(activity.comment, text)
                return
            if role == "prognosis" and (found := self.labels.match("activity", text)) is not None:
                # 'Påbörjad' with the prognosis 'Grön' (on plan) or 'Röd' (deviates) beside it: read together.
                say_also(activity, found)
                return
            if role == "responsible" and (len(text.split()) <= 6 or not text.rstrip().endswith(".")):
                activity.units.extend(u.strip() for u in re.split(r"[,;\n]", text) if u.strip())
                return
            if role == "responsible":  # a sentence after the units: the comment goes on
                self.state.role = "comment"
            if role == "description":
                activity.description = join_paragraphs(activity.description, text)
                return
            if role in ("start", "end", "dates") and (activity.start or activity.end) and text.rstrip().endswith("."):
                activity.comment = join_paragraphs(activity.comment, text)  # a sentence after the dates: the comment
                return
            if role in ("start", "end", "dates"):
                if self.read.read_dates(activity, role, text) and self.state.role == role:
                    self.state.role = None  # 'Tid:' / '2023-09-01 – 2025-06-30': the text after it is no date
                return
            activity.comment = join_paragraphs(activity.comment, text)
            return
        if goal is None:
            return
        if role == "assessment" and goal.assessment is None and self.words.says_not_assessed(text):
            goal.assessment_raw = text  # 'Ej bedömd' as stated: no prognosis beside it stands in for the level
            self.state.role = "comment"  # (what follows is the goal's comment)
            return
        if role == "prognosis" and goal.assessment is None and self.words.says_not_assessed(text):
            self.state.role = "comment"
            return  # 'Prognos helår: Kan ej bedömas': no level, and nothing unknown either
        if role in ("assessment", "prognosis", "status"):
            if goal.assessment is None and not (role == "prognosis" and goal.assessment_raw):
                found, rest = self.read.read_label("goal", text)
                if found:
                    goal.assessment, goal.assessment_raw = found.canonical, found.written
                    self.state.role = "comment"
                    if rest:
                        goal.comment = join_paragraphs(goal.comment, rest)
                    return
                self.warnings.append(f"Bedömningen '{text[:60]}' för målet '{goal.title}' är okänd.")
                self.state.role = "comment"  # the paragraphs after an unknown level are the goal's comment, not levels
            goal.comment = join_paragraphs(goal.comment, text)
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
        goal.comment = join_paragraphs(goal.comment, text)

    def _finish_activity(self) -> None:
        self.state.activity = None
        self.state.role = None

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
            goal.comment = join_paragraphs(goal.comment, squash(rest))
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

    def _outline_place(self, depth: int) -> None:
        """A row of a tree of goals and activities by outline level ('Nivå' 1, 2, 3; a sheet's indents): the goal
        it sits under is the nearest goal row above it of a lower level."""
        above = [goal for level, goal in self.table_outline if level < depth]
        self._finish_activity()
        self.state.goal = above[-1] if above else None
        self.table_parent = None

    def _enter_goal(self, text: str, subgoal: bool, parent: ParsedGoal | None = None) -> None:
        """Make the goal a table row names the open one: a goal already read (same title) or a new one."""
        labelled = self.words.heading_kind(text)
        council = False
        if labelled and labelled[0] in ("goal", "subgoal"):
            subgoal = subgoal or labelled[0] == "subgoal"
            label = re.sub(r"[\d.\s:–-]+$", "", text[:len(text) - len(labelled[1])])
            lower = self.words.names_lower_goals(label)
            # (in a tree by outline level the level places the goal, whatever its label)
            council = labelled[0] == "goal" and not lower and self.row_depth is None
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








def _sentence_case(title: str) -> str:
    """A title set in capitals ('FLER INVÅNARE DELTAR I KULTURLIVET', as a plain-text mail sets headings) as the
    sentence it is; a title with lower-case letters, or a short code ('IT', 'LSS'), as written."""
    letters = [c for c in title if c.isalpha()]
    if len(title.split()) < 3 or not letters or any(c.islower() for c in letters):
        return title
    return title[:1] + title[1:].lower()





def interpret_document(document: Document) -> Interpretation:
    return ReportInterpreter().interpret(document)
