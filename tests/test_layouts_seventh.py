"""Layouts the seventh set of independently written reports showed, as small Swedish cases: a system's flat
export with a kind column and parent ids, fixed-width printouts under rulers of dashes, Word's symbol font in
a page saved as HTML, a level set after a goal's title on its line, emoji legends, codes before labels, a
chapter's number before a council goal whose board goals are numbered on their own."""

from __future__ import annotations

import pytest

from corpus.documents import read_bytes
from corpus.documents.html import html_blocks
from corpus.documents.text import text_blocks
from corpus.labels import schemes
from corpus.parse import parse_document


def _parsed(text: str, name: str = "rapport.md", encoding: str = "utf-8"):
    return parse_document(read_bytes(text.encode(encoding), name))


FLAT_EXPORT = """\
# Granlunda kommun – Verksamhetsberättelse 2025

| ID | Förälder-ID | Typ | Nivå | Rubrik | Bedömning | Status | Startdatum | Slutdatum |
|---|---|---|---|---|---|---|---|---|
| M1 | | Mål | 1 | Fler rör sig | Delvis uppnått | | | |
| M1.1 | M1 | Delmål | 2 | Avgiftsfria lov | Uppnått | | | |
| I1 | M1.1 | Indikator | 3 | Andel barn på lovaktivitet | 41 % | | | |
| A01 | M1.1 | Aktivitet | 3 | Sommarsimskola | | Klar | 2025-06-16 | 2025-08-08 |
| A02 | M1 | Aktivitet | 2 | Kartlägga spontanidrottsplatser | | Pågår | 2025-09-01 | |
"""


def test_a_flat_export_with_a_kind_column_and_parent_ids() -> None:
    report = _parsed(FLAT_EXPORT)
    assert [(g.title, g.parent_number is not None, g.assessment) for g in report.goals] == [
        ("Fler rör sig", False, "Delvis uppfyllt"), ("Avgiftsfria lov", True, "Uppfyllt")]
    top, sub = report.goals
    assert sub.measures and sub.measures[0].startswith("Andel barn på lovaktivitet")
    # An activity hangs under the goal its parent id names, even listed after that goal's sub-goals.
    assert [(a.title, a.goal_numbers, a.status, a.start, a.end) for a in report.activities] == [
        ("Sommarsimskola", [sub.number], "Avslutad enligt plan", "2025-06-16", "2025-08-08"),
        ("Kartlägga spontanidrottsplatser", [top.number], "Pågående", "2025-09-01", None)]


PRINTOUT = """\
GRANLUNDA KOMMUN                      MÅL- OCH AKTIVITETSUPPFÖLJNING                    Sida    1
Delårsrapport januari-augusti 2025

MÅLNIVÅ  ID      BENÄMNING                                      PROGNOS HELÅR
-------  ------  ---------------------------------------------  -----------------
KF       K1      Säkert dricksvatten                            2 UPPFYLLS DELVIS
                 Analys: Reservvattnet blir inte klart i år.

NÄMND    N1.1    Läckaget ska minska                            1 UPPFYLLS

         AKT.NR  AKTIVITET                        START       SLUT        STATUS
         ------  -------------------------------  ----------  ----------  ----------------
         A-01    Läcksökning med loggrar i        2025-02-03  2025-10-31  2 PÅGÅR ENL PLAN
                 Östra Granlunda
                 Kommentar: 38 av 60 km är
                 genomsökta.
         A-02    Byta huvudledning                2025-03-17  2025-06-27  4 AVSLUTAD
         ------
         Antal aktiviteter N1.1:   2

NÄMND    N1.2    Reservvatten ska tas i drift                   3 UPPFYLLS EJ
"""


