"""Layouts the nineteenth set of independently written reports showed, as small Swedish cases: pandoc's Markdown
with the goals in a grid table whose cells list the activities, Word forms nested in each other with check boxes
for the level, a task tool's export in English with US dates, an intranet page with goals as numbered list items
and activities on a kanban board, and a slide deck whose boxes stand side by side."""

from __future__ import annotations

import io

import pytest

from corpus.documents import read_bytes
from corpus.labels import schemes, ticked_option
from corpus.organisation import detect_organisation
from corpus.parse import parse_document
from corpus.reportdate import compact_dates, slashed_dates, written_date


def _parsed(data: bytes | str, name: str = "rapport.md"):
    return parse_document(read_bytes(data.encode("utf-8") if isinstance(data, str) else data, name))


def _read(report) -> tuple[list[tuple], list[tuple]]:  # noqa: ANN001
    titles = {g.number: g.title for g in report.goals}
    return ([(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals],
            [(a.title, [titles[n] for n in a.goal_numbers], a.status, a.start, a.end) for a in report.activities])


def test_a_pandoc_grid_table_whose_cells_list_the_goals_activities() -> None:
    report = _parsed("**Tertialrapport 1 2025**\n\n**Socialnämnden -- Lindö kommun**\n\n"
                     "# []{#_Toc1 .anchor}4 Mål och aktiviteter\n\n"
                     "-   **Bra** -- målet är uppnått.\n\n-   **OK** -- målet är delvis uppnått.\n\n"
                     "-   **Har brister** -- målet är inte uppnått.\n\n"
                     "+-----+--------------------+---------+---------------------------+\n"
                     "| Nr  | Mål                | Bedöm-  | Aktiviteter (status, tid) |\n"
                     "|     |                    | ning    |                           |\n"
                     "+=====+====================+=========+===========================+\n"
                     "| 1   | **Fler äldre bor   | OK      | -   **Trygg hemgång**\\    |\n"
                     "|     | kvar hemma**       |         |     Pågår enligt plan,    |\n"
                     "|     |                    |         |     2025-01-13 --         |\n"
                     "|     |                    |         |     2025-06-30            |\n"
                     "+-----+--------------------+---------+---------------------------+\n"
                     "| 1.1 | Färre fall i       | Bra     | -   **Fallprevention**\\   |\n"
                     "|     | hemtjänsten        |         |     Klar, 2025-02-03 --   |\n"
                     "|     |                    |         |     2025-04-30            |\n"
                     "|     |                    |         | -   **Rörelsegrupper**\\   |\n"
                     "|     |                    |         |     Påbörjad, fr.o.m.     |\n"
                     "|     |                    |         |     2025-03-01            |\n"
                     "+-----+--------------------+---------+---------------------------+\n\n"
                     "**Mål 1.** Andelen som bor kvar hemma ökade till 91 procent, men kön till korttidsboende "
                     "finns kvar och väntas inte minska under året.\n")
    goals, activities = _read(report)
    assert goals == [("Fler äldre bor kvar hemma", None, "Delvis uppfyllt"),
                     ("Färre fall i hemtjänsten", "Fler äldre bor kvar hemma", "Uppfyllt")]
    assert activities == [
        ("Trygg hemgång", ["Fler äldre bor kvar hemma"], "Pågående enligt plan", "2025-01-13", "2025-06-30"),
        ("Fallprevention", ["Färre fall i hemtjänsten"], "Avslutad enligt plan", "2025-02-03", "2025-04-30"),
        ("Rörelsegrupper", ["Färre fall i hemtjänsten"], "Pågående", "2025-03-01", None)]  # 'fr.o.m.': a start only
    assert "91 procent" in (report.goals[0].comment or "")  # 'Mål 1. …' after the table: goal 1's comment


def _nested_forms() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Verksamhetsberättelse 2024", level=1)
    document.add_paragraph("Bildningsnämnden, Ekby kommun. Läge: Fullföljd (avslutad enligt plan), Sen (pågår men "
                           "ligger efter tidplanen), Väntar (vilar i väntan på beslut).")
    form = document.add_table(rows=0, cols=2)
    for label, value in (("Kommunfullmäktiges mål", "Alla elever når målen"),
                         ("Måluppfyllelse", "☐ Uppfyllt ☒ Delvis uppfyllt ☐ Inte uppfyllt"), ("Nämndens mål", "")):
        cells = form.add_row().cells
        cells[0].text, cells[1].text = label, value
    inner = form.rows[2].cells[1].add_table(rows=0, cols=2)
    for label, value in (("Nämndmål", "Fler elever är behöriga"),
                         ("Måluppfyllelse", "☒ Uppfyllt ☐ Delvis uppfyllt ☐ Inte uppfyllt"), ("Aktiviteter", "")):
        cells = inner.add_row().cells
        cells[0].text, cells[1].text = label, value
    activities = inner.rows[2].cells[1].add_table(rows=0, cols=4)
    for row in (("Aktivitet", "Läge", "Start", "Slut"), ("Läxhjälp", "Sen", "1/2-24", "20/12-24"),
                ("Sommarskola", "Fullföljd", "17/6-24", "9/8-24")):
        cells = activities.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_forms_nested_in_each_other_with_check_boxes_for_the_level() -> None:
    goals, activities = _read(_parsed(_nested_forms(), "verksamhetsberattelse.docx"))
    assert goals == [("Alla elever når målen", None, "Delvis uppfyllt"),
                     ("Fler elever är behöriga", "Alla elever når målen", "Uppfyllt")]
    assert activities == [
        ("Läxhjälp", ["Fler elever är behöriga"], "Pågående med avvikelse", "2024-02-01", "2024-12-20"),
        ("Sommarskola", ["Fler elever är behöriga"], "Avslutad enligt plan", "2024-06-17", "2024-08-09")]


def _planner_export() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    goals = workbook.active
    goals.title = "Mål"
    for row in (["Tertialrapport 1 2026 – Ekby kommun"], [],
                ["Mål-id", "Målnivå", "Hör till", "Mål", "Prognos helår"],
                ["M1", "Kommunfullmäktiges mål", "", "Rent vatten för alla", "Uppfylls delvis"],
                ["M1.1", "Nämndmål", "M1", "Färre läckor", "Uppfylls inte"]):
        goals.append(row)
    tasks = workbook.create_sheet("Planner-export")
    for row in (["Plan name", "VA-plan 2026"], ["Export date", "5/4/2026"], [],
                ["Task ID", "Task Name", "Bucket Name", "Progress", "Priority", "Start date", "Due date", "Labels"],
                ["a1", "Läcksökning", "M1.1 Ledningsnät", "In progress", "Medium", "2/2/2026", "4/24/2026",
                 "Avvikelse;Investering"],
                ["a2", "Provtagningsplan", "M1 Dricksvatten", "Completed", "Urgent", "1/12/2026", "2/27/2026", ""],
                ["a3", "Byte av ledningar", "M1.1 Ledningsnät", "In progress", "Low", "3/2/2026", "", "Pausad"]):
        tasks.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_task_tools_export_in_english_beside_a_sheet_of_goals() -> None:
    goals, activities = _read(_parsed(_planner_export(), "tertial.xlsx"))
    assert goals == [("Rent vatten för alla", None, "Delvis uppfyllt"),
                     ("Färre läckor", "Rent vatten för alla", "Ej uppfyllt")]
    # The goal named first in the bucket; a status among the labels read with the progress; US dates.
    assert activities == [
        ("Läcksökning", ["Färre läckor"], "Pågående med avvikelse", "2026-02-02", "2026-04-24"),
        ("Provtagningsplan", ["Rent vatten för alla"], "Avslutad enligt plan", "2026-01-12", "2026-02-27"),
        ("Byte av ledningar", ["Färre läckor"], "Vänteläge", "2026-03-02", None)]


def test_goals_as_numbered_items_and_activities_on_a_kanban_board() -> None:
    report = _parsed(
        "<html><body><h1>Delårsrapport 2028</h1><p>Region Ekmark, primärvårdsnämnden. Uppföljning per 31 augusti "
        "2028.</p><h2>Mål</h2><ol><li><p>1 God tillgång till vård</p><p>Regionfullmäktiges mål</p>"
        "<p>Fler får kontakt samma dag. Nämndens bedömning är att målet är delvis uppnått.</p>"
        "<ol><li><p>1.1 Fler får en fast läkare</p><p>Nämndmål</p><p>Andelen är oförändrad. Nämndens bedömning är att "
        "målet inte är uppnått.</p></li></ol></li></ol>"
        "<h2>Aktivitetstavla</h2><ul><li>Planerade – aktiviteten har inte påbörjats.</li>"
        "<li>Klara – aktiviteten är avslutad enligt plan.</li><li>Pausade – arbetet vilar i väntan på beslut.</li></ul>"
        "<h3>Planerade (1)</h3><h4>Digital hälsokontroll</h4><p>Delmål 1.1</p><p>2028-10-02 → 2029-03-30</p>"
        "<h3>Pågår (1)</h3><h4>Återuppringning</h4><p>Mål 1 Avviker</p><p>→ 2028-11-30</p>"
        "<h3>Klara (1)</h3><h4>Chattfunktion</h4><p>Mål 1</p><p>2028-01-09 → 2028-05-26</p>"
        "<p>Region Ekmarks intranät</p></body></html>", "delarsrapport.html")
    goals, activities = _read(report)
    assert goals == [("God tillgång till vård", None, "Delvis uppfyllt"),
                     ("Fler får en fast läkare", "God tillgång till vård", "Ej uppfyllt")]
    assert activities == [
        ("Digital hälsokontroll", ["Fler får en fast läkare"], "Ej påbörjad", "2028-10-02", "2029-03-30"),
        ("Återuppringning", ["God tillgång till vård"], "Pågående med avvikelse", None, "2028-11-30"),
        ("Chattfunktion", ["God tillgång till vård"], "Avslutad enligt plan", "2028-01-09", "2028-05-26")]


def _slides() -> bytes:
    from fpdf import FPDF

    from tests.fixtures.fixture_binaries import add_dejavu

    pdf = FPDF(orientation="L", unit="mm", format=(190.5, 338.67))
    add_dejavu(pdf, "", "B")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 24)
    pdf.text(20, 25, "Delårsrapport 2023 – Ekby kommun")
    pdf.set_font("DejaVu", "", 11)
    pdf.text(20, 35, "Uppföljning per 31 augusti 2023")
    pdf.set_font("DejaVu", "B", 11)
    pdf.text(20, 50, "KOMMUNFULLMÄKTIGES MÅL 1 AV 1")
    pdf.text(20, 58, "Måluppfyllelse: Delvis uppfyllt")
    pdf.set_font("DejaVu", "B", 20)
    pdf.text(20, 70, "Vården ges i rätt tid")
    boxes = ((20, "Målet som helhet", [("AKTIVITETER DIREKT UNDER MÅLET", "B"), ("Gemensam väntelista", "B"),
                                       ("Klar · 20230109–20230428", "")]),
             (175, "NÄMNDMÅL 1.1", [("Fler unga bedöms inom 30 dagar", "B"), ("Måluppfyllelse: Uppfyllt", "B"),
                                   ("AKTIVITETER", "B"), ("Lördagsmottagning", "B"), ("Försenad · 20230206–20230630", "")]))
    for x, heading, lines in boxes:
        pdf.set_fill_color(247, 249, 251)
        pdf.rect(x, 80, 145, 90, style="F")
        pdf.set_font("DejaVu", "B", 12)
        pdf.text(x + 5, 90, heading)
        for n, (line, style) in enumerate(lines):
            pdf.set_font("DejaVu", style, 11)
            pdf.text(x + 5, 102 + 10 * n, line)
    return bytes(pdf.output())


