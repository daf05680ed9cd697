"""Layouts the thirtieth set of independently written reports showed, as small Swedish cases: goals numbered by a
letter and their sub-goals by the letter and a digit, a quoted mail's header that is no goal's field, a status
legend that explains a pause in words, and a goal not yet assessed."""

from __future__ import annotations

import pytest

from corpus.documents import read_bytes
from corpus.interpret.vocabulary import vocabulary
from corpus.parse import parse_document


def _read(text: str, name: str = "rapport.txt") -> tuple[list[tuple], list[tuple]]:
    report = parse_document(read_bytes(text.encode("utf-8"), name))
    titles = {g.number: g.title for g in report.goals}
    return ([(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals],
            [(a.title, [titles[n] for n in a.goal_numbers], a.status) for a in report.activities])


_MAIL = "\n".join([
    "TERTIALUPPFÖLJNING 1 2039", "Rönnby kommun, kulturnämnden", "",
    "1. SAMMANFATTNING", "", "Arbetet följer i stort planen.", "",
    "2. MÅL OCH AKTIVITETER", "",
    "KF-mål A: Kulturen når alla invånare", "Prognos helår: Uppnås delvis", "",
    "Aktiviteter direkt under KF-mål A:",
    "  * Gemensam evenemangskalender", "    Status: Pågår", "    Tid: 2039-02-01 – 2039-08-31", "",
    "Nämndmål A1: Fler barn deltar i kulturskolan", "Prognos helår: Uppnås", "",
    "Aktiviteter:", "  * Prova-på-veckor i skolorna", "    Status: Klar", "    Tid: 2039-02-20 – 2039-02-24", "",
    "KF-mål B: Rönnby kommun är en attraktiv arbetsgivare", "Prognos helår: Kan inte bedömas än", "",
    "Nämndmål B1: Sjukfrånvaron minskar", "Prognos helår: Uppnås inte", "",
    "3. INFÖR TERTIAL 2", "", "Under sommaren öppnar utställningen.", "",
    "Från: Per Lind", "Skickat: den 24 april 2039 09:05", "Till: Anna Berg", "Ämne: Tertialuppföljningen", "",
    "Hej Anna, kan du skicka uppföljningen till ledamöterna?",
])


def test_letter_numbered_goals_and_a_quoted_mail() -> None:
    goals, activities = _read(_MAIL)
    # 'Nämndmål A1' is a sub-goal of 'KF-mål A'; the chapter after the goals, with a quoted mail's 'Från:' and
    # 'Till:' lines in it, is no goal; 'Kan inte bedömas än' gives no level.
    assert goals == [("Kulturen når alla invånare", None, "Delvis uppfyllt"),
                     ("Fler barn deltar i kulturskolan", "Kulturen når alla invånare", "Uppfyllt"),
                     ("Rönnby kommun är en attraktiv arbetsgivare", None, None),
                     ("Sjukfrånvaron minskar", "Rönnby kommun är en attraktiv arbetsgivare", "Ej uppfyllt")]
    assert activities == [("Gemensam evenemangskalender", ["Kulturen når alla invånare"], "Pågående"),
                          ("Prova-på-veckor i skolorna", ["Fler barn deltar i kulturskolan"], "Avslutad enligt plan")]


def test_a_status_legend_that_explains_a_pause() -> None:
    text = "\n".join([
        "<html><body><h1>Verksamhetsberättelse 2037 – Kulturnämnden</h1>",
        "<p>Aktiviteternas status: <em>Klar i tid</em> (klar enligt tidplanen), <em>Pågår i tid</em> (pågår och "
        "följer tidplanen), <em>Uppehåll</em> (arbetet har tillfälligt stoppats och återupptas senare).</p>",
        "<h3>Kulturen når alla invånare</h3>", "<p>Bedömning 2037: <strong>Delvis nått</strong></p>",
        "<table><tr><th>Aktivitet</th><th>Startdatum</th><th>Slutdatum</th><th>Status</th></tr>",
        "<tr><td>Ny scen i parken</td><td>2037-06-01</td><td>–</td><td>Uppehåll</td></tr>",
        "<tr><td>Läsfrämjande i skolorna</td><td>2037-01-10</td><td>2037-12-15</td><td>Pågår i tid</td></tr>",
        "</table></body></html>",
    ])
    goals, activities = _read(text, "rapport.html")
    assert goals == [("Kulturen når alla invånare", None, "Delvis uppfyllt")]
    # The legend's paragraph is no activity; 'Uppehåll' is the pause its legend says it is.
    assert activities == [("Ny scen i parken", ["Kulturen når alla invånare"], "Vänteläge"),
                          ("Läsfrämjande i skolorna", ["Kulturen når alla invånare"], "Pågående enligt plan")]


@pytest.mark.parametrize(("text", "unassessed"), [
    ("Kan inte bedömas än", True),
    ("Kan inte bedömas i nuläget", True),
    ("Kan inte bedömas", True),
    ("Uppnås delvis", False),
])
def test_not_yet_assessed(text: str, unassessed: bool) -> None:
    assert vocabulary().says_not_assessed(text) is unassessed
