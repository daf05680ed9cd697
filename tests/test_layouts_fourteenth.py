"""Layouts the fourteenth set of independently written reports showed, as small Swedish cases: a nested list
of goals whose items go on with their fields line by line, bilingual labels, levels counted as steps ('3 av
4'), a completion column read with its schedule, content controls in a Word form, a goal's level asked as a
question, a status sentence in a 'Status och kommentar' column, and one sheet per goal with its level as a
percentage in its colour."""

from __future__ import annotations

import io

import pytest

from corpus.documents import read_bytes
from corpus.labels import schemes, status_with_completion
from corpus.parse import parse_document


def _parsed(data: bytes | str, name: str = "rapport.md"):
    return parse_document(read_bytes(data.encode("utf-8") if isinstance(data, str) else data, name))


def test_a_nested_list_of_goals_with_fields_on_their_lines() -> None:
    report = _parsed("# Region Lindö – Tertialrapport 1 2027\n\n"
                     "1. **Goal / Mål: Näringslivet växer**\n"
                     "   Level / Nivå: **3 av 4**\n"
                     "   1. **Sub-goal / Delmål: Fler företag exporterar**\n"
                     "      Level / Nivå: **2 av 4**\n"
                     "      1. Activity / Aktivitet: Exportcheckar\n"
                     "         Status: Pågår enligt plan · Start 2027-01-09 · End / Slut 2027-12-17\n"
                     "   2. Activity / Aktivitet: Ny innovationsstrategi\n"
                     "      Status: Försenad · Planned start / Planerad start 2027-02-01\n"
                     "2. **Goal / Mål: Resorna är hållbara**\n"
                     "   Level / Nivå: **– av 4**\n")
    titles = {g.number: g.title for g in report.goals}
    assert [(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals] == [
        ("Näringslivet växer", None, "Delvis uppfyllt"),
        ("Fler företag exporterar", "Näringslivet växer", "Knappt uppfyllt"),
        ("Resorna är hållbara", None, None)]
    # The second activity stands a level up, after the sub-goal: it serves the top goal.
    assert [(a.title, [titles[n] for n in a.goal_numbers], a.status, a.start, a.end) for a in report.activities] == [
        ("Exportcheckar", ["Fler företag exporterar"], "Pågående enligt plan", "2027-01-09", "2027-12-17"),
        ("Ny innovationsstrategi", ["Näringslivet växer"], "Pågående med avvikelse", "2027-02-01", None)]


@pytest.mark.parametrize(("written", "level"), [
    ("4 av 4", "Uppfyllt"), ("3 av 4", "Delvis uppfyllt"), ("2 av 4", "Knappt uppfyllt"), ("1 av 4", "Ej uppfyllt"),
    ("3 av 3", "Uppfyllt"), ("2 av 3", "Delvis uppfyllt"), ("1 av 3", "Ej uppfyllt"),
    ("Uppfylls målet? Ja", "Uppfyllt"), ("Uppfylls målet? Delvis", "Delvis uppfyllt"),
    ("Nås målet? Nej", "Ej uppfyllt"), ("Uppfylls målet? Ej bedömt", None),
    ("67 % (Gul)", "Delvis uppfyllt"), ("100 % (Grön)", "Uppfyllt"),
    ("2/3", None),  # a date, not a step
])
def test_levels_counted_asked_and_painted(written: str, level: str | None) -> None:
    found = schemes().match("goal", written)
    assert (found.canonical if found else None) == level


@pytest.mark.parametrize(("share", "schedule", "status"), [
    (100, "Pågående enligt plan", "Avslutad enligt plan"),      # 100 % | Håller
    (100, "Pågående med avvikelse", "Avslutad med avvikelse"),  # 100 % | Försenad: done, late
    (60, "Pågående enligt plan", "Pågående enligt plan"),
    (60, "Pågående med avvikelse", "Pågående med avvikelse"),
    (55, None, "Pågående"),                                     # 55 % | Ej bedömd
    (0, None, "Ej påbörjad"),
    (30, "Avslutad med avvikelse", "Avslutad med avvikelse"),   # 30 % | Avbruten
    (40, "Vänteläge", "Vänteläge"),                             # 40 % | Pausad
])
def test_how_much_is_done_read_with_the_schedule(share: float, schedule: str | None, status: str) -> None:
    assert status_with_completion(share, schedule) == status


def test_a_completion_column_beside_a_schedule_column() -> None:
    report = _parsed("# Lindö kommun – Delårsrapport 2023\n\n## 1. Tjänsterna är digitala\n\nBedömning: Delvis uppfyllt\n\n"
                     "| Aktivitet | Genomförandegrad | Tidplan | Startdatum | Slutdatum |\n|---|---|---|---|---|\n"
                     "| Digital brevlåda | 100 % | Försenad | 2022-11-01 | 2023-06-30 |\n"
                     "| E-legitimation | 60 % | Håller | 2023-02-01 | 2023-12-15 |\n"
                     "| Chattfunktion | 0 % | – | 2023-10-02 | 2024-03-29 |\n")
    assert [(a.title, a.status) for a in report.activities] == [
        ("Digital brevlåda", "Avslutad med avvikelse"), ("E-legitimation", "Pågående enligt plan"),
        ("Chattfunktion", "Ej påbörjad")]


def test_status_sentences_in_a_status_and_comment_column() -> None:
    report = _parsed("# Lindö kommun – Delårsrapport 2025\n\n"
                     "| Aktivitet | Start | Slut | Status och kommentar |\n|---|---|---|---|\n"
                     "| Mål 1. Brukarna har inflytande | | | Uppfylls målet? Delvis |\n"
                     "| Brukarråd | 2025-02-03 | 2025-12-12 | Aktiviteten pågår. Två av fyra råd har mötts. |\n"
                     "| Enkät | 2025-10-06 | 2025-11-14 | Aktiviteten har inte påbörjats. Den skickas i oktober. |\n"
                     "| Läkemedelsgenomgångar | 2025-03-03 | – | Aktiviteten är pausad sedan den 1 juli 2025 i väntan på avtal. |\n")
    assert [(g.title, g.assessment) for g in report.goals] == [("Brukarna har inflytande", "Delvis uppfyllt")]
    assert [(a.title, a.status) for a in report.activities] == [
        ("Brukarråd", "Pågående"), ("Enkät", "Ej påbörjad"), ("Läkemedelsgenomgångar", "Vänteläge")]


def _form_document() -> bytes:
    """A Word form: the goal's level and the activity's fields as content controls, one of them left unfilled."""
    import docx
    from docx.oxml import OxmlElement

    def control(paragraph, text: str, placeholder: bool = False) -> None:  # noqa: ANN001
        sdt = OxmlElement("w:sdt")
        properties = OxmlElement("w:sdtPr")
        if placeholder:
            properties.append(OxmlElement("w:showingPlcHdr"))
        content = OxmlElement("w:sdtContent")
        run, shown = OxmlElement("w:r"), OxmlElement("w:t")
        shown.text = text
        run.append(shown)
        content.append(run)
        sdt.extend([properties, content])
        paragraph._p.append(sdt)

    document = docx.Document()
    document.add_heading("Lindö kommun – Verksamhetsberättelse 2026", 1)
    document.add_heading("Mål 1: Äldre lever självständigt", 2)
    control(document.add_paragraph("Bedömning: "), "I hög grad uppnått")
    document.add_heading("Mål 2: Ekonomin är i balans", 2)
    control(document.add_paragraph("Bedömning: "), "Välj ett objekt.", placeholder=True)
    table = document.add_table(rows=4, cols=2)
    for row, (label, value, empty) in zip(table.rows, (("Aktivitet", "Bemanningsenhet", False),
                                                      ("Status", "Pågår enligt plan", False),
                                                      ("Startdatum", "2026-08-17", False),
                                                      ("Slutdatum", "Klicka eller tryck här för att ange datum.", True)),
                                          strict=True):
        row.cells[0].text = label
        control(row.cells[1].paragraphs[0], value, placeholder=empty)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_content_controls_of_a_word_form() -> None:
    report = _parsed(_form_document(), "verksamhetsberattelse.docx")
    assert [(g.title, g.assessment) for g in report.goals] == [("Äldre lever självständigt", "Delvis uppfyllt"),
                                                                ("Ekonomin är i balans", None)]
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Bemanningsenhet", "Pågående enligt plan", "2026-08-17", None)]


def _sheet_per_goal() -> bytes:
    import openpyxl
    from openpyxl.styles import PatternFill

    wb = openpyxl.Workbook()
    wb.active.title = "Försättsblad"
    wb.active["A1"] = "Lindö kommun – Tertialrapport 1 2024"
    for number, title, share, fill in ((1, "Trafikmiljön är säker", 0.667, "FFFF00"), (2, "Vattnet är rent", 1.0, "00B050")):
        ws = wb.create_sheet(f"Mål {number}")
        ws["A1"] = f"Kommunfullmäktiges mål {number}"
        ws["A2"] = title
        ws["A3"], ws["B3"], ws["C3"] = "Måluppfyllelse", share, "Indikatorerna, se nedan."
        ws["B3"].number_format = "0 %"
        ws["B3"].fill = PatternFill("solid", fgColor=fill)
        for c, head in enumerate(("Aktivitet", "Status", "Startdatum", "Slutdatum"), start=1):
            ws.cell(row=5, column=c, value=head)
        for c, value in enumerate((f"Åtgärd {number}", "Pågår", "2024-01-15", "2024-10-31"), start=1):
            ws.cell(row=6, column=c, value=value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_one_sheet_per_goal_its_level_a_share_in_its_colour() -> None:
    report = _parsed(_sheet_per_goal(), "tertial.xlsx")
    assert [(g.title, g.assessment) for g in report.goals] == [("Trafikmiljön är säker", "Delvis uppfyllt"),
                                                                ("Vattnet är rent", "Uppfyllt")]
    titles = {g.number: g.title for g in report.goals}
    assert [(a.title, [titles[n] for n in a.goal_numbers]) for a in report.activities] == [
        ("Åtgärd 1", ["Trafikmiljön är säker"]), ("Åtgärd 2", ["Vattnet är rent"])]
