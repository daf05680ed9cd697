"""Reading a report's tables: which column is which field, header rows over two lines, boards of status
columns, pivot tables, field tables and measure tables, and each row as a goal, a sub-goal or an activity."""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.documents.colours import COLOUR_WORDS
from corpus.documents.model import PARAGRAPH, TABLE, Block, trimmed_row
from corpus.interpret.lines import NUMBER
from corpus.interpret.vocabulary import FIELD_SEPARATOR, label_form
from corpus.labels import SHARE, LabelMatch, combined_status, status_with_completion
from corpus.model import LINE_TABLE_HEADER, ParsedActivity, ParsedGoal
from corpus.reportdate import slashed_dates
from corpus.text import fold, squash

# Rows of fields under a row of activities' titles that make a table turned, an activity a column.
MIN_TURNED_FIELDS = 3
# The first column's header of a data set's description ('Kolumn | Beskrivning | Exempel', 'Fil | Innehåll').
_DATA_DICTIONARY = frozenset({"kolumn", "kolumnnamn", "falt", "faltnamn", "variabel", "variabelnamn", "attribut", "fil",
                              "filnamn"})
# 'Nämndmål 1.1: …', 'Kommunfullmäktiges mål 2 – …': the number after an item's label.
LABELLED_NUMBER = re.compile(r"^\S+(?:\s+\S+)??\s+(\d+(?:\.\d+)*)\s*(?:[:.–\-]|\s+(?=[A-ZÅÄÖ]))")
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
# How many rows of an export's own facts ('Plan name', 'Plan ID', 'Export date') may stand over its header.
_EXPORT_FACTS = 5
# A goal-number cell that names none: the item serves the goal above (a dash where a sub-goal's number would be).
_NO_GOAL_MARKS = frozenset({"–", "-", "—", "−"})
# A goal's number at the start of a name ('M1.1 Ledningsnät', a task bucket named by the goal it serves).
_NAMED_NUMBER = re.compile(r"\s*(?:[A-ZÅÄÖ]{1,3}[-\s]?)?(\d{1,2}(?:\.\d{1,2}){0,3})\s+(?=[A-ZÅÄÖa-zåäö])")
# A goal's number as a table cell states it: '2', '1.1', '2.0' (a number a spreadsheet stored as one), or as a
# code with a letter or two before it ('M1.2', 'NM 2').
ITEM_NUMBER = re.compile(r"\s*(?:[A-ZÅÄÖ]{1,3}[-\s]?)?(\d{1,2}(?:\.\d{1,2}){0,3}?)(?:\.0)?\s*")
# An activity's code, its goal's number before its own ('AK1.2.1', 'A 2.0.1', '1.1.3').
# (Three parts at least: 'Nr 1.2' beside an activity may be its goal's number, not its own.)
_ACTIVITY_CODE = re.compile(r"(?:[A-Za-zÅÄÖåäö]{1,4}[\s-]?)?(\d{1,2}(?:\.\d{1,2}){2,3})\.?")
# A line of a cell that is a sentence of its own: a capital, words, a full stop ('Andelen … var 71 procent.').
_SENTENCE_LINE = re.compile(r"^[A-ZÅÄÖ0-9][^\n]{30,}[.!?]$")
# An item's number cell that points up to the goal it belongs to ('↳ 1.2', '└ 2').
_SERVES_MARK = re.compile(r"^[↳⤷└→]\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?$")
# A row repeated atop a page to say whose rows go on there ('Mål 2 (forts.)', 'Mål 2, forts.').
CONTINUED = re.compile(r"\s*[,(]?\s*(?:forts\.?|fortsättning|fortsätter)\s*\)?\s*$", re.I)
ITEM_ROLES = ("status", "assessment", "prognosis", "comment", "description", "responsible", "start", "end", "dates",
              "measure")


