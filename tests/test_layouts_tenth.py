"""Layouts the tenth set of independently written reports showed, as small Swedish cases: a goal's level shown
only as its table cell's fill (explained by a legend), council goals and the board's goals labelled in the rows
of one table, a line 'Aktiviteter – <goal>' over the activities that serve it, and who is responsible in
parentheses after an activity's title."""

from __future__ import annotations

import io

import pytest

from corpus.documents import read_bytes
from corpus.parse import parse_document


def _shade(cell, fill: str) -> None:  # noqa: ANN001
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _docx(goals: list[tuple[str, str | None, str]], after: list[str]) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("Tallviks kommun – Verksamhetsberättelse 2024", 1)
    legend = document.add_table(rows=0, cols=2)
    for word, meaning in (("Grön", "Målet är uppfyllt"), ("Röd", "Målet är inte uppfyllt")):
        row = legend.add_row().cells
        row[0].text, row[1].text = word, meaning
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Mål", "Analys"
    for title, fill, analysis in goals:
        row = table.add_row().cells
        row[0].text, row[1].text = title, analysis
        if fill:
            _shade(row[0], fill)
    for line in after:
        if line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_level_shown_as_the_goal_cells_fill_and_labelled_goals_in_one_table() -> None:
    data = _docx([("KF-mål: Tallvik har rent vatten", "92D050", "Alla prover var godkända."),
                  ("Nämndmål: Läckaget minskar", "FF7C80", "Läckaget var 19 procent mot målet 12."),
                  ("Nämndmål: Reservvatten finns", None, "Bedöms i årsredovisningen.")],
                 ["Aktiviteter – Läckaget minskar",
                  "- Läcksökning i Östra Tallvik (VA-chef) – Klar, 3 februari–30 juni 2024",
                  "- Byte av huvudledning (Projektledare VA) – Försenad"])
    report = parse_document(read_bytes(data, "berattelse.docx"))
    assert [(g.title, g.parent_number is not None, g.assessment) for g in report.goals] == [
        ("Tallvik har rent vatten", False, "Uppfyllt"), ("Läckaget minskar", True, "Ej uppfyllt"),
        ("Reservvatten finns", True, None)]
    leak = report.goals[1].number
    assert [(a.title, a.goal_numbers, a.units, a.status, a.start, a.end) for a in report.activities] == [
        ("Läcksökning i Östra Tallvik", [leak], ["VA-chef"], "Avslutad enligt plan", "2024-02-03", "2024-06-30"),
        ("Byte av huvudledning", [leak], ["Projektledare VA"], "Pågående med avvikelse", None, None)]


@pytest.mark.parametrize(("line", "title", "units"), [
    ("Läcksökning (VA-chef) – Klar", "Läcksökning", ["VA-chef"]),
    ("Läcksökning (HR-strateg) – Klar", "Läcksökning", ["HR-strateg"]),
    # Parentheses that name no role stay in the title
    ("Lovskola (pilot) – Klar", "Lovskola (pilot)", []),
    ("Ny huvudledning (etapp 2) – Klar", "Ny huvudledning (etapp 2)", []),
])
def test_who_is_responsible_in_parentheses_after_the_title(line: str, title: str, units: list[str]) -> None:
    text = f"# Tallviks kommun – Tertialrapport 1 2024\n\n## Rent vatten\n\n- {line}\n"
    report = parse_document(read_bytes(text.encode(), "rapport.md"))
    assert [(a.title, a.units, a.status) for a in report.activities] == [(title, units, "Avslutad enligt plan")]


MAIL = """\
HJORTVIKS KOMMUN – TERTIALRAPPORT 1 2025

MÅL 1 – FLER INVÅNARE DELTAR I FRITIDSLIVET

Bedömningen är att målet är delvis uppfyllt. Deltagandet ökar bland barn.

1a Fler barn har en meningsfull fritid

Bedömningen är att målet inte är uppfyllt.

Aktiviteter:
* Lovaktiviteter i alla kommundelar: pågår (2025-02-17–)
* Föreningsforum: pågår enligt plan (mars och oktober 2025)
"""


def test_a_plain_text_mail_with_capital_goals_lettered_sub_goals_and_verdict_clauses() -> None:
    report = parse_document(read_bytes(MAIL.encode("cp1252"), "rapport.txt"))
    assert [(g.title, g.parent_number is not None, g.assessment) for g in report.goals] == [
        ("Fler invånare deltar i fritidslivet", False, "Delvis uppfyllt"),
        ("Fler barn har en meningsfull fritid", True, "Ej uppfyllt")]
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Lovaktiviteter i alla kommundelar", "Pågående", "2025-02-17", None),
        ("Föreningsforum", "Pågående enligt plan", None, None)]  # 'mars och oktober' is no full date


def test_a_flat_export_whose_tree_is_its_outline_level() -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in (["Tallviks kommun – Tertialrapport 1 2026"],
                ["Nivå", "Typ", "Namn", "Status", "Måluppfyllelse", "Prognos helår"],
                ["1", "KF-mål", "Service är digital", "", "Ej bedömd", "Delvis uppfyllt"],
                ["2", "Nämndmål", "Fler e-tjänster", "", "Uppfyllt", "Uppfyllt"],
                ["3", "Aktivitet", "E-arkiv", "Bedöms bli genomförd under året", "", ""],
                ["2", "Aktivitet", "Ny webb", "Klar", "", ""]):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    report = parse_document(read_bytes(out.getvalue(), "export.xlsx"))
    top, sub = report.goals
    # 'Ej bedömd' as stated: the prognosis beside it is no level.
    assert [(g.title, g.parent_number, g.assessment) for g in report.goals] == [
        ("Service är digital", None, None), ("Fler e-tjänster", top.number, "Uppfyllt")]
    assert [(a.title, a.goal_numbers, a.status) for a in report.activities] == [
        ("E-arkiv", [sub.number], "Pågående enligt plan"), ("Ny webb", [top.number], "Avslutad enligt plan")]


def test_a_goal_placed_by_what_it_contributes_to() -> None:
    page = ("<h1>Region Tallvik – Delårsrapport 2025</h1>"
            "<h3>Södra Tallvik har en god hälsa <span class='badge'>Uppnås delvis</span></h3>"
            "<h3>Väntetiderna minskar <span class='badge'>Uppnås inte</span></h3>"
            "<p>Bidrar till: <a href='#m1'>Södra Tallvik har en god hälsa</a></p>"
            "<h3>Personalen stannar <span class='badge'>Ej bedömd</span></h3>")
    report = parse_document(read_bytes(page.encode(), "rapport.html"))
    by_number = {g.number: g.title for g in report.goals}
    assert [(g.title, by_number.get(g.parent_number), g.assessment) for g in report.goals] == [
        ("Södra Tallvik har en god hälsa", None, "Delvis uppfyllt"),
        ("Väntetiderna minskar", "Södra Tallvik har en god hälsa", "Ej uppfyllt"),
        ("Personalen stannar", None, None)]
    assert len(set(by_number)) == 3
