"""Layouts the twenty-second set of independently written reports showed, as small Swedish cases: a web page dumped
as text by a text browser, Excel's web page of a whole sheet, Word's tracked changes, a board of status columns, a
PDF table whose cells stand too close to see apart, and statuses qualified by how they keep to their plan."""

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


DUMP = """   [1]Hoppa till innehållet
   [2]Lervik kommun

                 Delårsrapport 2031 för fritidsnämnden

   Uppföljning per den 31 augusti 2031 för fritidsnämnden i Lerviks kommun.

Så läser du uppföljningen

   Prognos för helåret:

   Nås
          Målet bedöms nås fullt ut vid årets slut, minst 100 procent av
          målvärdet.
   Nås delvis
          Målet nås till en del.
   Nås inte
          Målet bedöms inte nås.

Mål och aktiviteter

    1. Fler invånare i Lervik rör sig varje vecka och deltar i föreningslivet
       Kommunfullmäktiges mål. Prognos helår: Nås delvis
       Analys: Besöken i simhallen ökade med 4 procent under våren, medan
       deltagandet i föreningarna låg kvar på förra årets nivå.
          + Fler unga deltar i föreningsidrott under hela året, också under
            sommarlovet
            Nämndmål. Prognos helår: Nås
               o [3]Prova-på-dagar i alla skolor
                 Läge: Slutförd
                 Tid: 2031-02-03 – 2031-05-29
          + Nya motionsspår i Norrbyn
            Läge: Pågår
            Tid: hösten 2030 – 2031-10-31

Framåtblick

   Inför 2032 planeras fler spår.

References

   1. https://www.lervik.se/#main
   2. https://www.lervik.se/
   3. https://www.lervik.se/prova-pa.html
"""


def test_a_web_page_dumped_by_a_text_browser() -> None:
    goals, activities = _read(parse_document(read_bytes(DUMP.encode(), "rapport.txt")))
    # The dump's wraps are undone in the titles ('… också under' / 'sommarlovet'); the kind said before the field
    # ('Nämndmål. Prognos helår: …') leaves the field; the list's depth places each item.
    assert goals == [
        ("Fler invånare i Lervik rör sig varje vecka och deltar i föreningslivet", None, "Delvis uppfyllt"),
        ("Fler unga deltar i föreningsidrott under hela året, också under sommarlovet",
         "Fler invånare i Lervik rör sig varje vecka och deltar i föreningslivet", "Uppfyllt")]
    # The link's number is no part of the title; an item over its status line at a sub-goal's depth serves the goal
    # a level up; a start said as a season gives no start date.
    assert activities == [
        ("Prova-på-dagar i alla skolor", ["Fler unga deltar i föreningsidrott under hela året, också under sommarlovet"],
         "Avslutad enligt plan", "2031-02-03", "2031-05-29"),
        ("Nya motionsspår i Norrbyn", ["Fler invånare i Lervik rör sig varje vecka och deltar i föreningslivet"],
         "Pågående", None, "2031-10-31")]


def test_a_dump_keeps_its_sentences_and_drops_its_addresses() -> None:
    from corpus.documents.outline import dump_blocks, is_dump

    assert is_dump(DUMP)
    assert not is_dump("Mål 1: Fler rör sig\n\nStatus: Pågår [1]\n")  # a report's own note mark is no dump
    texts = [b.text for b in dump_blocks(DUMP) if b.kind != "table"]
    assert not [t for t in texts if "https://" in t or "References" in t]
    assert "Analys: Besöken i simhallen ökade med 4 procent under våren, medan deltagandet i föreningarna låg kvar på " \
           "förra årets nivå." in "\n".join(texts)


def _sheet_page(rows: str) -> str:
    return ("<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head>"
            "<meta name=ProgId content=Excel.Sheet><meta name=Generator content=\"Microsoft Excel 15\">"
            "<style>.t1 {mso-char-indent-count:1; padding-left:12px;} .t2 {mso-char-indent-count:2; "
            "padding-left:24px;}</style></head><body><table>" + rows + "</table></body></html>")


def _tr(*cells: str, hidden: bool = False, indent: int = 0) -> str:
    style = " style='display:none'" if hidden else ""
    out = "".join(f"<td class=t{indent}>{c}</td>" if i == 1 and indent else f"<td>{c}</td>" for i, c in enumerate(cells))
    return f"<tr{style}>{out}</tr>"


