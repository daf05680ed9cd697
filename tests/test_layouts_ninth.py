"""Layouts the ninth set of independently written reports showed, as small Swedish cases: a goal's level in the
margin beside its numbered heading, status lines with their dates under a title, a numbered list of goals
whose depth is the level, statuses after titles in a list, levels in parentheses after a heading, and dates
written out with short month names."""

from __future__ import annotations

import pytest

from corpus.documents import read_bytes
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
