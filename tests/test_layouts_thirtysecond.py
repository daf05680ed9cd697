"""Layouts the thirty-second set of independently written reports showed, as small Swedish cases: a note in an
Obsidian vault, a tjänsteskrivelse printed as text with each activity a line of sentences, a template whose
prognosis column is a question, and a beslutsstöd's goal cards printed to PDF."""

from __future__ import annotations

from corpus.documents import read_bytes
from corpus.parse import parse_document


def _read(data: bytes, name: str) -> tuple[list[tuple], list[tuple]]:
    report = parse_document(read_bytes(data, name))
    titles = {g.number: g.title for g in report.goals}
    return ([(g.title, titles.get(g.parent_number), g.assessment) for g in report.goals],
            [(a.title, [titles.get(n) for n in a.goal_numbers], a.status, a.start, a.end) for a in report.activities])


def test_a_note_in_a_vault() -> None:
    text = "\n".join([
        "---", "tags:", "  - tertialrapport", "status: klar för nämnd", "---",
        "# Tertialrapport 1 2026 – samhällsbyggnadsnämnden", "",
        "%% Stäm av tabellen före utskick. %%", "",
        "### KF 1 – Kommunen växer hållbart", "",
        "> [!warning] Prognos helår: Målet nås delvis", "> Planläggningen går enligt plan.", "",
        "**Aktiviteter direkt under KF 1**", "",
        "| Aktivitet | Status | Start | Slut |", "|---|---|---|---|",
        "| [[Grönplan för tätorten]] | #status/enligt-plan | 2026-01-09 | 2026-10-31 |", "",
        "#### SBN 1.1 – Fler bostäder planläggs", "",
        "> [!question] Prognos helår: Bedöms i tertial 2", "> Byggsäsongen har just börjat.", "",
        "| Aktivitet | Status | Start | Slut |", "|---|---|---|---|",
        "| [[Planprogram för stationen|Planprogram]] | #status/försenad | 2025-11-14 | 2026-04-30 |",
        "| ==Markanvisning== vid stranden | #status/ej-påbörjad | 2026-08-18 | 2027-01-30 |",
    ])
    goals, activities = _read(text.encode("utf-8"), "rapport.md")
    # The code before the number heads the goal ('KF 1', 'SBN 1.1'); the callout's type is no part of the level.
    assert goals == [("Kommunen växer hållbart", None, "Delvis uppfyllt"),
                     ("Fler bostäder planläggs", "Kommunen växer hållbart", None)]
    assert [(a[0], a[1], a[2]) for a in activities] == [
        ("Grönplan för tätorten", ["Kommunen växer hållbart"], "Pågående enligt plan"),
        ("Planprogram", ["Fler bostäder planläggs"], "Pågående med avvikelse"),
        ("Markanvisning vid stranden", ["Fler bostäder planläggs"], "Ej påbörjad")]


def test_a_tjansteskrivelse_printed_as_text() -> None:
    goals = []
    for n, title in ((1, "Barnen når sin fulla potential"), (2, "Barn växer upp tryggt"), (3, "Ekonomin är i balans")):
        goals += [f"Övergripande mål {n}: {title}", "Bedömning per 31 augusti: Uppnås delvis",
                  "Aktiviteter kopplade direkt till det övergripande målet:",
                  f"- Lovskola inför årskurs {n + 6}. Genomförd med avvikelse. Start 2026-06-19, slut 2026-06-30.",
                  f"- Språkombud på förskola {n}. Löpande. Start 2025-08-15, slut löpande.", ""]
    text = "\r\n".join(["Tjänsteskrivelse", "Delårsrapport 2026 för barn- och utbildningsnämnden", "",
                        "Måluppfyllelse", "", *goals, "Personal", "Sjukfrånvaron var 6,1 procent.", "",
                        "Beslutet ska skickas till", "- Kommunstyrelsen", "- Ekonomiavdelningen", ""])
    read_goals, activities = _read(text.encode("utf-8"), "skrivelse.txt")
    assert [g[0] for g in read_goals] == ["Barnen når sin fulla potential", "Barn växer upp tryggt", "Ekonomin är i balans"]
    # Each line of sentences: the title, the status, its time; the caption repeated over each list is no
    # furniture, and the lists after 'Personal' are no activities.
    assert activities[:2] == [
        ("Lovskola inför årskurs 7", ["Barnen når sin fulla potential"], "Avslutad med avvikelse", "2026-06-19",
         "2026-06-30"),
        ("Språkombud på förskola 1", ["Barnen når sin fulla potential"], "Pågående", "2025-08-15", None)]
    assert len(activities) == 6


