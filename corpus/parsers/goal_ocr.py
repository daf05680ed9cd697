"""OCR'd goal fulfilment reports (e.g. 003): diacritics lost, table columns interleaved line by line.

Structure: `2.N` council goal, `2.N.M` development goal, then its stated level ('Delvis uppfylit.',
'B j uppfyiit'), a comment, and a table 'Verksamhetens aktiviteter | Status | Slutdatum | Kommentar'.
In the table, each row's first line holds the title's first words, a status symbol, maybe the first
status word, the end date's 'YYYY-MM-' and the comment's first words; the next lines carry on each
column: title words, status words, the day of the end date, comment words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.model import (
    LINE_BLANK,
    LINE_CONTENT,
    LINE_FOOTER,
    LINE_HEADER,
    LINE_TABLE_HEADER,
    ParsedActivity,
    ParsedGoal,
)
from corpus.parsers.common import join_text
from corpus.text import fold, normalise_goal_level, normalise_status

GOAL = re.compile(r"^\s*(\d\.\d{1,2})(?!\.\d)\s*([A-ZÅÄÖa-zåäö0].*)$")
SUBGOAL = re.compile(r"^\s*(\d\.\d{1,2}\.\d{1,2})\s*(.*)$")
CHAPTER = re.compile(r"^\s*(\d)\s+([A-ZÅÄÖ][^\d]*)$")
FOOTER = re.compile(r"^\s*(M[aå]luppfyl\w*rapport|Sida \d+ av \d+)\s*$", re.I)
HEADER = re.compile(r"^\s*(@\s*)?[AÅ]nge\s*$|^\s*kommun\s*$", re.I)
TABLE_HEAD = re.compile(r"^\s*Verksamhetens(\s+aktiviteter)?\W*(Status\s+Slutdatum\s+Kommentar)?\s*$")
TABLE_HEAD_2 = re.compile(r"^\s*aktiviteter\s*$")

_SYM = r"(?:(?<!\S)(?:\(\s*>?\s*\]?\s*\)?|\[\s*\]|\]|[oO0v°•@+*\"”'’>]|V4)(?=\s))"
_HEAD_WORD = (
    r"(?<!\S)(?:=?\"?Ej|P[a-zé]{1,3}g[a-zé]{0,4}nde|Avslutad|V[a-zé]{1,2}nt[a-zé]{0,2}l[a-zé]{1,2}ge|"
    r"p[a-zé]{0,2}b[a-zé]{1,3}r[ij1l]?[a-zé]{0,2}d)"
)
_STATUS_WORD = (
    r"(?<!\S)(?:=?\"?Ej|P[a-zé]{1,3}g[a-zé]{0,4}nde|Avslutad|V[a-zé]{1,2}nt[a-zé]{0,2}l[a-zé]{1,2}ge|"
    r"p[a-zé]{0,2}b[a-zé]{1,3}r[ij1l]?[a-zé]{0,2}d|enligt|plan|med|avvikelser?)"
)
ROW_FIRST = re.compile(
    rf"^(?P<title>.*?)\s*(?:{_SYM}\s*)*(?P<status>(?:{_HEAD_WORD}\s+(?:{_STATUS_WORD}\s+)*)?)"
    rf"(?P<date>20\d\d-\d\d-)\s*(?P<rest>.*)$"
)
ROW_DAY = re.compile(
    rf"^(?P<title>.*?)\s*(?:{_SYM}\s+)?(?P<status>(?:{_STATUS_WORD}\s*)*?)\s*(?P<day>\d\d)\b\s*(?P<rest>.*)$"
)
ROW_DAY_HEAD = re.compile(
    rf"^(?P<title>.*?)\s*(?:{_SYM}\s+)?(?P<status>(?:{_HEAD_WORD}\s*(?:{_STATUS_WORD}\s*)*?)?)\s*(?P<day>\d\d)\b\s*(?P<rest>.*)$"
)
_CONTINUATIONS = {
    "start": r"enligt\s+plan|enligt|med\s+avvikelser?|med",
    "enligt": r"plan",
    "med": r"avvikelser?",
    "ej": r"p[a-zé]{0,2}b[a-zé]{1,3}r[ij1l]?[a-zé]{0,2}d",
}


@dataclass
class _Row:
    title: list[str]
    status: list[str]
    date: str
    comment: list[str] = field(default_factory=list)
    day_seen: bool = False
    title_open_lines: int = 0
    status_budget: int = 0

    def status_state(self) -> str | None:
        """What status words may still follow, or None when the status is complete."""
        words = fold(" ".join(self.status)).replace("=", " ").replace('"', " ").split()
        if not words:
            return "any"
        last = words[-1]
        if last in {"plan"} or last.startswith("avvikelse") or normalise_status(" ".join(words)) in {
            "Ej påbörjad", "Vänteläge"}:
            return None
        if last == "enligt":
            return "enligt"
        if last == "med":
            return "med"
        if last == "ej":
            return "ej"
        return "start"


def _assessment_line(line: str) -> str | None:
    return normalise_goal_level(line) if len(line.strip()) < 40 else None


def _next_is_level(lines: list[str], i: int) -> bool:
    for following in lines[i + 1 : i + 4]:
        if following.strip():
            return _assessment_line(following.strip()) is not None
    return False


class _Builder:
    """Accumulates goals and activities while lines stream past."""

    def __init__(self) -> None:
        self.goals: list[ParsedGoal] = []
        self.activities: list[ParsedActivity] = []
        self.goal: ParsedGoal | None = None
        self.sub: ParsedGoal | None = None
        self.comment: dict[str, list[str]] = {}
        self.row: _Row | None = None

    def owner(self) -> ParsedGoal | None:
        return self.sub or self.goal

    def close_row(self) -> None:
        row, self.row = self.row, None
        owner = self.owner()
        if row is None or owner is None:
            return
        status_raw = " ".join(row.status).strip() or None
        self.activities.append(
            ParsedActivity(
                title=join_text(row.title),
                goal_numbers=[owner.number],
                end=row.date if re.fullmatch(r"\d{4}-\d\d-\d\d", row.date) else None,
                status=normalise_status(status_raw),
                status_raw=status_raw,
                comment=join_text(row.comment),
            )
        )

    def add_comment(self, text: str) -> None:
        owner = self.owner()
        if owner is not None:
            self.comment.setdefault(owner.number, []).append(text)


def _row_line(builder: _Builder, line: str) -> None:
    """Distribute one table line over the columns of the open row (or start a new row)."""
    first = ROW_FIRST.match(line)
    row = builder.row
    if first and (row is None or row.day_seen or not re.match(r"^\s*\d\d\b", line)):
        builder.close_row()
        builder.row = _Row(
            title=[first.group("title")] if first.group("title") else [],
            status=[first.group("status")] if first.group("status").strip() else [],
            date=first.group("date"),
            comment=[first.group("rest")] if first.group("rest") else [],
        )
        return
    if row is None:
        builder.add_comment(line.strip())
        return
    if not row.day_seen:
        day = (ROW_DAY if row.status else ROW_DAY_HEAD).match(line)
        if day:
            row.day_seen = True
            row.date += day.group("day")
            if day.group("title").strip():
                row.title.append(day.group("title"))
            if day.group("status").strip():
                row.status.append(day.group("status"))
            if day.group("rest"):
                row.comment.append(day.group("rest"))
            row.title_open_lines = 1
            row.status_budget = 3
            return
    row.status_budget -= 1
    state = row.status_state()
    if state is not None and row.status_budget >= 0:
        pattern = _CONTINUATIONS.get(state, r"(?!x)x") if state != "any" else _STATUS_WORD
        match = re.match(rf"^(?P<title>.*?)\s*(?P<status>\b(?:{pattern}))\b\.?\s*(?P<rest>.*)$", line)
        if match:
            if match.group("title").strip():
                row.title.append(match.group("title"))
            row.status.append(match.group("status"))
            if match.group("rest"):
                row.comment.append(match.group("rest"))
            row.title_open_lines = 1
            return
    words = line.split()
    if row.title_open_lines and len(words) <= 2 and "." not in line and row.status_state() is None:
        row.title.append(line.strip())
        row.title_open_lines = 0
        return
    row.title_open_lines = 0
    row.comment.append(line.strip())


def _column_table(builder: _Builder, block: list[str]) -> None:
    """A table whose columns came out one after another: title, 'Status', …, 'Kommentar', comment."""
    markers = {"status": [], "slutdatum": [], "kommentar": []}
    current = "title"
    parts: dict[str, list[str]] = {"title": [], "status": [], "slutdatum": [], "kommentar": []}
    for line in block:
        key = fold(line).strip()
        if key in markers:
            current = key
            continue
        parts[current].append(line)
    builder.close_row()
    status_raw = " ".join(w for w in parts["status"] if len(w.strip()) > 1)
    date = "".join(p.strip() for p in parts["slutdatum"])
    builder.row = _Row(title=parts["title"], status=[status_raw], date=date, day_seen=True)
    builder.row.comment = parts["kommentar"]
    builder.close_row()


def parse_goal_ocr(lines: list[str], kinds: list[str]) -> tuple[list[ParsedGoal], list[ParsedActivity], list[str]]:
    """Fill `kinds`; return goals, activities and the report's own prose (introduction, summary)."""
    builder = _Builder()
    prose: list[str] = []
    mode = "prose"  # prose | goal_title | sub_title | level | comment | table | column_table
    column_block: list[str] = []
    pending_title_after_level = False
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\n")
        stripped = line.strip()
        if not stripped:
            kinds[i] = LINE_BLANK
            if mode in {"goal_title", "sub_title"}:
                mode = "level" if mode == "sub_title" else "comment"
            i += 1
            continue
        if FOOTER.match(line):
            kinds[i] = LINE_FOOTER
            i += 1
            continue
        if HEADER.match(line):
            kinds[i] = LINE_HEADER
            i += 1
            continue
        sub = SUBGOAL.match(line)
        goal = GOAL.match(line) if not sub else None
        chapter = CHAPTER.match(line) if not (sub or goal) else None
        if sub or goal or chapter:
            if mode == "column_table":
                _column_table(builder, column_block)
                column_block = []
            builder.close_row()
            kinds[i] = LINE_CONTENT
            if chapter:
                builder.goal = builder.sub = None
                mode = "prose"
                prose.append(stripped)
            elif goal:
                builder.goal = ParsedGoal(number=goal.group(1), title=goal.group(2).strip())
                builder.goals.append(builder.goal)
                builder.sub = None
                mode = "goal_title"
            else:
                assert sub is not None
                builder.sub = ParsedGoal(
                    number=sub.group(1), title=sub.group(2).strip(),
                    parent_number=builder.goal.number if builder.goal else None,
                )
                builder.goals.append(builder.sub)
                mode = "sub_title"
                pending_title_after_level = not sub.group(2).strip()
            i += 1
            continue
        if mode == "goal_title" and builder.goal is not None:
            builder.goal.title = f"{builder.goal.title} {stripped}"
            kinds[i] = LINE_CONTENT
            i += 1
            continue
        if mode in {"sub_title", "level"} and builder.sub is not None:
            level = _assessment_line(stripped)
            if level is not None and builder.sub.assessment is None:
                builder.sub.assessment = level
                builder.sub.assessment_raw = stripped
                kinds[i] = LINE_CONTENT
                mode = "sub_title" if pending_title_after_level else "comment"
                i += 1
                continue
            if mode == "sub_title":
                builder.sub.title = f"{builder.sub.title} {stripped}".strip()
                kinds[i] = LINE_CONTENT
                i += 1
                continue
            if builder.sub.assessment is None and _next_is_level(lines, i):
                builder.sub.title = f"{builder.sub.title} {stripped}"
                kinds[i] = LINE_CONTENT
                i += 1
                continue
            if pending_title_after_level:
                builder.sub.title = stripped
                pending_title_after_level = False
                kinds[i] = LINE_CONTENT
                mode = "comment"
                i += 1
                continue
            mode = "comment"
        if TABLE_HEAD.match(line) or (TABLE_HEAD_2.match(line) and mode in {"table", "column_table"}):
            kinds[i] = LINE_TABLE_HEADER
            if fold(stripped) == "verksamhetens":
                # Columns laid out one after another; gather until the next heading.
                mode = "column_table"
                column_block = []
            elif mode != "column_table":
                mode = "table"
            i += 1
            continue
        if builder.goal is None:
            kinds[i] = LINE_CONTENT
            prose.append(stripped)
            i += 1
            continue
        kinds[i] = LINE_CONTENT
        if mode == "column_table":
            column_block.append(stripped)
        elif mode == "table":
            _row_line(builder, line)
        else:
            builder.add_comment(stripped)
        i += 1
    if mode == "column_table":
        _column_table(builder, column_block)
    builder.close_row()
    for goal in builder.goals:
        # OCR read a capital Ö as a zero ('0ka takten').
        goal.title = re.sub(r"^0(?=[a-zåäö])", "Ö", join_text([goal.title]))
        goal.comment = join_text(builder.comment.get(goal.number, []))
    return builder.goals, builder.activities, prose