def test_excels_web_page_of_a_whole_sheet() -> None:
    page = _sheet_page("".join([
        _tr("Tertialuppföljning 1 2031 – fritidsnämnden"), _tr("Lerviks kommun"),
        _tr("Uppföljning per den 30 april 2031."),
        _tr("Nr", "Mål och aktiviteter", "Bedömning", "Status", "Start", "Slut"),
        _tr("1", "Fler invånare rör sig varje vecka", "Delvis uppfyllt", "", "", ""),
        _tr("1.1", "Fler unga deltar i föreningsidrott", "Uppfyllt", "", "", "", indent=1),
        _tr("", "Prova-på-dagar i alla skolor", "", "Klar", "2031-02-03", "2031-05-29", indent=2),
        _tr("", "Gammal aktivitet som är dold", "", "Klar", "2030-02-03", "2030-05-29", indent=2, hidden=True),
        _tr("", "Nya motionsspår i Norrbyn", "", "Pågår", "2031-03-01", "2031-10-31", indent=1),
        _tr("Lervik den 8 maj 2031. Anna Berg, förvaltningschef.")]))
    goals, activities = _read(parse_document(read_bytes(page.encode(), "rapport.htm")))
    assert goals == [("Fler invånare rör sig varje vecka", None, "Delvis uppfyllt"),
                     ("Fler unga deltar i föreningsidrott", "Fler invånare rör sig varje vecka", "Uppfyllt")]
    # The row the sheet hides is no activity; the title's indent places the last one under the top goal.
    assert activities == [
        ("Prova-på-dagar i alla skolor", ["Fler unga deltar i föreningsidrott"], "Avslutad enligt plan", "2031-02-03",
         "2031-05-29"),
        ("Nya motionsspår i Norrbyn", ["Fler invånare rör sig varje vecka"], "Pågående", "2031-03-01", "2031-10-31")]


def _docx_with_changes() -> bytes:
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.add_paragraph("Delårsrapport 2031, fritidsnämnden, Lerviks kommun")
    document.add_heading("Mål 1: Fler invånare rör sig", level=2)
    paragraph = document.add_paragraph("Bedömning: ")
    # The level replaced with the changes tracked: the old one deleted, the new one inserted.
    paragraph._p.append(parse_xml(f'<w:del {w} w:id="1" w:author="Nämnden"><w:r><w:delText>Uppfyllt</w:delText>'
                                  '</w:r></w:del>'))
    paragraph._p.append(parse_xml(f'<w:ins {w} w:id="2" w:author="Nämnden"><w:r><w:t>Delvis uppfyllt</w:t></w:r>'
                                  '</w:ins>'))
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("Aktivitet", "Status", "Slut"),
                                       ("Prova-på-dagar i alla skolor", "Pågår enligt plan", "2031-05-29"),
                                       ("Strykt aktivitet", "Klar", "2031-03-31")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    # The last row deleted with the changes tracked.
    table.rows[2]._tr.get_or_add_trPr().append(parse_xml(f'<w:del {w} w:id="3" w:author="Nämnden"/>'))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_words_tracked_changes_read_as_accepted() -> None:
    goals, activities = _read(parse_document(read_bytes(_docx_with_changes(), "rapport.docx")))
    assert goals == [("Fler invånare rör sig", None, "Delvis uppfyllt")]
    assert [a[0] for a in activities] == ["Prova-på-dagar i alla skolor"]


