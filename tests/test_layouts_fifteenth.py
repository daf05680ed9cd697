"""Layouts the fifteenth set of independently written reports showed, as small Swedish cases: a report pasted into
an e-mail with statuses in brackets after the titles, a tree grid whose rows say their level only in
aria-level, letter grades and status codes explained by a legend, a heading with its level after a tab, a sheet
whose tree is only in its titles' indents with levels drawn as bars of boxes, and cards whose activities open
with a status code; and from the sixteenth set, a Markdown task list under a legend of shares of the target,
fact rows set apart by a tab with the later follow-up's level, statuses a report redefines, a tab widget and a
level line in two parts; and from the seventeenth set, a plain-text legend in columns, figures as goal boxes beside a
chart, and a scale of signs with the activities listed after the goals; and from the eighteenth set, a goal matrix
(goals as columns, a mark in each activity's goal column) and cards whose heading holds level, number and title."""

from __future__ import annotations

import io

import pytest

from corpus.documents import read_bytes
from corpus.labels import schemes
from corpus.parse import parse_document


def _parsed(data: bytes | str, name: str = "rapport.txt"):
    return parse_document(read_bytes(data.encode("utf-8") if isinstance(data, str) else data, name))


def _titled(report) -> dict[str, str]:  # noqa: ANN001
    return {g.number: g.title for g in report.goals}