def test_a_slide_whose_boxes_stand_side_by_side() -> None:
    goals, activities = _read(_parsed(_slides(), "delarsrapport.pdf"))
    assert goals == [("Vården ges i rätt tid", None, "Delvis uppfyllt"),
                     ("Fler unga bedöms inom 30 dagar", "Vården ges i rätt tid", "Uppfyllt")]
    assert activities == [
        ("Gemensam väntelista", ["Vården ges i rätt tid"], "Avslutad enligt plan", "2023-01-09", "2023-04-28"),
        ("Lördagsmottagning", ["Fler unga bedöms inom 30 dagar"], "Pågående med avvikelse", "2023-02-06",
         "2023-06-30")]


@pytest.mark.parametrize(("text", "option"), [
    ("☐ Uppfyllt ☒ Till stor del uppfyllt ☐ Inte uppfyllt", "Till stor del uppfyllt"),
    ("[x] Klar [ ] Pågår", "Klar"),
    ("☒ Uppfyllt ☒ Delvis uppfyllt", None),  # two ticked: no one option
    ("☒ Uppfyllt", None),  # one box alone is no form's choice
])
def test_the_ticked_box_of_a_form(text: str, option: str | None) -> None:
    assert ticked_option(text) == option


@pytest.mark.parametrize(("kind", "written", "canonical"), [
    ("activity", "In progress", "Pågående"), ("activity", "Not started", "Ej påbörjad"),
    ("activity", "Completed", "Avslutad enligt plan"), ("activity", "On hold", "Vänteläge"),
    ("activity", "Efter plan", "Pågående med avvikelse"), ("activity", "Pågår enligt tidplanen", "Pågående enligt plan"),
    ("goal", "☐ Uppfyllt ☐ Delvis uppfyllt ☒ Inte uppfyllt", "Ej uppfyllt"),
])
def test_labels_of_the_nineteenth_set(kind: str, written: str, canonical: str) -> None:
    found = schemes().match(kind, written)
    assert (found.canonical if found else None) == canonical