def test_a_board_of_status_columns() -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Aktivitetstavla"
    for row in [["Tavla – mål och aktiviteter per 31 juli 2031, Lerviks kommun"],
                ["Nivå", "Mål", "Bedömning", "Klart", "Pågår enligt plan", "Ej påbörjad", "Pausad"],
                [1, "Fler invånare rör sig varje vecka", "Delvis uppfyllt", "", "Nya motionsspår [2031-03-01 – ]", "",
                 ""],
                [2, "Fler unga deltar i föreningsidrott", "Uppfyllt",
                 "Prova-på-dagar [2031-02-03 – 2031-05-29]\nSommarcuper [2031-06-15 – 2031-08-10]", "",
                 "Tjejträning [2031-09-01 – 2031-12-15]", ""]]:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    goals, activities = _read(parse_document(read_bytes(out.getvalue(), "tavla_2031.xlsx")))
    assert goals == [("Fler invånare rör sig varje vecka", None, "Delvis uppfyllt"),
                     ("Fler unga deltar i föreningsidrott", "Fler invånare rör sig varje vecka", "Uppfyllt")]
    # Each line of a status column is an activity of the row's goal, its time in brackets its dates.
    assert activities == [
        ("Nya motionsspår", ["Fler invånare rör sig varje vecka"], "Pågående enligt plan", "2031-03-01", None),
        ("Prova-på-dagar", ["Fler unga deltar i föreningsidrott"], "Avslutad enligt plan", "2031-02-03", "2031-05-29"),
        ("Sommarcuper", ["Fler unga deltar i föreningsidrott"], "Avslutad enligt plan", "2031-06-15", "2031-08-10"),
        ("Tjejträning", ["Fler unga deltar i föreningsidrott"], "Ej påbörjad", "2031-09-01", "2031-12-15")]


def test_a_pdf_tables_cells_set_too_close_to_see_apart() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.text(20, 20, "Delarsrapport 2031 Lerviks kommun")
    pdf.set_font("helvetica", "B", size=12)
    pdf.text(20, 35, "Mal 1: Fler invanare ror sig")
    pdf.set_font("helvetica", size=9)
    rows = [("Aktivitet", "Status", "Start", "Slut"), ("Prova-pa-dagar i alla", "Klar", "2031-02-03", "2031-05-29"),
            ("skolor", "", "", ""), ("Nya motionsspar", "Pagar enligt plan", "2031-03-01", "2031-10-31")]
    for n, (title, status, start, end) in enumerate(rows):
        y = 50 + 5 * n if n < 2 else 50 + 5 * n - 1.5  # the wrapped line of a title closer below its row
        # Start and end stand a gap of 1 mm apart: too close to be told apart by the gap alone.
        for x, text in ((20, title), (75, status), (120, start), (138.5, end)):
            if text:
                pdf.text(x, y, text)
    data = bytes(pdf.output())
    _, activities = _read(parse_document(read_bytes(data, "rapport_2031.pdf")))
    assert [(a[0], a[3], a[4]) for a in activities] == [("Prova-pa-dagar i alla skolor", "2031-02-03", "2031-05-29"),
                                                        ("Nya motionsspar", "2031-03-01", "2031-10-31")]


@pytest.mark.parametrize(("written", "canonical"), [
    ("Genomförs med avvikelse", "Pågående med avvikelse"),
    ("Genomförs enligt plan", "Pågående enligt plan"),
    ("Utförd delvis", "Avslutad med avvikelse"),
    ("Pågår i fas", "Pågående enligt plan"),
    ("Klar med vissa avvikelser", "Avslutad med avvikelse"),
])
def test_a_status_qualified_by_how_it_keeps_to_its_plan(written: str, canonical: str) -> None:
    found = schemes().match("activity", written)
    assert found is not None and found.canonical == canonical


def test_a_legend_of_a_bars_steps_and_of_more_steps_than_levels() -> None:
    from corpus.interpret.interpreter import ReportInterpreter
    from corpus.interpret.legend import LegendReader

    interpreter = ReportInterpreter()
    reader = LegendReader(interpreter.words, interpreter.scheme_labels)
    reader.unjudged_ = set()
    bar = reader._term_legend([["★★★★", "Målet är nått."], ["★★★", "Nära målet."], ["★★", "En bit från målet."],
                               ["★", "Långt från målet."], ["–", "Ingen bedömning: prognos saknas."]])
    assert [(e.written, e.canonical) for e in bar or []] == [
        ("★★★★", "Uppfyllt"), ("★★★", "Delvis uppfyllt"), ("★★", "Knappt uppfyllt"), ("★", "Ej uppfyllt")]
    five = reader._term_legend([["Överträffat", "Bättre än målvärdet."], ["Uppnått", "Målvärdet nås."],
                                ["Delvis uppnått", "Minst 75 procent nås."], ["I liten grad uppnått", "40–74 procent."],
                                ["Inte uppnått", "Under 40 procent."]])
    # Five steps on four levels: the two the words put on 'Uppfyllt' share it, not those the position would.
    assert [e.canonical for e in five or []] == ["Uppfyllt", "Uppfyllt", "Delvis uppfyllt", "Knappt uppfyllt",
                                                 "Ej uppfyllt"]
