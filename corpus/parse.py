"""Read a report file, recognise which of the known forms it has, and parse it."""

from __future__ import annotations

import re

from corpus.documents import TEXT_FORMATS, Document
from corpus.documents.model import HEADING, TABLE
from corpus.interpret import Interpretation, interpret_document
from corpus.model import LINE_HEADER, LINE_UNPARSED, ParsedGoal, ParsedReport, ReportFormatError
from corpus.parsers.activity_markdown import parse_activity_markdown
from corpus.parsers.activity_pdf import parse_activity_pdf
from corpus.parsers.common import guess_period, guess_year, strip_markup
from corpus.parsers.goal_markdown import parse_goal_markdown
from corpus.parsers.goal_ocr import parse_goal_ocr
from corpus.parsers.goal_pdf import parse_goal_pdf
from corpus.reportdate import stated_period, stated_year, year_of_dates
from corpus.sanity import check_report
from corpus.text import fold, normalise_goal_level, normalise_status, same_title

FORMS = ("activity_markdown", "activity_pdf", "goal_markdown", "goal_pdf", "goal_ocr")


def detect_form(text: str) -> str:
    """Which of the five seed forms (Ånge's exports as text) a text has; raises ReportFormatError otherwise."""
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
    original = text.split("\n")
    kinds = [LINE_UNPARSED] * len(original)
    lines, furniture = _without_furniture(original)
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
    for i in furniture:
        kinds[i] = LINE_HEADER
    if not goals and not activities:
        raise ReportFormatError(f"Inga mål eller aktiviteter kunde läsas ur {source}; filen lagras inte.")
    if not title:
        title = strip_markup(prose[0]) if prose else source
    front = [strip_markup(line) for line in _front_matter(original)]
    dates = [d for a in activities for d in (a.start, a.end) if d]
    said = stated_year(front) or year_of_dates(dates) or guess_year(text)
    if year is not None and said is not None and said != year:
        warnings.append(f"{source}: rapporten ser ut att gälla {said}, men --year {year} används.")
    year = year if year is not None else said
    if form == "activity_pdf" and "uppsiktsplan" in text:
        title = f"Uppsiktsrapport till kommunstyrelsen {year}"
    if form == "goal_ocr" and re.search(r"M[aå]luppfyl\w*rapport", text):
        title = f"Måluppfyllnadsrapport {year}"
    report = ParsedReport(
        source=source, title=title, year=year, period=_period(source, title, text, period, warnings), form=form,
        goals=goals, activities=activities, line_kinds=kinds, lines=original, warnings=warnings, prose=prose,
    )
    return _finish(report)


def _front_matter(lines: list[str]) -> list[str]:
    """The lines before the first numbered goal heading (at most 40): where a report states its year."""
    out: list[str] = []
    for line in lines:
        if re.match(r"^\s*#*\s*(\*\*)?\d+\.\d+\.?\s", line) or len(out) >= 40:
            break
        if line.strip():
            out.append(line)
    return out


def _finish(report: ParsedReport) -> ParsedReport:
    """Warnings for the lines not understood, the sanity checks, and the year the report must have."""
    for number, kind in enumerate(report.line_kinds, start=1):
        line = report.lines[number - 1].strip()
        if kind == LINE_UNPARSED and line:
            report.warnings.append(f"{report.source} rad {number} kunde inte tolkas: {line[:80]}")
    if report.year is None:
        raise ReportFormatError(f"Året som rapporten {report.source} gäller kunde inte utläsas; ange det med --year.")
    return check_report(report)


def _without_furniture(lines: list[str]) -> tuple[list[str], list[int]]:
    """The lines with page furniture blanked: a page number, or short capitalised lines repeated page after
    page (three times or more) in runs of at most two (a passage copied under several goals repeats too, but
    as a longer run), that are neither a label of the report's structure nor an item (a bullet, a number)."""
    from collections import Counter

    from corpus.documents.furniture import MAX_LENGTH, MIN_REPEATS, PAGE_NUMBER, furniture_key, is_structural

    keys = [furniture_key(strip_markup(line)) if line.strip() else "" for line in lines]
    counts = Counter(k for k in keys if k)

    def page_number(i: int) -> bool:
        return bool(PAGE_NUMBER.match(strip_markup(lines[i]).strip()))

    def candidate(i: int) -> bool:
        line, key = lines[i], keys[i]
        plain = strip_markup(line).strip()
        return not (not key or counts[key] < MIN_REPEATS or len(plain) > MAX_LENGTH or not plain[:1].isupper()
                    or re.match(r"^\s*[•\-*▶✔⚠]", line) or re.match(r"^\s*#*\s*\d+(\.\d+)*\s", line)
                    or "\t" in line.strip() or is_structural(plain)
                    or re.search(r"Verksamhetens aktiviteter|Startdatum|Slutdatum|Utvecklingsmål|\d{4}-\d\d-\d\d", plain)
                    or not re.search(r"[^\W\d_]{3}", plain) or normalise_status(plain) or normalise_goal_level(plain))

    numbers = [i for i in range(len(lines)) if lines[i].strip() and page_number(i)]
    # Page numbers stand beside the running header; between its lines they count as blank.
    skipped = set(numbers)

    def empty(k: int) -> bool:
        return not lines[k].strip() or k in skipped

    chosen = [i for i in range(len(lines)) if lines[i].strip() and i not in skipped and candidate(i)]
    runs: list[list[int]] = []
    for i in chosen:
        if runs and all(empty(k) for k in range(runs[-1][-1] + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])

    def neighbour(i: int, step: int) -> str:
        i += step
        while 0 <= i < len(lines) and empty(i):
            i += step
        return keys[i] if 0 <= i < len(lines) else ""

    # A passage copied under several goals stands among the same lines each time; a running header does not.
    contexts: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    for run in runs:
        contexts.setdefault(tuple(keys[i] for i in run), set()).add((neighbour(run[0], -1), neighbour(run[-1], 1)))
    furniture = numbers + [i for run in runs if len(run) <= 2 and len(contexts[tuple(keys[k] for k in run)]) > 1
                           for i in run]
    out = list(lines)
    for i in furniture:
        out[i] = ""
    return out, furniture


