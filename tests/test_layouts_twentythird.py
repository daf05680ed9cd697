"""Layouts the twenty-third set of independently written reports showed, as small Swedish cases: a goal system's
print file of coded rows, a web page's table with arrows to the goal served and a band legend with the term first,
a pivot table pasted as values, a PDF whose status headers are set on their side and whose levels are rows of dots,
and goal levels said with the verb first."""

from __future__ import annotations

import io

import pytest

from corpus.documents import read_bytes
from corpus.labels import schemes
from corpus.parse import parse_document


def _read(report) -> tuple[list[tuple], list[tuple]]:  # noqa: ANN001
    titles = {g.number: g.title for g in report.goals}
    return ([(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals],
            [(a.title, [titles[n] for n in a.goal_numbers], a.status, a.start, a.end) for a in report.activities])


PRINT_FILE = """LERVIKS KOMMUN                          DELÅRSRAPPORT 2031                          Sida 1 av 1
Fritidsnämnden                          Mål och aktiviteter
==========================================================================================

    Bedömning av mål:
      Nås helt ...........: målvärdet nås fullt ut
      Nås till stor del ..: minst 75 procent av målvärdet nås
      Nås till viss del ..: 40-74 procent av målvärdet nås
      Nås inte ...........: mindre än 40 procent av målvärdet nås

5  MÅL OCH AKTIVITETER

Nr        Mål / aktivitet                              Bedömning / status   Start       Slut
--------- -------------------------------------------- -------------------- ----------- -----------
KF1       Fler invånare rör sig varje vecka            Nås till stor del
NM1.1     Fler unga deltar i föreningsidrott           Nås helt
AK1.1.1   Prova-på-dagar i alla skolor                 Klar                 2031-02-03  2031-05-29
NM1.2     Fler äldre deltar i motionsgrupper           Nås inte
          Analys: Deltagandet minskade under våren
          när två lokaler stängdes.
AK1.2.1   Seniorgympa i alla kommundelar               Pågår                2031-03-01  2031-11-30
AK1.0.1   Nya motionsspår i Norrbyn                    Klar                 2031-01-10  2031-06-30
"""


def test_a_goal_systems_print_file_of_coded_rows() -> None:
    goals, activities = _read(parse_document(read_bytes(PRINT_FILE.encode(), "rapport_2031.txt")))
    # The legend's dot leaders stand between term and meaning; the levels are said with the verb first.
    assert goals == [("Fler invånare rör sig varje vecka", None, "Delvis uppfyllt"),
                     ("Fler unga deltar i föreningsidrott", "Fler invånare rör sig varje vecka", "Uppfyllt"),
                     ("Fler äldre deltar i motionsgrupper", "Fler invånare rör sig varje vecka", "Ej uppfyllt")]
    # A note under a row is that row's: the analysis is goal 1.2's, not the first row's.
    report = parse_document(read_bytes(PRINT_FILE.encode(), "rapport_2031.txt"))
    assert [g.comment for g in report.goals] == ["", "", "Deltagandet minskade under våren när två lokaler stängdes."]
    # 'AK1.0.1' is goal 1's own activity though it stands after goal 1.2's.
    assert [(a[0], a[1]) for a in activities] == [
        ("Prova-på-dagar i alla skolor", ["Fler unga deltar i föreningsidrott"]),
        ("Seniorgympa i alla kommundelar", ["Fler äldre deltar i motionsgrupper"]),
        ("Nya motionsspår i Norrbyn", ["Fler invånare rör sig varje vecka"])]


def test_a_web_tables_arrows_to_the_goal_served_and_a_band_legend_with_the_term_first() -> None:
    def row(*cells: str) -> str:
        return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"

    page = "".join([
        "<html><body><h1>Tertialrapport 1 2031</h1><p>Fritidsnämnden, Lerviks kommun</p>",
        "<p>Stapeln visar hur stor del av målvärdet som nås:</p><ul>",
        "<li>Nås – 100 procent av målvärdet eller mer.</li><li>Nås delvis – 60–99 procent av målvärdet.</li>",
        "<li>Nås inte – under 60 procent av målvärdet.</li></ul>",
        "<table><tr><th>Nr</th><th>Mål och aktivitet</th><th>Måluppfyllelse / status</th><th>Start</th>"
        "<th>Slut</th></tr>",
        row("1", "Fler invånare rör sig varje vecka<br>Besöken i simhallen ökade med fyra procent i våras.", "72 %"),
        row("1.1", "Fler unga deltar i föreningsidrott", "100 %"),
        row("↳ 1.1", "Prova-på-dagar i alla skolor", "Klar", "2031-02-03", "2031-05-29"),
        row("↳ 1", "Nya motionsspår i Norrbyn", "Pågår", "2031-03-01", "2031-10-31"),
        "</table></body></html>"])
    report = parse_document(read_bytes(page.encode(), "rapport.html"))
    goals, activities = _read(report)
    # The share is read through the legend's bands; the title's sentences are the goal's comment.
    assert goals == [("Fler invånare rör sig varje vecka", None, "Delvis uppfyllt"),
                     ("Fler unga deltar i föreningsidrott", "Fler invånare rör sig varje vecka", "Uppfyllt")]
    assert report.goals[0].comment.startswith("Besöken i simhallen")
    assert [(a[0], a[1]) for a in activities] == [("Prova-på-dagar i alla skolor", ["Fler unga deltar i föreningsidrott"]),
                                                  ("Nya motionsspår i Norrbyn", ["Fler invånare rör sig varje vecka"])]


def test_a_pivot_table_pasted_as_values() -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Mål och aktiviteter"
    for values in [["Uppföljning 2031, fritidsnämnden, Lerviks kommun"],
                   ["KF-mål", "Bedömning KF-mål", "Nämndmål", "Bedömning nämndmål", "Aktivitet", "Status", "Start",
                    "Slut", "Antal aktiviteter"],
                   ["Fler invånare rör sig varje vecka", "Delvis uppfyllt", "Fler unga deltar i föreningsidrott",
                    "Uppfyllt", "Prova-på-dagar i alla skolor", "Klar", "2031-02-03", "2031-05-29", 1],
                   ["", "", "(tom)", "(tom)", "Nya motionsspår i Norrbyn", "Pågår", "2031-03-01", "(tom)", 1],
                   ["Fler invånare rör sig varje vecka Summa", "", "", "", "", "", "", "", 2],
                   ["Totalsumma", "", "", "", "", "", "", "", 2]]:
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    goals, activities = _read(parse_document(read_bytes(out.getvalue(), "pivot_2031.xlsx")))
    # The count rows are no goals; '(tom)' in the sub-goal column makes the activity the top goal's own.
    assert goals == [("Fler invånare rör sig varje vecka", None, "Delvis uppfyllt"),
                     ("Fler unga deltar i föreningsidrott", "Fler invånare rör sig varje vecka", "Uppfyllt")]
    assert activities == [
        ("Prova-på-dagar i alla skolor", ["Fler unga deltar i föreningsidrott"], "Avslutad enligt plan", "2031-02-03",
         "2031-05-29"),
        ("Nya motionsspår i Norrbyn", ["Fler invånare rör sig varje vecka"], "Pågående", "2031-03-01", None)]


def test_a_pdf_header_set_on_its_side_and_a_level_as_a_row_of_dots() -> None:
    from fpdf import FPDF

    from corpus.documents.pdf import pdf_blocks

    pdf = FPDF(orientation="L")
    pdf.add_page()
    pdf.set_font("helvetica", size=9)
    pdf.rect(20, 20, 150, 40)
    pdf.line(20, 40, 170, 40)
    for x in (60, 100, 120):
        pdf.line(x, 20, x, 60)
    pdf.text(22, 35, "Mal")
    pdf.text(62, 35, "Bedomning")
    for x, word in ((108, "Klar"), (128, "Pagar")):  # (rotated, the extraction reads them backwards)
        with pdf.rotation(90, x, 38):
            pdf.text(x, 38, word)  # set up the column, read from its foot
    pdf.text(22, 50, "Fler ror sig")
    for n in range(5):
        filled = n < 3
        pdf.circle(x=63 + 7 * n, y=47, radius=2, style="F" if filled else "D")
    blocks = pdf_blocks(bytes(pdf.output()), "rapport.pdf")
    rows = next(b.rows for b in blocks if b.kind == "table")
    assert rows[0][2:] == ["Klar", "Pagar"]
    assert rows[1][1] == "●●●○○"


@pytest.mark.parametrize(("written", "canonical"), [
    ("Nås helt", "Uppfyllt"),
    ("Nås till stor del", "Delvis uppfyllt"),
    ("Uppfylls i hög grad", "Delvis uppfyllt"),
    ("Målet är delvis nått", "Delvis uppfyllt"),
    ("Inte nått", "Ej uppfyllt"),
])
def test_a_goals_level_with_the_verb_first_or_said_with_natt(written: str, canonical: str) -> None:
    found = schemes().match("goal", written)
    assert found is not None and found.canonical == canonical
