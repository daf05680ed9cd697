"""Reports in every format read through one document model and one interpreter, parsed back exactly."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from corpus.documents import read_bytes
from corpus.ingest import IngestOptions, ingest_paths
from corpus.labels import LabelSchemes, read_scheme, read_status, schemes
from corpus.model import ParsedReport, ReportFormatError, UppsiktError
from corpus.parse import parse_document
from corpus.store import Store
from corpus.text import squash
from tests import synthetic
from tests.synthetic import FORMS, random_tree

RAW = Path(__file__).resolve().parent.parent / "corpus" / "raw"


def _entities(report: ParsedReport) -> dict[str, set]:
    titles = {g.number: g.title for g in report.goals}
    return {
        "goals": {(g.title, titles.get(g.parent_number) if g.parent_number else None) for g in report.goals},
        "levels": {(g.title, g.assessment) for g in report.goals if g.parent_number},
        # Paragraph breaks in a comment are layout (a page break may or may not end a paragraph); words are not.
        "activities": {(a.title, a.status, a.start, a.end, titles.get(a.goal_numbers[0]) if a.goal_numbers else None,
                        squash(a.comment), tuple(a.units)) for a in report.activities},
    }


def _expected(tree: synthetic.Tree) -> dict[str, set]:
    return {
        "goals": {(g.title, None) for g in tree.goals} | {(s.title, g.title) for g in tree.goals for s in g.subgoals},
        "levels": {(s.title, s.level) for s in tree.subgoals()},
        "activities": {(a.title, a.status, a.start, a.end, g.title, squash(a.comment), tuple(a.units))
                       for g, a in tree.activities()},
    }


def _parse(form: str, tree: synthetic.Tree) -> ParsedReport:
    name, render = FORMS[form]
    return parse_document(read_bytes(render(tree), name))


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("form", list(FORMS))
def test_generated_report_parses_back_exactly(form: str, seed: int) -> None:
    tree = random_tree(seed, colours=form in ("html", "xlsx") and seed % 2 == 1)
    report = _parse(form, tree)
    assert _entities(report) == _expected(tree)
    assert (report.year, report.period) == (tree.year, tree.period)
    # 004's form repeats its table head above every activity: those lines are left out, as in the seeds.
    assert report.coverage()["share"] > 0.8
    assert not [w for w in report.warnings if "lagras inte" in w or "okänd" in w]


def test_the_same_report_in_every_format_gives_the_same_entities() -> None:
    tree = random_tree(7)
    seen = {form: _entities(_parse(form, tree)) for form in FORMS}
    first = seen["text"]
    assert all(entities == first for entities in seen.values()), [f for f, e in seen.items() if e != first]


def test_running_headers_and_page_numbers_of_a_long_pdf_are_furniture() -> None:
    tree = random_tree(11)
    for goal in tree.goals:  # long enough for several pages
        for activity in goal.activities:
            activity.comment = " ".join([activity.comment] * 12)
    document = read_bytes(synthetic.pdf_bytes(tree), "lang.pdf")
    pages = {b.page for b in document.blocks}
    assert len(pages) >= 3
    furniture = [b.text for b in document.blocks if b.furniture]
    assert sum(1 for t in furniture if t.startswith("Sida")) >= len(pages) - 1
    report = parse_document(document)
    assert not [a for a in report.activities if "Norrvik kommun ·" in a.comment or "Sida " in a.comment]
    assert _entities(report) == _expected(tree)


def test_a_two_column_pdf_is_read_column_by_column() -> None:
    tree = random_tree(13)
    for goal in tree.goals:  # enough text to fill the left column and go on in the right one
        for activity in goal.activities:
            activity.comment = " ".join([activity.comment] * 5)
    document = read_bytes(synthetic.pdf_columns_bytes(tree), "spalter.pdf")
    assert any(b.kind == "heading" and b.text.startswith("Mål 3") for b in document.blocks)
    assert _entities(parse_document(document)) == _expected(tree)


# The variations other exports show, as small Swedish cases ----------------------------------------------------

def _field_report(body: str, head: str = "Norrvik kommun\nUppföljning T1 2025\n") -> ParsedReport:
    return parse_document(read_bytes((head + "\n" + body).encode("utf-8"), "variant.txt"))


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Pågår enligt plan", "Pågående enligt plan"),
        ("Avslutad", "Avslutad enligt plan"),
        ("Klar", "Avslutad enligt plan"),
        ("Genomförd", "Avslutad enligt plan"),
        ("Försenad", "Pågående med avvikelse"),
        ("Pausad", "Vänteläge"),
        ("Uppdraget bedöms bli genomfört under året", "Pågående enligt plan"),
        ("Grön", "Pågående enligt plan"),
        ("▶ Pågående enligt plan", "Pågående enligt plan"),
        ("Ej startad", "Ej påbörjad"),
        ("Försenad åtgärd", "Pågående med avvikelse"),
        ("Åtgärden är inställd", "Avslutad med avvikelse"),
    ],
)
def test_status_variants_are_read_and_kept_as_written(written: str, canonical: str) -> None:
    report = _field_report(f"Mål 1: Fler ska arbeta\n\nAktivitet: Starta jobbspår\nStatus: {written}\n"
                           "Kommentar: Arbetet rullar på.\n")
    activity = report.activities[0]
    assert (activity.status, activity.status_raw) == (canonical, written)
    assert activity.comment == "Arbetet rullar på."


@pytest.mark.parametrize(
    ("written", "level"),
    [
        ("Uppfyllt", "Uppfyllt"), ("Delvis uppnått", "Delvis uppfyllt"), ("Ej uppnått", "Ej uppfyllt"),
        ("Röd", "Ej uppfyllt"), ("Gul", "Delvis uppfyllt"), ("Helt uppfyllt", "Uppfyllt"),
        ("Till stor del uppfyllt", "Delvis uppfyllt"), ("I liten utsträckning uppfyllt", "Knappt uppfyllt"),
        ("Målet bedöms inte uppnås", "Ej uppfyllt"), ("😐", "Delvis uppfyllt"), ("Osäkert om målet kan uppnås", "Delvis uppfyllt"),
        ("Målet blir svårt att uppnå", "Knappt uppfyllt"),
    ],
)
def test_goal_scales_of_three_four_and_five_steps_map_onto_the_levels(written: str, level: str) -> None:
    report = _field_report(f"Mål 1: Fler ska arbeta\n\nDelmål 1.1: Arbetslösheten ska minska\nBedömning: {written}\n")
    assert [(g.assessment, g.assessment_raw) for g in report.goals if g.parent_number] == [(level, written)]


@pytest.mark.parametrize(
    ("comment", "level", "rest"),
    [
        ("Delvis uppfyllt. Andelen har ökat men når inte målvärdet.", "Delvis uppfyllt",
         "Andelen har ökat men når inte målvärdet."),
        ("Gul – utvecklingen går åt rätt håll.", "Delvis uppfyllt", "utvecklingen går åt rätt håll."),
        ("Delvis har vi nått fram, men inte överallt.", None, "Delvis har vi nått fram, men inte överallt."),
    ],
)
def test_a_goal_comment_that_opens_with_its_level_states_it(comment: str, level: str | None, rest: str) -> None:
    report = _field_report(f"Mål 1: Fler ska arbeta\n\nDelmål 1.1: Arbetslösheten ska minska\nKommentar: {comment}\n")
    sub = next(g for g in report.goals if g.parent_number)
    assert (sub.assessment, sub.comment) == (level, rest)


@pytest.mark.parametrize(
    ("head", "comment", "year", "period"),
    [
        ("Norrvik kommun\nDelårsrapport 1 2025\n", "Jämfört med T1 2024 har andelen ökat.", 2025, "T1"),
        ("Norrvik kommun\nUppföljning T1 2025\n", "Fortsatt arbete planeras till T2.", 2025, "T1"),
        ("Norrvik kommun\nVerksamhetsuppföljning per den 31 augusti 2025\n", "Jämfört med 2024 är läget bättre.",
         2025, "T2"),
        ("Norrvik kommun\nÅrsredovisning 2025\n", "Inför T1 2026 planeras en ny satsning.", 2025, "T3"),
        ("Norrvik kommun\nUppföljning januari–april 2026\n", "Under 2025 gjordes en kartläggning.", 2026, "T1"),
    ],
)
def test_year_and_period_come_from_the_title_never_from_a_comment(head: str, comment: str, year: int,
                                                                   period: str) -> None:
    report = _field_report(f"Mål 1: Fler ska arbeta\n\nAktivitet: Starta jobbspår\nStatus: Pågår\n"
                           f"Kommentar: {comment}\n", head=head)
    assert (report.year, report.period) == (year, period)


def test_a_report_that_does_not_say_its_year_asks_for_it() -> None:
    with pytest.raises(ReportFormatError, match="--year"):
        _field_report("Mål 1: Fler ska arbeta\n\nAktivitet: Starta jobbspår\nStatus: Pågår\n",
                      head="Norrvik kommun\nUppföljning av målen\n")
    report = parse_document(read_bytes(b"Norrvik kommun\n\nM\xc3\xa5l 1: Fler ska arbeta\n\nAktivitet: Starta\n"
                                       b"Status: P\xc3\xa5g\xc3\xa5r\n", "utan.txt"), year=2025, period="T2")
    assert (report.year, report.period) == (2025, "T2")


def test_a_title_that_holds_dates_or_a_status_is_not_stored_as_content() -> None:
    body = ("Mål 1: Fler ska arbeta\n\n" + "".join(f"Aktivitet: Insats nummer {n}\nStatus: Pågår\n\n" for n in range(6))
            + "Aktivitet: Pågår enligt plan\nStatus: Klar\n")
    report = _field_report(body)
    assert [a.title for a in report.activities] == [f"Insats nummer {n}" for n in range(6)]
    assert any("lagras inte: titeln är en status" in w for w in report.warnings)
    assert report.coverage()["share"] < 1.0


def test_a_report_mostly_garbage_is_refused() -> None:
    body = "Mål 1: Fler ska arbeta\n\n" + "".join(f"Aktivitet: 2025-0{n}-01 2025-0{n}-30\nStatus: Pågår\n\n"
                                                  for n in range(1, 5))
    with pytest.raises(ReportFormatError, match="kunde inte tolkas väl nog"):
        _field_report(body)


# The seed forms with the variations of a new report --------------------------------------------------------

def _seed(name: str) -> str:
    return next(RAW.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def test_004_form_of_another_year_reads_new_status_words_and_keeps_comments_clean() -> None:
    text = _seed("004").replace("2024", "2025")
    text = text.replace(" Pågående enligt plan \n", " Pågår enligt plan \n", 3)
    text = text.replace(" Avslutad enligt plan \n", " Avslutad \n", 2)
    text = text.replace("rekrytering av fler aktörer", "rekrytering av fler aktörer. Jämfört med T1 2024 har fler "
                        "anmält intresse, och en uppföljning planeras till T2", 1)
    report = parse_document(read_bytes(text.encode("utf-8"), "004_2025.txt"))
    base = parse_document(read_bytes(_seed("004").encode("utf-8"), "004.txt"))
    assert (report.year, report.period) == (2025, "T1")
    assert len(report.activities) == len(base.activities) == 79
    assert [a.status for a in report.activities] == [a.status for a in base.activities]
    assert {a.status_raw for a in report.activities} >= {"Pågår enligt plan", "Avslutad"}
    assert not [a for a in report.activities if "Uppsiktsrapport till kommunstyrelsen" in a.comment + a.description]


def test_004_form_wrapped_description_ending_in_a_status_word_is_not_a_status() -> None:
    text = _seed("004")
    marker = " Pågående enligt plan \n"
    first = text.index(marker)
    # An activity whose description's last wrapped line reads 'pågående arbete.' and whose status follows.
    text = text[:first] + "pågående arbete. \n\n" + text[first:]
    report = parse_document(read_bytes(text.encode("utf-8"), "004_v.txt"))
    base = parse_document(read_bytes(_seed("004").encode("utf-8"), "004.txt"))
    assert [a.status for a in report.activities] == [a.status for a in base.activities]
    assert any(a.description.endswith("pågående arbete.") for a in report.activities)


def test_001_form_bold_phrase_inside_a_comment_is_no_activity() -> None:
    text = _seed("001")
    text = text.replace("Planering pågår, temadagarna", "Planering pågår. <b>Viktigt att notera</b> är att temadagarna",
                        1)
    report = parse_document(read_bytes(text.encode("utf-8"), "001_v.txt"))
    assert len(report.activities) == 31
    assert not [a for a in report.activities if a.title.startswith("Viktigt")]
    assert any("Viktigt att notera är att temadagarna" in a.comment for a in report.activities)


def test_000_form_comment_opening_with_its_level_gives_the_assessment() -> None:
    text = _seed("000")
    text = text.replace("Bobergsgymnasiet bedöms hålla god kvalitét",
                        "Delvis uppfyllt. Bobergsgymnasiet bedöms hålla god kvalitét", 1)
    report = parse_document(read_bytes(text.encode("utf-8"), "000_v.txt"))
    stated = [g for g in report.goals if g.assessment]
    assert [(g.assessment, g.comment[:16]) for g in stated] == [("Delvis uppfyllt", "Bobergsgymnasiet")]


# Label schemes as data -------------------------------------------------------------------------------------

def test_a_municipality_scheme_is_one_more_file(tmp_path: Path) -> None:
    (tmp_path / "sorby.toml").write_text(
        'name = "sörby"\n[activity]\n"Pågående med avvikelse" = ["Ligger efter i tid"]\n'
        '[[goal_scale]]\nsteps = ["Inte nått", "På väg", "Nått"]\n', encoding="utf-8")
    labels = LabelSchemes.load([tmp_path])
    assert labels.match("activity", "Ligger efter i tid").canonical == "Pågående med avvikelse"
    assert labels.match("goal", "På väg").canonical == "Delvis uppfyllt"
    assert labels.match("activity", "Ligger efter i tid").scheme == "sörby"
    assert schemes().match("activity", "Ligger efter i tid") is None


def test_a_scheme_that_contradicts_another_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "fel.toml").write_text('[activity]\n"Vänteläge" = ["Klar"]\n', encoding="utf-8")
    with pytest.raises(UppsiktError, match="betyder både"):
        LabelSchemes.load([tmp_path])
    (tmp_path / "fel.toml").write_text('[goal]\n"Nästan" = ["x"]\n', encoding="utf-8")
    with pytest.raises(UppsiktError, match="inte är en av nivåerna"):
        read_scheme(tmp_path / "fel.toml")


@pytest.mark.parametrize(("line", "status"), [("pågående arbete.", None), ("Pagaende enligt plan", "Pågående enligt plan"),
                                              ("Pågår", "Pågående"), ("Kommentar", None)])
def test_a_status_line_is_a_whole_label(line: str, status: str | None) -> None:
    found = read_status(line)
    assert (found.canonical if found else None) == status


# Bad input: one sentence, store untouched ------------------------------------------------------------------

def _scanned_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a page with a picture and no text layer
    return bytes(pdf.output())


def _no_columns_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in (["Kolumn A", "Kolumn B"], ["1", "2"], ["3", "4"]):
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


BAD_FILES = {
    "tom.txt": (b"   \n", "tom"),
    "binar.txt": (bytes(range(256)) * 40, "binärfil"),
    "avkortad.pdf": (synthetic.pdf_bytes(random_tree(1))[:1500], "PDF-filen"),
    "skannad.pdf": (None, "textlager"),
    "okand.txt": ("Målet är nått och arbetet fortsätter. ".encode("cp500") * 50, "teckenkodning"),
    "tabell.xlsx": (None, "uppföljningsrapport"),
    "gammal.doc": (b"\xd0\xcf\x11\xe0" + b"\x00" * 600, ".docx"),
    "trasig.docx": (b"PK\x03\x04" + b"\x00" * 200, "zip"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_input_is_one_sentence_and_leaves_the_store_as_it_was(name: str, tmp_path: Path) -> None:
    data, message = BAD_FILES[name]
    if name == "skannad.pdf":
        data = _scanned_pdf()
    if name == "tabell.xlsx":
        data = _no_columns_xlsx()
    store = Store(tmp_path / "store.sqlite")
    good = tmp_path / "norrvik.txt"
    good.write_bytes(FORMS["text"][1](random_tree(3)))
    ingest_paths([good], store)
    before = hashlib.sha256((tmp_path / "store.sqlite").read_bytes()).hexdigest()
    bad = tmp_path / name
    bad.write_bytes(data)
    with pytest.raises(ReportFormatError) as caught:
        ingest_paths([bad], store, options=IngestOptions(organisation="Norrvik kommun"))
    sentence = str(caught.value)
    assert message in sentence and sentence.count("\n") == 0 and "Traceback" not in sentence
    assert hashlib.sha256((tmp_path / "store.sqlite").read_bytes()).hexdigest() == before


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "stor.txt"
    with huge.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    with pytest.raises(ReportFormatError, match="20 MB"):
        ingest_paths([huge], Store(tmp_path / "s.sqlite"))


def test_every_format_ingests_into_the_store_with_its_organisation(tmp_path: Path) -> None:
    store = Store(tmp_path / "store.sqlite")
    paths = []
    for n, form in enumerate(("docx", "xlsx", "pdf", "html")):
        name, render = FORMS[form]
        path = tmp_path / f"{n}_{name}"
        path.write_bytes(render(random_tree(20 + n)))
        paths.append(path)
    result = ingest_paths(paths, store)
    assert {r["organisation"] for r in result.reports} == {"Norrvik kommun"}
    assert {r["form"] for r in result.reports} == {"general_docx", "general_xlsx", "general_pdf", "general_html"}
    assert all(r["activities"] > 0 and r["coverage"] > 0.85 for r in result.reports)


def test_a_proposal_is_also_named_in_the_organisation_own_scheme(tmp_path: Path) -> None:
    from app.service import Service
    from corpus.settings import Paths

    service = Service(paths=Paths(db=tmp_path / "s.sqlite", raw_dir=tmp_path, artifacts=tmp_path / "artifacts"))
    tree = random_tree(5, colours=True)
    path = tmp_path / "norrvik.html"
    path.write_bytes(FORMS["html"][1](tree))
    service.ingest([path])
    written = service.own_labels("activity", "Norrvik kommun")
    expected = {a.status: a.status_written for _, a in tree.activities()}
    assert written == expected and set(written.values()) <= {"Grön", "Gul", "Blå"}
    levels = service.own_labels("goal", "Norrvik kommun")
    assert levels == {s.level: s.level_written for s in tree.subgoals()}


def test_bold_lines_under_labelled_goals_are_activities_and_indicator_tables_are_measures() -> None:
    html = ("<html><body><h1>Norrvik kommun: Delårsrapport 2 2025</h1>"
            "<p><b>Mål 1: Fler ska ha ett arbete</b></p>"
            "<table><tr><th>Indikator</th><th>Utfall</th><th>Målvärde</th></tr>"
            "<tr><td>Andel i arbete</td><td>71 %</td><td>75 %</td></tr></table>"
            "<p><b>Starta jobbspår</b></p><p>Status: Pågår</p><p>Kommentar: Första gruppen har börjat.</p>"
            "<p><b>Mål 2: Fler ska bo i kommunen</b></p>"
            "<p><b>Ny detaljplan</b></p><p>Status: Försenad</p></body></html>")
    report = parse_document(read_bytes(html.encode("utf-8"), "delar.html"))
    assert [(g.title, g.measures) for g in report.goals] == [
        ("Fler ska ha ett arbete", ["Andel i arbete; Utfall: 71 %; Målvärde: 75 %"]), ("Fler ska bo i kommunen", [])]
    titles = {g.number: g.title for g in report.goals}
    assert [(a.title, a.status, titles[a.goal_numbers[0]]) for a in report.activities] == [
        ("Starta jobbspår", "Pågående", "Fler ska ha ett arbete"),
        ("Ny detaljplan", "Pågående med avvikelse", "Fler ska bo i kommunen")]


def test_a_table_of_contents_lists_no_goals() -> None:
    text = ("Norrvik kommun\nTertialrapport 1 2025\n\nInnehållsförteckning\n1.1 Fler ska ha ett arbete ........ 3\n"
            "1.2 Fler ska bo i kommunen ....... 5\n\n1.1 Fler ska ha ett arbete\n\nAktivitet: Starta jobbspår\n"
            "Status: Pågår\n\n1.2 Fler ska bo i kommunen\n\nAktivitet: Ny detaljplan\nStatus: Klar\n")
    report = parse_document(read_bytes(text.encode("utf-8"), "toc.txt"))
    assert [g.title for g in report.goals] == ["Fler ska ha ett arbete", "Fler ska bo i kommunen"]
    assert report.coverage()["lines"].get("toc") == 2


def test_running_headers_are_furniture_but_a_passage_copied_under_several_goals_is_not() -> None:
    report_002 = parse_document(read_bytes(_seed("002").encode("utf-8"), "002.txt"))
    titles = {g.number: g.title for g in report_002.goals}
    assert titles["1.4"] == "Fortsätta arbetet med att attrahera energiintensiv industri till kommunen"
    copied = [g for g in report_002.goals if "Arbetet är påbörjat och pågår som en löpande aktivitet" in g.comment]
    assert len(copied) == 3
    report_004 = parse_document(read_bytes(_seed("004").encode("utf-8"), "004.txt"))
    header_lines = [n for n, (line, kind) in enumerate(zip(report_004.lines, report_004.line_kinds, strict=True))
                    if line.strip() in ("Uppsiktsrapport till kommunstyrelsen", "Kommunstyrelsen", "Sida 13 av 25")]
    assert header_lines and all(report_004.line_kinds[n] == "header" for n in header_lines)


def test_a_report_is_read_again_when_the_reading_has_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import corpus.ingest

    path = tmp_path / "norrvik.txt"
    path.write_bytes(FORMS["text"][1](random_tree(6)))
    store = Store(tmp_path / "s.sqlite")
    assert [r["status"] for r in ingest_paths([path], store).reports] == ["ingested"]
    assert [r["status"] for r in ingest_paths([path], store).reports] == ["unchanged"]
    monkeypatch.setattr(corpus.ingest, "READING_VERSION", "nästa")
    assert [r["status"] for r in ingest_paths([path], store).reports] == ["ingested"]


def test_read_again_a_report_is_no_duplicate_of_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import corpus.ingest

    first, copy = tmp_path / "a.txt", tmp_path / "b.html"
    tree = random_tree(8)
    first.write_bytes(FORMS["text"][1](tree))
    copy.write_bytes(FORMS["html"][1](tree))
    store = Store(tmp_path / "s.sqlite")
    ingest_paths([first, copy], store)
    monkeypatch.setattr(corpus.ingest, "READING_VERSION", "nästa")
    reports = {r["source"]: r["duplicate_of"] for r in ingest_paths([first, copy], store).reports}
    assert reports == {"a.txt": None, "b.html": "a.txt"}


_SYMBOL_FORMAT = '[Color10][=3]"▲ Uppnått";[Color53][=2]"● Delvis uppnått";[Red]"▼ Ej uppnått"'


@pytest.mark.parametrize(("value", "number_format", "shown"), [
    (3, _SYMBOL_FORMAT, "▲ Uppnått"),
    (2, _SYMBOL_FORMAT, "● Delvis uppnått"),
    (1, _SYMBOL_FORMAT, "▼ Ej uppnått"),
    (1, '"Ja";;"Nej"', "Ja"),
    (0, '"Ja";;"Nej"', "Nej"),
    (3, '0" st"', None),  # the number is shown, with a unit after it
    (5, "0.0", None),
])
def test_a_number_format_that_shows_words_is_read_as_those_words(value: float, number_format: str,
                                                                   shown: str | None) -> None:
    from corpus.documents.office import formatted_words

    assert formatted_words(value, number_format) == shown


def test_a_page_set_in_two_columns_is_read_column_by_column() -> None:
    from corpus.documents.columns import unfold_columns

    left = [f"Vänster spalt rad {n} med löptext" for n in range(10)]
    right = [f"Höger spalt rad {n} med löptext" for n in range(10)]
    page = "\n".join(["Kommunen                                          Delårsrapport 2031",
                      *(f"{a:<45}{b}" for a, b in zip(left, right, strict=True)), "Sida 1 av 2"])
    table = "\n".join(["Rubrik", *(f"Rad {n:<10}   {n * 10:>8}   {n * 20:>8}   {n * 30:>8}" for n in range(10)), "Sida 2"])
    lines = unfold_columns(f"{page}\f{table}").split("\n")
    body = [line for line in lines if line.strip()]
    assert body[1:11] == left and body[11:21] == right  # the left column first, then the right
    assert body[0] == "Kommunen · Delårsrapport 2031"  # the running header one line, its parts set apart
    assert any(line.startswith("Rad 3 ") and line.rstrip().endswith("90") for line in lines)  # a table stays whole
