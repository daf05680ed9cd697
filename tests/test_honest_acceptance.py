"""Honest acceptance of reports read badly: a goal title made of labels alone, a form's caption repeated over
every sheet, and statuses the file sets where no activity was read are named in warnings, never stored silently."""

from __future__ import annotations

import pytest

from corpus.documents import read_bytes
from corpus.parse import parse_document
from corpus.sanity import title_problem


@pytest.mark.parametrize(("title", "problem"), [
    ("Kommunfullmäktiges mål 2 Kommunfullmäktiges mål 3", "titeln är bara målrubriker"),
    ("Nämndmål 2 Nämndmål 3 Nämndmål 4", "titeln är bara målrubriker"),
    ("Nämndmål 1.2", "titeln är bara målrubriker"),
    ("Fler invånare har ett arbete", None),
    ("Mål 2030 om fossilfria transporter", None),  # a year in a title, not a goal's number alone
])
def test_a_goal_title_of_labels_alone(title: str, problem: str | None) -> None:
    assert title_problem(title, "goal") == problem


def _report(text: str, name: str = "rapport.md"):
    return parse_document(read_bytes(text.encode("utf-8"), name))


def test_a_caption_over_every_sheet_is_no_goal() -> None:
    sheets = []
    for title, status in (("Sommarjobb för unga", "Genomförd"), ("Jobbspår inom lokalvård", "Pågår"),
                          ("Ny lärplattform", "Ej påbörjad"), ("Budgetrådgivning", "Pågår enligt plan")):
        sheets += ["# Aktivitetsblad", "", "| Aktivitet | " + title + " |", "|---|---|", "| Status | " + status + " |",
                   "| Startdatum | 2027-02-01 |", ""]
    # A mail merge's sheets: the goal's sheet, then one sheet per activity under the same caption.
    text = "\n".join(["# Delårsuppföljning 2027", "", "# Målblad", "", "| Nr | 1 |", "|---|---|",
                      "| Mål | Fler invånare har en egen försörjning |", "| Bedömning | Delvis uppfyllt |", "", *sheets])
    report = _report(text)
    assert [g.title for g in report.goals] == ["Fler invånare har en egen försörjning"]
    assert any("'Aktivitetsblad' lagras inte: titeln står ensam på 4 rader" in w for w in report.warnings)
    # The activities are kept, and the warning says they belong to no goal that was read.
    assert len(report.activities) == 4
    assert any("4 aktiviteter kunde inte knytas till något mål" in w for w in report.warnings)


def test_statuses_with_no_activity_read_are_named() -> None:
    # A table broken into loose lines column by column (as a converter writes a report engine's table): the goal is
    # read, the activities not.
    text = "\n".join(["# Delårsrapport 2030", "", "## Mål 1: Resandet med kollektivtrafiken ökar", "",
                      "Bedömning: Delvis uppfyllt", "", "Aktivitet", "", "Nya expresslinjer", "",
                      "Gemensam biljett", "", "Status", "", "Slutförd", "", "Försenad", "", "Ej startad", ""])
    report = _report(text)
    assert not report.activities
    assert any("filen anger statusar ('Ej startad', 'Försenad', 'Slutförd') men inga aktiviteter kunde läsas" in w
               for w in report.warnings)
