"""Statuses shown only by colour (a cell's fill, a coloured dot, an icon's class or alt text), read in every
format as the colour's name, which the label schemes then read like a written status."""

from __future__ import annotations

import io

import pytest

from corpus.documents import read_bytes
from corpus.documents.colours import colour_name, css_colour_name, pdf_colour_name
from corpus.parse import parse_document

TITLE = "Ljungsta kommun – Uppföljning av verksamhetsplan T2 2025"
ACTIVITIES = [("Jobbspår inom vården", "00B050", "Pågående enligt plan"),
              ("Feriejobb för unga", "E00000", "Pågående med avvikelse"),
              ("Praktik i kommunen", "FFC000", "Pågående med avvikelse"),
              ("Ny webbplats för näringslivet", "0070C0", "Avslutad enligt plan")]


@pytest.mark.parametrize(("colour", "name"), [
    ("00B050", "Grön"), ("FF00B050", "Grön"), ("#0b5", "Grön"), ("C6EFCE", "Grön"), ("FFC7CE", "Röd"),
    ("FF0000", "Röd"), ("C00000", "Röd"), ("FFC000", "Gul"), ("FFFF00", "Gul"), ("FFEB9C", "Gul"),
    ("ED7D31", "Orange"), ("0070C0", "Blå"),
    # Shading and design colours say nothing.
    ("FFFFFF", None), ("F2F2F2", None), ("D9D9D9", None), ("000000", None), ("DCE6F1", None), ("auto", None),
])
def test_colour_names(colour: str, name: str | None) -> None:
    assert colour_name(colour) == name


@pytest.mark.parametrize(("classes", "style", "name"), [
    ("status-icon status-green", None, "Grön"), ("ikon ikon--rod", None, "Röd"), ("trafficlight yellow", None, "Gul"),
    ("dot", "background-color: #e30613", "Röd"), ("dot", "background: rgb(0, 176, 80)", "Grön"),
    ("banner-green", None, None), ("red-theme", None, None), (None, "color: #333333", None),
])
def test_css_colour_names(classes: str | None, style: str | None, name: str | None) -> None:
    assert css_colour_name(classes, style) == name


def test_pdf_colours_in_every_colour_space() -> None:
    assert pdf_colour_name((0.0, 0.69, 0.31)) == "Grön"
    assert pdf_colour_name((0.0, 1.0, 1.0, 0.0)) == "Röd"  # CMYK
    assert pdf_colour_name((0.5,)) is None  # grey
    assert pdf_colour_name(None) is None


