"""Layouts the eleventh to thirteenth sets of independently written reports showed, as small Swedish cases: an
overview list 'Titel: **Nås delvis**', goals and activities in one 'Mål / aktivitet' column with each goal's level
painted by its row's CSS class, goal codes ('M1.2') linking an activity sheet to a goal sheet, an activity's line
of dash-separated fields, fields set apart by bars, a bold opening sentence that wraps onto the next line, an
export of key = value records, a level row over a framed panel's title, an internal-control table, one
assessment column per goal column, level lights before headings, cards with a level line over their titles, and
levels and statuses in a margin column, and a sheet of one column block per goal."""

from __future__ import annotations

import io

from corpus.documents import read_bytes
from corpus.documents.html import html_blocks
from corpus.parse import parse_document


def _parsed(text: str, name: str = "rapport.md"):
    return parse_document(read_bytes(text.encode("utf-8"), name))


def test_levels_after_a_colon_in_an_overview_list() -> None:
    report = _parsed("# Lindö kommun – Tertialrapport 1 2025\n\n### Målöversikt\n\n"
                     "- Mål 1 Alla elever lyckas: **Nås delvis**\n    - Delmål 1.1 Fler blir behöriga: **Nås inte**\n"
                     "- Mål 2 Tryggare skolor: **Ej bedömt**\n")
    assert [(g.title, g.parent_number is not None, g.assessment) for g in report.goals] == [
        ("Alla elever lyckas", False, "Delvis uppfyllt"), ("Fler blir behöriga", True, "Ej uppfyllt"),
        ("Tryggare skolor", False, None)]


PORTAL = """<html><body><h1>Region Lindö – Delårsrapport 2024</h1>
<ul><li>Grön – målet är uppfyllt</li><li>Gul – målet är delvis uppfyllt</li></ul>
<table><caption>Regionalt mål 1 med nämndmål och aktiviteter</caption>
<tr><th></th><th>Mål / aktivitet</th><th>Läge</th><th>Start</th></tr>
<tr class="mal status-gul"><td class="signal"></td><td><span class="malnr">Regionalt mål 1</span>Fler företag växer</td>
<td></td><td></td></tr>
<tr class="aktivitet"><td></td><td>Företagslots</td><td><img alt="Klar"></td><td>2024-01-15</td></tr>
<tr class="mal status-gron"><td class="signal"></td><td><span class="malnr">Nämndmål 1.1</span>Fler startar företag</td>
<td></td><td></td></tr>
<tr class="aktivitet"><td></td><td>Mikrolån</td><td><img alt="Pågår"></td><td>2024-03-01</td></tr>
</table></body></html>"""


def test_a_row_painted_by_its_class_and_one_column_for_goals_and_activities() -> None:
    rows = next(b.rows for b in html_blocks(PORTAL) if b.rows)
    # The row's colour goes into its empty signal cell; a classed span is set apart from the title after it.
    assert rows[1][:2] == ["Gul", "Regionalt mål 1 Fler företag växer"]
    report = parse_document(read_bytes(PORTAL.encode(), "portal.html"))
    assert [(g.title, g.parent_number is not None, g.assessment) for g in report.goals] == [
        ("Fler företag växer", False, "Delvis uppfyllt"), ("Fler startar företag", True, "Uppfyllt")]
    top, sub = report.goals
    assert [(a.title, a.goal_numbers, a.status) for a in report.activities] == [
        ("Företagslots", [top.number], "Avslutad enligt plan"), ("Mikrolån", [sub.number], "Pågående")]


def test_goal_codes_link_an_activity_sheet_to_the_goal_sheet() -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    goals = workbook.active
    goals.title = "Mål"
    for row in (["Lindö kommun – Tertialrapport 2 2025"], ["Målkod", "Måltyp", "Mål", "Bedömning"],
                ["M1", "Kommunmål", "Lindö växer hållbart", "Till stor del uppfyllt"],
                ["M1.1", "Nämndmål", "Fler detaljplaner", "Helt uppfyllt"]):
        goals.append(row)
    activities = workbook.create_sheet("Aktiviteter")
    for row in (["Nr", "Aktivitet", "Målkod", "Status"], ["1", "Planprogram", "M1.1", "Risk för försening"],
                ["2", "Medborgardialog", "M1", "Klar"]):
        activities.append(row)
    out = io.BytesIO()
    workbook.save(out)
    report = parse_document(read_bytes(out.getvalue(), "malkort.xlsx"))
    by_number = {g.number: g.title for g in report.goals}
    assert [(a.title, [by_number[n] for n in a.goal_numbers], a.status) for a in report.activities] == [
        ("Planprogram", ["Fler detaljplaner"], "Pågående med avvikelse"),
        ("Medborgardialog", ["Lindö växer hållbart"], "Avslutad enligt plan")]


