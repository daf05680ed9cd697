"""Exports of a mapping for the board: the CSV scripts read (codes as stored) and an Excel workbook people read
(Swedish columns, titles and years of both sides, decisions in words, local times). One writer per format."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from corpus.model import UppsiktError

DECISION_NAMES = {"accept": "förslaget accepterat", "reject": "förslaget avvisat", "choose": "annat valt",
                  "no_match": "ingen motsvarighet", "undo": "ångrade föregående beslut"}
MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
KIND_TITLES = {"goal": "Mål mot föregående års mål", "activity": "Aktiviteter mot föregående års aktiviteter",
               "placement": "Aktiviteter under mål"}


def local_time(stamp: str | None) -> str:
    """A stored UTC timestamp as local time the Swedish way ("1 dec 2026 21:07")."""
    if not stamp:
        return ""
    moment = datetime.fromisoformat(stamp).astimezone()
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year} {moment:%H:%M}"


def history_line(entry: dict[str, Any]) -> str:
    """One decision of an item's history as a person reads it: when, what, to which, by whom, undone or not."""
    target = f" → {entry['to_title']}" if entry.get("to_title") and entry["decision"] not in ("no_match", "undo") else ""
    author = f" ({entry['author']})" if entry.get("author") else ""
    state = " – ångrat" if entry.get("undone") else (" – gäller" if entry.get("in_force") else "")
    return f"{local_time(entry['decided_at'])}: {DECISION_NAMES[entry['decision']]}{target}{author}{state}"


@dataclass(frozen=True)
class MappingRow:
    """One item of a mapping as exported: its counterpart (decided, or the suggestion) and the decision."""

    from_id: str
    from_title: str
    from_year: int
    to_id: str | None
    to_title: str
    to_year: int
    score: float | None
    decision: str | None
    author: str
    decided_at: str
    placed: str | None = None


def write_csv(rows: list[MappingRow], path: Path, title: str) -> None:
    """UTF-8 with BOM and semicolons, as Excel opens it; decisions as the codes scripts read."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        placed = any(r.placed is not None for r in rows)
        writer.writerow(["från_id", "från_titel", "till_id", "till_titel", "poäng", "beslut", "beslutad_av",
                         "beslutad", *(["i_rapporten"] if placed else [])])
        for r in rows:
            decision = r.decision or ("förslag: ingen motsvarighet" if r.to_id is None else "förslag")
            writer.writerow([r.from_id, r.from_title, r.to_id or "", r.to_title,
                             "" if r.score is None else str(r.score).replace(".", ","), decision, r.author,
                             r.decided_at, *([r.placed or ""] if placed else [])])


def write_xlsx(rows: list[MappingRow], path: Path, title: str) -> None:
    """A workbook for the board: a title row, Swedish column names, wrapped titles, decisions in words."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kopplingar"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    placed = any(r.placed is not None for r in rows)
    header = ["År", "Från", "År", "Till", "Poäng", "Beslut", "Beslutad av", "Beslutad",
              *(["Står i rapporten under"] if placed else [])]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for r in rows:
        decision = DECISION_NAMES.get(r.decision or "", "") or (
            "ej beslutat (förslag: ingen motsvarighet)" if r.to_id is None else "ej beslutat (förslag)")
        sheet.append([r.from_year, r.from_title, r.to_year if r.to_id else "", r.to_title or "ingen motsvarighet",
                      None if r.score is None else round(r.score, 3), decision, r.author,
                      local_time(r.decided_at), *([r.placed or ""] if placed else [])])
    widths = [7, 60, 7, 60, 14, 34, 16, 18, 50]
    for column, width in zip("ABCDEFGHI", widths, strict=False):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    workbook.save(path)


WRITERS: dict[str, Callable[[list[MappingRow], Path, str], None]] = {".csv": write_csv, ".xlsx": write_xlsx}


def write_mapping(rows: list[MappingRow], path: Path, kind: str) -> None:
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise UppsiktError(f"Exporten kan skrivas som .csv eller .xlsx, inte som '{path.suffix or path.name}'.")
    path.parent.mkdir(parents=True, exist_ok=True)
    writer(rows, path, KIND_TITLES[kind])


def decimal(value: float, digits: int) -> str:
    """A number with a decimal comma ("0,83")."""
    return f"{value:.{digits}f}".replace(".", ",")


def decimal_percent(share: float) -> str:
    """A share with one decimal, the Swedish way: 0.957 → "95,7 %"."""
    return f"{100 * share:.1f}".replace(".", ",") + " %"