def test_a_fixed_width_printout_under_rulers() -> None:
    tables = [b.rows for b in text_blocks(PRINTOUT) if b.rows]
    # The dashes give the columns; a wrapped title joins its cell; a note goes in a column of its own.
    assert tables[1][1] == ["A-01", "Läcksökning med loggrar i Östra Granlunda", "2025-02-03", "2025-10-31",
                            "2 PÅGÅR ENL PLAN", "38 av 60 km är genomsökta."]
    # The goals' columns resume below the activities.
    assert tables[2] == [["MÅLNIVÅ", "ID", "BENÄMNING", "PROGNOS HELÅR"],
                         ["NÄMND", "N1.2", "Reservvatten ska tas i drift", "3 UPPFYLLS EJ"]]
    report = _parsed(PRINTOUT, "utskrift.txt", "latin-1")
    assert [(g.title, g.parent_number is not None, g.assessment) for g in report.goals] == [
        ("Säkert dricksvatten", False, "Delvis uppfyllt"), ("Läckaget ska minska", True, "Uppfyllt"),
        ("Reservvatten ska tas i drift", True, "Ej uppfyllt")]
    assert [(a.title, a.status) for a in report.activities] == [
        ("Läcksökning med loggrar i Östra Granlunda", "Pågående enligt plan"), ("Byta huvudledning", "Avslutad enligt plan")]


def test_words_symbol_font_in_a_page_saved_as_html() -> None:
    page = ("<p><b>Bedömning:</b> <span style='font-family:Wingdings'>J</span> Uppfyllt</p>"
            "<p>Jag <span style='font-family:Calibri'>J</span></p>")
    assert [b.text for b in html_blocks(page)] == ["Bedömning: ☺ Uppfyllt", "Jag J"]


def test_a_level_after_the_goals_title_and_an_emoji_legend() -> None:
    report = _parsed(
        "# Region Granlunda – Tertialrapport 1 2026\n\n## Teckenförklaring\n\n| Symbol | Status |\n|---|---|\n"
        "| ✅ | Genomförd |\n| 🔴 | Avbruten |\n| ⏸️ | Pausad |\n\n"
        "STRATEGISKT MÅL 1\n\n## Fler reser kollektivt Målet nås delvis\n\n"
        "| Aktivitet | Status |\n|---|---|\n| Helgtrafik | ✅ |\n| Nytt system | 🔴 |\n| Pendelparkering | ⏸️ |\n\n"
        "STRATEGISKT MÅL 2\n\n## Nöjda resenärer Ingen prognos\n")
    assert [(g.title, g.assessment) for g in report.goals] == [
        ("Fler reser kollektivt", "Delvis uppfyllt"), ("Nöjda resenärer", None)]
    # Red means a deviation in the schemes; this legend says stopped.
    assert [a.status for a in report.activities] == ["Avslutad enligt plan", "Avslutad med avvikelse", "Vänteläge"]


def test_a_chapter_number_before_a_council_goal() -> None:
    report = _parsed(
        "# Granlunda kommun – Delårsrapport 2024\n\n## 4.1 Kommunfullmäktiges mål: Fler är självförsörjande\n\n"
        "Nämndmål 1.1: Fler går till arbete\n\nNämndmål 1.2: Färre har bistånd länge\n\n"
        "## 4.2 Kommunfullmäktiges mål: Nyanlända etablerar sig\n\nNämndmål 2.1: Snabb start på SFI\n")
    parents = {g.title: g.parent_number for g in report.goals}
    numbers = {g.title: g.number for g in report.goals}
    assert parents["Fler går till arbete"] == parents["Färre har bistånd länge"] == numbers["Fler är självförsörjande"]
    assert parents["Nyanlända etablerar sig"] is None
    assert parents["Snabb start på SFI"] == numbers["Nyanlända etablerar sig"]


@pytest.mark.parametrize(("kind", "text", "canonical"), [
    ("activity", "2 PÅGÅR ENL PLAN", "Pågående enligt plan"),
    ("activity", "Pågår enl. plan", "Pågående enligt plan"),
    ("activity", "5 AVBRUTEN", "Avslutad med avvikelse"),
    ("activity", "Avviker", "Pågående med avvikelse"),
    ("goal", "3 UPPFYLLS EJ", "Ej uppfyllt"),
    ("goal", "☺", "Uppfyllt"),
])
def test_codes_before_labels_and_more_words(kind: str, text: str, canonical: str) -> None:
    found = schemes().match(kind, text)
    assert found is not None and found.canonical == canonical
