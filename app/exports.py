"""Exports of a mapping for the board: the CSV scripts read (codes as stored) and an Excel workbook people read
(Swedish columns, titles and years of both sides, decisions in words, local times). One writer per format."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from corpus.model import UppsiktError

DECISION_NAMES = {"accept": "förslaget accepterat", "reject": "förslaget avvisat", "choose": "annat valt",
                  "no_match": "ingen motsvarighet"}
MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
KIND_TITLES = {"goal": "Mål mot föregående års mål", "activity": "Aktiviteter mot föregående års aktiviteter",
               "placement": "Aktiviteter under mål"}


def local_time(stamp: str | None) -> str:
    """A stored UTC timestamp as local time the Swedish way ("1 dec 2026 21:07")."""
    if not stamp:
        return ""
    moment = datetime.fromisoformat(stamp).astimezone()
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year} {moment:%H:%M}"


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