@pytest.mark.parametrize(("written", "iso"), [
    ("15/1-24", "2024-01-15"), ("3/11-2025", "2025-11-03"), ("32/1-24", None), ("1/2", None),
])
def test_day_month_year_as_swedish_is_written_by_hand(written: str, iso: str | None) -> None:
    assert written_date(written) == iso


def test_dates_written_compactly_and_with_slashes() -> None:
    assert compact_dates("Klar · 20230109–20230428, dnr 2023/0318") == "Klar · 2023-01-09–2023-04-28, dnr 2023/0318"
    header = ["Task Name", "Start date", "Due date"]
    roles = ["activity", "start", "end"]
    # Month first: English headers, or a second part over 12; day first where a first part says so.
    assert slashed_dates([header, ["A", "2/3/2026", "4/24/2026"]], roles)[1][1:] == ["2026-02-03", "2026-04-24"]
    assert slashed_dates([["Aktivitet", "Start", "Slut"], ["A", "2/3/2026", "24/4/2026"]], roles)[1][1:] == \
        ["2026-03-02", "2026-04-24"]


def test_an_organisation_named_in_the_genitive_is_the_organisation() -> None:
    text = "Region Ekmarks intranät\nDelårsrapport 2028 för Region Ekmark\nRegion Ekmarks primärvård\n"
    assert detect_organisation(text) == "Region Ekmark"


