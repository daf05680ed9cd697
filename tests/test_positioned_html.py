"""A PDF converted to HTML line by line (pdf2htmlEX): each line placed by CSS classes, table cells in clip boxes,
the content stream's order not the reading order. Read by the lines' places, as the PDF it was."""

from __future__ import annotations

from corpus.documents import read_bytes
from corpus.documents.html import html_blocks
from corpus.documents.model import TABLE
from corpus.parse import parse_document

_CSS = (".t{position:absolute;white-space:pre;font-size:1px;}"
        ".m0{transform:matrix(0.250000,0,0,0.250000,0,0);}"
        ".w0{width:595.276000px;}.h0{height:841.890000px;}"
        ".x1{left:70.000000px;}.x2{left:470.000000px;}.x3{left:480.000000px;}.xb{left:3.000000px;}"
        ".xc{left:270.000000px;}.xd{left:370.000000px;}"
        ".fs1{font-size:38.000000px;}.fs2{font-size:48.000000px;}.fs3{font-size:30.000000px;}.fs4{font-size:64.000000px;}"
        ".y1{bottom:800.000000px;}.y2{bottom:740.000000px;}.y3{bottom:726.000000px;}.y4{bottom:712.000000px;}"
        ".y5{bottom:686.000000px;}.y6{bottom:724.000000px;}.y7{bottom:660.000000px;}"
        ".y16{bottom:780.000000px;}.y17{bottom:768.000000px;}.y18{bottom:756.000000px;}"
        ".y8{bottom:640.000000px;}.y9{bottom:625.000000px;}.y10{bottom:610.000000px;}.y0{bottom:4.000000px;}"
        ".y11{bottom:590.000000px;}.y12{bottom:570.000000px;}.y13{bottom:555.000000px;}.y14{bottom:540.000000px;}"
        ".wa{width:190.000000px;}.wb{width:90.000000px;}.wc{width:80.000000px;}.hc{height:14.000000px;}")


def _t(x: str, y: str, fs: str, text: str) -> str:
    return f'<div class="t m0 {x} {y} ff1 {fs} fc0 sc0 ls0 ws0">{text}</div>'


def _cell(x: str, y: str, w: str, text: str) -> str:
    return f'<div class="c {x} {y} {w} hc">{_t("xb", "y0", "fs1", text)}</div>'


_PAGE = "\n".join([
    "<!DOCTYPE html>", "<!-- Created by pdf2htmlEX (https://github.com/pdf2htmlex/pdf2htmlex) -->",
    '<html><head><meta charset="utf-8"/><meta name="generator" content="pdf2htmlEX"/>',
    f'<style type="text/css">{_CSS}</style></head><body><div id="page-container">',
    '<div id="pf1" class="pf w0 h0" data-page-no="1"><div class="pc pc1 w0 h0">',
    _t("x1", "y1", "fs4", "Delårsrapport 2030"),
    _t("x1", "y16", "fs1", "☀ Målet bedöms uppnås under 2030."),
    _t("x1", "y17", "fs1", "⛅ Målet bedöms delvis uppnås under 2030."),
    _t("x1", "y18", "fs1", "🌧 Målet bedöms inte uppnås under 2030."),
    _t("x1", "y2", "fs3", "REGIONFULLMÄKTIGES MÅL 1"),
    _t("x1", "y3", "fs2", "Fallmyra har en hållbar och tillgänglig"),
    _t("x1", "y4", "fs2", "kollektivtrafik i hela regionen"),
    _t("x1", "y5", "fs1", "Resandet har ökat, men tillgänglighetsanpassningen av hållplatser ligger efter."),
    # The level beside the label and the title, written after the analysis (the content stream's order).
    _t("x2", "y2", "fs3", "Prognos helår"),
    _t("x3", "y6", "fs4", "⛅"),
    _t("x1", "y7", "fs1", "Aktiviteter"),
    # The table drawn column by column: the header, then every Aktivitet cell, then every Status cell.
    _cell("x1", "y8", "wa", "Aktivitet"), _cell("xc", "y8", "wb", "Status"), _cell("xd", "y8", "wc", "Start"),
    _cell("x1", "y9", "wa", "Nya expresslinjer"), _cell("x1", "y10", "wa", "Gemensam biljett"),
    _cell("xc", "y9", "wb", "Slutförd"), _cell("xc", "y10", "wb", "Försenad"),
    _cell("xd", "y9", "wc", "2029-12-15"), _cell("xd", "y10", "wc", "2030-02-01"),
    _t("x1", "y11", "fs1", "Aktiviteter direkt under regionfullmäktiges mål 1"),
    _cell("x1", "y12", "wa", "Aktivitet"), _cell("xc", "y12", "wb", "Status"), _cell("xd", "y12", "wc", "Start"),
    _cell("x1", "y13", "wa", "Nytt trafikprogram"), _cell("xc", "y13", "wb", "Pågår"),
    _cell("xd", "y13", "wc", "2030-01-20"),
    "</div></div></div></body></html>",
])


def test_lines_are_read_by_their_places() -> None:
    blocks = html_blocks(_PAGE)
    texts = [b.text for b in blocks if b.kind != TABLE]
    # The title's two lines are one; the margin's caption and symbol come after it, not before its second line.
    title = next(t for t in texts if t.startswith("Fallmyra"))
    assert title == "Fallmyra har en hållbar och tillgänglig kollektivtrafik i hela regionen"
    assert texts.index("Prognos helår") > texts.index(title)
    tables = [b.rows for b in blocks if b.kind == TABLE]
    # Rows are the boxes that share a top edge; a caption between two tables keeps them apart.
    assert tables == [[["Aktivitet", "Status", "Start"], ["Nya expresslinjer", "Slutförd", "2029-12-15"],
                       ["Gemensam biljett", "Försenad", "2030-02-01"]],
                      [["Aktivitet", "Status", "Start"], ["Nytt trafikprogram", "Pågår", "2030-01-20"]]]


def test_a_converted_report_is_read_as_its_pdf() -> None:
    report = parse_document(read_bytes(_PAGE.encode("utf-8"), "rapport.html"))
    assert [(g.title, g.assessment) for g in report.goals] == [
        ("Fallmyra har en hållbar och tillgänglig kollektivtrafik i hela regionen", "Delvis uppfyllt")]
    assert [(a.title, a.status, a.start) for a in report.activities] == [
        ("Nya expresslinjer", "Avslutad enligt plan", "2029-12-15"),
        ("Gemensam biljett", "Pågående med avvikelse", "2030-02-01"),
        ("Nytt trafikprogram", "Pågående", "2030-01-20")]