def test_statuses_in_brackets_and_activities_directly_under_the_goal() -> None:
    report = _parsed("TERTIALRAPPORT 1 2025\nKultur- och fritidsnämnden, Lindö kommun\n\n"
                     "MÅL 1  Fler barn har en meningsfull fritid\nPrognos helår: Målet nås delvis\n\n"
                     "    Nämndmål 1.1  Fler flickor idrottar\n    Prognos helår: Målet nås\n\n"
                     "    Aktiviteter:\n    • Tjejträning [Pågår enligt plan]\n      start 2025-01-13, slut 2025-12-12\n\n"
                     "Aktiviteter direkt under målet:\n• Ny ungdomslokal [Ej påbörjad]\n  start 2025-09-01, slut ej fastställt\n")
    titles = _titled(report)
    assert [(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals] == [
        ("Fler barn har en meningsfull fritid", None, "Delvis uppfyllt"),
        ("Fler flickor idrottar", "Fler barn har en meningsfull fritid", "Uppfyllt")]
    assert [(a.title, [titles[n] for n in a.goal_numbers], a.status, a.start, a.end) for a in report.activities] == [
        ("Tjejträning", ["Fler flickor idrottar"], "Pågående enligt plan", "2025-01-13", "2025-12-12"),
        ("Ny ungdomslokal", ["Fler barn har en meningsfull fritid"], "Ej påbörjad", "2025-09-01", None)]


def test_a_tree_grid_by_aria_level_with_letter_grades_from_its_legend() -> None:
    rows = "".join(f'<tr aria-level="{level}"><td>{title}</td><td>{grade}</td><td>{status}</td></tr>'
                   for level, title, grade, status in (
                       (1, "Invånarna får vård i rätt tid", "B", ""),
                       (2, "Vårdcentralerna svarar samma dag", "A", ""),
                       (3, "Återuppringning via 1177", "", "Pågår – följer plan"),
                       (2, "Produktionsplanering i ortopedin", "", "Genomförd"),
                       (1, "Vården är jämlik", "–", "")))
    html = ("<h1>Region Lindö – Delårsrapport 2023</h1><dl><dt>A</dt><dd>Målet uppfylls</dd>"
            "<dt>B</dt><dd>Målet uppfylls i huvudsak</dd><dt>C</dt><dd>Målet uppfylls i begränsad omfattning</dd>"
            "<dt>D</dt><dd>Målet uppfylls inte</dd><dt>–</dt><dd>Målet har inte bedömts</dd></dl>"
            "<table><tr><th>Mål / aktivitet</th><th>Bedömning</th><th>Status</th></tr>" + rows + "</table>")
    report = _parsed(html, "delarsrapport.html")
    titles = _titled(report)
    assert [(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals] == [
        ("Invånarna får vård i rätt tid", None, "Delvis uppfyllt"),
        ("Vårdcentralerna svarar samma dag", "Invånarna får vård i rätt tid", "Uppfyllt"),
        ("Vården är jämlik", None, None)]
    # A level-2 activity after a level-2 goal serves the level-1 goal above both.
    assert [(a.title, [titles[n] for n in a.goal_numbers], a.status) for a in report.activities] == [
        ("Återuppringning via 1177", ["Vårdcentralerna svarar samma dag"], "Pågående enligt plan"),
        ("Produktionsplanering i ortopedin", ["Invånarna får vård i rätt tid"], "Avslutad enligt plan")]


def _tabbed_headings() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Lindö kommun – Verksamhetsberättelse 2024", 1)
    document.add_heading("Bygglov handläggs snabbt\t● Gult ljus", 2)
    document.add_heading("Invånarna får god service\t● Inget ljus (ej bedömt)", 2)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Aktivitet", "Tidsram", "Läge"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("Telefontid varje dag", "2024-02-01 – 2024-12-20", "Pågår – ur fas"),
                          strict=True):
        cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_level_after_a_tab_in_a_heading() -> None:
    report = _parsed(_tabbed_headings(), "verksamhetsberattelse.docx")
    assert [(g.title, g.assessment) for g in report.goals] == [("Bygglov handläggs snabbt", "Delvis uppfyllt"),
                                                                ("Invånarna får god service", None)]
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Telefontid varje dag", "Pågående med avvikelse", "2024-02-01", "2024-12-20")]


def _indented_tree() -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Lindö kommun – Tertialuppföljning 1 2026"
    ws.append([])
    ws.append(["Mål och aktiviteter", "Måluppfyllelse", "Status", "Startdatum", "Slutdatum"])
    for indent, values in ((0, ("Alla elever lär sig", "■■□□", None, None, None)),
                           (2, ("Fler elever är behöriga", "■■■□", None, None, None)),
                           (4, ("Läxhjälp", None, "Arbete pågår enligt tidplan", "2026-01-12", "2026-06-12")),
                           (2, ("Ny elevhälsomodell", None, "Arbete pågår", "2026-02-02", None)),
                           (0, ("Skolan är trygg", "□□□□", None, None, None))):
        ws.append(list(values))
        ws.cell(row=ws.max_row, column=1).alignment = Alignment(indent=indent)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_sheets_tree_by_its_titles_indents_and_levels_as_bars() -> None:
    report = _parsed(_indented_tree(), "uppfoljning.xlsx")
    titles = _titled(report)
    assert [(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals] == [
        ("Alla elever lär sig", None, "Knappt uppfyllt"),
        ("Fler elever är behöriga", "Alla elever lär sig", "Delvis uppfyllt"),
        ("Skolan är trygg", None, None)]
    assert [(a.title, [titles[n] for n in a.goal_numbers], a.status) for a in report.activities] == [
        ("Läxhjälp", ["Fler elever är behöriga"], "Pågående enligt plan"),
        ("Ny elevhälsomodell", ["Alla elever lär sig"], "Pågående")]


def test_activities_opening_with_a_status_code_the_legend_explains() -> None:
    report = _parsed("# Lindö kommun – Delårsrapport 2027\n\n## Statuskoder\n\nE Ej påbörjad\n\nPP Pågår enligt plan\n\n"
                     "V Vilande\n\nAA Avslutad med avvikelse\n\n## Trafiken är säker\n\nPrognos: Uppfylls delvis\n\n"
                     "### Aktiviteter\n\nPP Ny cykelväg längs\n\nStrandvägen\n\nGrön PP Hastighetsöversyn i\n\n"
                     "villaområden\n\n2026-09-01 – 2027-06-30\n\nV Laddplatser\n\n2027-03-01 – ej beslutat\n",
                     "delarsrapport.md")
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Ny cykelväg längs", "Pågående enligt plan", None, None),  # a capitalised line is no wrapped title
        ("Hastighetsöversyn i villaområden", "Pågående enligt plan", "2026-09-01", "2027-06-30"),
        ("Laddplatser", "Vänteläge", "2027-03-01", None)]


@pytest.mark.parametrize(("kind", "written", "canonical"), [
    ("goal", "■■■■", "Uppfyllt"), ("goal", "■□□□", "Ej uppfyllt"), ("goal", "□□□□", None),
    ("goal", "Gult ljus", "Delvis uppfyllt"),
    ("activity", "Pågår – i fas", "Pågående enligt plan"), ("activity", "Pågår – ur fas", "Pågående med avvikelse"),
    ("activity", "Pågår (ingen bedömning mot planen)", "Pågående"),
    ("activity", "Arbete pågår men är försenat", "Pågående med avvikelse"),
    ("activity", "Uppdraget är slutrapporterat", "Avslutad enligt plan"),
    ("activity", "Klar (2025-01-08 – 2025-03-28)", None),  # dates in parentheses are no note on the label
    # The perfect of the passive, and work ended without being carried out (the eighteenth set's legend).
    ("activity", "Aktiviteten har avslutats.", "Avslutad enligt plan"),
    ("activity", "Har genomförts", "Avslutad enligt plan"),
    ("activity", "Aktiviteten har avslutats utan att genomföras fullt ut.", "Avslutad med avvikelse"),
    ("activity", "Avslutad utan att ha slutförts", "Avslutad med avvikelse"),
    ("activity", "Genomförd utan att budgeten överskreds", None),  # 'utan att' of something else says nothing
    ("activity", "Pågår utan att genomföras", None),  # only finished work can be ended short
])
def test_labels_of_the_fifteenth_set(kind: str, written: str, canonical: str | None) -> None:
    found = schemes().match(kind, written)
    assert (found.canonical if found else None) == canonical


# The sixteenth set ----------------------------------------------------------------------------------------

def test_task_lists_and_a_legend_of_shares_of_the_target() -> None:
    report = _parsed("---\ntitel: Tertialrapport 1 2024\norganisation: Lindö kommun\n---\n\n"
                     "# Tertialrapport 1 2024\n\n- **100 % eller mer** – målet är uppfyllt\n"
                     "- **85–99 %** – målet är delvis uppfyllt\n- **70–84 %** – målet är knappt uppfyllt\n"
                     "- **under 70 %** – målet är inte uppfyllt\n\n#### Fler elever fullföljer\n\n"
                     "**Måluppfyllelse:** 91 % av målvärdet\n\n- [ ] **Närvaroteam**\n  - Status: Löper på\n"
                     "  - Tid: 2023-08-21 – 2024-06-14\n- [x] ~~**Validering inom restaurang**~~\n"
                     "  - Status: Ej aktuellt längre\n\n#### Lokalerna används väl\n\n**Måluppfyllelse:** 62 % av målvärdet\n",
                     "tertial.md")
    assert [(g.title, g.assessment) for g in report.goals] == [("Fler elever fullföljer", "Delvis uppfyllt"),
                                                                ("Lokalerna används väl", "Ej uppfyllt")]
    assert [(a.title, a.status) for a in report.activities] == [
        ("Närvaroteam", "Pågående enligt plan"), ("Validering inom restaurang", "Avslutad med avvikelse")]


def _fact_rows() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Lindö kommun – Delårsrapport 2027", 1)
    document.add_paragraph("Aktiviteterna inleds med sin status: KLART, STOPPAT (avbruten), OMPRÖVAS (pausad).")
    for line in ("Mål\tFler företag etablerar sig", "Bidrar till\t–", "Bedömning 30 april\tGul",
                 "Prognos 31 augusti\tGrön"):
        document.add_paragraph(line)
    document.add_paragraph("Aktiviteter").runs[0].bold = True
    document.add_paragraph("STOPPAT – Gemensam tillståndshandläggning", style="List Number")
    document.add_paragraph("Tid: 1 februari 2027 – 29 oktober 2027. Ansvarig: Kommundirektör.")
    document.add_paragraph("OMPRÖVAS – Heltidsresan", style="List Number")
    document.add_paragraph("Tid: 4 januari 2027 – tills vidare.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_fact_rows_the_later_follow_up_and_statuses_the_report_redefines() -> None:
    report = _parsed(_fact_rows(), "delarsrapport.docx")
    assert [(g.title, g.assessment) for g in report.goals] == [("Fler företag etablerar sig", "Uppfyllt")]
    # 'STOPPAT (avbruten)': this report's stopped work is cancelled, not paused.
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Gemensam tillståndshandläggning", "Avslutad med avvikelse", "2027-02-01", "2027-10-29"),
        ("Heltidsresan", "Vänteläge", "2027-01-04", None)]


def test_a_tab_widget_and_a_level_line_in_two_parts() -> None:
    html = ("<h1>Region Lindö – Verksamhetsberättelse 2026</h1><div role='tablist'><button role='tab'>Mål 1</button>"
            "<button role='tab'>Mål 2</button></div><div role='tabpanel'><p>REGIONENS MÅL · MÅL 1</p>"
            "<h3>Kulturen når fler</h3><p>Betyg: 7 av 10</p><ul><li><span>Kulturskola på distans</span> "
            "<span>Genomförd delvis</span><br><span>Från <time datetime='2026-03-01'>1 mars</time>, löpande</span>"
            "</li></ul></div><div role='tabpanel' hidden><h3>Kulturarvet bevaras</h3><p>Betyg: 4 av 10</p></div>")
    report = _parsed(html, "vb.html")
    assert [(g.title, g.assessment) for g in report.goals] == [("Kulturen når fler", "Delvis uppfyllt"),
                                                                ("Kulturarvet bevaras", "Knappt uppfyllt")]
    assert [(a.title, a.status, a.start) for a in report.activities] == [
        ("Kulturskola på distans", "Avslutad med avvikelse", "2026-03-01")]


# The seventeenth set --------------------------------------------------------------------------------------

def test_a_plain_text_legend_in_columns_and_levels_as_words_of_it() -> None:
    report = _parsed("DELÅRSRAPPORT 2025\nMiljönämnden, Lindö kommun\n\n"
                     "Trend och bedömning:\n  ↑  bättre än förra året\n  →  oförändrat\n"
                     "  Målet är nått         målvärdet nås eller överträffas\n"
                     "  Målet är nära         målvärdet nås nästan\n"
                     "  Målet är långt ifrån  målvärdet nås inte\n  Ej bedömt             underlag saknas\n\n"
                     "Status för aktiviteter:\n  Avklarad          genomförd enligt plan\n"
                     "  Genomförs         pågår och följer tidplanen\n  Återstår          inte påbörjad\n"
                     "  Nedprioriterad    avslutad i förtid, genomförs inte\n\n"
                     "1 Sjöarna har god vattenkvalitet\n================================\n\n"
                     "Trend och bedömning:  ↑  Målet är nära\n\n"
                     "  Nr      Aktivitet              Status           Start       Slut\n"
                     "  ------  ---------------------  ---------------  ----------  ----------\n"
                     "  A1.0.1  Provtagning i sjön     Genomförs        2025-03-03  2025-10-31\n"
                     "  A1.0.2  E-tjänst för avlopp    Nedprioriterad   2024-10-01  2025-05-30\n\n"
                     "2 Maten är säker\n===============\n\nTrend och bedömning:  –  Ej bedömt\n", "delar.txt")
    assert [(g.title, g.assessment) for g in report.goals] == [("Sjöarna har god vattenkvalitet", "Delvis uppfyllt"),
                                                                ("Maten är säker", None)]
    assert [(a.title, a.status) for a in report.activities] == [
        ("Provtagning i sjön", "Pågående enligt plan"), ("E-tjänst för avlopp", "Avslutad med avvikelse")]


def test_figures_as_goal_boxes_beside_a_chart() -> None:
    html = ("<h1>Region Lindö – Tertialrapport 1 2024</h1>"
            "<figure><img src='a.png' alt='Diagram'><figcaption>Figur 1. Resor per månad</figcaption></figure>"
            "<figure><figcaption>Resenärerna är nöjda</figcaption><p>Bedömning: ★★★☆☆</p>"
            "<figure><figcaption>Turerna går i tid</figcaption><p>Bedömning: ★★☆☆☆</p>"
            "<table><tr><td>Aktivitet</td><td>Status</td></tr><tr><td>Nya körtider</td><td>Avslutad</td></tr></table>"
            "</figure></figure>")
    report = _parsed(html, "tertial.html")
    titles = _titled(report)
    assert [(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals] == [
        ("Resenärerna är nöjda", None, "Delvis uppfyllt"),
        ("Turerna går i tid", "Resenärerna är nöjda", "Knappt uppfyllt")]
    assert [(a.title, a.status) for a in report.activities] == [("Nya körtider", "Avslutad enligt plan")]


def test_signs_explained_in_a_sentence_and_activities_after_the_goals() -> None:
    report = _parsed("# Lindö kommun – Verksamhetsberättelse 2026\n\n"
                     "Bedömning: + målet är uppfyllt, 0 målet är delvis uppfyllt, − målet är inte uppfyllt.\n\n"
                     "## 1 Alla elever utvecklas\n\nMåluppfyllelse: 0\n\n### 1.1 Fler når E i matematik\n\n"
                     "Måluppfyllelse: −\n\n## 2 Eleverna är trygga\n\nMåluppfyllelse: +\n\n# Aktiviteter\n\n"
                     "## Extra undervisningstid\n\n| Mål: 1.1 | Ansvarig: Grundskoleenheten |\n|---|---|\n\n"
                     "Status: Pågår · Tid: 2026-02-02 – 2026-12-18\n\n## Rastvärdar\n\n"
                     "| Mål: 2 | Ansvarig: Grundskoleenheten |\n|---|---|\n\nStatus: Klar · Tid: 2026-01-12 – 2026-06-12\n",
                     "vb.md")
    titles = _titled(report)
    assert [(g.title, g.assessment) for g in report.goals] == [
        ("Alla elever utvecklas", "Delvis uppfyllt"), ("Fler når E i matematik", "Ej uppfyllt"),
        ("Eleverna är trygga", "Uppfyllt")]
    assert [(a.title, [titles[n] for n in a.goal_numbers], a.status) for a in report.activities] == [
        ("Extra undervisningstid", ["Fler når E i matematik"], "Pågående"),
        ("Rastvärdar", ["Eleverna är trygga"], "Avslutad enligt plan")]


# The eighteenth set ---------------------------------------------------------------------------------------

def _goal_matrix() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Lindö kommun – Tertialrapport 1 2024"
    ws.append([])
    ws.append([None, "Mål", "1 Färre skadas i bränder", "1.1 Fler har brandvarnare", "2 Invånarna är förberedda"])
    ws.append([None, "Prognos helår", "Bedöms uppnås", "Osäkert", "Kan ej bedömas"])
    ws.append(["Nr", "Aktivitet", "1", "1.1", "2", "Status"])
    for row in (("R-01", "Hembesök", None, "X", None, "PP"), ("R-02", "Skolbesök", "X", None, None, "G"),
                ("R-03", "Krisövning", None, None, "X", "VL")):
        ws.append(list(row))
    legend = wb.create_sheet("Förklaringar")
    for row in (("Bedöms uppnås", "Målet bedöms bli uppnått för helåret."),
                ("Osäkert", "Målet bedöms bli delvis uppnått."), ("Bedöms inte uppnås", "Målet bedöms inte bli uppnått."),
                ("Kan ej bedömas", "Underlag saknas."), ("Statuskoder",),
                ("G", "Genomförd", "Aktiviteten är klar."), ("PP", "Pågår enligt plan", "Följer tidplanen."),
                ("VL", "Vilande", "Aktiviteten är pausad.")):
        legend.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_goal_matrix_with_a_mark_in_each_activitys_goal_column() -> None:
    report = _parsed(_goal_matrix(), "malmatris.xlsx")
    # The report's own title, not a sheet's name; every row of the legend sheet is read, none left unread.
    assert report.title == "Lindö kommun – Tertialrapport 1 2024"
    assert report.warnings == []
    titles = _titled(report)
    assert [(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals] == [
        ("Färre skadas i bränder", None, "Uppfyllt"), ("Fler har brandvarnare", "Färre skadas i bränder",
                                                         "Delvis uppfyllt"), ("Invånarna är förberedda", None, None)]
    assert [(a.title, [titles[n] for n in a.goal_numbers], a.status) for a in report.activities] == [
        ("Hembesök", ["Fler har brandvarnare"], "Pågående enligt plan"),
        ("Skolbesök", ["Färre skadas i bränder"], "Avslutad enligt plan"),
        ("Krisövning", ["Invånarna är förberedda"], "Vänteläge")]


def test_cards_of_a_level_and_title_in_one_heading_and_a_definition_list_legend() -> None:
    html = ("<h1>Region Lindö – Delårsrapport 2023</h1><dl><dt>God</dt><dd>Målet är uppfyllt.</dd>"
            "<dt>Acceptabel</dt><dd>Målet är delvis uppfyllt.</dd><dt>Svag</dt><dd>Målet nås i liten utsträckning.</dd>"
            "<dt>Otillräcklig</dt><dd>Målet nås inte.</dd></dl>"
            "<h3>Mål 1 · Fler har god munhälsa</h3><dl><dt>Bedömning</dt><dd>God</dd></dl>"
            "<h4>Delmål 1.1 · Färre barn har karies</h4><dl><dt>Bedömning</dt><dd>Svag</dd></dl>"
            "<ul><li><strong>Fluorlackning</strong><br>Igång · 13 feb 2023 – tills vidare</li></ul>")
    report = _parsed(html, "delar.html")
    titles = _titled(report)
    assert [(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals] == [
        ("Fler har god munhälsa", None, "Uppfyllt"), ("Färre barn har karies", "Fler har god munhälsa", "Knappt uppfyllt")]
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Fluorlackning", "Pågående", "2023-02-13", None)]