# The twentieth set ----------------------------------------------------------------------------------------

def test_a_goal_map_one_column_per_goal() -> None:
    import docx

    document = docx.Document()
    document.add_heading("Delårsrapport 2024", level=1)
    document.add_paragraph("Region Ekmark, regionala utvecklingsnämnden. Uppföljning per 31 augusti 2024.")
    table = document.add_table(rows=0, cols=3)
    for row in (("Regionfullmäktiges mål", "MÅL 1\nEtt starkt näringsliv", "MÅL 2\nGoda kommunikationer"),
                ("Uppnås målet?", "Delvis", "Nej"),
                ("Aktiviteter direkt under målet", "Exportsatsning\nStatus: Pågår enligt plan   Tid: 24-01-15 – 24-12-13",
                 "–"),
                ("Nämndmål", "NÄMNDMÅL 1.1\nFler företag startas\nUppnås nämndmålet? Ja",
                 "Inga nämndmål för detta mål.")):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    goals, activities = _read(_parsed(out.getvalue(), "delarsrapport.docx"))
    assert goals == [("Ett starkt näringsliv", None, "Delvis uppfyllt"),
                     ("Fler företag startas", "Ett starkt näringsliv", "Uppfyllt"),
                     ("Goda kommunikationer", None, "Ej uppfyllt")]
    # Fields set apart by wide spaces stay apart; 'ÅÅ-MM-DD' dates.
    assert activities == [("Exportsatsning", ["Ett starkt näringsliv"], "Pågående enligt plan", "2024-01-15",
                           "2024-12-13")]


