"""Layouts the fifth set of independently written reports showed, as small Swedish cases: a wiki page with
front matter and items written as one line with their fields, a spreadsheet saved as semicolon-separated
text, goals and activities linked by goal number, goal rows merged across an activity table, a scorecard's
symbols before its goals with a legend on one line, and dates written out."""

from __future__ import annotations

import pytest

from corpus.documents import read_bytes
from corpus.documents.text import delimited_blocks
from corpus.interpret.vocabulary import vocabulary
from corpus.organisation import detect_organisation
from corpus.parse import parse_document
from corpus.reportdate import written_date
from corpus.text import split_front_matter


def _parsed(text: str, name: str = "rapport.md"):
    return parse_document(read_bytes(text.encode("utf-8"), name))


WIKI = """\
---
title: Tertialuppföljning 2 2025
date: 2025-09-22T08:14:03Z
---

[Startsida](/) / Uppföljning

# Granlunda kommun – Kulturnämnden

Tertialuppföljning 2 2025

## Mål och aktiviteter

- **Mål 1: Fler ska ta del av kulturen** – bedömning: **Delvis uppfyllt**
  - Nämndmål 1.1: Biblioteken ska nå fler unga – **Uppfyllt**
    - Aktivitet: Läsfrämjande, sommar och höst, status: pågår, start: 2025-05-01, klart: 2025-11-30
      - Kommentar: Sju skolor deltar.
    - Aktivitet: Meröppet i Byn, status: klar, klart: vecka 20
- **Mål 2: Kulturskolan ska vara öppen för alla** – bedömning: **Ej uppfyllt**
  - Aktivitet: Avgiftsfri prova-på, status: vilande
"""


def test_items_written_on_one_line_with_their_fields() -> None:
    report = _parsed(WIKI)
    assert (report.year, report.period) == (2025, "T2")
    assert [(g.number, g.title, g.parent_number, g.assessment) for g in report.goals] == [
        ("1", "Fler ska ta del av kulturen", None, "Delvis uppfyllt"),
        ("1.1", "Biblioteken ska nå fler unga", "1", "Uppfyllt"),
        ("2", "Kulturskolan ska vara öppen för alla", None, "Ej uppfyllt")]
    # The title's own commas stay; only labels the vocabulary knows end it.
    assert [(a.title, a.goal_numbers, a.status, a.start, a.end) for a in report.activities] == [
        ("Läsfrämjande, sommar och höst", ["1.1"], "Pågående", "2025-05-01", "2025-11-30"),
        ("Meröppet i Byn", ["1.1"], "Avslutad enligt plan", None, None),
        ("Avgiftsfri prova-på", ["2"], "Vänteläge", None, None)]
    assert report.activities[0].comment == "Sju skolor deltar."


def test_front_matter_is_the_pages_metadata_not_its_content() -> None:
    front, body = split_front_matter(WIKI)
    assert front.startswith("title:") and body.lstrip().startswith("[Startsida]")
    assert split_front_matter("---\n\nEn rad under ett streck.\n---\n")[0] == ""  # a rule, not metadata
    # The organisation named once, in the page's first heading below the metadata.
    assert detect_organisation(WIKI) == "Granlunda kommun"


@pytest.mark.parametrize(("text", "fields"), [
    ("Titel, status: pågår, start: 2025-01-13", ("Titel", [("status", "pågår"), ("start", "2025-01-13")])),
    ("Läsa, skriva och räkna – bedömning: Uppfyllt", ("Läsa, skriva och räkna", [("assessment", "Uppfyllt")])),
    ("Möten, samråd: tre gånger", ("Möten, samråd: tre gånger", [])),  # 'samråd' is no field
])
def test_trailing_fields(text: str, fields: tuple) -> None:
    assert vocabulary().trailing_fields(text) == fields


SEMICOLONS = (
    "Granlunda kommun;;;;;;\r\nDelårsrapport per 31 augusti 2025;;;;;;\r\n"
    "KF-mål;Nämndmål;Bedömning nämndmål;Analys nämndmål;Aktivitet;Slutdatum;Status\r\n"
    "1. Hållbar stad;1.1 Mer återvinning;Till stor del uppfyllt;\"Andelen ökar; 41 procent.\";Nya kärl;"
    "30 juni 2025;Klar med avvikelse\r\n"
    "1. Hållbar stad;1.1 Mer återvinning;Till stor del uppfyllt;\"Andelen ökar; 41 procent.\";Plockanalys;"
    "2025-10-31;Pågår\r\n"
    ";;;;;;\r\nAvsnitt;Text;;;;;\r\nEkonomi;\"Resultatet är -1,9 mnkr.\nPrognosen är -3,2 mnkr.\";;;;;\r\n")


def test_a_semicolon_separated_export() -> None:
    blocks = delimited_blocks(SEMICOLONS)
    assert blocks is not None
    tables = [b for b in blocks if b.rows]
    # An empty row ends a table; the padding Excel adds to each row is not a cell.
    assert [t.rows[0] for t in tables] == [
        ["KF-mål", "Nämndmål", "Bedömning nämndmål", "Analys nämndmål", "Aktivitet", "Slutdatum", "Status"],
        ["Avsnitt", "Text"]]
    report = parse_document(read_bytes(SEMICOLONS.encode("cp1252"), "export.txt"))
    # 'Bedömning nämndmål', 'Analys nämndmål': the row's goal's, said once though repeated on every row.
    assert [(g.title, g.assessment, g.comment) for g in report.goals] == [
        ("Hållbar stad", None, ""), ("Mer återvinning", "Delvis uppfyllt", "Andelen ökar; 41 procent.")]
    assert [(a.title, a.status, a.end) for a in report.activities] == [
        ("Nya kärl", "Avslutad med avvikelse", "2025-06-30"), ("Plockanalys", "Pågående", "2025-10-31")]
    assert "Ekonomi" in report.prose


