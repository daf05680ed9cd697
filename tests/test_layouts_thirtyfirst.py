"""Layouts the thirty-first set of independently written reports showed, as small Swedish cases: two SharePoint
lists exported to a workbook, a legend's step that gives no level, perspectives over labelled goals, a chapter of
the council's uppdrag, a GitLab wiki page's emoji and scoped labels, and an activity's time of one day."""

from __future__ import annotations

import pytest

from corpus.documents import read_bytes
from corpus.parse import parse_document


def _read(text: str, name: str = "rapport.md") -> tuple[list[tuple], list[tuple]]:
    report = parse_document(read_bytes(text.encode("utf-8"), name))
    titles = {g.number: g.title for g in report.goals}
    return ([(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals],
            [(a.title, [titles.get(n) for n in a.goal_numbers], a.status, a.start, a.end) for a in report.activities])


def test_two_list_exports_with_a_lookup_column() -> None:
    text = "\n".join([
        "# Tertialuppföljning 1 2049", "", "## Mål", "",
        "| Titel | Nr | Måltyp | Överordnat mål | Prognos helår | Objekttyp |", "|---|---|---|---|---|---|",
        "| Barn växer upp tryggt | 1 | Kommunfullmäktiges mål | | Bedöms delvis uppfyllas | Objekt |",
        "| Stöd ges tidigt | 1.1 | Nämndmål | Barn växer upp tryggt | Bedöms uppfyllas | Objekt |",
        "| Ekonomi i balans | 2 | Kommunfullmäktiges mål | | Bedöms inte uppfyllas | Objekt |", "",
        "## Aktiviteter", "",
        "| Titel | Mål | Status | Startdatum | Slutdatum | Objekttyp |", "|---|---|---|---|---|---|",
        "| Familjecentral | Stöd ges tidigt | Pågår, i tid | 2048-09-01 | 2049-12-31 | Objekt |",
        "| Hemtagning av placeringar | Ekonomi i balans | Pågår, försenad | 2049-01-01 | 2049-08-31 | Objekt |",
        "| Kompetensdag | Barn växer upp tryggt | Färdig | 2049-03-16 | 2049-03-16 | Objekt |",
    ])
    goals, activities = _read(text)
    # The export's 'Objekttyp | Objekt' names no kind; the title column beside the goal lookup is the activity's.
    assert goals == [("Barn växer upp tryggt", None, "Delvis uppfyllt"),
                     ("Stöd ges tidigt", "Barn växer upp tryggt", "Uppfyllt"),
                     ("Ekonomi i balans", None, "Ej uppfyllt")]
    assert [(a[0], a[1]) for a in activities] == [("Familjecentral", ["Stöd ges tidigt"]),
                                                  ("Hemtagning av placeringar", ["Ekonomi i balans"]),
                                                  ("Kompetensdag", ["Barn växer upp tryggt"])]


def test_a_legend_step_that_gives_no_level() -> None:
    text = "\n".join([
        "# Verksamhetsberättelse 2026 – tekniska nämnden", "", "## Teckenförklaring", "",
        "| Måluppfyllelse | Betydelse |", "|---|---|", "| ✔ Uppfyllt | Målet är uppfyllt. |",
        "| ◐ Delvis uppfyllt | Målet är delvis uppfyllt. |", "| ✖ Ej uppfyllt | Målet är inte uppfyllt. |",
        "| – Ej mätbart | Målet kan inte mätas för året. |", "",
        "## Mål", "", "| Nr | Mål | Måluppfyllelse |", "|---|---|---|",
        "| 1 | Trafikmiljön är trygg | ✖ Ej uppfyllt |", "| 2 | Avfallet sorteras | – Ej mätbart |",
    ])
    goals, _ = _read(text)
    # Three steps and one that says no level: the lowest step is not fulfilled, not barely.
    assert goals == [("Trafikmiljön är trygg", None, "Ej uppfyllt"), ("Avfallet sorteras", None, None)]


def test_perspectives_over_labelled_goals_and_a_chapter_of_uppdrag() -> None:
    text = "\n".join([
        "# Delårsrapport 2053", "", "## 5 Mål och måluppfyllelse", "", "### 5.1 Invånare", "",
        "#### Strategiskt mål 1: Invånarna har en god hälsa", "", "Prognos helår 2053: Uppnås", "",
        "##### Nämndmål 1.1: Fler har en fast läkarkontakt", "", "Prognos helår 2053: Uppnås inte", "",
        "| Aktivitet | Status | Start | Slut |", "|---|---|---|---|",
        "| Listning på fast läkare | Pågår enligt plan | 2052-10-03 | 2053-06-30 |", "",
        "### 5.2 Medarbetare", "", "#### Strategiskt mål 2: Regionen är en attraktiv arbetsgivare", "",
        "Prognos helår 2053: Uppnås", "", "**Aktiviteter kopplade till det strategiska målet**", "",
        "| Aktivitet | Status | Start | Slut |", "|---|---|---|---|",
        "| Introduktionsprogram | Avslutad | 2052-09-01 | 2053-02-28 |", "",
        "## 6 Uppdrag från regionfullmäktige", "",
        "| Nr | Uppdrag | Kopplat till mål | Status | Start | Klart senast |", "|---|---|---|---|---|---|",
        "| RF 7 | Utreda en mobil vårdenhet | Nämndmål 1.1 | Pågår | 2053-02-01 | 2053-12-31 |",
    ])
    goals, activities = _read(text)
    assert goals == [("Invånarna har en god hälsa", None, "Uppfyllt"),
                     ("Fler har en fast läkarkontakt", "Invånarna har en god hälsa", "Ej uppfyllt"),
                     ("Regionen är en attraktiv arbetsgivare", None, "Uppfyllt")]
    assert [(a[0], a[1]) for a in activities] == [
        ("Listning på fast läkare", ["Fler har en fast läkarkontakt"]),
        ("Introduktionsprogram", ["Regionen är en attraktiv arbetsgivare"]),
        ("Utreda en mobil vårdenhet", ["Fler har en fast läkarkontakt"])]


def test_a_forge_wiki_page() -> None:
    text = "\n".join([
        "[[_TOC_]]", "", "# Tertialrapport 1 2051 – servicenämnden", "",
        "### Fullmäktigemål 1: Invånarna får god service", "", "**Prognos helår 2051:** :yellow_circle: Når delvis målet",
        "", "| Ärende | Aktivitet | Status | Start | Slut |", "|---|---|---|---|---|",
        '| #312 | Ny kunskapsbank | ~"status::klar" | 2050-11-01 | 2051-03-31 |',
        '| #334 | Matsvinnsmätning | ~"status::försenad" | 2051-01-09 | – |',
    ])
    goals, activities = _read(text)
    # The shortcode is the traffic light it stands for; a scoped label says its value.
    assert goals == [("Invånarna får god service", None, "Delvis uppfyllt")]
    assert [(a[0], a[2]) for a in activities] == [("Ny kunskapsbank", "Avslutad enligt plan"),
                                                  ("Matsvinnsmätning", "Pågående med avvikelse")]


@pytest.mark.parametrize(("time", "start", "end"), [
    ("4 juni 2046", "2046-06-04", "2046-06-04"),
    ("2046-06-04", "2046-06-04", "2046-06-04"),
    ("1 september 2045 – 30 juni 2046", "2045-09-01", "2046-06-30"),
])
def test_an_activitys_time_of_one_day(time: str, start: str, end: str) -> None:
    text = "\n".join(["# Verksamhetsberättelse 2046", "", "## Mål 1: Miljön är frisk", "", "Bedömning: Uppfyllt", "",
                      "- **Miljödag för skolklasser**<br>Status: Slutförd<br>Tid: " + time])
    _, activities = _read(text)
    assert [(a[0], a[3], a[4]) for a in activities] == [("Miljödag för skolklasser", start, end)]