def test_an_activity_line_of_dash_separated_fields() -> None:
    report = _parsed("# Lindö kommun – Verksamhetsberättelse 2025\n\n## Mål 1. Trygga barn\n\nAktiviteter\n\n"
                     "- 1.1.1 Familjecentral i Norrbyn – Genomförd – Ansvarig: enhetschef – 2025-02-03 till 2025-11-28\n"
                     "- 1.1.2 Stöd till arbete (IPS) – Vilande – Ansvarig: enhetschef vuxen – från 2025-04-01\n")
    assert [(a.title, a.units, a.status, a.start, a.end) for a in report.activities] == [
        ("Familjecentral i Norrbyn", ["enhetschef"], "Avslutad enligt plan", "2025-02-03", "2025-11-28"),
        ("Stöd till arbete (IPS)", ["enhetschef vuxen"], "Vänteläge", "2025-04-01", None)]


def test_fields_set_apart_by_bars_and_a_wrapped_bold_opening() -> None:
    report = _parsed("# Lindö kommun – Årsredovisning 2024\n\n## Mål 1 Nöjda invånare\n\nBedömning: Helt uppnått\n\n"
                     "### Kontaktcenter\n\nStatus: Genomförd | Ansvarig: kommunikationschef | Tid:\n\n"
                     "2024-01-08 – 2024-04-30\n\n### Öppettiderna förlängdes till klockan 18\n\n"
                     "måndag–torsdag. Samrådet pågick 2024-10-07 – 2024-12-01.\n")
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Kontaktcenter", "Avslutad enligt plan", "2024-01-08", "2024-04-30")]


# The twelfth set ------------------------------------------------------------------------------------------

RECORDS = """\
; Ärendia - export av uppföljningsposter
Typ = Exportinformation
System = Ärendia 7.4
Teckenkodning = ISO-8859-1
Exporterad = 2026-05-08 14:22

Typ = Rapport
Rubrik = Tertialrapport 1 2026
Organisation = Lindö kommun

Typ = Mål
Id = M1
Rubrik = Lindö har trygga gator
Överordnad =
Bedömning = Gul

Typ = Mål
Id = M1.1
Rubrik = Fler skolvägar är säkra
Överordnad = M1
Bedömning = Grön

Typ = Aktivitet
Id = A01
Rubrik = Nya övergångsställen
Överordnad = M1.1
Status = Slutförd
Kommentar = <b>Klart i mars.</b> Besiktningen är gjord.
"""


def test_an_export_of_key_value_records() -> None:
    from corpus.organisation import detect_organisation

    document = read_bytes(RECORDS.encode("latin-1"), "export.txt")
    report = parse_document(document)
    assert (report.year, report.period, detect_organisation(document.text)) == (2026, "T1", "Lindö kommun")
    assert report.title == "Tertialrapport 1 2026"  # the report's own record, not the export's header
    top, sub = report.goals
    assert [(g.title, g.parent_number, g.assessment) for g in report.goals] == [
        ("Lindö har trygga gator", None, "Delvis uppfyllt"), ("Fler skolvägar är säkra", top.number, "Uppfyllt")]
    (activity,) = report.activities
    assert (activity.title, activity.goal_numbers, activity.status) == ("Nya övergångsställen", [sub.number],
                                                                       "Avslutad enligt plan")
    assert "<b>" not in activity.comment


def test_a_panels_level_row_over_its_title_and_a_control_table_that_is_no_activity() -> None:
    report = _parsed("# Lindö kommun – Uppföljning 2025\n\n| MÅL 1 | I hög grad uppfyllt |\n|---|---|\n\n"
                     "## Lindö växer\n\nBefolkningen ökade.\n\n| DELMÅL 1.1 | Ej bedömt |\n|---|---|\n\n### Fler bostäder\n\n"
                     "| Aktivitet | Status |\n|---|---|\n| Detaljplan Strandängen | Klar |\n\n## Intern kontroll\n\n"
                     "| Kontrollmoment | Resultat | Åtgärd |\n|---|---|---|\n| Attest | Inga avvikelser | Utbildning |\n")
    assert [(g.title, g.parent_number is not None, g.assessment) for g in report.goals] == [
        ("Lindö växer", False, "Delvis uppfyllt"), ("Fler bostäder", True, None)]
    assert [a.title for a in report.activities] == ["Detaljplan Strandängen"]