def _xlsx(fill: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Aktiviteter"
    sheet.append([TITLE])
    sheet.append(["Mål", "Aktivitet", "Ansvarig", "Status", "Kommentar"])
    for cell in sheet[2]:
        cell.fill = PatternFill("solid", fgColor="DCE6F1")  # a shaded header row
    for row, (title, colour, _) in enumerate(ACTIVITIES, start=3):
        sheet.append(["Fler i arbete", title, "AME", None if fill else "●", "Se bilaga."])
        status = sheet.cell(row, 4)
        if fill:
            status.fill = PatternFill("solid", fgColor=colour)
        else:
            status.font = Font(color=colour)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _docx(shaded_cells: bool) -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    document = Document()
    document.add_heading(TITLE, 0)
    document.add_heading("Mål 1: Fler i arbete", 1)
    document.add_paragraph("Andelen invånare i arbete ska öka.")
    if shaded_cells:
        table = document.add_table(rows=1 + len(ACTIVITIES), cols=3)
        for c, header in enumerate(["Aktivitet", "Status", "Kommentar"]):
            table.cell(0, c).text = header
        for r, (title, colour, _) in enumerate(ACTIVITIES, start=1):
            table.cell(r, 0).text = title
            table.cell(r, 2).text = "Se bilaga."
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:fill"), colour)
            table.cell(r, 1)._tc.get_or_add_tcPr().append(shading)
    else:
        for title, colour, _ in ACTIVITIES:
            paragraph = document.add_paragraph(style="List Bullet")
            dot = paragraph.add_run("● ")
            dot.font.color.rgb = RGBColor.from_string(colour)
            paragraph.add_run(title)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _html(mark: str) -> bytes:
    def cell(colour: str, name: str) -> str:
        words = {"00B050": "green", "E00000": "red", "FFC000": "yellow", "0070C0": "blue"}[colour]
        return {"class": f'<span class="status-icon status-{words}"></span>',
                "img": f'<img src="{words}.png" alt="{name}">',
                "style": f'<td style="background-color:#{colour}"></td>'}[mark]

    names = {"00B050": "Grön", "E00000": "Röd", "FFC000": "Gul", "0070C0": "Blå"}
    rows = "".join(
        f"<tr><td>{title}</td>{cell(colour, names[colour])}</tr>" if mark == "style"
        else f"<tr><td>{title}</td><td>{cell(colour, names[colour])}</td></tr>"
        for title, colour, _ in ACTIVITIES)
    return (f'<html><body><div class="banner-green"></div><h1>{TITLE}</h1><h2>Mål 1: Fler i arbete</h2>'
            f"<p>Andelen invånare i arbete ska öka.</p><table><tr><th>Aktivitet</th><th>Status</th></tr>{rows}"
            "</table></body></html>").encode()


def _pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
    pdf.set_font("DejaVu", "B", 16)
    pdf.text(15, 20, TITLE)
    pdf.set_font("DejaVu", "B", 13)
    pdf.text(15, 35, "Mål 1: Fler i arbete")
    pdf.set_font("DejaVu", "", 10)
    pdf.text(15, 43, "Andelen invånare i arbete ska öka under året.")
    pdf.set_font("DejaVu", "B", 10)
    pdf.text(15, 55, "Aktivitet")
    pdf.text(120, 55, "Status")
    pdf.set_font("DejaVu", "", 10)
    for row, (title, colour, _) in enumerate(ACTIVITIES):
        y = 63 + 7 * row
        pdf.text(15, y, title)
        pdf.set_fill_color(*(int(colour[i:i + 2], 16) for i in (0, 2, 4)))
        pdf.ellipse(121, y - 3, 3, 3, style="F")
    return bytes(pdf.output())


@pytest.mark.parametrize(("name", "make"), [
    ("fill.xlsx", lambda: _xlsx(fill=True)),
    ("symbol.xlsx", lambda: _xlsx(fill=False)),
    ("shaded.docx", lambda: _docx(shaded_cells=True)),
    ("dots.docx", lambda: _docx(shaded_cells=False)),
    ("class.html", lambda: _html("class")),
    ("img.html", lambda: _html("img")),
    ("style.html", lambda: _html("style")),
    ("dots.pdf", _pdf),
], ids=["xlsx-fill", "xlsx-symbol", "docx-shading", "docx-dot-before-title", "html-class", "html-img-alt",
        "html-style", "pdf-dots"])
def test_status_shown_only_by_colour_is_read(name: str, make) -> None:
    report = parse_document(read_bytes(make(), name))
    assert [(a.title, a.status) for a in report.activities] == [(t, s) for t, _, s in ACTIVITIES]
    assert (report.year, report.period) == (2025, "T2")


def test_colour_marks_keep_what_the_text_says() -> None:
    """A status word beside an icon is what the cell says; a decorative banner and a shaded header say nothing;
    one colour of bullets before every line is the page's design."""
    from corpus.documents.html import html_blocks

    blocks = html_blocks('<div class="banner-green"></div><table><tr><th class="head-blue">Status</th></tr>'
                         '<tr><td><span class="dot dot-green"></span> Enligt plan</td></tr></table>')
    assert [b.rows for b in blocks] == [[["Status"], ["Enligt plan"]]]
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", "", 11)
    pdf.text(15, 20, TITLE)
    pdf.set_text_color(0, 112, 192)
    for row, line in enumerate(["Första punkten i listan", "Andra punkten i listan", "Tredje punkten"]):
        pdf.set_text_color(0, 112, 192)
        pdf.text(15, 40 + 8 * row, "●")
        pdf.set_text_color(0, 0, 0)
        pdf.text(20, 40 + 8 * row, line)
    texts = " ".join(b.text for b in read_bytes(bytes(pdf.output()), "bullets.pdf").blocks)
    assert "Blå" not in texts and "Första punkten i listan" in texts


def test_a_row_filled_in_one_colour_is_shading() -> None:
    """A group row coloured across (an export's goal row) keeps its empty cells empty."""
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mål", "Aktivitet", "Status"])
    sheet.append(["Fler i arbete", None, None])
    for cell in sheet[2]:
        cell.fill = PatternFill("solid", fgColor="00B050")
    sheet.append(["Fler i arbete", "Feriejobb", None])
    sheet["C3"].fill = PatternFill("solid", fgColor="00B050")
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = next(b for b in read_bytes(buffer.getvalue(), "grupp.xlsx").blocks if b.rows)
    assert table.rows[1:] == [["Fler i arbete", "", ""], ["Fler i arbete", "Feriejobb", "Grön"]]