class TableReading:
    """The table half of ReportInterpreter: its methods read and write the interpreter's state (self.state,
    self.goals, self.activities, self.words, self.labels, self.read); only ReportInterpreter mixes it in."""

    # Tables ------------------------------------------------------------------------------------------------

    def _next_goal_row(self, block: Block) -> int | None:
        """Where a goal's level line ('NÄMNDMÅL 1.1 | Uppfyllt') stands among the rows of an activity table, if
        anywhere after its first data row."""
        if len(block.rows) < 3 or "activity" not in {self.words.role(squash(c)) for c in block.rows[0] if c}:
            return None
        for k, row in enumerate(block.rows[2:], start=2):
            cells = trimmed_row(row)
            if len(cells) == 2 and self._level_kicker(squash(cells[0])) is not None and (
                    self.labels.match("goal", squash(cells[1])) or self.words.says_not_assessed(squash(cells[1]))):
                return k
        return None

    def _level_kicker(self, text: str) -> tuple[tuple[str, str], str | None] | None:
        """'NÄMNDMÅL 1.1', 'KOMMUNFULLMÄKTIGES MÅL 1 · MÅLOMRÅDE UTBILDNING OCH ARBETE': a goal's level and number
        alone, and the area set apart after it (None where none is); None where the text is no such line."""
        parts = FIELD_SEPARATOR.split(text)
        placed = self.words.level_cell(parts[0])
        if placed is None or len(parts) > 2:
            return None
        area = self.words.heading_kind(parts[1]) if len(parts) == 2 else None
        if len(parts) == 2 and (area is None or area[0] != "area"):
            return None
        return placed, (area[1].capitalize() if area else None)

    def _current_follow_up(self, block: Block, roles: list[str | None]) -> list[str | None]:
        """A plan kept through the year with a column pair per follow-up ('Uppföljning T1 (30 april) | Kommentar T1 |
        Uppföljning T2 (31 augusti) | …'): the latest follow-up filled in is the report's, its value column the
        items' level or status and its comment theirs; the earlier ones are history."""
        header = [squash(c) for c in block.rows[0]]
        orders = [self.words.follow_up_order(h) if h else None for h in header]
        # (Only columns headed as follow-ups: 'Prognos helår' beside 'Bedömning 30 april' is this report's forecast.)
        values = [c for c, (h, order) in enumerate(zip(header, orders, strict=False))
                  if order is not None and label_form(h).startswith("uppfoljning")]
        if len({orders[c] for c in values}) < 2:
            return roles
        filled = [c for c in values if any(c < len(row) and squash(row[c]) for row in block.rows[1:])]
        if not filled:
            return roles
        latest = max(orders[c] for c in filled)  # type: ignore[type-var]
        out = list(roles)
        for c, order in enumerate(orders):
            if order is None or roles[c] != "comment" or not label_form(header[c]).startswith(("uppfoljning",
                                                                                                "kommentar")):
                continue
            if order != latest:
                out[c] = None  # an earlier follow-up's level and comment
            elif c in values:
                out[c] = "prognosis"  # (the goal rows' level, the activity rows' status)
        return out

    def _names_kinds(self, values: list[str]) -> bool:
        """Whether most of a column's values name a kind of item ('Kommunfullmäktiges mål', 'Nämndmål', 'Aktivitet')."""
        kinds = [self.words.role(v) or (self.words.heading_kind(v) or (None,))[0] for v in values]
        return sum(k in ("goal", "subgoal", "activity") for k in kinds) * 2 > len(values)

    def _table(self, block: Block, first: int) -> None:
        if (split := self._next_goal_row(block)) is not None:
            # A goal's card line read into the activity table above it ('NÄMNDMÅL 1.1 | Uppfyllt' under the rows
            # of 'Aktivitet | Status | …'): the table ends there, and the goal's line begins what follows.
            self._table(Block(TABLE, rows=block.rows[:split], page=block.page, bold=block.bold), first)
            self._table(Block(TABLE, rows=block.rows[split:], page=block.page, bold=block.bold), first + split)
            return
        if describes_data(block.rows):
            self._mark_rows(first, len(block.rows))
            return
        if (wide := self._widened(block)) is not None:
            self._table(wide, first)
            self._mark_rows(first, len(block.rows))  # every row of the long form was read into the wide one
            return
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
        if len(lone) == 2 and (kicker := self._level_kicker(squash(lone[0]))) is not None and (
                self.labels.match("goal", squash(lone[1])) or self.words.says_not_assessed(squash(lone[1]))):
            # 'KOMMUNFULLMÄKTIGES MÅL 1 · MÅLOMRÅDE UTBILDNING | Delvis uppfyllt' over a goal's card: its level
            # and number, the area it stands in, and its level; the title is the heading under it.
            self._finish_activity()
            placed, area = kicker
            if area:
                self.area = area
            self.state.placed, self.state.placed_level = placed, squash(lone[1])
            self._mark(first)
            return
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
        if "activity" in roles and "goal_number" not in roles:
            # 'Aktivitet | Delmål | Status' with '1.1' in the goal column: the goal named by its number.
            for c, role in enumerate(roles):
                values = [squash(row[c]) for row in block.rows[1:] if c < len(row) and squash(row[c] or "")]
                if role in ("goal", "subgoal") and values and \
                        all(v in _NO_GOAL_MARKS or ITEM_NUMBER.fullmatch(v) for v in values):
                    roles[c] = "goal_number"
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
            if said and self._names_kinds(said):
                roles[column] = "item_kind"
        for column, role in enumerate(roles):
            # 'Objekttyp | Objekt' in a list export: a column of the export's own, one word on every row that names
            # no kind of item (a report's own codes, 'ÄGARDIR' / 'BOLAG', tell rows apart and stay).
            said = [squash(row[column]) for row in block.rows[1:] if column < len(row) and squash(row[column])]
            if role == "item_kind" and len(said) >= 3 and len(set(said)) == 1 and not self._names_kinds(said):
                roles[column] = None
        if "item_kind" in roles and "item" in roles and "title" not in roles:
            roles[roles.index("item")] = "title"  # 'Typ | Nr | Mål / aktivitet': the item column is the row's title
        roles = self._current_follow_up(block, roles)
        if "item_kind" in roles and "title" in roles:
            self._typed_table(block, roles, first)
            return
        activity_fields = bool({"status", "start", "end", "dates", "completion", "on_plan"} & set(roles))
        goal_fields = bool({"assessment"} & set(roles))
        if "title" in roles and not _ITEM_COLUMNS & set(roles):
            # 'Rubrik | Läge | Startdatum | Slutdatum' (a list's title column): the item its other fields are an
            # activity's or a goal's.
            if activity_fields != goal_fields:
                roles[roles.index("title")] = "activity" if activity_fields else "goal"
        elif "title" in roles and roles.count("goal") == 1 and not {"activity", "subgoal"} & set(roles) and \
                activity_fields and not goal_fields and roles.index("title") < roles.index("goal"):
            # 'Titel | Mål | Status | Startdatum' (a list of activities whose lookup column names the goal): the
            # title is the activity's, the goal column the goal it serves.
            roles[roles.index("title")] = "activity"
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
            held: set[str] = set()
            for role, cell in zip(roles, row, strict=False):
                if role == "title" and role not in values:
                    cell, notes = self._title_notes(cell or "")  # 'Titel' / 'Analys: …' in one cell
                if role and squash(cell or "") and role not in held:  # the first column of a role holds it
                    values[role] = squash(cell or "")
                if role in ("assessment", "prognosis"):
                    # Empty there too: 'Bedömning T1 2030' empty beside 'Bedömning helår 2029' is not assessed.
                    held.add(role)
                elif role in values:
                    held.add(role)
            for role, value in notes:
                values[role] = f"{values[role]} {value}" if role in values else value
            kind = self.words.role(values.get("item_kind", "")) or (self.words.heading_kind(values.get("item_kind", ""))
                                                                    or ("",))[0]
            title = values.get("title")
            if title:
                title = CONTINUED.sub("", title)  # 'Hjälpmedel levereras … (forts.)' atop a new page
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
            parent = by_id.get(values.get("parent", "")) or self._goal_titled(values.get("parent", ""))
            if parent is None and kind == "activity":
                parent = by_id.get(values.get("goal_number", ""))  # 'Kopplat till mål | 10433': the goal's id
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

    def _goal_titled(self, title: str) -> ParsedGoal | None:
        """The goal read before with this title ('Överordnat mål' as a list's lookup shows it: the parent's title)."""
        form = fold(title)
        return next((g for g in self.goals if fold(g.title) == form), None) if form else None

    def _widened(self, block: Block) -> Block | None:
        """A long export ('Id | Typ | Egenskap | Värde', one row per item and property) as a wide table: one row per
        item in the order first seen, its id, the columns before the property's (its kind), then one column per
        property in the order first seen. None for any other table."""
        header = [label_form(cell) for cell in block.rows[0]] if block.rows else []
        attribute = next((c for c, h in enumerate(header) if h in self.words.attribute_headers), None)
        value = next((c for c, h in enumerate(header) if h in self.words.value_headers), None)
        if attribute is None or value is None or attribute == 0 or len(block.rows) < 3:
            return None
        fixed = list(range(attribute))  # the item's id and kind, before its property
        items: dict[str, dict[str, str]] = {}
        names: dict[str, None] = {}
        for row in block.rows[1:]:
            cells = row + [""] * (len(header) - len(row))
            key, name = squash(cells[0]), squash(cells[attribute])
            if not key or not name:
                continue
            item = items.setdefault(key, {block.rows[0][c]: cells[c] for c in fixed})
            names.setdefault(name)
            item[name] = f"{item[name]}\n{cells[value]}" if item.get(name) else cells[value]
        columns = [block.rows[0][c] for c in fixed] + list(names)
        return replace(block, rows=[columns] + [[item.get(column, "") for column in columns] for item in items.values()])

    def _heading_cell(self, raw: str) -> tuple[str, list[tuple[str, str]]]:
        """A cell that heads rows ('Nämndmål 1.1: Titel' / 'Bedömning per 30 april: 5 – Helt uppfyllt'): the
        heading, and the level or comment fields on its lines below it."""
        lines = [squash(line) for line in raw.split("\n") if squash(line)]
        fields: list[tuple[str, str]] = []
        while len(lines) > 1 and (said := self.words.field_line(lines[-1])) is not None and \
                said[0] in ("assessment", "prognosis", "comment"):
            fields.insert(0, said)
            lines.pop()
        return " ".join(lines), fields

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
        # A goal's form ('Mål nr | 1.1', 'Typ av mål | Nämndmål', 'Hör till … mål nr | 1', 'Målformulering | …'):
        # its number, kind and parent's number stated in rows of their own, the title placed by them.
        facts = {role: squash(value) for label, value in block.rows
                 if (role := self.words.role(label)) in ("goal_number", "number", "item_kind", "parent")}
        formed = ITEM_NUMBER.fullmatch(facts.get("goal_number") or facts.get("number") or "")
        for r, (label, value) in enumerate(block.rows):
            role = self.words.role(label)
            if r == 0 and role and self.words.role(value):
                self._mark(first, LINE_TABLE_HEADER)
                continue
            if formed is not None and role in ("goal_number", "number", "item_kind", "parent"):
                self._mark(first + r)
                continue
            if formed is not None and role in ("goal", "subgoal") and value.strip():
                number = formed.group(1)
                parent = self._goal_numbered(facts.get("parent", ""))
                kind = facts.get("item_kind", "")
                lower = self.words.names_lower_goals(kind) or self.words.role(kind) == "subgoal"
                self._finish_activity()
                self.state.goal = parent
                self._new_goal(squash(value), number, subgoal=parent is not None or lower or "." in number, level=7)
                self._mark(first + r)
                continue
            if role in ("assessment", "prognosis") and label.split("(")[0].strip().endswith("?") and value.strip() and \
                    not self.words.says_not_assessed(squash(value)):
                value = f"{label.split('(')[0].strip()} {value}"  # 'Har målet nåtts? | Delvis': the answer to it
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
        fields = {self.words.role(squash(c or "")) for c in block.rows[0][1:]} - {None, "goal", "subgoal", "activity",
                                                                                 "item_kind", "depth"}
        if len(fields) >= MIN_TURNED_FIELDS:
            return None  # 'Typ | Nr | Mål / aktivitet | Ansvarig | Start …': a header of columns, not turned rows
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
            goal.comment = join_paragraphs(goal.comment, filled[2])
        return True

    def _row(self, roles: list[str | None], cells: dict[int, str]) -> bool:
        if self._level_row([cells[c] or "" for c in sorted(cells)]):
            return True
        title_at = next((c for c, role in enumerate(roles) if role in ("item", "activity", "goal")), None)
        number_at = roles.index("number") if "number" in roles else None
        if title_at is not None and number_at is not None and not squash(cells.get(title_at) or "") and \
                (said := squash(cells.get(number_at) or "")) and not ITEM_NUMBER.fullmatch(said) and \
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
            said = self.words.field_line(squash(cells.get(roles.index("item")) or ""))
            if said is not None and said[0] in ("comment", "assessment", "prognosis", "status") and \
                    sum(bool(squash(cell or "")) for c, cell in cells.items()
                        if c >= len(roles) or roles[c] != "depth") == 1:
                # 'Kommentar: …' across the row under an item: that item's field, not an item of its own.
                self._append(said[0], said[1])
                return True
            cells, roles = self._labelled_item_cell(roles, cells)
            roles = self._item_roles(roles, cells)
            column = roles.index("activity") if "activity" in roles else None
            if column is not None and (labelled := self.words.heading_kind(squash(cells.get(column) or ""))) and \
                    labelled[0] == "activity":
                cells = {**cells, column: labelled[1]}  # 'Aktivitet: Titel' (an icon's text before it): the title
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
        lead, lead_fields = self._heading_cell(cells.get(0, "") or "")
        labelled = self.words.heading_kind(lead) if has_activity and lead else None
        if labelled and labelled[0] in ("goal", "subgoal"):
            # 'Nämndmål 1.1: …' across the activity columns (merged cells), its level in the last: a goal row.
            number = LABELLED_NUMBER.match(lead)
            if self.row_depth is not None and number is None:
                # 'Mål: …' in a tree by outline level: under the goal row above it of a lower level, if any.
                parent = self.state.goal
                self._enter_goal(labelled[1], subgoal=parent is not None, parent=parent)
            else:
                self._new_goal(labelled[1], number.group(1) if number else None, subgoal=labelled[0] == "subgoal",
                               level=8)
            for role, value in lead_fields:
                self._append(role, value)
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
            self.activities[-1].comment = join_paragraphs(self.activities[-1].comment, filled[0])
            return True
        if grouping and self.words.counts_rows(filled[0]):
            return True  # 'Antal markeringar' under the rows it counts
        if grouping:
            text, fields = self._heading_cell(cells.get(0) or "")
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
                for role, value in fields:
                    self._append(role, value)
                self.state.role = None
            return True
        # A column naming each row's level ('Nivå': 'Strategiskt mål 1', 'Delmål 1.1'), unlabelled or not.
        placed = next((found for c, role in enumerate(roles) if role in (None, "depth")
                       and (found := self.words.level_cell(squash(cells.get(c) or "")))), None)
        own_number = ITEM_NUMBER.fullmatch(values.get("goal_number") or values.get("number") or "")
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
        served = ITEM_NUMBER.fullmatch(values.get("goal_number") or "") or \
            _NAMED_NUMBER.match(values.get("goal_number") or "")  # 'M1.1 Ledningsnät': a bucket named by its goal
        labelled = self.words.level_cell(values.get("goal_number") or "")  # 'Mål 3', 'Nämndmål 2.1'
        served_number = served.group(1) if served else (labelled[1] if labelled else None)
        if has_activity and values.get("goal_number") in _NO_GOAL_MARKS and (top := self._open_top_goal()) is not None:
            # '–' where a sub-goal's number would stand: the activity serves the goal above the sub-goals.
            self._finish_activity()
            self.state.goal = top
        elif has_activity and served_number and (goal := self._goal_numbered(served_number)):
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
                goal.comment = join_paragraphs(goal.comment, values["goal_comment"])
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
                    say_also(activity, found)
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
                self.activities[-1].comment = join_paragraphs(self.activities[-1].comment, values["comment"])
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


