"""A form's answers exported one row per answer (Microsoft Forms and the like), read as the report they were
collected for: the form tool's own columns left out, a test or cancelled answer dropped, a resubmitted answer in
place of the first, a rating read on the scale its question states (corpus/interpret/responses.py)."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest

from corpus.documents import read_bytes
from corpus.parse import parse_document

TOOL = ["ID", "Starttid", "Tid för slutförande", "E-post", "Namn"]
AT = datetime(2031, 9, 3, 10, 15)


def _workbook(goal_rows: list[list[object]], activity_rows: list[list[object]], goal_questions: list[str],
              activity_questions: list[str]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    about = book.active
    about.title = "Om filen"
    about.append(["Delårsuppföljning 2031 – kultur- och fritidsnämnden"])
    about.append(["Ekby kommun, per den 31 augusti 2031"])
    for title, questions, rows in (("Målsvar", goal_questions, goal_rows),
                                   ("Aktivitetssvar", activity_questions, activity_rows)):
        sheet = book.create_sheet(title)
        sheet.append([*TOOL, *questions])
        for n, row in enumerate(rows, start=1):
            sheet.append([n, AT, AT, f"person{n}@ekby.se", f"Person {n}", *row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOAL_QUESTIONS = ["Vilket mål bedömer du?", "Kan målet bedömas per den 31 augusti?",
                  "Hur bedömer du måluppfyllelsen? (1 = inte uppfyllt, 4 = helt uppfyllt)", "Motivering",
                  "Controllerns anteckning"]
ACTIVITY_QUESTIONS = ["Vilken aktivitet rapporterar du?", "Vilket mål hör aktiviteten till?", "Status per 31 augusti",
                      "Startdatum", "Slutdatum", "Kommentar", "Controllerns anteckning"]


def _read(data: bytes) -> tuple[list[tuple], list[tuple]]:
    report = parse_document(read_bytes(data, "delarsuppfoljning.xlsx"))
    titles = {g.number: g.title for g in report.goals}
    return ([(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals],
            [(a.title, [titles[n] for n in a.goal_numbers], a.status, a.start, a.end) for a in report.activities])


def test_answers_read_as_goals_and_activities() -> None:
    data = _workbook(
        [["Mål 1 – Fler deltar i kulturlivet", "Ja", 4, "test", "Testsvar, räknas inte."],
         ["Mål 1 – Fler deltar i kulturlivet", "Ja", 3, "Besöken ökar men inte överallt.", None],
         ["Nämndmål 1.1 – Fler barn går i kulturskolan", "Ja", 2, "Kön har vuxit.", None],
         ["Nämndmål 1.2 – Biblioteken når fler", "Nej", None, "Mätningen görs i oktober.", None],
         ["Mål 2 – Nämnden har en ekonomi i balans", "Ja", 1, "Underskott 1,2 mnkr.", None]],
        [["Ny kulturskolefilial i Norrby", "Nämndmål 1.1 – Fler barn går i kulturskolan", "Pågår enligt plan",
          date(2031, 1, 10), date(2031, 12, 18), None, None],
         ["Sommarbokbuss", "Nämndmål 1.2 – Biblioteken når fler", "Klar", date(2031, 6, 1), date(2031, 8, 20),
          None, "Ersatt av svar ID 3."],
         ["Sommarbokbuss", "Nämndmål 1.2 – Biblioteken når fler", "Klar, men med avvikelse", date(2031, 6, 1),
          date(2031, 8, 20), "Rättar mitt förra svar: två veckor kortare säsong.", None],
         ["Översyn av hyrorna", "Mål 2 – Nämnden har en ekonomi i balans", "Har inte startat", None, None, None,
          None]],
        GOAL_QUESTIONS, ACTIVITY_QUESTIONS)
    goals, activities = _read(data)
    # The test answer does not count; the sub-goals' parents by their numbers; 'Nej' to 'Kan målet bedömas?' is no
    # level; a rating of 1 to 4 on the canonical levels by its place on the scale.
    assert goals == [("Fler deltar i kulturlivet", None, "Delvis uppfyllt"),
                     ("Fler barn går i kulturskolan", "Fler deltar i kulturlivet", "Knappt uppfyllt"),
                     ("Biblioteken når fler", "Fler deltar i kulturlivet", None),
                     ("Nämnden har en ekonomi i balans", None, "Ej uppfyllt")]
    # The replaced answer gives way to the later one; the form's own times are no activity's dates.
    assert sorted(activities) == sorted([
        ("Ny kulturskolefilial i Norrby", ["Fler barn går i kulturskolan"], "Pågående enligt plan", "2031-01-10",
         "2031-12-18"),
        ("Sommarbokbuss", ["Biblioteken når fler"], "Avslutad med avvikelse", "2031-06-01", "2031-08-20"),
        ("Översyn av hyrorna", ["Nämnden har en ekonomi i balans"], "Ej påbörjad", None, None)])


def test_goal_kinds_and_parents_chosen_by_title() -> None:
    data = _workbook(
        [["Kommunfullmäktiges mål", "Ekby är en trygg kommun", None, "Ja", 3],
         ["Nämndmål", "Fler unga känner sig trygga i centrum", "Ekby är en trygg kommun", "Ja", 4]],
        [["Trygghetsvandringar", "Fler unga känner sig trygga i centrum", "Pågår – försenad", date(2031, 2, 1),
          date(2031, 11, 30)]],
        ["Vilken typ av mål gäller svaret?", "Målets formulering",
         "Om nämndmål: vilket av kommunfullmäktiges mål bidrar det till?", "Kan måluppfyllelsen bedömas?",
         "Hur bedömer ni måluppfyllelsen? (1–4)"],
        ["Aktivitetens namn", "Vilket mål hör aktiviteten till?", "Status", "Startdatum", "Slutdatum"])
    goals, activities = _read(data)
    assert goals == [("Ekby är en trygg kommun", None, "Delvis uppfyllt"),
                     ("Fler unga känner sig trygga i centrum", "Ekby är en trygg kommun", "Uppfyllt")]
    assert activities == [("Trygghetsvandringar", ["Fler unga känner sig trygga i centrum"], "Pågående med avvikelse",
                           "2031-02-01", "2031-11-30")]


@pytest.mark.parametrize(("header", "is_answers"), [
    (["ID", "Starttid", "Sluttid", "E-post", "Namn", "Vilket mål bedömer du?"], True),
    (["Id", "Mål", "Status", "Ansvarig"], False),  # an id column alone makes no form export
])
def test_a_form_export_is_known_by_the_tools_own_columns(header: list[str], is_answers: bool) -> None:
    from corpus.interpret.responses import is_response_table
    from corpus.interpret.vocabulary import vocabulary

    assert is_response_table([header, ["1"] * len(header)], vocabulary()) is is_answers
