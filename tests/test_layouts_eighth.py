"""Layouts the eighth set of independently written reports showed, as small Swedish cases: e-mail text with
quoted comments and bracketed statuses, activities written as sentences of their fields, a field table under
a 'Rubrik | Innehåll' header with the goal's level, one column per follow-up, a scale listed under its label,
levels after labels without punctuation, sentences across an activity table's row."""

from __future__ import annotations

from corpus.documents import read_bytes
from corpus.parse import parse_document


def _parsed(text: str, name: str = "rapport.md"):
    return parse_document(read_bytes(text.encode("utf-8"), name))


EMAIL = """\
Ämne: Tertialuppföljning 1 2026 - kommunstyrelsen

MÅL OCH AKTIVITETER

MÅL 1 – Granlunda växer
Bedömning: Uppfylls delvis

* Detaljplan för Ängen [Enligt plan] (2025-10-01 – 2026-11-30)
> Samrådet hölls i mars.
* Ny samverkan med polisen om brottsförebyggande
arbete [Klar] (2026-02-16 – 2026-04-30)

Vänliga hälsningar
Granlunda kommun
"""


def test_an_e_mail_with_bracketed_statuses_and_quoted_comments() -> None:
    report = _parsed(EMAIL, "mejl.txt")
    assert [(g.title, g.assessment) for g in report.goals] == [("Granlunda växer", "Delvis uppfyllt")]
    assert [(a.title, a.status, a.start, a.end) for a in report.activities] == [
        ("Detaljplan för Ängen", "Pågående enligt plan", "2025-10-01", "2026-11-30"),
        ("Ny samverkan med polisen om brottsförebyggande arbete", "Avslutad enligt plan", "2026-02-16", "2026-04-30")]
    assert report.activities[0].comment == "Samrådet hölls i mars."


WORD_TABLES = """\
# Granlunda kommun – Tertialrapport 2 2024

| Rubrik | Innehåll |
|---|---|
| Målnivå | Kommunfullmäktiges mål 1 |
| Mål | Rena sjöar |
| Bedömning | Uppnås delvis |

| Rubrik | Innehåll |
|---|---|
| Målnivå | Nämndmål 1.1 (bidrar till kommunfullmäktiges mål 1) |
| Mål | Fler godkända avlopp |
| Bedömning | Uppnås |

1. Inventera avlopp runt sjön. Status: Pågår enligt plan. Tidsperiod: 2024-03-04 – 2024-11-29. Hälften är klara.
2. Nya riktlinjer. Status: Genomförd. Tidsperiod: 2023-10-02 – 2024-05-31.
"""


def test_field_tables_with_a_level_and_activities_as_sentences() -> None:
    report = _parsed(WORD_TABLES)
    assert [(g.number, g.title, g.parent_number, g.assessment) for g in report.goals] == [
        ("1", "Rena sjöar", None, "Delvis uppfyllt"), ("1.1", "Fler godkända avlopp", "1", "Uppfyllt")]
    assert [(a.title, a.goal_numbers, a.status, a.start, a.end) for a in report.activities] == [
        ("Inventera avlopp runt sjön", ["1.1"], "Pågående enligt plan", "2024-03-04", "2024-11-29"),
        ("Nya riktlinjer", ["1.1"], "Avslutad enligt plan", "2023-10-02", "2024-05-31")]
    assert report.activities[0].comment == "Hälften är klara."


def test_one_column_per_follow_up_the_latest_filled_counts() -> None:
    report = _parsed(
        "# Granlunda kommun – Delårsrapport 2026\n\n"
        "| | | Tertial 1 | Tertial 2 |\n|---|---|---|---|\n"
        "| Nr | Mål | Bedömning | Bedömning |\n| 1 | Mindre matsvinn | Gul | Grön |\n| 2 | Säker IT | Gul | Ej bedömd |\n\n"
        "| Aktivitet | Mål | Status T1 | Status T2 |\n|---|---|---|---|\n"
        "| Svinnmätning | Mindre matsvinn | Enligt plan | Klar |\n| Flerfaktorsinloggning | Säker IT | Klar | |\n")
    assert [(g.title, g.assessment) for g in report.goals] == [("Mindre matsvinn", "Uppfyllt"), ("Säker IT", None)]
    assert [(a.title, a.status) for a in report.activities] == [
        ("Svinnmätning", "Avslutad enligt plan"), ("Flerfaktorsinloggning", "Avslutad enligt plan")]


def test_a_scale_listed_under_its_label_and_numbers_without_punctuation() -> None:
    report = _parsed(
        "<h1>Granlunda kommun – Verksamhetsberättelse 2023</h1>"
        "<p>Måluppfyllelse:<br>Målet är uppnått<br>Målet är delvis uppnått<br>Målet är uppnått i liten "
        "utsträckning<br>Målet är inte uppnått</p>"
        "<p>Aktiviteter:<br>Ej påbörjad<br>Pågår<br>Slutförd<br>Avbruten</p>"
        "<p><b>Inriktningsmål 1 Alla elever lär sig Målet är delvis uppnått</b></p>"
        "<p><b>Nämndmål 1.1 Fler blir behöriga Målet är uppnått i liten utsträckning</b></p>"
        "<table><tr><th>Aktivitet</th><th>Status</th></tr><tr><td>Lovskola</td><td>Slutförd</td></tr>"
        "<tr><td>Andra omgången startar i september.</td><td></td></tr></table>", "sida.html")
    # A step the schemes do not know is read by its place on the listed scale; the status list is no activity.
    assert [(g.number, g.title, g.parent_number, g.assessment) for g in report.goals] == [
        ("1", "Alla elever lär sig", None, "Delvis uppfyllt"), ("1.1", "Fler blir behöriga", "1", "Knappt uppfyllt")]
    # A sentence across the activity table's row is the activity's comment, not a goal.
    assert [(a.title, a.status, a.comment) for a in report.activities] == [
        ("Lovskola", "Avslutad enligt plan", "Andra omgången startar i september.")]