def test_one_assessment_column_per_goal_column() -> None:
    report = _parsed("# Lindö kommun – Delårsrapport 2023\n\n"
                     "| KF-mål | Bedömning KF-mål | Nämndmål | Bedömning nämndmål | Aktivitet | Status T1 | Status T2 |\n"
                     "|---|---|---|---|---|---|---|\n"
                     "| 1. Lindö lockar | Till stor del | 1.1 Fler barn idrottar | Helt (Grön) | Prova-på | Pågår | Genomförd |\n")
    assert [(g.title, g.assessment) for g in report.goals] == [("Lindö lockar", "Delvis uppfyllt"),
                                                                ("Fler barn idrottar", "Uppfyllt")]
    assert [(a.title, a.status) for a in report.activities] == [("Prova-på", "Avslutad enligt plan")]


# The thirteenth set ---------------------------------------------------------------------------------------

def test_a_level_light_before_a_heading_and_an_activity_block_of_fields() -> None:
    report = _parsed("# Lindö kommun – Delårsrapport 2026\n\n- 🟢 Målet nås\n- 🟡 Målet nås till stor del\n\n"
                     "## 🟡 Invånare får rätt stöd\n\nTillgängligheten har förbättrats.\n\n"
                     "**Gemensam mottagning**  \nStatus: Pågår enligt plan · Period: 2026-02-02 → 2026-12-18  \n"
                     "Ansvarig: Avdelningschef\n\n### ⚪ Fler unga går till arbete\n\n"
                     "**Jobbspår**  \nStatus: Pausad · Period: 2026-03-02 → tills vidare\n")
    assert [(g.title, g.parent_number is not None, g.assessment) for g in report.goals] == [
        ("Invånare får rätt stöd", False, "Delvis uppfyllt"), ("Fler unga går till arbete", True, None)]
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Gemensam mottagning", "Pågående enligt plan", "2026-02-02", "2026-12-18"),
        ("Jobbspår", "Vänteläge", "2026-03-02", None)]


def test_cards_with_a_level_line_over_their_titles() -> None:
    cards = "".join(
        f"<div class='card'><p class='kicker'>{kicker}</p><h4>{title}</h4>{body}</div>" for kicker, title, body in (
            ("Mål 1", "Fler barn har god munhälsa", "<p>Uppnått</p>"),
            ("Delmål 1.1 · Bidrar till Mål 1", "Fler barn kommer på undersökning", "<p>Delvis uppnått</p>"),
            ("Delmål 1.2 · Bidrar till Mål 1", "Färre barn har karies", "<p>Ej uppnått</p>"),
            ("Aktivitet 1 · Uppdaterad 2025-01-21", "Sms-påminnelse",
             "<p>Hör till: Delmål 1.2</p><ul><li>Status: Klar</li></ul>"),
            ("Aktivitet 2 · Uppdaterad 2025-01-22", "Uppsökande team",
             "<p>Hör till: Delmål 1.1</p><ul><li>Status: Pågår</li></ul>")))
    report = parse_document(read_bytes(f"<h1>Region Lindö – Verksamhetsberättelse 2024</h1>{cards}".encode(), "k.html"))
    by_number = {g.number: g.title for g in report.goals}
    assert [(g.title, g.parent_number is not None, g.assessment) for g in report.goals] == [
        ("Fler barn har god munhälsa", False, "Uppfyllt"), ("Fler barn kommer på undersökning", True, "Delvis uppfyllt"),
        ("Färre barn har karies", True, "Ej uppfyllt")]
    assert [(a.title, [by_number[n] for n in a.goal_numbers], a.status) for a in report.activities] == [
        ("Sms-påminnelse", ["Färre barn har karies"], "Avslutad enligt plan"),
        ("Uppsökande team", ["Fler barn kommer på undersökning"], "Pågående")]


