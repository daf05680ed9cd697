"""Read a report file, recognise which of the known forms it has, and parse it."""

from __future__ import annotations

import re
from pathlib import Path

from corpus.model import LINE_UNPARSED, ParsedGoal, ParsedReport, ReportFormatError
from corpus.parsers.activity_markdown import parse_activity_markdown
from corpus.parsers.activity_pdf import parse_activity_pdf
from corpus.parsers.common import guess_period, guess_year, strip_markup
from corpus.parsers.goal_markdown import parse_goal_markdown
from corpus.parsers.goal_ocr import parse_goal_ocr
from corpus.parsers.goal_pdf import parse_goal_pdf
from corpus.text import same_title

FORMS = ("activity_markdown", "activity_pdf", "goal_markdown", "goal_pdf", "goal_ocr")
MAX_BYTES = 20 * 1024 * 1024


def read_report_text(path: Path) -> str:
    """Text of a report file (.txt, .md, or a PDF with a text layer); raises ReportFormatError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportFormatError(f"Filen {path.name} kunde inte läsas ({exc.strerror}).") from exc
    if len(data) > MAX_BYTES:
        raise ReportFormatError(f"Filen {path.name} är större än 20 MB och tas inte emot.")
    if data.startswith(b"%PDF"):
        return _pdf_text(path)
    if not data.strip():
        raise ReportFormatError(f"Filen {path.name} är tom.")
    if b"\x00" in data[:8192]:
        raise ReportFormatError(f"Filen {path.name} är en binärfil, inte en textrapport.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1252" and not re.search(r"[åäöÅÄÖ]", text):
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise ReportFormatError(f"Filen {path.name} har en okänd teckenkodning (varken UTF-8 eller Windows-1252).")


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, OSError) as exc:
        raise ReportFormatError(f"PDF-filen {path.name} kunde inte läsas: {exc}.") from exc
    if not text.strip():
        raise ReportFormatError(f"PDF-filen {path.name} saknar textlager (inskannad bild utan text).")
    return text


def detect_form(text: str) -> str:
    """Which of the known report forms a text has; raises ReportFormatError for anything else."""
    markdown = bool(re.search(r"<b>|<p>|^#{1,4} ", text, re.M))
    if re.search(r"Verksamhetens aktiviteter\s+Startdatum\s+Slutdatum", text):
        return "activity_markdown" if markdown else "activity_pdf"
    if re.search(r"Utvecklingsmål\s+Kommentar\s+Mått", text):
        return "goal_markdown" if markdown and "\t" in text else "goal_pdf"
    if re.search(r"Verksamhetens", text) and re.search(r"Slutdatum", text) and re.search(r"u[pn]p\w{2,5}\b", text):
        return "goal_ocr"
    raise ReportFormatError(
        "Filen ser inte ut som en uppföljningsrapport: den saknar både målrubriker och aktivitetstabeller."
    )


def _merge_goal_list(goals: list[ParsedGoal]) -> list[ParsedGoal]:
    """Section-2 list entries (numbered L1…) give chapters their goal area, and add goals without a chapter."""
    chapters = [g for g in goals if not g.number.startswith("L")]
    listed = [g for g in goals if g.number.startswith("L")]
    for entry in listed:
        best = max(chapters, key=lambda c: same_title(c.title, entry.title), default=None)
        if best is not None and same_title(best.title, entry.title) > 0:
            best.area = entry.area
            if len(entry.title) > len(best.title):
                best.title = entry.title
        else:
            chapters.append(entry)
    return chapters


def parse_report(source: str, text: str, known_subgoals: list[str] | None = None, year: int | None = None,
                 period: str | None = None) -> ParsedReport:
    """Parse one report's text; raises ReportFormatError when nothing in it is a goal or an activity.
    `year` and `period` are what the user says (ingest --year/--period) where the report may not: a report that
    states another is read as the user says, with a warning."""
    form = detect_form(text)
    lines = text.split("\n")
    kinds = [LINE_UNPARSED] * len(lines)
    warnings: list[str] = []
    title = ""
    activities = []
    prose: list[str] = []
    if form == "goal_markdown":
        title, goals = parse_goal_markdown(lines, kinds)
    elif form == "goal_pdf":
        goals = parse_goal_pdf(lines, kinds, known_subgoals or [], warnings)
    elif form == "goal_ocr":
        goals, activities, prose = parse_goal_ocr(lines, kinds)
    elif form == "activity_pdf":
        goals, activities, prose = parse_activity_pdf(lines, kinds, warnings)
        goals = _merge_goal_list(goals)
    else:
        title, goals, activities, prose = parse_activity_markdown(lines, kinds, warnings)
        goals = _merge_goal_list(goals)
    if not goals and not activities:
        raise ReportFormatError(f"Inga mål eller aktiviteter kunde läsas ur {source}; filen lagras inte.")
    if not title:
        title = strip_markup(prose[0]) if prose else source
    stated_year = guess_year(text)
    if year is not None and stated_year is not None and stated_year != year:
        warnings.append(f"{source}: rapporten ser ut att gälla {stated_year}, men --year {year} används.")
    year = year if year is not None else stated_year
    if form == "activity_pdf" and "uppsiktsplan" in text:
        title = f"Uppsiktsrapport till kommunstyrelsen {year}"
    if form == "goal_ocr" and re.search(r"M[aå]luppfyl\w*rapport", text):
        title = f"Måluppfyllnadsrapport {year}"
    report = ParsedReport(
        source=source, title=title, year=year, period=_period(source, title, text, period, warnings), form=form,
        goals=goals, activities=activities, line_kinds=kinds, lines=lines, warnings=warnings, prose=prose,
    )
    for number, kind in enumerate(kinds, start=1):
        if kind == LINE_UNPARSED and lines[number - 1].strip():
            warnings.append(f"{source} rad {number} kunde inte tolkas: {lines[number - 1].strip()[:80]}")
    if year is None:
        raise ReportFormatError(f"Året som rapporten {source} gäller kunde inte utläsas; ange det med --year.")
    return report


PERIODS = ("T1", "T2", "T3")


def _period(source: str, title: str, text: str, given: str | None, warnings: list[str]) -> str | None:
    stated = guess_period(title, text)
    if given is None:
        return stated
    if given not in PERIODS:
        raise ReportFormatError(f"Perioden '{given}' finns inte; välj {', '.join(PERIODS)}.")
    if stated is not None and stated != given:
        warnings.append(f"{source}: rapporten ser ut att gälla {stated}, men --period {given} används.")
    return given