def test_prose_is_not_a_semicolon_export() -> None:
    assert delimited_blocks("Arbetet pågår; det går bra.\nNästa steg; hösten.\n") is None


GOAL_NUMBERS = """\
# Granlunda kommun – Uppföljning 2025, helår

| Målnr | Mål | Överordnat mål | Bedömning helår |
|---|---|---|---|
| 1 | Starkt näringsliv | | Målet nås delvis |
| 1.1 | Nöjdare företagare | 1 | Målet nås |
| 2 | Digital service | | Målet nås inte |

| Nr | Uppdrag | Mål nr | Datum för beslut | Återrapportering | Status |
|---|---|---|---|---|---|
| U1 | Näringslivsstrategi | 1.1 | 2024-11-25 | 2025-09-30 | Verkställt |
| U2 | Ny växel | 2 | 2025-04-09 | KS december 2025 | Pågår |
"""


def test_goals_and_activities_linked_by_goal_number() -> None:
    report = _parsed(GOAL_NUMBERS)
    assert [(g.number, g.parent_number, g.assessment) for g in report.goals] == [
        ("1", None, "Delvis uppfyllt"), ("1.1", "1", "Uppfyllt"), ("2", None, "Ej uppfyllt")]
    # The decision date is no start; a report-back date is the end, where it is a date.
    assert [(a.title, a.goal_numbers, a.status, a.start, a.end) for a in report.activities] == [
        ("Näringslivsstrategi", ["1.1"], "Avslutad enligt plan", None, "2025-09-30"),
        ("Ny växel", ["2"], "Pågående", None, None)]


MERGED_GOAL_ROWS = """\
# Granlunda kommun – Tertialuppföljning 1 2025

## Mål och aktiviteter

| Aktivitet | Ansvar | Tidplan | Status | Kommentar |
|---|---|---|---|---|
| Kommunfullmäktiges mål 1: Ett självständigt liv | Samlad bedömning görs i årsredovisningen | | | |
| Nämndmål 1.1: Fler i egen försörjning | Prognos: Delvis uppfyllt | | | |
| Jobbspår | Enhetschef | 2025-01-15 – 2025-12-15 | Pågår enligt plan | Tio planer. |
| Rekrytera två socionomer | Sektionschef | Klart senast 2025-05-31 | Pågår | |
"""


def test_goal_rows_across_an_activity_table() -> None:
    report = _parsed(MERGED_GOAL_ROWS)
    assert [(g.number, g.title, g.parent_number, g.assessment) for g in report.goals] == [
        ("1", "Ett självständigt liv", None, None), ("1.1", "Fler i egen försörjning", "1", "Delvis uppfyllt")]
    assert [(a.title, a.goal_numbers, a.start, a.end, a.units) for a in report.activities] == [
        ("Jobbspår", ["1.1"], "2025-01-15", "2025-12-15", ["Enhetschef"]),
        ("Rekrytera två socionomer", ["1.1"], None, "2025-05-31", ["Sektionschef"])]


SCORECARD = """\
# Granlunda kommun – Verksamhetsberättelse 2024

## Teckenförklaring

| Målbedömning: ● Målet är uppfyllt | ◐ Målet är delvis uppfyllt ○ Målet är inte uppfyllt |
|---|---|

## Perspektiv: Medborgare

### ◐ Mål 1 Fler ska låna böcker

| Aktiviteter | Tid | Status |
|---|---|---|
| Meröppet | 2024-02-01 – 2024-05-31 | Genomförd |

### ○ Mål 2 Fler ska simma

### ● Delmål 2a Simskola för alla sexåringar
"""


def test_a_scorecards_symbols_before_its_goals_read_by_its_legend() -> None:
    report = _parsed(SCORECARD)
    assert [(g.title, g.assessment) for g in report.goals] == [
        ("Fler ska låna böcker", "Delvis uppfyllt"), ("Fler ska simma", "Ej uppfyllt"),
        ("Simskola för alla sexåringar", "Uppfyllt")]
    assert report.goals[2].parent_number == report.goals[1].number
    assert report.goals[0].area == "Medborgare"


@pytest.mark.parametrize(("text", "iso"), [
    ("30 juni 2025", "2025-06-30"), ("den 1 mars 2025", "2025-03-01"), ("juni 2025", None), ("vecka 48", None),
    ("32 maj 2025", None)])
def test_dates_written_out(text: str, iso: str | None) -> None:
    assert written_date(text) == iso


def test_a_semicolon_export_saved_as_csv_is_read_like_text() -> None:
    from corpus.documents import SUFFIXES

    assert ".csv" in SUFFIXES
    report = parse_document(read_bytes(SEMICOLONS.encode("cp1252"), "export.csv"))
    assert [a.title for a in report.activities] == ["Nya kärl", "Plockanalys"]