def test_levels_and_statuses_in_the_margin() -> None:
    report = _parsed("# Lindö kommun – Verksamhetsberättelse 2025\n\n## Mål och aktiviteter\n\n"
                     "## 1 Fler barn och unga har en aktiv och meningsfull\n\n### Till stor del uppfyllt\n\n## fritid\n\n"
                     "| I liten grad uppfyllt | 1 a Fler flickor deltar i idrott |\n|---|---|\n\n"
                     "| Genomförd | Prova-på-vecka |\n|---|---|\n\nTid: 24–28 februari 2025. Ansvarig: fritidschef.\n")
    assert [(g.title, g.parent_number is not None, g.assessment) for g in report.goals] == [
        ("Fler barn och unga har en aktiv och meningsfull fritid", False, "Delvis uppfyllt"),
        ("Fler flickor deltar i idrott", True, "Knappt uppfyllt")]
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Prova-på-vecka", "Avslutad enligt plan", "2025-02-24", "2025-02-28")]


def _column_block_workbook() -> bytes:
    """One column block per goal: row labels in column A, each goal merged across its block, a sub-goal per
    four columns, the activity header repeated once per sub-goal, a comment per goal under the activities."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Uppföljningsmall"
    ws["A1"] = "Lindö kommun · Delårsrapport 2024"
    rows = {3: "Mål", 4: "Måluppfyllelse, mål", 5: "Delmål", 6: "Måluppfyllelse, delmål", 7: "Aktiviteter",
            10: "Kommentar"}
    for row, label in rows.items():
        ws.cell(row=row, column=1, value=label)

    def merged(row: int, first: int, last: int, value: str) -> None:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        ws.cell(row=row, column=first, value=value)

    merged(3, 2, 9, "Mål 1. Fler bor kvar hemma")
    merged(4, 2, 9, "Till viss del")
    merged(3, 10, 13, "Mål 2. Maten är god")
    merged(4, 10, 13, "Helt")
    merged(5, 2, 5, "1.1 Färre möter många olika")
    merged(6, 2, 5, "Inte alls")
    merged(5, 6, 9, "1.2 Fler har trygghetslarm")
    merged(6, 6, 9, "Ej bedömd")
    merged(5, 10, 13, "Inga delmål")
    merged(6, 10, 13, "–")
    for first in (2, 6, 10):
        for k, head in enumerate(("Aktivitet", "Status", "Start", "Slut")):
            ws.cell(row=7, column=first + k, value=head)
    activities = {2: [("Mindre arbetslag", "Försenad", "2024-02-01", "2024-11-29")],
                  6: [("Digitala larm", "Klar", "2024-01-08", "2024-05-31"), ("Nattkamera", "Ej startad", "", "")],
                  10: [("Ny matsedel", "Pågår", "2024-03-04", "")]}
    for first, acts in activities.items():
        for i, values in enumerate(acts):
            for k, value in enumerate(values):
                ws.cell(row=8 + i, column=first + k, value=value or None)
    merged(10, 2, 9, "Kontinuiteten har ökat något.")
    merged(10, 10, 13, "Nöjdheten är hög.")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_sheet_of_one_column_block_per_goal() -> None:
    report = parse_document(read_bytes(_column_block_workbook(), "uppfoljningsmall.xlsx"))
    titles = {g.number: g.title for g in report.goals}
    assert [(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals] == [
        ("Fler bor kvar hemma", None, "Knappt uppfyllt"),
        ("Färre möter många olika", "Fler bor kvar hemma", "Ej uppfyllt"),
        ("Fler har trygghetslarm", "Fler bor kvar hemma", None),
        ("Maten är god", None, "Uppfyllt")]
    served = {g.number: g.title for g in report.goals}
    assert [(a.title, [served[n] for n in a.goal_numbers], a.status, a.start, a.end) for a in report.activities] == [
        ("Mindre arbetslag", ["Färre möter många olika"], "Pågående med avvikelse", "2024-02-01", "2024-11-29"),
        ("Digitala larm", ["Fler har trygghetslarm"], "Avslutad enligt plan", "2024-01-08", "2024-05-31"),
        ("Nattkamera", ["Fler har trygghetslarm"], "Ej påbörjad", None, None),
        ("Ny matsedel", ["Maten är god"], "Pågående", "2024-03-04", None)]
    # The goal's comment (under its activities, across its block) is the goal's, not its last sub-goal's.
    assert report.goals[0].comment == "Kontinuiteten har ökat något."
