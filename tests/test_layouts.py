"""Layouts the fourth set of independently written reports showed, as small Swedish cases: text laid out in
columns, words broken across lines, section numbers before labels, a body's goals named by its genitive,
levels named in a column, numbered scales, labels said of their subject, a report's own colour legend, and
activities written as a status line above their title."""

from __future__ import annotations

import pytest

from corpus.documents import read_bytes
from corpus.documents.text import join_broken_words, text_blocks
from corpus.interpret.vocabulary import vocabulary
from corpus.labels import schemes
from corpus.parse import parse_document


@pytest.mark.parametrize(("text", "joined"), [
    ("verksam-\nheten", "verksamheten"),
    ("själv-\nständigt liv", "självständigt liv"),
    ("Barn-\noch utbildningsnämnden", "Barn-\noch utbildningsnämnden"),  # a compound's shared part stays
    ("hälso-\nsamt sjukvård", "hälso-\nsamt sjukvård"),
    ("KS-\nMål", "KS-\nMål"),  # a capital after the break: not one word
])
def test_words_broken_across_lines_are_joined(text: str, joined: str) -> None:
    assert join_broken_words(text) == joined


LAYOUT = """\
Inledning text.

    Aktivitet                               Period                    Status
    Brukarråd i varje område                2023-01-16 – 2023-06-30   Klar
    Nyckelfri hemtjänst i hela              2023-02-01 – 2023-10-31   Pågår med
    kommunen                                                          avvikelse
        Låsen är bytta hos 300 av 412 brukare.
    Samverkan med arbetsmarknads-           2023-05-02 – 2024-06-28   Pågår enligt
    enheten                                                           plan

Nästa stycke.
"""


def test_a_table_laid_out_in_columns_is_read_row_by_row() -> None:
    tables = [b for b in text_blocks(LAYOUT) if b.rows]
    assert tables and tables[0].rows == [
        ["Aktivitet", "Period", "Status", "Kommentar"],
        ["Brukarråd i varje område", "2023-01-16 – 2023-06-30", "Klar", ""],
        ["Nyckelfri hemtjänst i hela kommunen", "2023-02-01 – 2023-10-31", "Pågår med avvikelse",
         "Låsen är bytta hos 300 av 412 brukare."],
        ["Samverkan med arbetsmarknadsenheten", "2023-05-02 – 2024-06-28", "Pågår enligt plan", ""],
    ]


def test_a_running_header_in_two_columns_is_no_table() -> None:
    text = "Myrholma kommun                                   Tertialrapport 3 2023\nVård- och omsorgsnämnden\n"
    assert not [b for b in text_blocks(text) if b.rows]


@pytest.mark.parametrize(("label", "role"), [
    ("Kommunstyrelsens mål", "goal"), ("Nämndens mål", "goal"), ("Uppdrag/aktivitet", "activity"),
    ("Bedömning (1–5)", "assessment"), ("Status (färg)", "status"), ("Budget 2024", None), ("Nivå", "depth"),
])
def test_column_headers(label: str, role: str | None) -> None:
    assert vocabulary().role(label) == role


@pytest.mark.parametrize(("heading", "kind"), [
    ("3.1 Kommunfullmäktiges mål: Alla elever ska nå målen", ("goal", "Alla elever ska nå målen")),
    ("4 Ekonomi", ("prose", "Ekonomi")),
    ("2 Viktiga händelser under perioden", ("prose", "Viktiga händelser under perioden")),
    ("3 Måluppfyllelse", None),
])
def test_a_section_number_before_the_label_is_the_headings(heading: str, kind: tuple[str, str] | None) -> None:
    assert vocabulary().heading_kind(heading) == kind


@pytest.mark.parametrize(("cell", "placed"), [
    ("Strategiskt mål 2", ("goal", "2")), ("Delmål 1.1", ("subgoal", "1.1")), ("Mål 3", ("goal", "3")),
    ("Delmål 1.1: Fler ska", None), ("Strategiskt", None),
])
def test_a_cell_naming_a_level_and_number(cell: str, placed: tuple[str, str] | None) -> None:
    assert vocabulary().level_cell(cell) == placed