def test_a_sheet_per_goal_with_smileys_in_a_symbol_font() -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Mål 1"
    for row in (["Kommunfullmäktiges mål 1"], ["Ekby är klimatneutralt 2040"], [],
                ["Måluppfyllelse 2023", "K"], ["Analys", "Utsläppen minskade med 7 procent."],
                ["Aktivitet", "Start", "Slut", "Genomfört", "Tidplan"],
                ["Klimatbudget", "2023-04-03", "2024-03-29", "45 %", "Håller inte"],
                ["Nämndmål 1.1"], ["Färre bilresor i tjänsten"], ["Måluppfyllelse 2023", "J"],
                ["Aktivitet", "Start", "Slut", "Genomfört", "Tidplan"],
                ["Klimatväxling", "2023-01-16", "2023-06-30", "100 %", "Håller"]):
        sheet.append(row)
    for cell in (sheet["B4"], sheet["B10"]):
        cell.font = Font(name="Wingdings")
    out = io.BytesIO()
    workbook.save(out)
    goals, activities = _read(_parsed(out.getvalue(), "verksamhetsberattelse.xlsx"))
    assert goals == [("Ekby är klimatneutralt 2040", None, "Delvis uppfyllt"),
                     ("Färre bilresor i tjänsten", "Ekby är klimatneutralt 2040", "Uppfyllt")]
    # How much is done read with the schedule: under way and not holding is a deviation, all done finished.
    assert activities == [
        ("Klimatbudget", ["Ekby är klimatneutralt 2040"], "Pågående med avvikelse", "2023-04-03", "2024-03-29"),
        ("Klimatväxling", ["Färre bilresor i tjänsten"], "Avslutad enligt plan", "2023-01-16", "2023-06-30")]


@pytest.mark.parametrize(("written", "canonical"), [
    ("Håller inte", "Pågående med avvikelse"), ("Inte i fas", "Pågående med avvikelse"),
    ("Bordlagd", "Vänteläge"), ("Pågår inte", None),  # only a status of keeping to plan is said not to hold
])
def test_a_status_said_not_to_hold(written: str, canonical: str | None) -> None:
    found = schemes().match("activity", written)
    assert (found.canonical if found else None) == canonical


def test_dates_written_with_a_two_digit_year() -> None:
    assert compact_dates("Tid: 24-02-05 – 24-06-28") == "Tid: 2024-02-05 – 2024-06-28"
    assert compact_dates("Dnr 2024-13-40, tel 08-123 45") == "Dnr 2024-13-40, tel 08-123 45"  # no such date


def test_a_goal_systems_tree_printed_as_text() -> None:
    report = _parsed("TERTIALRAPPORT 1 2029\nEkby kommun, tekniska nämnden\n\n"
                     "  «4»  målet är uppnått\n  «3»  målet är uppnått till minst 80 procent\n"
                     "  «2»  målet är uppnått till 50–79 procent\n  «1»  målet är inte uppnått\n\n"
                     "MÅLTRÄD T1\n│\n├─◆ Trygga gator för alla  «3»\n│  │     Olyckorna har minskat.\n│  │\n"
                     "│  ├─▪ Inventering av skolvägar\n│  │     Verkställd · 8/1–29/3 2029 · Gata och park\n│  │\n"
                     "│  └─◇ Fler barn cyklar till skolan  «2»\n│     │     41 procent cyklar.\n│     │\n"
                     "│     └─▪ Cykelbana längs Kyrkvägen\n│           Pågår · 15/11 2028–31/10 2029 · Projekt\n│\n"
                     "└─◆ En ekonomi i balans  «1»\n   │     Underskott.\n   │\n"
                     "   └─▪ Översyn av taxor\n         Avslutad · 1/2–31/5 2029 · Ekonomi\n\nSlut på utskrift.\n",
                     "tertial.txt")
    goals, activities = _read(report)
    assert goals == [("Trygga gator för alla", None, "Delvis uppfyllt"),
                     ("Fler barn cyklar till skolan", "Trygga gator för alla", "Knappt uppfyllt"),
                     ("En ekonomi i balans", None, "Ej uppfyllt")]
    # A node's goal is the nearest goal node above it at a lower depth (its branch), not the line above it.
    assert activities == [
        ("Inventering av skolvägar", ["Trygga gator för alla"], "Avslutad enligt plan", "2029-01-08", "2029-03-29"),
        ("Cykelbana längs Kyrkvägen", ["Fler barn cyklar till skolan"], "Pågående", "2028-11-15", "2029-10-31"),
        ("Översyn av taxor", ["En ekonomi i balans"], "Avslutad enligt plan", "2029-02-01", "2029-05-31")]
