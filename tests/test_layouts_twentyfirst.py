"""Layouts the twenty-first set of independently written reports showed, as small Swedish cases: Word's plain-text
save (a paragraph a line, tabs between cells, heading numbers as text and a tab, a table of contents of tabbed
lines) with the activities as the columns of their tables."""

from __future__ import annotations

from corpus.documents import read_bytes
from corpus.parse import parse_document


def _parsed(data: bytes | str, name: str = "rapport.txt"):
    return parse_document(read_bytes(data.encode("cp1252") if isinstance(data, str) else data, name))


def _read(report) -> tuple[list[tuple], list[tuple]]:  # noqa: ANN001
    titles = {g.number: g.title for g in report.goals}
    return ([(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals],
            [(a.title, [titles[n] for n in a.goal_numbers], a.status, a.start, a.end) for a in report.activities])


LONG = ("Nämnden har under perioden arbetat vidare med de prioriterade områdena och följer upp varje mål med de "
        "indikatorer som fullmäktige har beslutat, vilket redovisas under respektive rubrik nedan i rapporten.")


def test_words_plain_text_with_activities_as_the_columns_of_their_tables() -> None:
    text = "\r\n".join([
        "Tertialrapport 1 2031", "Kultur- och fritidsnämnden", "Ekby kommun", LONG, "",
        "Innehåll", "1\tInledning\t2", "2\tMål och aktiviteter\t2", "2.1\tKommunfullmäktiges mål 1: Fler deltar "
        "i föreningslivet\t3", "2.1.1\tNämndmål 1.1: Fler unga har en aktiv fritid\t3", "",
        "1\tInledning", LONG, LONG, "",
        "2\tMål och aktiviteter", LONG,
        "Bedömning\tInnebörd", "Helt\tMålet bedöms nås helt under året.", "Mestadels\tMålet nås till största delen.",
        "Något\tMålet nås bara till en liten del.", "Inte\tMålet bedöms inte nås.", "",
        "2.1\tKommunfullmäktiges mål 1: Fler deltar i föreningslivet", "Prognos för måluppfyllelse helår 2031: Mestadels",
        LONG, "",
        "2.1.1\tNämndmål 1.1: Fler unga har en aktiv fritid", "Prognos för måluppfyllelse helår 2031: Något",
        "Aktiviteter",
        "Aktivitet\tSommarlovsaktiviteter i alla byar\tSpontanidrott i Norrparken",
        "Status\tPågår enligt plan\tEj påbörjad",
        "Start\t2031-01-10\t",
        "Slut\t2031-08-20\t2031-10-31",
        "Kommentar\tAnmälan öppnar i maj.",
        "Bidrag söks hos staten.\tPlatsen är vald.", ""]) + "\r\n"
    goals, activities = _read(_parsed(text))
    # The contents' tabbed lines are no goals; the headings' numbers are not part of the titles; the level is the
    # word the report's own scale explains, mapped in its order.
    assert goals == [("Fler deltar i föreningslivet", None, "Delvis uppfyllt"),
                     ("Fler unga har en aktiv fritid", "Fler deltar i föreningslivet", "Knappt uppfyllt")]
    assert activities == [
        ("Sommarlovsaktiviteter i alla byar", ["Fler unga har en aktiv fritid"], "Pågående enligt plan",
         "2031-01-10", "2031-08-20"),
        # An empty cell of its column: no start.
        ("Spontanidrott i Norrparken", ["Fler unga har en aktiv fritid"], "Ej påbörjad", None, "2031-10-31")]
    report = _parsed(text)
    # A cell of two paragraphs breaks its row's line: the second paragraph is the first activity's, the text after
    # its tab the second activity's comment.
    assert "Bidrag söks" in (report.activities[0].comment or "")
    assert report.activities[1].comment == "Platsen är vald."
