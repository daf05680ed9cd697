"""Layouts the sixth set of independently written reports showed, as small Swedish cases: headings underlined in
plain text, a goal's level on a line above its title, status lines with their dates after a middle dot, a
status mark before a field, a sheet's labelled cells padded to its width above a table of sub-goals, the
comment column of the goal before the activity's, degree scales said with either verb, two statuses in one."""

from __future__ import annotations

import pytest

from corpus.documents import read_bytes
from corpus.documents.text import text_blocks
from corpus.labels import schemes
from corpus.parse import parse_document


def _parsed(text: str, name: str = "rapport.md"):
    return parse_document(read_bytes(text.encode("utf-8"), name))


def test_headings_underlined_in_plain_text() -> None:
    blocks = text_blocks("Inledning\n=========\n\nText om året.\n\nMål 1: Fler läser\n-----------------\nMer text.\n")
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        ("heading", "Inledning", 1), ("paragraph", "Text om året.", 0), ("heading", "Mål 1: Fler läser", 2),
        ("paragraph", "Mer text.", 0)]


LEVEL_LINES = """\
# Region Granlunda – Verksamhetsberättelse 2024

REGIONFULLMÄKTIGES MÅL 1

## Ett starkt näringsliv

● Bedömning: I hög grad uppfyllt

NÄMNDMÅL 1.1

## Fler företag ska starta

Röd Bedömning: Inte uppfyllt

### Rådgivning för nya företag

Genomförd · 2024-02-01 – 2024-11-30

Sextio företag deltog.

### Mikrolån

Avbruten · start 2024-03-15

### Företagsträffar

Pågår · klar 2024-12-31
"""


def test_a_goals_level_on_the_line_above_its_title_and_status_lines_with_dates() -> None:
    report = _parsed(LEVEL_LINES)
    # The level line numbers the goal; the words of a field outweigh the mark before it.
    assert [(g.number, g.title, g.parent_number, g.assessment) for g in report.goals] == [
        ("1", "Ett starkt näringsliv", None, "Delvis uppfyllt"),
        ("1.1", "Fler företag ska starta", "1", "Ej uppfyllt")]
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Rådgivning för nya företag", "Avslutad enligt plan", "2024-02-01", "2024-11-30"),
        ("Mikrolån", "Avslutad med avvikelse", "2024-03-15", None),
        ("Företagsträffar", "Pågående", None, "2024-12-31")]
    assert "Sextio företag" in report.activities[0].comment


SHEET = """\
# Granlunda kommun – Delårsrapport per 31 augusti 2024

| Kommunfullmäktiges mål | Äldre ska känna sig trygga | | | | | |
|---|---|---|---|---|---|---|
| Bedömning (prognos helår) | Uppnås delvis | | | | | |
| Nämndmål | Bedömning | Analys | Aktivitet | Status | Kommentar | Statuskod |
| Färre olika medarbetare | Uppnås inte | Sexton personal per brukare. | Fasta team | Enligt plan | Två team i gång. | 2 |
| | | | Nytt schema | Avvikelse | Leveransen är sen. | 4 |
| Övrigt: Brukarenkäten redovisas i årsredovisningen. | | | | | | |
"""


def test_a_sheets_labelled_cells_above_a_table_of_sub_goals() -> None:
    report = _parsed(SHEET)
    assert [(g.title, g.assessment) for g in report.goals] == [
        ("Äldre ska känna sig trygga", "Delvis uppfyllt"), ("Färre olika medarbetare", "Ej uppfyllt")]
    council, board = report.goals
    assert (council.parent_number, board.parent_number) == (None, council.number)
    # The comment before the activity's column is the goal's; a note in the goal column is no goal.
    assert report.goals[1].comment == "Sexton personal per brukare."
    assert [(a.title, a.goal_numbers, a.status, a.comment) for a in report.activities] == [
        ("Fasta team", [board.number], "Pågående enligt plan", "Två team i gång."),
        ("Nytt schema", [board.number], "Pågående med avvikelse", "Leveransen är sen.")]


@pytest.mark.parametrize(("kind", "text", "canonical"), [
    ("goal", "I hög grad uppnått", "Delvis uppfyllt"),
    ("goal", "I låg grad uppnått", "Knappt uppfyllt"),
    ("goal", "I mycket hög grad uppfyllt", "Uppfyllt"),
    ("goal", "Till stor del uppnått", "Delvis uppfyllt"),
    ("activity", "Pågår – försenad", "Pågående med avvikelse"),
    ("activity", "Klar – försenad", "Avslutad med avvikelse"),
    ("activity", "Pågår – enligt plan", "Pågående enligt plan"),  # under way, and keeping to the plan
    # finished, and as planned: 'enligt plan' (or 'i tid') says how it kept to its plan, not that it is under way
    ("activity", "Klar – enligt plan", "Avslutad enligt plan"),
])
def test_degree_scales_with_either_verb_and_two_statuses_in_one(kind: str, text: str, canonical: str | None) -> None:
    found = schemes().match(kind, text)
    assert (found.canonical if found else None) == canonical


def test_a_short_colour_label_before_the_comment_in_a_field() -> None:
    report = _parsed("# Granlunda kommun – Delårsrapport 2023\n\n## Mål 1: Fler läser\n\n"
                     "Bedömning: Gul\nLånen har ökat men besöken minskat.\n")
    assert [(g.assessment, g.comment) for g in report.goals] == [
        ("Delvis uppfyllt", "Lånen har ökat men besöken minskat.")]