@pytest.mark.parametrize(("kind", "text", "canonical"), [
    ("goal", "Målet är i låg grad uppfyllt", "Knappt uppfyllt"),
    ("goal", "Delmålet bedöms vara uppfyllt", "Uppfyllt"),
    ("goal", "Uppfylls delvis", "Delvis uppfyllt"),
    ("goal", "Uppfylls inte", "Ej uppfyllt"),
    ("activity", "Aktiviteten är pausad", "Vänteläge"),
    ("goal", "Målet är viktigt", None),
])
def test_labels_said_of_their_subject(kind: str, text: str, canonical: str | None) -> None:
    found = schemes().match(kind, text)
    assert (found.canonical if found else None) == canonical


def _parsed(text: str, name: str = "rapport.md"):
    return parse_document(read_bytes(text.encode(), name))


def test_a_reports_own_legend_and_numbered_scale_are_its_scheme() -> None:
    report = _parsed(
        "# Granlunda kommun – Tertialrapport 2 2025\n\n## Mål 1: Fler i arbete\n\n"
        "| Mål | Bedömning (1–5) |\n|---|---|\n| Fler i arbete | 4 |\n\n"
        "| Aktivitet | Start | Slut | Status |\n|---|---|---|---|\n"
        "| Jobbspår vård | 2025-01-01 | 2025-12-31 | Röd |\n| Feriejobb | 2025-06-01 | 2025-08-31 | Blå |\n\n"
        "## Teckenförklaring\n\n| Färg | Betydelse |\n|---|---|\n| Röd | Avbruten |\n| Blå | Genomförd |\n")
    assert [(g.title, g.assessment) for g in report.goals] == [("Fler i arbete", "Delvis uppfyllt")]
    # Red means a deviation in the schemes, but this report's legend says stopped.
    assert [(a.title, a.status) for a in report.activities] == [
        ("Jobbspår vård", "Avslutad med avvikelse"), ("Feriejobb", "Avslutad enligt plan")]


def test_status_lines_above_titles_and_titles_with_status_in_parentheses() -> None:
    report = _parsed(
        "<h1>Granlunda kommun – Tertialrapport 1 2025</h1><h2>Minskad klimatpåverkan</h2>"
        "<p>Målet kan delvis uppnås</p><h3>Aktiviteter</h3>"
        "<p>Påbörjad åtgärd<br>Mobil app för tillsyn</p><p>Appen testas av två inspektörer.</p>"
        "<p>Ny rutin för samråd (Genomförd åtgärd)</p>"
        "<p>Ej påbörjad åtgärd<br>Energikartläggning</p>", "rapport.html")
    assert [(g.title, g.assessment) for g in report.goals] == [("Minskad klimatpåverkan", "Delvis uppfyllt")]
    assert [(a.title, a.status) for a in report.activities] == [
        ("Mobil app för tillsyn", "Pågående"), ("Ny rutin för samråd", "Avslutad enligt plan"),
        ("Energikartläggning", "Ej påbörjad")]
    assert "två inspektörer" in report.activities[0].comment


@pytest.mark.parametrize("legend", [
    "- Röd = Avbruten\n- Blå = Genomförd\n", "- Avbruten (Röd)\n- Genomförd (Blå)\n", "Röd: avbruten\n\nBlå: genomförd\n"])
def test_a_legend_written_as_lines(legend: str) -> None:
    report = _parsed(
        "# Granlunda kommun – Tertialrapport 2 2025\n\n## Mål 1: Fler i arbete\n\n"
        "| Aktivitet | Status |\n|---|---|\n| Jobbspår vård | Röd |\n| Feriejobb | Blå |\n\n"
        f"## Teckenförklaring\n\n{legend}")
    assert [a.status for a in report.activities] == ["Avslutad med avvikelse", "Avslutad enligt plan"]
