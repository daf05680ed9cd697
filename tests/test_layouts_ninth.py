"""Layouts the ninth set of independently written reports showed, as small Swedish cases: a goal's level in the
margin beside its numbered heading, status lines with their dates under a title, a numbered list of goals
whose depth is the level, statuses after titles in a list, levels in parentheses after a heading, dates
written out with short month names; a portal's inline SVG icons named by their <title>, <time datetime> beside a
short visible date, a start with no end set ("tills vidare", "Planerad start"), and Excel målkort: goal blocks
stacked on one sheet, each with label–value rows and its own activity table."""

from __future__ import annotations

import io

import pytest

from corpus.documents import read_bytes
from corpus.documents.html import html_blocks
from corpus.parse import parse_document
from corpus.reportdate import written_span


def _parsed(text: str, name: str = "rapport.md"):
    return parse_document(read_bytes(text.encode("utf-8"), name))


def test_levels_in_the_margin_and_status_lines_with_dates() -> None:
    report = _parsed(
        "# Granlunda kommun – Tertialuppföljning 1 2023\n\n## 1 Alla elever utvecklas mot målen Delvis\n\n"
        "| 1.1 Fler når kunskapskraven | Ej uppnått |\n|---|---|\n\n### Aktiviteter\n\n- Mattelyftet\n\n"
        "Avviker 2022-08-15 – 2023-06-16\n\n- Lovskola\n\nPlanerad vecka 26–27\n\n- Digital anmälan\n\n"
        "Vilande från 2023-03-01\n")
    assert [(g.number, g.title, g.parent_number, g.assessment) for g in report.goals] == [
        ("1", "Alla elever utvecklas mot målen", None, "Delvis uppfyllt"),
        ("1.1", "Fler når kunskapskraven", "1", "Ej uppfyllt")]
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Mattelyftet", "Pågående med avvikelse", "2022-08-15", "2023-06-16"),
        ("Lovskola", "Ej påbörjad", None, None), ("Digital anmälan", "Vänteläge", "2023-03-01", None)]


def test_a_numbered_list_of_goals_whose_depth_is_the_level() -> None:
    report = _parsed(
        "# Granlunda kommun – Tertialrapport 1 2025\n\n1. Barn växer upp tryggt\n\n   Bedömning: Till stor del uppfyllt\n\n"
        "   1. Fler får stöd tidigt\n\n      Bedömning: Inte uppfyllt\n\n"
        "| Status | Aktivitet | Tid |\n|---|---|---|\n| Försenad | Familjehemsstöd | 1 februari–30 november 2025 |\n"
        "| Pausad | E-ansökan | 2024-09-01– |\n")
    assert [(g.title, g.parent_number is not None, g.assessment) for g in report.goals] == [
        ("Barn växer upp tryggt", False, "Delvis uppfyllt"), ("Fler får stöd tidigt", True, "Ej uppfyllt")]
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Familjehemsstöd", "Pågående med avvikelse", "2025-02-01", "2025-11-30"),
        ("E-ansökan", "Vänteläge", "2024-09-01", None)]


def test_statuses_after_titles_in_a_list_and_levels_in_parentheses() -> None:
    report = _parsed(
        "<h1>Region Granlunda – Verksamhetsberättelse 2024</h1>"
        "<h2>Kulturen når fler (Delvis uppfyllt)</h2><p>Räckvidden har ökat.</p>"
        "<ol><li><strong>Kulturgaranti för förskoleklass</strong> <em>Genomförd</em><br>15 jan 2024 – 13 dec 2024</li>"
        "<li>Alla skolor fick två besök.</li></ol>", "sida.html")
    assert [(g.title, g.assessment) for g in report.goals] == [("Kulturen når fler", "Delvis uppfyllt")]
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Kulturgaranti för förskoleklass", "Avslutad enligt plan", "2024-01-15", "2024-12-13")]


@pytest.mark.parametrize(("text", "span"), [
    ("1 februari–30 november 2025", ("2025-02-01", "2025-11-30")),
    ("15 jan 2024 – 13 dec 2024", ("2024-01-15", "2024-12-13")),
    ("hösten 2025", None),
])
def test_spans_written_out(text: str, span: tuple[str, str] | None) -> None:
    assert written_span(text) == span


