"""Layouts the twenty-sixth to twenty-eighth sets of independently written reports showed, as small Swedish cases:
a list view grouped by goal, a list's title column, levels as forecast sentences, a legend's own terms, activities
said to serve the council's goal itself, a board's name over a sheet, and a printed e-service form."""

from __future__ import annotations

import pytest

from corpus.documents import read_bytes
from corpus.labels import schemes
from corpus.parse import parse_document


def _read(text: str, name: str = "rapport.md") -> tuple[list[tuple], list[tuple]]:
    report = parse_document(read_bytes(text.encode("utf-8"), name))
    titles = {g.number: g.title for g in report.goals}
    return ([(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals],
            [(a.title, [titles[n] for n in a.goal_numbers], a.status) for a in report.activities])


@pytest.mark.parametrize(("kind", "text", "canonical"), [
    # A forecast of a level with its verb, its frame and when
    ("goal", "Bedöms i huvudsak uppfyllas", "Delvis uppfyllt"),
    ("goal", "Bedöms uppfyllas i begränsad omfattning", "Knappt uppfyllt"),
    ("goal", "målet bedöms till största delen vara uppfyllt vid årets slut", "Delvis uppfyllt"),
    ("goal", "målet bedöms inte vara uppfyllt vid årets slut", "Ej uppfyllt"),
    ("goal", "prognosen är att målet nås under 2033", "Uppfyllt"),
    ("goal", "● Bedöms uppfyllas", "Uppfyllt"),  # a symbol before the words
    ("goal", "Ja, till stor del", "Delvis uppfyllt"),
    ("goal", "Endast till liten del", "Knappt uppfyllt"),
    # A state and how it kept to its plan, said with 'men'
    ("activity", "Klar, men med avvikelse", "Avslutad med avvikelse"),
    ("activity", "Klar, men inte helt enligt plan", "Avslutad med avvikelse"),
    ("activity", "■ Följer plan", "Pågående enligt plan"),
    ("goal", "Målet", None),
])
def test_levels_and_statuses_said_as_sentences(kind: str, text: str, canonical: str | None) -> None:
    found = schemes().match(kind, text)
    assert (found.canonical if found else None) == canonical


def test_a_list_view_grouped_by_goal_with_a_title_column() -> None:
    text = "\n".join([
        "# Tertialrapport 1 2030", "", "## Mål", "",
        "| Nr | Rubrik | Måltyp | Överordnat mål | Bedömning T1 2030 | Bedömning helår 2029 |",
        "|---|---|---|---|---|---|",
        "| 1 | Kollektivtrafiken är ett attraktivt val | Regionfullmäktiges mål | | Uppnås | Uppnås inte |",
        "| 1.1 | Fler turer avgår i rätt tid | Nämndmål | Kollektivtrafiken är ett attraktivt val | | Uppnås |",
        "", "## Aktiviteter per mål", "",
        "| Rubrik | Läge | Startdatum | Slutdatum |", "|---|---|---|---|",
        "| Regionfullmäktiges mål : Kollektivtrafiken är ett attraktivt val (2) | | | |",
        "| Nämndmål : (1) | | | |",
        "| Gemensam kundtjänst | Pågår | 2030-01-07 | 2030-09-30 |",
        "| Nämndmål : Fler turer avgår i rätt tid (1) | | | |",
        "| Signalprioritering | Klar | 2030-01-15 | 2030-04-10 |",
    ])
    goals, activities = _read(text)
    # The parent named by its title; an empty level this period is none, whatever last year's column says.
    assert goals == [("Kollektivtrafiken är ett attraktivt val", None, "Uppfyllt"),
                     ("Fler turer avgår i rätt tid", "Kollektivtrafiken är ett attraktivt val", None)]
    # A group's rows are its goal's; the empty group's rows are the goal above it.
    assert activities == [("Gemensam kundtjänst", ["Kollektivtrafiken är ett attraktivt val"], "Pågående"),
                          ("Signalprioritering", ["Fler turer avgår i rätt tid"], "Avslutad enligt plan")]


LEGEND = ("| | |\n|---|---|\n| | Målet kan uppnås – prognosen är att målet nås under 2033. |\n"
          "| | Målet blir svårt att uppnå – prognosen är att målet inte nås under 2033. |\n"
          "| | Bedömning saknas – underlag för en prognos finns inte i april. |\n")


def test_a_legends_own_term_over_the_general_scheme_and_a_term_for_no_level() -> None:
    text = "\n".join([
        "# Tertialrapport 1 2033", "", "## Läsanvisning", "", LEGEND,
        "## Nämnden har en ekonomi i balans", "", "*Kommunfullmäktiges mål*", "", '<img src="media/image6.png" /> **Målet blir svårt att uppnå**', "",
        "| Aktivitet | Status |", "|---|---|", "| Översyn av lokalerna | Klar |", "",
        "## Nämnden är en attraktiv arbetsgivare", "", "*Kommunfullmäktiges mål*", "", '<img src="media/image7.png" /> **Bedömning saknas**', "",
        "**Aktiviteter som hör direkt till kommunfullmäktiges mål**", "",
        "| Aktivitet | Status |", "|---|---|", "| Friskvårdstimme | Pågår |", "",
    ])
    goals, activities = _read(text)
    # 'Svårt att uppnå' is the last step of this report's three (the general scheme reads it as barely).
    assert goals == [("Nämnden har en ekonomi i balans", None, "Ej uppfyllt"),
                     ("Nämnden är en attraktiv arbetsgivare", None, None)]
    assert activities == [("Översyn av lokalerna", ["Nämnden har en ekonomi i balans"], "Avslutad enligt plan"),
                          ("Friskvårdstimme", ["Nämnden är en attraktiv arbetsgivare"], "Pågående")]


@pytest.mark.parametrize(("label", "of_top_goal"), [
    ("Aktiviteter som hör direkt till kommunfullmäktiges mål", True),
    ("Övriga åtgärder inom regionfullmäktiges mål 1", True),
    ("Aktiviteter kopplade direkt till kommunfullmäktiges mål", True),
    ("Aktiviteter kopplade till målet", False),  # under a sub-goal: that sub-goal's
])
def test_activities_said_to_serve_the_councils_goal_itself(label: str, of_top_goal: bool) -> None:
    from corpus.interpret.vocabulary import vocabulary

    assert vocabulary().lists_top_goals_activities(label) is of_top_goal


def test_a_boards_name_over_a_sheet_is_no_goal() -> None:
    from corpus.sanity import title_problem

    assert title_problem("vård- och omsorgsnämnden 2035", "goal") == "titeln är en nämnds namn"
    assert title_problem("Nämnden har en ekonomi i balans", "goal") is None


FORM = """EKBY KOMMUN                                  E-tjänsteplattformen
Utskrift av inskickat formulär
Formulär:             Tertialrapport 1 2036 – nämndernas uppföljning

1. Vilken nämnd lämnar rapporten?
   ( ) Kommunstyrelsen
   (X) Tekniska nämnden

--- Kommunfullmäktiges mål 1 av 1 ---------------------------------------

7. Målet (förifyllt)
   Ekby har en hållbar infrastruktur

8. Bedömer nämnden att målet nås under 2036?
   ( ) Ja, helt
   (X) Ja, till stor del
   ( ) Nej

--- Nämndmål 1 av 1 ------------------------------------------------------

10. Nämndmålets formulering
   Fler gator har belysning som
   räcker

11. Vilket av kommunfullmäktiges mål bidrar nämndmålet till?
   (X) Ekby har en hållbar
       infrastruktur

12. Bedömer nämnden att målet nås under 2036?
   ( ) Ja, helt
   ( ) Ja, till stor del
   (X) Nej

--- Aktivitet 1 av 2 -----------------------------------------------------

14. Aktivitetens namn
   Ny belysning på Storgatan

15. Vilket mål hör aktiviteten till?
   (X) Nämndmål: Fler gator har belysning som räcker
   ( ) Direkt till kommunfullmäktiges mål: Ekby har en hållbar infrastruktur

16. Status per den 30 april
   ( ) Klar
   (X) Pågår – efter tidplan

17. Startdatum
   2036-02-01

18. Slutdatum
   Inget svar

--- Aktivitet 2 av 2 -----------------------------------------------------

14. Aktivitetens namn
   Översyn av gatudriften

15. Vilket mål hör aktiviteten till?
   ( ) Nämndmål: Fler gator har belysning som räcker
   (X) Direkt till kommunfullmäktiges mål: Ekby har en hållbar infrastruktur

16. Status per den 30 april
   (X) Klar
   ( ) Pågår – efter tidplan
"""


def test_a_printed_e_service_form_read_by_its_marked_options() -> None:
    report = parse_document(read_bytes(FORM.encode("utf-8"), "utskrift.txt"))
    titles = {g.number: g.title for g in report.goals}
    assert [(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals] == [
        ("Ekby har en hållbar infrastruktur", None, "Delvis uppfyllt"),
        ("Fler gator har belysning som räcker", "Ekby har en hållbar infrastruktur", "Ej uppfyllt")]
    # The option marked (X) is the answer, its kind before the title left out; 'Inget svar' is no date.
    assert sorted((a.title, [titles[n] for n in a.goal_numbers], a.status, a.start, a.end)
                  for a in report.activities) == [
        ("Ny belysning på Storgatan", ["Fler gator har belysning som räcker"], "Pågående med avvikelse", "2036-02-01",
         None),
        ("Översyn av gatudriften", ["Ekby har en hållbar infrastruktur"], "Avslutad enligt plan", None, None)]
    # The question outside the groups ('Vilken nämnd …?') names no goal.
    assert "Tekniska nämnden" not in {g.title for g in report.goals}


MINUTES = """PÄRLBY KOMMUN                                        SAMMANTRÄDESPROTOKOLL
Socialnämnden                                        Sammanträdesdatum 2031-02-12
Plats och tid   Kommunhuset, onsdagen den 12 februari 2031 kl. 13.00

§ 8    Verksamhetsberättelse 2030 för socialnämnden

Beslut
Socialnämnden beslutar att godkänna verksamhetsberättelsen.

BILAGA 1 TILL § 8

VERKSAMHETSBERÄTTELSE 2030

4.1  KOMMUNFULLMÄKTIGES MÅL 1
     Alla i Pärlby kan leva ett självständigt liv

     Har målet uppnåtts?  Delvis

     Aktiviteter
       a) Hemtjänst med fasta team i alla
          kommundelar
          Status:  Slutförd
          Tid:     2030-01-11 – 2030-06-30

       b) Digital tillsyn nattetid
          Status:  Pågår, försenad
          Tid:     2030-03-01 – 2031-02-28
"""


def test_minutes_with_the_report_as_their_bilaga() -> None:
    report = parse_document(read_bytes(MINUTES.encode("utf-8"), "protokoll.txt"))
    # The year the report is named with, not the meeting's; the section number before the level line; lettered
    # items with their hanging lines and fields.
    assert report.year == 2030
    assert [(g.title, g.assessment) for g in report.goals] == [("Alla i Pärlby kan leva ett självständigt liv",
                                                                 "Delvis uppfyllt")]
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Hemtjänst med fasta team i alla kommundelar", "Avslutad enligt plan", "2030-01-11", "2030-06-30"),
        ("Digital tillsyn nattetid", "Pågående med avvikelse", "2030-03-01", "2031-02-28")]


@pytest.mark.parametrize(("kind", "text", "canonical"), [
    ("goal", "Målet uppfylldes delvis", "Delvis uppfyllt"),  # an evaluation in the past tense
    ("goal", "Målet uppfylldes inte", "Ej uppfyllt"),
    ("goal", "Når delvis målet", "Delvis uppfyllt"),
    ("goal", "Målet bedöms delvis kunna uppnås", "Delvis uppfyllt"),
    ("activity", "Genomfört, sent", "Avslutad med avvikelse"),
    ("activity", "Genomförd efter utsatt tid", "Avslutad med avvikelse"),
])
def test_more_levels_and_statuses_said_as_sentences(kind: str, text: str, canonical: str) -> None:
    found = schemes().match(kind, text)
    assert found is not None and found.canonical == canonical


PRINTED = """UGGLEBY KOMMUN
Delårsrapport januari–augusti 2030

5.2  Inriktningsmål 1: Uggleby har en trygg utemiljö

Prognos helår: ◆ Når delvis målet

Insatser kopplade direkt till inriktningsmål 1
Insats                                    Ansvar          Status                Tidsperiod
Inventering av busshållplatser            Gatuenheten     Enligt plan           2030-02-01 – 2030-11-30

Effektmål 1A: Fler gång- och cykelvägar är belysta

Prognos helår: ● Når målet

Mått                                          Utfall 2029   Mål 2030      Jan–aug 2030
Belysta gång- och cykelvägar, km              38            44            41

Insatser
Insats                                    Ansvar          Status                Tidsperiod
Upphandling av LED-armaturer till parken  Gatuenheten     Avviker               2030-01-15 – 2030-06-30

Effektmål 1B: Lekplatserna är säkra

Prognos helår: ■ Når inte målet

5.3  Inriktningsmål 2: Nämnden har en ekonomi i balans

Prognos helår: ● Når målet
"""


def test_a_printed_report_with_section_numbers_lettered_sub_goals_and_captioned_tables() -> None:
    report = parse_document(read_bytes(PRINTED.encode("utf-8"), "delarsrapport.txt"))
    titles = {g.number: g.title for g in report.goals}
    # The goal's own number under its label, not the section's; 'Effektmål 1A' under the inriktningsmål; the
    # 'Mål 2030' column is the year's target, not a goal.
    assert [(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals] == [
        ("Uggleby har en trygg utemiljö", None, "Delvis uppfyllt"),
        ("Fler gång- och cykelvägar är belysta", "Uggleby har en trygg utemiljö", "Uppfyllt"),
        ("Lekplatserna är säkra", "Uggleby har en trygg utemiljö", "Ej uppfyllt"),
        ("Nämnden har en ekonomi i balans", None, "Uppfyllt")]
    # A table under its caption line; a cell two spaces from the next where a long title fills its column.
    assert [(a.title, [titles[n] for n in a.goal_numbers], a.status) for a in report.activities] == [
        ("Inventering av busshållplatser", ["Uggleby har en trygg utemiljö"], "Pågående enligt plan"),
        ("Upphandling av LED-armaturer till parken", ["Fler gång- och cykelvägar är belysta"],
         "Pågående med avvikelse")]


def test_an_accordions_heading_button_is_the_heading() -> None:
    html = ("<html><body><h1>Tertialrapport 1 2038</h1><h3><button aria-expanded='false'><span>Strategiskt mål 1. "
            "Invånarna har god tillgång till vård</span></button></h3><div hidden><p>Prognos helår: Målet bedöms "
            "delvis kunna uppnås</p><table><tr><th>Aktivitet</th><th>Status</th></tr><tr><td>Digitala vårdbesök</td>"
            "<td>Pågår</td></tr></table></div></body></html>")
    report = parse_document(read_bytes(html.encode("utf-8"), "sida.html"))
    assert [(g.title, g.assessment) for g in report.goals] == [("Invånarna har god tillgång till vård",
                                                                 "Delvis uppfyllt")]
    assert [a.title for a in report.activities] == ["Digitala vårdbesök"]


def test_a_goal_named_by_its_label_in_a_column_and_a_sentence_set_large_is_no_heading() -> None:
    text = "\n".join([
        "# Delårsrapport januari–augusti 2032", "",
        "# Fullmäktigemål 1: Laxåsen har en hälsosam livsmiljö", "", "Prognos helår: Uppfylls delvis", "",
        "| Nr | Nämndmål | Prognos helår |", "|---|---|---|", "| 1.1 | Fler avlopp uppfyller kraven | ◔ Uppfylls i liten grad |",
        "", "## Vid delåret 2031 var prognosen att målet skulle uppfyllas helt.", "",
        "| Åtgärd | Hör till | Status |", "|---|---|---|", "| Tillsynskampanj | 1.1 | Genomförd |",
        "| Radonmätning i skolor | Mål 1 | Ej igång |", "",
        "# Frågor?", ""])
    goals, activities = _read(text)
    assert goals == [("Laxåsen har en hälsosam livsmiljö", None, "Delvis uppfyllt"),
                     ("Fler avlopp uppfyller kraven", "Laxåsen har en hälsosam livsmiljö", "Knappt uppfyllt")]
    # 'Hör till' names the goal by its number or by its label and number; the closing slide is no activity.
    assert activities == [("Tillsynskampanj", ["Fler avlopp uppfyller kraven"], "Avslutad enligt plan"),
                          ("Radonmätning i skolor", ["Laxåsen har en hälsosam livsmiljö"], "Ej påbörjad")]


def test_a_static_sites_shortcodes_and_a_sub_goal_column_of_numbers() -> None:
    text = "\n".join([
        "---", 'title: "Delårsrapport 2040 – utbildningsnämnden"', "---", "", "{{< toc >}}", "",
        "### Kommunmål 1 – I Ekby lyckas alla elever", "",
        '{{< bedomning farg="gul" >}}Målet nås delvis{{< /bedomning >}}', "",
        "#### Delmål 1.1 – Fler når målen i årskurs 9", "",
        '{{< bedomning farg="orange" >}}Målet nås i liten utsträckning{{< /bedomning >}}', "",
        "**Aktiviteter inom kommunmål 1**", "",
        "| Nr | Aktivitet | Delmål | Status |", "|---|---|---|---|",
        "| 1 | Lässatsning | 1.1 | Klar – i tid |", "| 2 | Gemensam plan | – | Pågår – i tid |", ""])
    goals, activities = _read(text)
    assert goals == [("I Ekby lyckas alla elever", None, "Delvis uppfyllt"),
                     ("Fler når målen i årskurs 9", "I Ekby lyckas alla elever", "Knappt uppfyllt")]
    # The goal column holds numbers: the goal named by its number; a dash is the goal above the sub-goals.
    assert activities == [("Lässatsning", ["Fler når målen i årskurs 9"], "Avslutad enligt plan"),
                          ("Gemensam plan", ["I Ekby lyckas alla elever"], "Pågående enligt plan")]


def test_a_sub_goal_numbered_with_a_colon_and_a_level_after_its_colour() -> None:
    text = "\n".join([
        "# Verksamhetsberättelse 2041", "", "## 5.2 Mål 1: Fler är självförsörjande", "",
        "Måluppfyllelse 2041: Grön I hög grad uppfyllt", "",
        "### Nämndmål 1:1 – Fler går vidare till arbete", "", "Måluppfyllelse 2041: Gul I låg grad uppfyllt", "",
        "## 5.3 Mål 2: Ekonomin är i balans", "", "Måluppfyllelse 2041: Röd Inte uppfyllt", "",
        "Åtgärder för nämndmål 1:1", "", "| Åtgärd | Status |", "|---|---|", "| Jobbmatchning | Avklarad |", ""])
    goals, activities = _read(text)
    assert goals == [("Fler är självförsörjande", None, "Delvis uppfyllt"),
                     ("Fler går vidare till arbete", "Fler är självförsörjande", "Knappt uppfyllt"),
                     ("Ekonomin är i balans", None, "Ej uppfyllt")]
    # 'Åtgärder för nämndmål 1:1' names the goal whose table follows, wherever it stands.
    assert activities == [("Jobbmatchning", ["Fler går vidare till arbete"], "Avslutad enligt plan")]


def test_the_period_from_an_exports_field_and_the_organisation_in_the_genitive() -> None:
    from corpus.organisation import detect_organisation

    text = "\n".join([
        "Export 2044", "", "| Objekttyp | Namn | Prognos helår |", "|---|---|---|",
        "| Kommunfullmäktiges mål | Alla kan leva ett gott liv | Uppfylls delvis |", "",
        "## Om exporten", "", "| Fält | Värde |", "|---|---|",
        "| Uppföljningsperiod | Januari–augusti 2044 (delår per 31 augusti) |", ""])
    report = parse_document(read_bytes(text.encode("utf-8"), "export.md"))
    # The period said in a field of the export's own sheet, where no title or front line says it.
    assert (report.year, report.period) == (2044, "T2")
    assert detect_organisation("Läget i Ekorrdals kommuns skolor.\nEkorrdals kommun har en stabil ekonomi.") == \
        "Ekorrdals kommun"