# A list view's group row, grouped by a column ('Nämndmål : Fler turer avgår i tid (2)'): the column, the value the
# rows under it share and their count.
_GROUP_ROW = re.compile(r"^(?P<label>[^:]{2,40}?)\s*:\s*(?P<value>.*?)\s*\u200e?\((?P<count>\d{1,4})\)$")


def describes_data(rows: list[list[str]]) -> bool:
    """'Kolumn | Beskrivning | Exempel', 'Fil | Innehåll | Format': a data set's columns or files, no items."""
    return bool(rows and rows[0]) and label_form(squash(rows[0][0] or "")) in _DATA_DICTIONARY


def groups_as_titles(block: Block) -> Block:
    """A table grouped as a list view shows it ('Regionfullmäktiges mål : Titel (4)', then 'Nämndmål : Titel (2)'
    over its rows): each group row as the title it groups by, as a report's title row in a table; a group of an empty
    value ('Nämndmål : (1)', the rows with no sub-goal) as no row, its rows under the group above it."""
    if block.kind != TABLE:
        return block
    rows: list[list[str]] = []
    changed = False
    for row in block.rows:
        filled = [squash(c) for c in row if squash(c or "")]
        group = _GROUP_ROW.match(filled[0]) if len(filled) == 1 else None
        if group is None:
            rows.append(row)
            continue
        changed = True
        if group.group("value"):
            rows.append([group.group("value")] + [""] * (len(row) - 1))
    return replace(block, rows=rows) if changed else block


def say_also(activity: ParsedActivity, found: LabelMatch) -> None:
    """A second status said of an activity (a card's flag, a task's label) read with the one it has: a deviation or
    a pause said of work under way or finished is that; one that says nothing more leaves it."""
    said = activity.status
    activity.status = (combined_status(said, found.canonical) or said) if said else found.canonical
    activity.status_raw = " · ".join(v for v in (activity.status_raw, found.written) if v)


def _column_order(roles: list[str | None], order: tuple[str, ...]) -> bool:
    """Whether the columns of these roles all stand, in this order, in the table."""
    places = [roles.index(role) if role in roles else -1 for role in order]
    return -1 not in places and places == sorted(places)


def join_paragraphs(text: str, more: str) -> str:
    more = more.strip()
    if not more:
        return text
    return f"{text}\n\n{more}" if text else more