def test_an_svg_icon_is_named_by_its_title() -> None:
    page = ('<h3>Fler läser böcker <svg role="img" viewBox="0 0 9 9"><title>Gul</title><circle r="4"/></svg></h3>'
            "<p>Text utan ikon.</p>")
    assert [b.text for b in html_blocks(page)] == ["Fler läser böcker (Gul)", "Text utan ikon."]


def test_a_time_element_gives_its_machine_date() -> None:
    page = '<li><strong>Ny bokbuss</strong> <em>Pågår</em> <time datetime="2024-03-01">1 mar</time> – tills vidare</li>'
    assert [b.text for b in html_blocks(page)] == ["Ny bokbuss Pågår 2024-03-01 – tills vidare"]


@pytest.mark.parametrize(("dates", "start", "end"), [
    ("2024-02-01 – 2024-11-30", "2024-02-01", "2024-11-30"),
    ("2024-02-01 – tills vidare", "2024-02-01", None),
    ("2024-02-01 –", "2024-02-01", None),
    ("Planerad start 2025-01-01", "2025-01-01", None),
    ("Klart senast 2025-05-31", None, "2025-05-31"),
    ("Vi fortsätter 2025-01-01 med nästa steg", None, None),  # a sentence is the comment, not dates
])
def test_an_activitys_dates_on_the_line_below_it(dates: str, start: str | None, end: str | None) -> None:
    page = ("<h1>Tertialrapport 1 2024</h1><h2>Fler läser böcker</h2>"
            f"<ol><li><strong>Ny bokbuss</strong> <em>Pågår</em><br>{dates}</li></ol>")
    report = parse_document(read_bytes(page.encode(), "rapport.html"))
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Ny bokbuss", "Pågående", start, end)]


def _workbook(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Målkort"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


HEADER = ["Aktivitet", "Status", "Startdatum", "Slutdatum", "Ansvarig"]


def test_goal_blocks_stacked_on_one_sheet() -> None:
    data = _workbook([
        ["Lövby kommun, Tekniska nämnden – Delårsrapport 2025"],
        ["KF-mål 1: Lövby har rent vatten"],
        ["Bedömning:", "Delvis uppfyllt"],
        ["Analys:", "Två av tre verk är förnyade."],
        ["Nämndmål 1.1: Läckaget ska minska"],
        ["Bidrar till:", "KF-mål 1"],
        ["Bedömning:", "Uppfyllt"],
        HEADER,
        ["Läcksökning", "Klar", "2025-02-03", "2025-06-30", "VA-chef"],
        ["Nämndmål 1.2: Reservvatten finns"],
        ["Bedömning:", ""],
        HEADER,
        ["Ny reservbrunn", "Pågår", "2025-03-01", "", "VA-chef"],
    ])
    report = parse_document(read_bytes(data, "malkort.xlsx"))
    assert (report.year, report.period) == (2025, "T2")
    assert [(g.title, g.parent_number is not None, g.assessment) for g in report.goals] == [
        ("Lövby har rent vatten", False, "Delvis uppfyllt"), ("Läckaget ska minska", True, "Uppfyllt"),
        ("Reservvatten finns", True, None)]
    by_number = {g.number: g.title for g in report.goals}
    assert [(a.title, [by_number[n] for n in a.goal_numbers], a.status, a.start, a.end) for a in report.activities] == [
        ("Läcksökning", ["Läckaget ska minska"], "Avslutad enligt plan", "2025-02-03", "2025-06-30"),
        ("Ny reservbrunn", ["Reservvatten finns"], "Pågående", "2025-03-01", None)]


def test_a_group_row_inside_one_table_stays_a_row_of_it() -> None:
    from corpus.documents.office import xlsx_blocks

    data = _workbook([HEADER, ["Mål: Rent vatten"], ["Läcksökning", "Klar", "2025-02-03", "2025-06-30", "VA-chef"]])
    tables = [b.rows for b in xlsx_blocks(data, "export.xlsx") if b.rows]
    assert len(tables) == 1 and tables[0][1][0] == "Mål: Rent vatten"