# ---- the follow-up draft for the board (Word) -------------------------------------------------------------

@dataclass(frozen=True)
class DraftActivity:
    """One activity of the draft: the newest stated status, uppsikt's proposal and the flag on it."""

    title: str
    units: str
    stated: str | None
    proposed: str | None
    probability: float | None
    flag: str | None
    comment: str
    report: str


@dataclass(frozen=True)
class DraftGoal:
    title: str
    stated: str | None
    proposed: str | None
    probability: float | None
    flag: str | None
    comment: str
    activities: list[DraftActivity]
    subgoals: list[DraftGoal]
    counts: dict[str, int]


@dataclass(frozen=True)
class FollowUpDraft:
    organisation: str
    year: int
    reports: list[str]
    goals: list[DraftGoal]

    def all_goals(self) -> list[DraftGoal]:
        found: list[DraftGoal] = []
        stack = list(self.goals)
        while stack:
            goal = stack.pop(0)
            found.append(goal)
            stack[:0] = goal.subgoals
        return found

    def all_activities(self) -> list[DraftActivity]:
        return [a for g in self.all_goals() for a in g.activities]


DRAFT_COMMENT_CHARS = 700  # a goal's comment quoted in the draft; the rest is in the report
ACTIVITY_COLUMNS = ("Aktivitet", "Ansvarig", "Angiven status", "Förslag", "Att granska")


def _proposal_text(proposed: str | None, probability: float | None) -> str:
    if not proposed:
        return "inget förslag"
    return f"{proposed} ({round(100 * probability)} %)" if probability is not None else proposed


def write_followup_docx(draft: FollowUpDraft, path: Path) -> None:
    """The draft as Word: a heading per goal and sub-goal with its stated and proposed level and its comment,
    a table of its activities, and what to look at again (contradictions, proposals unlike the stated)."""
    from docx import Document
    from docx.shared import Pt, RGBColor

    from app.views import render

    document = Document()
    document.core_properties.title = f"Uppföljning {draft.year} – {draft.organisation}"
    document.core_properties.language = "sv-SE"
    document.add_heading(f"Uppföljning {draft.year} – {draft.organisation}", level=0)
    for paragraph in render("followup_intro.txt.j2", draft=draft,
                            today=local_time(datetime.now().astimezone().isoformat())).split("\n\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph.strip())

    def goal_section(goal: DraftGoal, level: int) -> None:
        document.add_heading(goal.title, level=level)
        line = document.add_paragraph()
        line.add_run("Angiven nivå: ").bold = True
        line.add_run(goal.stated or "ingen")
        line.add_run(" · Förslag: ").bold = True
        line.add_run(_proposal_text(goal.proposed, goal.probability))
        if goal.counts:
            line.add_run(" · Aktiviteter: ").bold = True
            line.add_run(", ".join(f"{n} {status.lower()}" for status, n in sorted(goal.counts.items())))
        if goal.flag:
            flag = document.add_paragraph().add_run(f"⚑ {goal.flag}")
            flag.font.color.rgb = RGBColor(0xB7, 0x1C, 0x1C)
        if goal.comment:
            comment = goal.comment if len(goal.comment) <= DRAFT_COMMENT_CHARS else \
                goal.comment[:DRAFT_COMMENT_CHARS].rsplit(" ", 1)[0] + " …"
            document.add_paragraph(comment).runs[0].italic = True
        if goal.activities:
            table = document.add_table(rows=1, cols=len(ACTIVITY_COLUMNS))
            table.style = "Table Grid"
            for cell, name in zip(table.rows[0].cells, ACTIVITY_COLUMNS, strict=True):
                cell.text = name
                cell.paragraphs[0].runs[0].bold = True
            for activity in goal.activities:
                review = activity.flag or ("förslaget skiljer sig från angiven status"
                                           if activity.proposed and activity.stated
                                           and activity.proposed != activity.stated else "")
                values = (activity.title, activity.units, activity.stated or "saknar status",
                          _proposal_text(activity.proposed, activity.probability), review)
                for cell, value in zip(table.add_row().cells, values, strict=True):
                    cell.text = value
                    for run in cell.paragraphs[0].runs:
                        run.font.size = Pt(9)
        for sub in goal.subgoals:
            goal_section(sub, min(level + 1, 9))

    for goal in draft.goals:
        goal_section(goal, 1)
    document.save(str(path))
