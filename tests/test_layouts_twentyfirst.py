"""Layouts the twenty-first set of independently written reports showed, as small Swedish cases: Word's plain-text
save (a paragraph a line, tabs between cells, heading numbers as text and a tab, a table of contents of tabbed
lines) with the activities as the columns of their tables."""

from __future__ import annotations

from corpus.documents import read_bytes
from corpus.parse import parse_document


def _parsed(data: bytes | str, name: str = "rapport.txt"):
    return parse_document(read_bytes(data.encode("cp1252") if isinstance(data, str) else data, name))


def _read(report) -> tuple[list[tuple], list[tuple]]:  # noqa: ANN001
    titles = {g.number: g.title for g in report.goals}
    return ([(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals],
            [(a.title, [titles[n] for n in a.goal_numbers], a.status, a.start, a.end) for a in report.activities])


LONG = ("Nämnden har under perioden arbetat vidare med de prioriterade områdena och följer upp varje mål med de "
        "indikatorer som fullmäktige har beslutat, vilket redovisas under respektive rubrik nedan i rapporten.")


def test_words_plain_text_with_activities_as_the_columns_of_their_tables() -> None:
    text = "\r\n".join([
        "Tertialrapport 1 2031", "Kultur- och fritidsnämnden", "Ekby kommun", LONG, "",
        "Innehåll", "1\tInledning\t2", "2\tMål och aktiviteter\t2", "2.1\tKommunfullmäktiges mål 1: Fler deltar "
        "i föreningslivet\t3", "2.1.1\tNämndmål 1.1: Fler unga har en aktiv fritid\t3", "",
        "1\tInledning", LONG, LONG, "",
        "2\tMål och aktiviteter", LONG,
        "Bedömning\tInnebörd", "Helt\tMålet bedöms nås helt under året.", "Mestadels\tMålet nås till största delen.",
        "Något\tMålet nås bara till en liten del.", "Inte\tMålet bedöms inte nås.", "",
        "2.1\tKommunfullmäktiges mål 1: Fler deltar i föreningslivet", "Prognos för måluppfyllelse helår 2031: Mestadels",
        LONG, "",
        "2.1.1\tNämndmål 1.1: Fler unga har en aktiv fritid", "Prognos för måluppfyllelse helår 2031: Något",
        "Aktiviteter",
        "Aktivitet\tSommarlovsaktiviteter i alla byar\tSpontanidrott i Norrparken",
        "Status\tPågår enligt plan\tEj påbörjad",
        "Start\t2031-01-10\t",
        "Slut\t2031-08-20\t2031-10-31",
        "Kommentar\tAnmälan öppnar i maj.",
        "Bidrag söks hos staten.\tPlatsen är vald.", ""]) + "\r\n"
    goals, activities = _read(_parsed(text))
    # The contents' tabbed lines are no goals; the headings' numbers are not part of the titles; the level is the
    # word the report's own scale explains, mapped in its order.
    assert goals == [("Fler deltar i föreningslivet", None, "Delvis uppfyllt"),
                     ("Fler unga har en aktiv fritid", "Fler deltar i föreningslivet", "Knappt uppfyllt")]
    assert activities == [
        ("Sommarlovsaktiviteter i alla byar", ["Fler unga har en aktiv fritid"], "Pågående enligt plan",
         "2031-01-10", "2031-08-20"),
        # An empty cell of its column: no start.
        ("Spontanidrott i Norrparken", ["Fler unga har en aktiv fritid"], "Ej påbörjad", None, "2031-10-31")]
    report = _parsed(text)
    # A cell of two paragraphs breaks its row's line: the second paragraph is the first activity's, the text after
    # its tab the second activity's comment.
    assert "Bidrag söks" in (report.activities[0].comment or "")
    assert report.activities[1].comment == "Platsen är vald."


def _workbook(rows: list[list[object]], legend: list[list[object]]) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Uppföljning"
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, float):
                cell.number_format = "0 %"  # a share shown as a percentage
    notes = book.create_sheet("Instruktion")
    for row in legend:
        notes.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_sheet_of_stepped_columns_with_the_status_marked_in_one_of_several_columns() -> None:
    data = _workbook([
        ["Uppföljning kvartal 1 2032 – Tekniska nämnden, Ekby kommun"],
        ["Mål och aktiviteter", None, None, "Måluppfyllelse", "Status (markera med X)", None, None, "Enligt plan?",
         "Ansvarig"],
        ["Kommunfullmäktiges mål", "Nämndmål", "Aktivitet", "Prognos, % av målvärdet", "Ej påbörjad", "Pågår",
         "Genomförd", "Ja / Nej", None],
        ["Ekby har rent vatten", None, None, 0.97],
        [None, None, "Ny reservvattentäkt", None, None, "x", None, "Nej", "VA-enheten"],
        [None, "Läckorna i ledningsnätet minskar", None, 0.62],
        [None, None, "Läcksökning med drönare", None, None, None, "X", "Ja", "VA-enheten"],
        [None, None, "Byte av gamla servisledningar", None, "X", None, None, None, "VA-enheten"],
        ["Antal markeringar"],
    ], [["100 % eller mer", "Målet bedöms uppfyllas."], ["85–99 %", "Målet bedöms delvis uppfyllas."],
        ["under 85 %", "Målet bedöms inte uppfyllas."]])
    goals, activities = _read(_parsed(data, "uppfoljning.xlsx"))
    # A row fills one of the goal, sub-goal and activity columns; the level is a share read with the sheet's bands;
    # a count under the rows is no goal.
    assert goals == [("Ekby har rent vatten", None, "Delvis uppfyllt"),
                     ("Läckorna i ledningsnätet minskar", "Ekby har rent vatten", "Ej uppfyllt")]
    # The status is the column marked (either case), told apart by the yes or no of 'Enligt plan?'.
    assert activities == [
        ("Ny reservvattentäkt", ["Ekby har rent vatten"], "Pågående med avvikelse", None, None),
        ("Läcksökning med drönare", ["Läckorna i ledningsnätet minskar"], "Avslutad enligt plan", None, None),
        ("Byte av gamla servisledningar", ["Läckorna i ledningsnätet minskar"], "Ej påbörjad", None, None)]


