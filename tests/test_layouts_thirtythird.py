"""Layouts the thirty-third set of independently written reports showed, as small Swedish cases: a plan kept through
the year with a column pair per follow-up, a meeting paragraph's extract with numbered activities over status lines,
a Word plan whose follow-up opens with its date, a Quarto page's goal kind before its level, and an open-data
README that describes its files and columns."""

from __future__ import annotations

from corpus.documents import read_bytes
from corpus.parse import parse_document


def _read(text: str, name: str = "rapport.md") -> tuple[list[tuple], list[tuple]]:
    report = parse_document(read_bytes(text.encode("utf-8"), name))
    titles = {g.number: g.title for g in report.goals}
    return ([(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals],
            [(a.title, [titles.get(n) for n in a.goal_numbers], a.status, a.start, a.end) for a in report.activities])


def test_a_plan_with_a_column_pair_per_follow_up() -> None:
    text = "\n".join([
        "# Verksamhetsplan 2026 – delårsrapport per den 31 augusti 2026", "",
        "| Typ | Nr | Mål / aktivitet | Start | Slut | Uppföljning T1 (30 april) | Kommentar T1 | "
        "Uppföljning T2 (31 augusti) | Kommentar T2 | Uppföljning helår | Kommentar helår |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        "| KF-mål | 1 | Alla elever når kunskapsmålen | | | Delvis uppfyllt | Bättre prov. | Ej uppfyllt | Sämre betyg. | | |",
        "| Nämndmål | 1.1 | Fler elever har hög närvaro | | | Uppfyllt | | Delvis uppfyllt | | | |",
        "| Aktivitet | | Närvaroteam på skolan | 2026-01-08 | 2026-12-18 | Pågår enligt plan | | Pågår, försenad | "
        "Två vakanser. | | |",
    ])
    goals, activities = _read(text)
    # The latest follow-up filled in is the report's; the April columns are history.
    assert goals == [("Alla elever når kunskapsmålen", None, "Ej uppfyllt"),
                     ("Fler elever har hög närvaro", "Alla elever når kunskapsmålen", "Delvis uppfyllt")]
    assert [(a[0], a[2]) for a in activities] == [("Närvaroteam på skolan", "Pågående med avvikelse")]


def test_numbered_activities_over_their_status_lines() -> None:
    text = "\r\n".join([
        "TERTIALRAPPORT 1 2026", "Tekniska nämnden, Hedmyra kommun", "",
        "4 Mål och aktiviteter", "", "4.2 Måluppfyllelse och aktiviteter", "",
        "Inriktningsmål 1: Hedmyra är en trygg kommun att röra sig i", "Prognos helår: Uppnås delvis", "",
        "Effektmål 1a: Fler invånare upplever parkerna som trygga", "Prognos helår: Uppnås", "",
        "1a.1  Ny belysning i Kvarnparken", "", "      Pågår enligt plan · 2026-02-01 – 2026-10-31", "",
        "1a.2  Trygghetsvandring i centrum", "", "      Klar · 2026-03-06 – 2026-03-06", "",
        "1a.3  Klotterjour i parkerna", "", "      Klar · 2026-01-09 – 2026-04-30", "",
        "Effektmål 1b: Gång- och cykelvägarna blir säkrare", "Prognos helår: Uppnås inte", "",
        "1b.1  Säkra skolvägar vid Ekbackens skola", "", "      Klar · 2025-09-01 – 2026-04-30", "",
    ])
    goals, activities = _read(text, "rapport.txt")
    # '4.2 Måluppfyllelse …' over the labelled goals is a chapter; '1a.1 …' over a status line is an activity, and
    # the status lines, alike on many activities, are no furniture.
    assert [g[0] for g in goals] == ["Hedmyra är en trygg kommun att röra sig i",
                                     "Fler invånare upplever parkerna som trygga", "Gång- och cykelvägarna blir säkrare"]
    assert [(a[0], a[2], a[3]) for a in activities] == [
        ("Ny belysning i Kvarnparken", "Pågående enligt plan", "2026-02-01"),
        ("Trygghetsvandring i centrum", "Avslutad enligt plan", "2026-03-06"),
        ("Klotterjour i parkerna", "Avslutad enligt plan", "2026-01-09"),
        ("Säkra skolvägar vid Ekbackens skola", "Avslutad enligt plan", "2025-09-01")]


def test_levels_after_a_date_or_a_goals_kind_and_a_start_kept_open() -> None:
    text = "\n".join([
        "# Delårsrapport 2026 – socialnämnden", "",
        "## 4.1 KF-mål: Invånarna lever ett självständigt liv", "",
        "Uppföljning 30 april. Prognos helår: Uppnås delvis. Arbetet med sysselsättning går bra.", "",
        "| Aktivitet | Tidsperiod | Status 30 april |", "|---|---|---|",
        "| Uppsökande arbete för unga vuxna | Löpande från 2026-01-01 | Pågår |", "",
        "## 4.1.1 Nämndmål: Fler har en meningsfull sysselsättning", "",
        "Nämndmål · Prognos helår: Uppnås", "",
    ])
    goals, activities = _read(text)
    assert goals == [("Invånarna lever ett självständigt liv", None, "Delvis uppfyllt"),
                     ("Fler har en meningsfull sysselsättning", "Invånarna lever ett självständigt liv", "Uppfyllt")]
    assert [(a[0], a[3], a[4]) for a in activities] == [("Uppsökande arbete för unga vuxna", "2026-01-01", None)]


def test_an_open_data_readme_describes_its_files_and_columns() -> None:
    text = "\n".join([
        "# Miljö- och klimatnämnden – verksamhetsberättelse 2026", "",
        "## Filer", "", "| Fil | Innehåll | Format |", "|---|---|---|",
        "| `mal.csv` | Nämndens mål, ett mål per rad | CSV |", "",
        "## Kolumner", "", "| Kolumn | Beskrivning | Exempel |", "|---|---|---|",
        "| `mal_id` | Id för målet som aktiviteten hör till | `MKN1.2` |",
        "| `status` | Status vid årets slut | `pagar_forsenad` |", "",
        "## Mål", "", "| Id | Mål | Bedömning |", "|---|---|---|", "| MKN1 | Luften är ren | Uppfyllt |", "",
        "## Aktiviteter", "", "| Id | Aktivitet | Mål | Status |", "|---|---|---|---|",
        "| A04 | Elcykelpool för tillsynen | MKN1 | Pågår försenad |",
    ])
    goals, activities = _read(text)
    assert goals == [("Luften är ren", None, "Uppfyllt")]
    assert [(a[0], a[2]) for a in activities] == [("Elcykelpool för tillsynen", "Pågående med avvikelse")]