PERIODS = ("T1", "T2", "T3")


def _period(source: str, title: str, text: str, given: str | None, warnings: list[str]) -> str | None:
    stated = stated_period([title]) or guess_period(title, text)
    if given is None:
        return stated
    if given not in PERIODS:
        raise ReportFormatError(f"Perioden '{given}' finns inte; välj {', '.join(PERIODS)}.")
    if stated is not None and stated != given:
        warnings.append(f"{source}: rapporten ser ut att gälla {stated}, men --period {given} används.")
    return given


def document_form(document: Document) -> str:
    """The form a document is read in: one of Ånge's seed forms for their text exports, else the general
    interpreter over the document's blocks (named by the format)."""
    if document.format in TEXT_FORMATS:
        try:
            return detect_form(document.text)
        except ReportFormatError:
            pass
    return f"general_{document.format}"


# The labels of a field that states the report's period ('Uppföljningsperiod | Januari–augusti 2044'), wherever an
# export puts it (a sheet 'Om exporten' after the data): read where the front states none.
_PERIOD_LABELS = frozenset({"period", "uppfoljningsperiod", "rapportperiod", "redovisningsperiod", "avser period",
                            "rapport", "uppfoljning"})


def _period_fields(document: Document) -> list[str]:
    """The values of the document's period fields, as label/value table rows or 'Period: …' lines."""
    values = []
    for block in document.blocks:
        if block.kind == TABLE:
            values += [row[1] for row in block.rows if len(row) >= 2 and fold(row[0]).strip(" :") in _PERIOD_LABELS]
        elif (label := re.match(r"^([^:]{3,30}):\s+(\S.*)$", block.text.strip())) is not None and \
                fold(label.group(1)) in _PERIOD_LABELS:
            values.append(label.group(2))
    return values


def require_report(document: Document) -> Interpretation:
    """The document's interpretation; one sentence where it holds neither goals nor activities."""
    result = interpret_document(document)
    if not result.goals and not result.activities:
        raise ReportFormatError(f"{document.source}: filen ser inte ut som en uppföljningsrapport: den saknar både "
                                "målrubriker och aktivitetstabeller.")
    return result


def parse_document(document: Document, known_subgoals: list[str] | None = None, year: int | None = None,
                   period: str | None = None) -> ParsedReport:
    """Parse a document: a seed form by its own reading, anything else by the general interpreter."""
    form = document_form(document)
    if not form.startswith("general_"):
        return parse_report(document.source, document.text, known_subgoals, year, period)
    source = document.source
    result = require_report(document)
    warnings = list(document.warnings) + result.warnings
    front = [result.title, *result.front[:40]]
    dates = [d for a in result.activities for d in (a.start, a.end) if d]
    headings = [b.text for b in document.blocks if b.kind == HEADING and not b.furniture][:200]
    stated = stated_year(front, headings) or year_of_dates(dates)
    if year is not None and stated is not None and stated != year:
        warnings.append(f"{source}: rapporten ser ut att gälla {stated}, men --year {year} används.")
    chosen_period = stated_period(front) or stated_period(_period_fields(document))
    if period is not None:
        if period not in PERIODS:
            raise ReportFormatError(f"Perioden '{period}' finns inte; välj {', '.join(PERIODS)}.")
        if chosen_period is not None and chosen_period != period:
            warnings.append(f"{source}: rapporten ser ut att gälla {chosen_period}, men --period {period} används.")
        chosen_period = period
    report = ParsedReport(
        source=source, title=result.title or source, year=year if year is not None else stated,
        period=chosen_period, form=form, goals=result.goals, activities=result.activities,
        line_kinds=result.kinds, lines=result.lines, warnings=warnings, prose=result.prose,
    )
    return _finish(report)
