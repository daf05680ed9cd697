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
