"""Synthetic follow-up reports: a random goal/activity tree of a fictional municipality written in the forms
and formats other municipalities export (field text, Markdown, HTML tables, Word, Excel, typeset PDF).

The words are the team's own; the layouts follow what public reports do (Stratsys-like field lists,
Hypergene-like flat tables, delårsrapporter with colour assessments).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

ORGANISATION = "Norrvik kommun"
AREAS = ["Barn och unga", "Hållbar tillväxt", "Trygg vård och omsorg"]
GOAL_STEMS = [
    "Fler elever ska nå kunskapskraven i alla ämnen",
    "Andelen invånare med egen försörjning ska öka",
    "Kommunen ska minska sina utsläpp av växthusgaser",
    "Äldre ska känna sig trygga med hemtjänsten",
    "Företagsklimatet ska förbättras",
    "Sjukfrånvaron bland medarbetarna ska minska",
    "Fler ungdomar ska ha en meningsfull fritid",
    "Bostadsbyggandet ska öka i hela kommunen",
]
SUBGOAL_STEMS = [
    "Andelen behöriga till gymnasiet ska öka till 85 procent",
    "Antalet hushåll med försörjningsstöd ska minska",
    "Energianvändningen i kommunens lokaler ska minska",
    "Nöjdheten med hemtjänsten ska vara minst 90 procent",
    "Handläggningstiden för bygglov ska kortas",
    "Korttidsfrånvaron ska minska med en tiondel",
]
ACTIVITY_STEMS = [
    "Införa läsfrämjande arbete i förskoleklass",
    "Starta ett jobbspår för unga vuxna",
    "Byta belysning till LED i skolornas idrottshallar",
    "Utbilda baspersonal i demensvård",
    "Ta fram en ny näringslivsstrategi",
    "Genomföra friskvårdsveckor för medarbetare",
    "Öppna fritidsgården även på lördagar",
    "Digitalisera ansökan om bygglov",
    "Kartlägga behovet av trygghetsboenden",
    "Samordna feriearbeten med föreningslivet",
    "Införa gemensamma rutiner för introduktion av nyanställda",
    "Erbjuda språkstöd till nyanlända föräldrar",
]
UNITS = ["Utbildningsförvaltningen", "Socialtjänsten", "Samhällsbyggnad", "HR-avdelningen", "Kultur och fritid"]
COMMENTS = [
    "Arbetet har kommit igång och de första träffarna är genomförda.",
    "Rekryteringen av projektledare drog ut på tiden, därför har starten skjutits fram.",
    "Samtliga enheter har deltagit och en utvärdering görs under hösten.",
    "Upphandlingen är klar och leveransen väntas efter sommaren.",
    "Insatsen avvaktar beslut om finansiering i nämnden.",
]
GOAL_COMMENTS = [
    "Resultaten har förbättrats jämfört med föregående år men når ännu inte målvärdet.",
    "Utfallet ligger i nivå med målvärdet och trenden är positiv.",
    "Andelen har minskat något och utvecklingen går inte i takt med målsättningen.",
]
# (written, canonical) per scheme: what the forms write and what uppsikt must read.
STATUS_WORDS = [("Pågår enligt plan", "Pågående enligt plan"), ("Avslutad", "Avslutad enligt plan"),
                ("Försenad", "Pågående med avvikelse"), ("Ej påbörjad", "Ej påbörjad"),
                ("Pausad", "Vänteläge"), ("Klar", "Avslutad enligt plan"), ("Pågår", "Pågående")]
STATUS_COLOURS = [("Grön", "Pågående enligt plan"), ("Gul", "Pågående med avvikelse"),
                  ("Blå", "Avslutad enligt plan")]
LEVEL_WORDS = [("Uppfyllt", "Uppfyllt"), ("Delvis uppfyllt", "Delvis uppfyllt"), ("Ej uppfyllt", "Ej uppfyllt"),
               ("Knappt uppfyllt", "Knappt uppfyllt")]
LEVEL_COLOURS = [("Grön", "Uppfyllt"), ("Gul", "Delvis uppfyllt"), ("Röd", "Ej uppfyllt")]


@dataclass
class Activity:
    title: str
    units: list[str]
    start: str
    end: str
    status_written: str
    status: str
    comment: str


@dataclass
class Goal:
    number: str
    title: str
    area: str
    level_written: str | None = None
    level: str | None = None
    comment: str = ""
    subgoals: list[Goal] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    # Forms list a goal's own activities before its sub-goals: what follows a sub-goal heading is the sub-goal's.


@dataclass
class Tree:
    year: int
    period: str
    goals: list[Goal]

    def activities(self) -> list[tuple[Goal, Activity]]:
        return [(g, a) for g in self.goals for a in g.activities]

    def subgoals(self) -> list[Goal]:
        return [s for g in self.goals for s in g.subgoals]


def random_tree(seed: int, colours: bool = False) -> Tree:
    rng = random.Random(seed)
    year = rng.choice([2025, 2026])
    goals = []
    goal_titles = rng.sample(GOAL_STEMS, 3)
    activity_titles = iter(rng.sample(ACTIVITY_STEMS, 9))
    subgoal_titles = iter(rng.sample(SUBGOAL_STEMS, 4))
    statuses = STATUS_COLOURS if colours else STATUS_WORDS
    levels = LEVEL_COLOURS if colours else LEVEL_WORDS
    for g, title in enumerate(goal_titles, start=1):
        goal = Goal(number=f"{g}", title=title, area=AREAS[g - 1])
        for s in range(rng.choice([1, 1, 2]) if g < 3 else 0):
            written, level = rng.choice(levels)
            goal.subgoals.append(Goal(number=f"{g}.{s + 1}", title=next(subgoal_titles, f"Delmål {g}.{s + 1} ska nås"),
                                      area=goal.area, level_written=written, level=level,
                                      comment=rng.choice(GOAL_COMMENTS)))
        for _ in range(rng.choice([2, 3])):
            written, status = rng.choice(statuses)
            month = rng.randint(1, 6)
            goal.activities.append(Activity(
                title=next(activity_titles), units=rng.sample(UNITS, rng.choice([1, 2])),
                start=f"{year}-{month:02d}-01", end=f"{year}-{month + 6:02d}-30",
                status_written=written, status=status, comment=rng.choice(COMMENTS)))
        goals.append(goal)
    return Tree(year=year, period=rng.choice(["T1", "T2"]), goals=goals)


def _period_title(tree: Tree) -> str:
    return f"Delårsrapport {tree.period[1]} {tree.year}"


# Forms ---------------------------------------------------------------------------------------------------

def field_text(tree: Tree) -> str:
    """Stratsys-like text export: labelled goals and activities, one field per line."""
    out = [f"{ORGANISATION}", f"Uppföljning {tree.period} {tree.year} – kommunstyrelsen", ""]
    for goal in tree.goals:
        out += [f"Målområde: {goal.area}", "", f"Mål {goal.number}: {goal.title}", ""]
        for act in goal.activities:
            out += [f"Aktivitet: {act.title}", f"Ansvarig: {', '.join(act.units)}", f"Startdatum: {act.start}",
                    f"Slutdatum: {act.end}", f"Status: {act.status_written}", f"Kommentar: {act.comment}", ""]
        for sub in goal.subgoals:
            out += [f"Delmål {sub.number}: {sub.title}", f"Bedömning: {sub.level_written}",
                    f"Kommentar: {sub.comment}", ""]
    return "\n".join(out)


def markdown(tree: Tree) -> str:
    """Markdown with headings for goals (numbered) and activities (unlabelled, one level deeper)."""
    out = [f"# {ORGANISATION}: {_period_title(tree)}", "", "Rapporten redovisar kommunstyrelsens mål.", ""]
    for goal in tree.goals:
        out += [f"## Mål {goal.number}: {goal.title}", ""]
        for act in goal.activities:
            out += [f"### {act.title}", "", *[f"- {u}" for u in act.units], "",
                    f"**Tidsplan:** {act.start} – {act.end}", "", f"**Status:** {act.status_written}", "",
                    f"**Kommentar:** {act.comment}", ""]
        for sub in goal.subgoals:
            out += [f"### Delmål {sub.number}: {sub.title}", "", f"**Bedömning:** {sub.level_written}", "",
                    sub.comment, ""]
    return "\n".join(out)


def html_report(tree: Tree) -> str:
    """A delårsrapport as HTML: goal headings, an activity table, colour assessments with a sentence."""
    body = [f"<header><p>{ORGANISATION} · {_period_title(tree)}</p></header>",
            f"<h1>{_period_title(tree)}</h1>", f"<p>{ORGANISATION}, kommunstyrelsen.</p>"]
    for goal in tree.goals:
        body.append(f"<h2>Mål {goal.number}: {goal.title}</h2>")
        rows = "".join(
            f"<tr><td>{a.title}</td><td>{'<br>'.join(a.units)}</td><td>{a.start}</td><td>{a.end}</td>"
            f"<td>{a.status_written}</td><td>{a.comment}</td></tr>" for a in goal.activities)
        body.append("<table><tr><th>Aktivitet</th><th>Ansvarig</th><th>Startdatum</th><th>Slutdatum</th>"
                    f"<th>Status</th><th>Kommentar</th></tr>{rows}</table>")
        for sub in goal.subgoals:
            body += [f"<h3>Delmål {sub.number}: {sub.title}</h3>",
                     f"<p><b>Måluppfyllelse:</b> {sub.level_written} – {sub.comment}</p>"]
    body.append("<footer><p>Sida 1</p></footer>")
    return "<!DOCTYPE html><html lang=\"sv\"><head><title>Rapport</title></head><body>" + "\n".join(body) + \
        "</body></html>"


def docx_bytes(tree: Tree) -> bytes:
    """A Word export: heading styles for title, goals and activities; a label/value table per activity."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = f"{ORGANISATION} – {_period_title(tree)}"
    document.add_heading(f"{_period_title(tree)} för kommunstyrelsen", level=1)
    document.add_paragraph(f"{ORGANISATION} redovisar här arbetet med målen.")
    for goal in tree.goals:
        document.add_heading(f"Mål {goal.number} – {goal.title}", 2)
        for act in goal.activities:
            document.add_heading(act.title, level=3)
            table = document.add_table(rows=0, cols=2)
            for label, value in (("Ansvarig", ", ".join(act.units)), ("Startdatum", act.start),
                                 ("Slutdatum", act.end), ("Status", act.status_written), ("Kommentar", act.comment)):
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, value
        for sub in goal.subgoals:
            document.add_heading(f"Delmål {sub.number}: {sub.title}", level=3)
            document.add_paragraph(f"Bedömning: {sub.level_written}")
            document.add_paragraph(sub.comment)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(tree: Tree) -> bytes:
    """A Hypergene-like flat export: one row per activity with its goal, and a sheet of sub-goals."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Aktiviteter"
    sheet.append([f"{ORGANISATION} – uppföljning {tree.period} {tree.year}"])
    sheet.append([])
    sheet.append(["Mål", "Aktivitet", "Ansvarig", "Startdatum", "Slutdatum", "Prognos", "Kommentar"])
    for goal in tree.goals:
        for n, act in enumerate(goal.activities):
            sheet.append([f"{goal.number} {goal.title}" if n == 0 else "", act.title, ", ".join(act.units),
                          act.start, act.end, act.status_written, act.comment])
    subs = workbook.create_sheet("Delmål")
    subs.append(["Mål", "Delmål", "Bedömning", "Kommentar"])
    for goal in tree.goals:
        for sub in goal.subgoals:
            subs.append([f"{goal.number} {goal.title}", sub.title, sub.level_written, sub.comment])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(tree: Tree) -> bytes:
    """A typeset PDF: running header and page numbers, larger goal headings, bold activity titles with their
    dates set beside them at the right margin, and wrapped field paragraphs."""
    from fpdf import FPDF

    header = f"{ORGANISATION} · {_period_title(tree)}"

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("dejavu", size=8)
            self.cell(0, 6, header, align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("dejavu", size=8)
            self.cell(0, 6, f"Sida {self.page_no()}", align="C")

    pdf = Report(format="A4")
    fonts = "/usr/share/fonts/truetype/dejavu"
    pdf.add_font("dejavu", "", f"{fonts}/DejaVuSans.ttf")
    pdf.add_font("dejavu", "B", f"{fonts}/DejaVuSans-Bold.ttf")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("dejavu", "B", 18)
    pdf.multi_cell(0, 9, f"{_period_title(tree)}, kommunstyrelsen", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", "", 10)
    pdf.multi_cell(0, 5, f"{ORGANISATION} redovisar arbetet med kommunstyrelsens mål.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for goal in tree.goals:
        pdf.set_font("dejavu", "B", 14)
        pdf.multi_cell(0, 7, f"Mål {goal.number}: {goal.title}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        for act in goal.activities:
            pdf.set_font("dejavu", "B", 10)
            pdf.cell(130, 5, act.title)
            pdf.cell(0, 5, f"{act.start} – {act.end}", align="R", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("dejavu", "", 10)
            for label, value in (("Ansvarig", ", ".join(act.units)), ("Status", act.status_written),
                                 ("Kommentar", act.comment)):
                pdf.multi_cell(0, 5, f"{label}: {value}", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        for sub in goal.subgoals:
            pdf.set_font("dejavu", "B", 12)
            pdf.multi_cell(0, 6, f"Delmål {sub.number}: {sub.title}", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("dejavu", "", 10)
            pdf.multi_cell(0, 5, f"Bedömning: {sub.level_written}", new_x="LMARGIN", new_y="NEXT")
            pdf.multi_cell(0, 5, f"Kommentar: {sub.comment}", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    return bytes(pdf.output())


def pdf_columns_bytes(tree: Tree) -> bytes:
    """A typeset PDF in two columns (fpdf2's text columns): the title across the page, then goals, activities
    and their fields flowing down the left column and on into the right."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    fonts = "/usr/share/fonts/truetype/dejavu"
    pdf.add_font("dejavu", "", f"{fonts}/DejaVuSans.ttf")
    pdf.add_font("dejavu", "B", f"{fonts}/DejaVuSans-Bold.ttf")
    pdf.add_page()
    pdf.set_font("dejavu", "B", 16)
    pdf.multi_cell(0, 8, f"{ORGANISATION}: {_period_title(tree)}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    columns = pdf.text_columns(ncols=2, gutter=12)
    with columns:
        for goal in tree.goals:
            pdf.set_font("dejavu", "B", 12)
            columns.write(f"Mål {goal.number}: {goal.title}\n")
            for act in goal.activities:
                pdf.set_font("dejavu", "B", 10)
                columns.write(f"{act.title}\n")
                pdf.set_font("dejavu", "", 10)
                columns.write(f"Ansvarig: {', '.join(act.units)}\nTidsplan: {act.start} – {act.end}\n"
                              f"Status: {act.status_written}\nKommentar: {act.comment}\n\n")
            for sub in goal.subgoals:
                pdf.set_font("dejavu", "B", 11)
                columns.write(f"Delmål {sub.number}: {sub.title}\n")
                pdf.set_font("dejavu", "", 10)
                columns.write(f"Bedömning: {sub.level_written}\nKommentar: {sub.comment}\n\n")
    return bytes(pdf.output())


def pdf_uppsikt_bytes(tree: Tree) -> bytes:
    """004's form as a report writer typesets it: goal chapters '1.1 …', per activity a table head
    'Verksamhetens aktiviteter  Startdatum  Slutdatum', the title with its dates in those columns, the units as
    bullets, the description, the status on a line of its own and the comment; a running header per page."""
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("dejavu", size=8)
            self.cell(0, 6, "Uppsiktsrapport till kommunstyrelsen", new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 6, "Kommunstyrelsen", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

    pdf = Report(format="A4")
    fonts = "/usr/share/fonts/truetype/dejavu"
    pdf.add_font("dejavu", "", f"{fonts}/DejaVuSans.ttf")
    pdf.add_font("dejavu", "B", f"{fonts}/DejaVuSans-Bold.ttf")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("dejavu", "B", 16)
    pdf.multi_cell(0, 8, f"{ORGANISATION}: uppföljning {tree.period} {tree.year}", new_x="LMARGIN", new_y="NEXT")
    for g, goal in enumerate(tree.goals, start=1):
        pdf.ln(3)
        pdf.set_font("dejavu", "B", 13)
        pdf.multi_cell(0, 7, f"1.{g} {goal.title}", new_x="LMARGIN", new_y="NEXT")
        for act in goal.activities:
            pdf.ln(2)
            pdf.set_font("dejavu", "B", 9)
            pdf.cell(120, 5, "Verksamhetens aktiviteter")
            pdf.cell(30, 5, "Startdatum")
            pdf.cell(0, 5, "Slutdatum", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("dejavu", "", 10)
            pdf.cell(120, 5, act.title)
            pdf.cell(30, 5, act.start)
            pdf.cell(0, 5, act.end, new_x="LMARGIN", new_y="NEXT")
            for unit in act.units:
                pdf.cell(0, 5, f"• {unit}", new_x="LMARGIN", new_y="NEXT")
            pdf.multi_cell(0, 5, f"Arbetet syftar till att {act.title[0].lower()}{act.title[1:]}.",
                           new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
            pdf.cell(0, 5, act.status_written, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
            pdf.multi_cell(0, 5, act.comment, new_x="LMARGIN", new_y="NEXT")
        for s, sub in enumerate(goal.subgoals, start=1):
            pdf.ln(2)
            pdf.set_font("dejavu", "B", 11)
            pdf.multi_cell(0, 6, f"1.{g}.{s} {sub.title}", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("dejavu", "", 10)
            pdf.cell(0, 5, sub.level_written, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
            pdf.multi_cell(0, 5, sub.comment, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


FORMS = {
    "text": ("rapport.txt", lambda t: field_text(t).encode("utf-8")),
    "utf16": ("rapport.txt", lambda t: field_text(t).encode("utf-16")),
    "utf16-utan-bom": ("rapport.txt", lambda t: field_text(t).encode("utf-16-le")),
    "latin1": ("rapport.txt", lambda t: field_text(t).replace("–", "-").encode("latin-1")),
    "cp1252": ("rapport.txt", lambda t: field_text(t).encode("cp1252")),
    "markdown": ("rapport.md", lambda t: markdown(t).encode("utf-8")),
    "html": ("rapport.html", lambda t: html_report(t).encode("utf-8")),
    "docx": ("rapport.docx", docx_bytes),
    "xlsx": ("rapport.xlsx", xlsx_bytes),
    "pdf": ("rapport.pdf", pdf_bytes),
    "pdf-spalter": ("spalter.pdf", pdf_columns_bytes),
    "pdf-uppsikt": ("uppsikt.pdf", pdf_uppsikt_bytes),
}


def main() -> None:
    """Write one generated report in every form into the folder given (python -m tests.synthetic DIR)."""
    import sys
    from pathlib import Path

    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "synthetic-reports")
    folder.mkdir(parents=True, exist_ok=True)
    tree = random_tree(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    for form, (name, render) in FORMS.items():
        path = folder / f"{form}_{name}"
        path.write_bytes(render(tree))
        print(path)


if __name__ == "__main__":
    main()
