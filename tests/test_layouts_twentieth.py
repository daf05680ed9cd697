"""Layouts the twentieth set of independently written reports showed, as small Swedish cases: Word's filtered web
page (source lines wrapped inside sentences, list paragraphs hanging from their numbers, a level shown as a picture
after its label), an activity's level and time as sentences of fields under its title, and a list of activities
said to serve a goal by its number."""

from __future__ import annotations

import pytest

from corpus.documents import read_bytes
from corpus.organisation import detect_organisation
from corpus.parse import parse_document


def _parsed(text: str, name: str = "rapport.htm"):
    return parse_document(read_bytes(text.encode("cp1252"), name))


def _read(report) -> tuple[list[tuple], list[tuple]]:  # noqa: ANN001
    titles = {g.number: g.title for g in report.goals}
    return ([(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals],
            [(a.title, [titles[n] for n in a.goal_numbers], a.status, a.start, a.end) for a in report.activities])


def _item(number: str, title: str, margin: float) -> str:
    # As Word saves a numbered list paragraph: the number, no-break spaces, then the title, the source wrapped.
    return (f"<p class=MsoListParagraph style='margin-left:{margin}pt;text-indent:-18.0pt'><span>{number}"
            f"<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;\r\n</span></span><b><span>"
            f"{title.replace(' ', chr(13) + chr(10), 1)}</span></b></p>")


def _level(colour: str, margin: float) -> str:
    return (f"<p class=MsoListParagraph style='margin-left:{margin}pt'><span>Måluppfyllelse: </span>"
            f"<img width=15 height=15 src=\"bilder/{colour}.png\" alt=\"{colour} symbol\"></p>")


def _activity(title: str, said: str, margin: float) -> str:
    return (f"<p class=MsoListParagraph style='margin-left:{margin}pt;text-indent:-18.0pt'><span>·"
            f"<span>&nbsp;&nbsp;</span></span><span>{title}<br>\r\n{said}</span></p>")


PAGE = "\r\n".join([
    "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">",
    "<meta name=Generator content=\"Microsoft Word 15 (filtered)\">",
    "<title>Verksamhetsberättelse</title><style>p.MsoNormal {margin:0cm;} @page WordSection1 {size:595pt 842pt;}"
    " Uppdaterad av Kommunledningskontoret, Östby kommun</style></head>",
    "<body lang=SV><div class=WordSection1>",
    "<p class=MsoTitle>Verksamhetsberättelse 2031</p>",
    "<p class=MsoSubtitle>Fritidsnämnden, Lerviks kommun</p>",
    "<p class=MsoNormal>Lerviks kommun följer upp sina mål tre gånger om året.</p>",
    "<table><tr><td><img src=a.png alt=\"Grön symbol\"></td><td>Målet är uppnått.</td></tr>",
    "<tr><td><img src=b.png alt=\"Gul symbol\"></td><td>Målet är delvis uppnått.</td></tr>",
    "<tr><td><img src=c.png alt=\"Röd symbol\"></td><td>Målet är inte uppnått.</td></tr>",
    "<tr><td><img src=d.png alt=\"Grå symbol\"></td><td>Målet har inte kunnat bedömas för 2031.</td></tr></table>",
    _item("1.", "Fler invånare rör sig varje vecka", 18.0),
    _level("Gul", 18.0),
    "<p class=MsoListParagraph style='margin-left:18.0pt'>Sju av tio indikatorer når målvärdet, men\r\n"
    "besöken i simhallen minskade.</p>",
    _item("1.1.", "Fler unga deltar i föreningsidrott", 39.6),
    _level("Grå", 39.6),
    _activity("Prova-på-dagar i alla skolor", "Läge: Fullgjord. Tid: fr.o.m. 2031-02-03 t.o.m. 2031-05-29.", 57.6),
    "<p class=MsoNormal><i>Aktiviteter som hör direkt till mål 1 och inte till något nämndmål:</i></p>",
    _activity("Nya motionsspår i Norrbyn", "Läge: Igångsatt – ligger efter. Tid: t.o.m. 2031-10-31.", 57.6),
    _item("2.", "Lerviks fritidsgårdar är öppna fler kvällar", 18.0),
    _level("Röd", 18.0),
    "</div></body></html>"])
ACTIVITY_LEGEND = ("<p class=MsoNormal>Aktiviteternas läge:</p><table><tr><td>Läge</td><td>Betydelse</td></tr>"
                   "<tr><td>Fullgjord</td><td>Aktiviteten är avslutad och genomförd som planerat.</td></tr>"
                   "<tr><td>Igångsatt – ligger efter</td><td>Aktiviteten pågår men ligger efter planen.</td></tr>"
                   "<tr><td>Ej igångsatt</td><td>Aktiviteten har inte börjat.</td></tr></table>")


def test_words_filtered_web_page_with_goals_in_a_hanging_numbered_list() -> None:
    page = PAGE.replace("<p class=MsoNormal>Lerviks kommun", ACTIVITY_LEGEND + "<p class=MsoNormal>Lerviks kommun")
    goals, activities = _read(_parsed(page))
    # The numbers typed before the titles place the goals (1.1 under 1) and are no part of the titles; a title
    # wrapped in the source is one line; the picture after 'Måluppfyllelse:' is the level the legend names, and
    # the legend's grey step ('har inte kunnat bedömas') is no level of the scale, so red stays 'Ej uppfyllt'.
    assert goals == [("Fler invånare rör sig varje vecka", None, "Delvis uppfyllt"),
                     ("Fler unga deltar i föreningsidrott", "Fler invånare rör sig varje vecka", None),
                     ("Lerviks fritidsgårdar är öppna fler kvällar", None, "Ej uppfyllt")]
    # Each activity's level and time are sentences of fields under its title, each date after its label; the list
    # after 'Aktiviteter som hör direkt till mål 1 …' serves goal 1, not the sub-goal read last.
    assert activities == [
        ("Prova-på-dagar i alla skolor", ["Fler unga deltar i föreningsidrott"], "Avslutad enligt plan",
         "2031-02-03", "2031-05-29"),
        ("Nya motionsspår i Norrbyn", ["Fler invånare rör sig varje vecka"], "Pågående med avvikelse", None,
         "2031-10-31")]
    report = _parsed(page)
    # The analysis after an unknown or known level is the goal's comment, not a second level.
    assert "simhallen" in report.goals[0].comment
    assert not [w for w in report.warnings if "Bedömningen" in w]


def test_a_web_pages_organisation_is_read_from_its_text_not_its_head() -> None:
    # The style sheet in the page's head names another organisation; the page itself names Lervik twice.
    assert detect_organisation(PAGE) == "Lerviks kommun"


@pytest.mark.parametrize(("said", "start", "end"), [
    ("fr.o.m. 2031-01-11 t.o.m. 2031-06-30", "2031-01-11", "2031-06-30"),
    ("fr.o.m. 2031-01-11 t.o.m. 2031-06-30.", "2031-01-11", "2031-06-30"),
    ("t.o.m. 2031-06-30.", None, "2031-06-30"),
    ("fr.o.m. 2031-09-06.", "2031-09-06", None),
])
def test_dates_each_after_its_label(said: str, start: str | None, end: str | None) -> None:
    report = parse_document(read_bytes(
        f"# Mål 1: Fler rör sig\n\n## Aktivitet: Motionsspår\n\nStatus: Pågår enligt plan. Tid: {said}\n".encode(),
        "rapport.md"))
    assert (report.activities[0].start, report.activities[0].end) == (start, end)
    assert report.activities[0].status == "Pågående enligt plan"


def _row(*cells: str) -> str:
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def test_a_goal_webs_printed_table_of_typed_rows() -> None:
    page = "\n".join([
        "<html><body><h1>Delårsrapport 2031</h1><p>Fritidsnämnden, Region Lervik</p>",
        "<table>", _row("Typ", "Benämning", "Bedömning", "Status", "Prognos", "Start", "Slut"),
        _row("RF-mål", "Fler invånare rör sig<br>varje vecka<br>Analys: Sju av tio indikatorer når<br>målvärdet.",
             "Delvis uppfyllt", "", "", "", ""),
        _row("Nämndmål", "Fler unga deltar i föreningsidrott<br>Analys: Deltagandet ökade.", "Uppfyllt",
             "", "", "", ""),
        _row("Aktivitet", "Prova-på-dagar i alla skolor<br>Kommentar: Alla skolor deltog.", "", "Klar", "Röd",
             "2031-02-03", "2031-05-29"),
        _row("Aktivitet", "Nya motionsspår", "", "Påbörjad", "Grön", "2031-03-01", "2031-10-31"),
        _row("RF-mål", "Lerviks fritidsgårdar är öppna fler kvällar", "Ej uppfyllt", "", "", "", ""),
        "</table>",
        # The table goes on over the page: its header again, and the goal whose rows go on, marked '(forts.)'.
        "<table>", _row("Typ", "Benämning", "Bedömning", "Status", "Prognos", "Start", "Slut"),
        _row("", "Fler unga deltar i föreningsidrott (forts.)", "", "", "", "", ""),
        _row("Aktivitet", "Cuper för alla åldrar", "", "Påbörjad", "", "2031-04-01", "2031-12-15"),
        "</table></body></html>"])
    report = _parsed(page, "rapport.html")
    goals, activities = _read(report)
    # The kind of goal named first is the top level, the other below it; a title's later lines of notes are no part
    # of it; the '(forts.)' row is no goal, but places the rows after it.
    assert goals == [("Fler invånare rör sig varje vecka", None, "Delvis uppfyllt"),
                     ("Fler unga deltar i föreningsidrott", "Fler invånare rör sig varje vecka", "Uppfyllt"),
                     ("Lerviks fritidsgårdar är öppna fler kvällar", None, "Ej uppfyllt")]
    # The prognosis beside the status is read with it: finished but red is finished with a deviation.
    assert activities == [
        ("Prova-på-dagar i alla skolor", ["Fler unga deltar i föreningsidrott"], "Avslutad med avvikelse",
         "2031-02-03", "2031-05-29"),
        ("Nya motionsspår", ["Fler unga deltar i föreningsidrott"], "Pågående enligt plan", "2031-03-01",
         "2031-10-31"),
        ("Cuper för alla åldrar", ["Fler unga deltar i föreningsidrott"], "Pågående", "2031-04-01", "2031-12-15")]
    assert report.goals[0].comment.startswith("Sju av tio indikatorer")
    assert report.activities[0].comment == "Alla skolor deltog."