def _png() -> bytes:
    """A 2 × 2 px picture: a goal system's symbol, whose meaning is only in its alternative text."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    pixels = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b""))


def test_a_goal_systems_word_export_whose_levels_and_statuses_are_pictures_named_by_their_alt_text() -> None:
    import io

    import docx

    document = docx.Document()

    def picture(paragraph, said: str) -> None:  # noqa: ANN001
        paragraph.add_run().add_picture(io.BytesIO(_png()))._inline.docPr.set("descr", said)

    document.add_heading("Delårsrapport januari–augusti 2033", 1)
    document.add_paragraph("Fritidsnämnden, Ekby kommun")
    legend = document.add_table(rows=1, cols=2)
    legend.rows[0].cells[0].text, legend.rows[0].cells[1].text = "Symbol", "Måluppfyllelse"
    for said, meaning in [("Grön ring", "Målet uppfylls."), ("Gul ring", "Målet uppfylls delvis."),
                          ("Röd ring", "Målet uppfylls inte."), ("Grå ring", "Målet bedöms inte i denna rapport.")]:
        row = legend.add_row().cells
        picture(row[0].paragraphs[0], said)
        row[1].text = meaning
    statuses = document.add_table(rows=1, cols=2)
    statuses.rows[0].cells[0].text, statuses.rows[0].cells[1].text = "Symbol", "Status"
    for said, meaning in [("Ring med bock", "Klar enligt plan."), ("Ring med kryss", "Klar, men med avvikelse."),
                          ("Ring med pil", "Pågår enligt plan."), ("Tom ring", "Inte startad.")]:
        row = statuses.add_row().cells
        picture(row[0].paragraphs[0], said)
        row[1].text = meaning
    document.add_heading("Fler barn simmar", 2)
    level = document.add_paragraph("Måluppfyllelse ")
    picture(level, "Gul ring")
    table = document.add_table(rows=1, cols=3)
    for cell, label in zip(table.rows[0].cells, ["Status", "Aktivitet", "Slutdatum"], strict=True):
        cell.text = label
    for said, title, end in [("Ring med kryss", "Simskola på loven\nKommentar: Två av tre kurser hölls.", "2033-08-15"),
                             ("Ring med pil", "Nytt bassängschema", "2033-12-20")]:
        row = table.add_row().cells
        picture(row[0].paragraphs[0], said)
        row[1].text, row[2].text = title, end
    out = io.BytesIO()
    document.save(out)
    report = _parsed(out.getvalue(), "delar.docx")
    goals, activities = _read(report)
    assert goals == [("Fler barn simmar", None, "Delvis uppfyllt")]
    # A picture says what its alt text says; the comment under a title in its cell is the activity's comment.
    assert activities == [("Simskola på loven", ["Fler barn simmar"], "Avslutad med avvikelse", None, "2033-08-15"),
                          ("Nytt bassängschema", ["Fler barn simmar"], "Pågående enligt plan", None, "2033-12-20")]
    assert report.activities[0].comment == "Två av tre kurser hölls."


def test_a_google_docs_web_page_whose_lists_nest_by_their_class_indents_alone() -> None:
    style = (".c1{margin-left:36pt}.c2{margin-left:72pt}.c3{margin-left:108pt}.b{font-weight:700}"
             ".n{font-weight:400}")
    goal = '<ol class="lst-kix_a-{0}"><li class="{1}"><span class="b">{2}</span></li></ol>'
    item = '<ul class="lst-kix_b-{0}"><li class="{1}"><span class="b">{2}</span><span class="n"> – {3}</span></li></ul>'
    body = "".join([
        '<p><span class="n">Verksamhetsberättelse 2034 – Miljönämnden, Ekby kommun</span></p>',
        '<p>Status för aktiviteter:</p><ul><li>Klar som tänkt – aktiviteten är avslutad och gjordes enligt planen.</li>'
        '<li>Fortsätter 2035 – aktiviteten pågår vid årsskiftet men ligger efter planen.</li>'
        '<li>Aldrig startad – aktiviteten har inte startat.</li></ul>',
        goal.format(0, "c1", "Luften i Ekby blir renare"),
        '<p class="c1">Måluppfyllelse: ■ Målet har delvis uppnåtts</p>',
        goal.format(1, "c2", "Färre dagar med höga halter av partiklar"),
        '<p class="c2">Måluppfyllelse: ■ Målet har inte kunnat följas upp</p>',
        item.format(2, "c3", "Dammbindning av gator", "Klar som tänkt · 3 mars–28 april 2034"),
        '<p class="c2"><i>Kommentar: Gjordes två gånger.</i></p>',
        # A bullet at the sub-goal's indent after the sub-goal's own: it serves the top goal.
        item.format(1, "c2", "Mätstation vid torget<sup><a href=\"#cmnt1\">[a]</a></sup>",
                    "Fortsätter 2035 · från 1 juni 2034"),
        '<div><p><a href="#cmnt_ref1" id="cmnt1">[a]</a>Stationen flyttas 2035-05-01?</p></div>'])
    page = f"<html><head><style>{style}</style></head><body>{body}</body></html>"
    goals, activities = _read(_parsed(page.encode("utf-8"), "rapport.html"))
    assert goals == [("Luften i Ekby blir renare", None, "Delvis uppfyllt"),
                     ("Färre dagar med höga halter av partiklar", "Luften i Ekby blir renare", None)]
    # A year stated once counts for both dates; 'från' gives a start only; the comment mark is no part of a title.
    assert activities == [
        ("Dammbindning av gator", ["Färre dagar med höga halter av partiklar"], "Avslutad enligt plan",
         "2034-03-03", "2034-04-28"),
        ("Mätstation vid torget", ["Luften i Ekby blir renare"], "Pågående med avvikelse", "2034-06-01", None)]


def test_a_wide_sheet_printed_down_then_over_is_joined_back_by_its_key_column() -> None:
    from corpus.documents.model import PARAGRAPH, TABLE, Block
    from corpus.documents.strips import joined_strips

    names = [["Id", "Nivå", "Benämning"], ["M1", "Mål", "Fler går i mål"], ["A1", "Aktivitet", "Läxhjälp"]]
    later = [["Id", "Nivå", "Benämning"], ["A2", "Aktivitet", "Mentorer"]]
    states = [["Id", "Status", "Slut"], ["M1", "", ""], ["A1", "Pågår", "2035-06-01"], ["A2", "Klar", "2035-03-01"]]
    blocks = [Block(TABLE, rows=names, page=4), Block(PARAGRAPH, "Sida 4 av 6", page=4, furniture=True),
              Block(TABLE, rows=later, page=5), Block(TABLE, rows=states, page=6)]
    joined = joined_strips(blocks)
    assert [b.kind for b in joined] == [TABLE, PARAGRAPH]
    assert joined[0].rows == [["Id", "Nivå", "Benämning", "Status", "Slut"], ["M1", "Mål", "Fler går i mål", "", ""],
                              ["A1", "Aktivitet", "Läxhjälp", "Pågår", "2035-06-01"],
                              ["A2", "Aktivitet", "Mentorer", "Klar", "2035-03-01"]]
    # Cards of one activity each ('Aktivitet | Titel' over the same fields) on one page are no strips.
    cards = [Block(TABLE, rows=[["Aktivitet", title], ["Status", "Pågår"], ["Slut", "2035-06-01"]], page=1)
             for title in ("Läxhjälp", "Mentorer")]
    assert joined_strips(cards) == cards
    # Keys that differ, or come in another order, are other tables.
    shuffled = [Block(TABLE, rows=names, page=4), Block(TABLE, rows=[states[0], states[2], states[1]], page=5)]
    assert joined_strips(shuffled) == shuffled