def test_a_template_that_asks_for_the_prognosis() -> None:
    text = "\n".join([
        "# Tertialuppföljning 1 2026 – kultur- och fritidsnämnden", "",
        "| Når vi målet vid årets slut? | Betydelse |", "|---|---|",
        "| Ja (Grön) | Målet bedöms nås vid årets slut. |",
        "| Delvis (Gul) | Målet bedöms nås till en del vid årets slut, men inte helt. |",
        "| Nej (Röd) | Målet bedöms inte nås vid årets slut. |", "",
        "Mål 2026 – prognos för helåret per den 30 april", "",
        "| Nr | Mål | Nivå | Når vi målet vid årets slut? |", "|---|---|---|---|",
        "| 1 | Alla har tillgång till kulturen | KF-mål | Delvis (Gul) |",
        "| 1.1 | Kulturskolans kö blir kortare | Nämndmål | Ja (Grön) |", "",
        "| Målnr | Aktivitet | Status | Startdatum | Slutdatum |", "|---|---|---|---|---|",
        "| 1.1 | Fler lärartimmar i piano | På gång enligt plan | 2026-01-12 | 2026-06-12 |",
        "| 1 | Läsecirklar på lätt svenska | Löpande | 2025-09-01 | |",
    ])
    goals, activities = _read(text.encode("utf-8"), "mall.md")
    # A year is no goal's number: the caption is no goal.
    assert goals == [("Alla har tillgång till kulturen", None, "Delvis uppfyllt"),
                     ("Kulturskolans kö blir kortare", "Alla har tillgång till kulturen", "Uppfyllt")]
    assert [(a[0], a[2]) for a in activities] == [("Fler lärartimmar i piano", "Pågående enligt plan"),
                                                  ("Läsecirklar på lätt svenska", "Pågående")]


def test_goal_cards_whose_level_line_the_table_above_took_in() -> None:
    text = "\n".join([
        "# Verksamhetsberättelse 2026 – gymnasienämnden", "",
        "| KOMMUNFULLMÄKTIGES MÅL 1 · MÅLOMRÅDE UTBILDNING | Delvis uppfyllt |", "|---|---|", "",
        "## Utbildningen leder till arbete", "",
        "| Aktivitet | Status | Start | Slut |", "|---|---|---|---|",
        "| Branschråd för yrkesprogrammen | Klar | 2026-01-18 | 2026-11-26 |",
        "| NÄMNDMÅL 1.1 | Uppfyllt | | |", "",
        "## Fler elever tar examen", "",
        "| Aktivitet | Status | Start | Slut |", "|---|---|---|---|",
        "| Mentorstid | Klar | 2026-01-10 | 2026-06-11 |",
        "| NÄMNDMÅL 1.2 | Inte mätt | | |", "",
        "## Färre elever avbryter studierna", "",
    ])
    goals, activities = _read(text.encode("utf-8"), "kort.md")
    assert goals == [("Utbildningen leder till arbete", None, "Delvis uppfyllt"),
                     ("Fler elever tar examen", "Utbildningen leder till arbete", "Uppfyllt"),
                     ("Färre elever avbryter studierna", "Utbildningen leder till arbete", None)]
    assert [(a[0], a[1]) for a in activities] == [("Branschråd för yrkesprogrammen", ["Utbildningen leder till arbete"]),
                                                  ("Mentorstid", ["Fler elever tar examen"])]


def _pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
    pdf.set_font("DejaVu", "B", 16)
    pdf.text(15, 20, "Verksamhetsberättelse 2026")
    pdf.set_font("DejaVu", "B", 13)
    pdf.text(15, 35, "Mål 1: Fler i arbete")
    pdf.set_font("DejaVu", "", 10)
    pdf.text(15, 43, "Bedömning: Uppfyllt")
    # The table stands at the foot of the page; each status has a dot a little left of the column's words.
    pdf.set_font("DejaVu", "B", 10)
    for x, head in ((15, "Aktivitet"), (105, "Status"), (150, "Start"), (172, "Slut")):
        pdf.text(x, 262, head)
    pdf.set_font("DejaVu", "", 10)
    for row, (title, status, colour) in enumerate((("Jobbspår inom lokalvård", "Klar", (0, 112, 192)),
                                                   ("Praktik i kommunen", "Pågår", (0, 176, 80)))):
        y = 269 + 6 * row
        pdf.text(15, y, title)
        pdf.set_fill_color(*colour)
        pdf.ellipse(104, y - 2.6, 2.2, 2.2, style="F")
        pdf.text(108, y, status)
        pdf.text(150, y, "2026-01-18")
        pdf.text(172, y, "2026-11-26")
    return bytes(pdf.output())


def test_a_printed_table_at_the_foot_of_the_page_with_dots_in_its_margin() -> None:
    _, activities = _read(_pdf(), "utskrift.pdf")
    assert [(a[0], a[2], a[3], a[4]) for a in activities] == [
        ("Jobbspår inom lokalvård", "Avslutad enligt plan", "2026-01-18", "2026-11-26"),
        ("Praktik i kommunen", "Pågående", "2026-01-18", "2026-11-26")]
