"""Word (.docx, python-docx) and Excel (.xlsx, openpyxl) files read into blocks."""

from __future__ import annotations

import io
import operator
import re
from datetime import date, datetime

from corpus.documents.colours import WINGDINGS, colour_name, marked, only_symbols
from corpus.documents.model import HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block
from corpus.documents.sheets import sheet_blocks
from corpus.model import ReportFormatError

_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.I)
_TITLE_STYLES = {"title", "rubrik", "titel"}
_LIST_STYLE = re.compile(r"list|lista|liststycke|punkt", re.I)


def docx_blocks(data: bytes, name: str) -> list[Block]:
    """Paragraphs and tables in body order; headers and footers of the sections as page furniture."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReportFormatError(f"Word-filen {name} kunde inte läsas (skadad eller inte .docx).") from exc
    blocks: list[Block] = []
    for section in document.sections:
        for part in (section.header, section.footer):
            for paragraph in part.paragraphs:
                if paragraph.text.strip():
                    blocks.append(Block(PARAGRAPH, paragraph.text.strip(), furniture=True))
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            block = _paragraph_block(item)
            if block is not None:
                blocks.append(block)
        elif isinstance(item, Table):
            blocks += _table_blocks(item)
    return blocks


def _table_blocks(table: object) -> list[Block]:
    """A table, and the tables nested in its cells (a form whose 'Aktiviteter' cell holds an activity table, a
    goal's form holding its sub-goals' forms) each after the row that holds it, in reading order: the rows
    before a nested table are a table of their own, those after it another."""
    blocks: list[Block] = []
    rows: list[list[str]] = []
    for row in table.rows:  # type: ignore[attr-defined]
        rows += _table_rows_of([row])
        nested = [inner for cell in _distinct_cells(row) for inner in cell.tables]
        if not nested:
            continue
        if rows:
            blocks.append(Block(TABLE, rows=rows))
            rows = []
        for inner in nested:
            blocks += _table_blocks(inner)
    if rows:
        blocks.append(Block(TABLE, rows=rows))
    return blocks


def _distinct_cells(row: object) -> list:
    """A row's cells, a merged cell (returned once per grid column it spans) once."""
    cells, previous = [], None
    for cell in row.cells:  # type: ignore[attr-defined]
        if previous is None or cell._tc is not previous:
            cells.append(cell)
        previous = cell._tc
    return cells


_FORM_PROMPT = re.compile(r"^\s*(?:välj|ange|choose|select|[-–—.]{2,})", re.I)


def _paragraph_text(paragraph: object) -> str:
    """A paragraph's text as Word shows it with its tracked changes accepted (text inserted kept, text deleted or
    moved away left out, which python-docx's runs do not), with what its content controls hold (a dropdown's
    choice, a date picker's date, which python-docx's runs leave out) and without a control's placeholder ('Välj
    ett objekt.')."""
    from docx.oxml.ns import qn

    element = paragraph._p  # type: ignore[attr-defined]
    if all(element.find(".//" + qn(tag)) is None for tag in ("w:sdt", "wp:docPr", "w:ins", "w:del", "w:moveFrom",
                                                                "w:ddList", "w:strike", "w:dstrike")):
        return paragraph.text  # type: ignore[attr-defined]
    struck = False
    parts: list[str] = []
    holder = element
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("wp:docPr"), qn("w:ddList")):
        # A text box's paragraphs ('Samlad bedömning' / 'Målet är delvis nått') stand in the paragraph that anchors
        # it: each its own line.
        inner = next(node.iterancestors(qn("w:p")), element)
        if inner is not holder and parts and not parts[-1].endswith("\n"):
            parts.append("\n")
        holder = inner
        if any(sdt.find(f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}") is not None for sdt in node.iterancestors(qn("w:sdt"))):
            continue
        if next(node.iterancestors(qn("w:del"), qn("w:moveFrom")), None) is not None:
            continue  # a change that takes the text away
        if node.tag == qn("w:t") and _struck(node, qn):
            struck = True
            continue  # 'Kommunfullmäktiges mål / ~~Nämndmål~~' on a form ('stryk det som inte gäller'): not said
        if node.tag == qn("w:ddList"):
            # An old form's drop-down field (FORMDROPDOWN): Word shows the entry its result picks, the first where
            # none is set; a prompt left standing ('Välj bedömning') is no choice.
            entries = [e.get(qn("w:val")) or "" for e in node.findall(qn("w:listEntry"))]
            picked = node.find(qn("w:result"))
            picked = picked if picked is not None else node.find(qn("w:default"))
            index = int(picked.get(qn("w:val")) or 0) if picked is not None else 0
            if 0 <= index < len(entries) and not _FORM_PROMPT.match(entries[index]):
                parts.append(entries[index])
            continue
        if node.tag == qn("wp:docPr"):
            # A picture in the text (a goal system's status symbol): its alternative text, as a screen reader says
            # it ('Gul cirkel'), where it stands.
            said = (node.get("descr") or node.get("title") or "").strip()
            if said:
                before = "".join(parts)
                parts.append(("" if not before or before[-1].isspace() else " ") + said + " ")
            continue
        parts.append(node.text or "" if node.tag == qn("w:t") else ("\t" if node.tag == qn("w:tab") else "\n"))
    said = "".join(parts)
    if struck:
        # The options left standing, without the separators of those struck out ('Ja / ~~Delvis~~ / ~~Nej~~').
        said = re.sub(r"^[\s/|,]+|[\s/|,]+$", "", re.sub(r"\s*/(?:\s*/)+\s*", " / ", said))
    return said


def _struck(text: object, qn: object) -> bool:
    """Whether a run's text is struck through (single or double), as a form's options not chosen are."""
    run = next(text.iterancestors(qn("w:r")), None)  # type: ignore[attr-defined, operator]
    props = run.find(qn("w:rPr")) if run is not None else None  # type: ignore[operator]
    if props is None:
        return False
    for tag in ("w:strike", "w:dstrike"):
        mark = props.find(qn(tag))  # type: ignore[operator]
        if mark is not None and (mark.get(qn("w:val")) or "true").lower() not in ("0", "false", "off"):  # type: ignore[operator]
            return True
    return False


def _paragraph_block(paragraph: object) -> Block | None:
    text = _paragraph_text(paragraph).strip()
    if not text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""  # type: ignore[attr-defined]
    runs = [r for r in paragraph.runs if r.text.strip()]  # type: ignore[attr-defined]
    bold = bool(runs) and all(r.bold or (r.style is not None and r.style.font.bold) for r in runs)
    text = marked(text, _symbol_colour(runs), in_cell=False)
    if (match := _HEADING_STYLE.match(style.strip())):
        return Block(HEADING, text, level=int(match.group(1)), bold=bold)
    if style.strip().lower() in _TITLE_STYLES:
        return Block(HEADING, text, level=1, bold=bold)
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None  # type: ignore[attr-defined]
    if numbered or _LIST_STYLE.search(style):
        level = 0
        if numbered and paragraph._p.pPr.numPr.ilvl is not None:  # type: ignore[attr-defined]
            level = int(paragraph._p.pPr.numPr.ilvl.val)  # type: ignore[attr-defined]
        return Block(LIST_ITEM, text, depth=level, bold=bold)
    return Block(PARAGRAPH, text, bold=bold)


def _symbol_colour(runs: list) -> str | None:
    """The colour of a coloured symbol among a paragraph's runs (a traffic-light dot before a title)."""
    for run in runs:
        if only_symbols(run.text) and run.font.color is not None and run.font.color.rgb is not None:
            return colour_name(str(run.font.color.rgb))
    return None


def _table_rows_of(table_rows: list) -> list[list[str]]:
    from docx.oxml.ns import qn

    rows: list[list[str]] = []
    for row in table_rows:
        if row._tr.find(f"{qn('w:trPr')}/{qn('w:del')}") is not None:  # type: ignore[attr-defined]
            continue  # a row deleted with the changes tracked
        cells: list[str] = []
        colours: list[str | None] = []
        for cell in _distinct_cells(row):
            texts = [_paragraph_text(p).strip() for p in cell.paragraphs]
            cells.append("\n".join(t for t in texts if t))
            colours.append(_docx_cell_colour(cell))
        cells = _with_colours(cells, colours)
        if any(cells):
            rows.append(cells)
    return rows


def _docx_cell_colour(cell: object) -> str | None:
    """The colour a Word cell shows: its shading, else the colour of the symbol it holds."""
    from docx.oxml.ns import qn

    properties = cell._tc.tcPr  # type: ignore[attr-defined]
    shading = properties.find(qn("w:shd")) if properties is not None else None
    if shading is not None and (name := colour_name(shading.get(qn("w:fill")))):
        return name
    for paragraph in cell.paragraphs:  # type: ignore[attr-defined]
        for run in paragraph.runs:
            if run.text.strip() and run.font.color is not None and run.font.color.rgb is not None:
                return colour_name(str(run.font.color.rgb))
    return None


def _with_colours(cells: list[str], colours: list[str | None]) -> list[str]:
    """Cells that show only a colour get its name. A colour every cell of a row shares is the row's shading
    (a header, banding), not a mark. A title shaded alone in its row ('Mål' green beside its analysis, the
    level shown only as the cell's fill) keeps its colour after it in parentheses; a status word in a coloured
    cell ('Pågår' on green) already says what the cell holds."""
    from corpus.labels import schemes

    if len(cells) > 1 and len(set(colours)) == 1:
        return cells
    painted = [colour for text, colour in zip(cells, colours, strict=True) if text]
    if len(painted) > 1 and painted[0] is not None and len(set(painted)) == 1:
        return cells  # every filled cell of the row in one fill: the row's shading (a goal row's band)
    out = [marked(text, colour) for text, colour in zip(cells, colours, strict=True)]
    for i, (text, colour) in enumerate(zip(cells, colours, strict=True)):
        others = [c for j, c in enumerate(cells) if j != i and c]
        # One colour on several titles of a row ('Mål 1 …', 'Mål 2 …' side by side) is their header style.
        if colour and text and others and not only_symbols(text) and not schemes().is_label(text) and \
                colours.count(colour) == 1:
            out[i] = f"{text} ({colour})"
    return out


_SECTIONS = re.compile(r'(?:"[^"]*"|\\.|[^;"\\])+')
_CONDITION = re.compile(r"\[(<=|>=|<>|=|<|>)\s*(-?\d+(?:[.,]\d+)?)\]")
_OPERATORS = {"=": operator.eq, "<>": operator.ne, "<": operator.lt, ">": operator.gt, "<=": operator.le,
              ">=": operator.ge}


def formatted_words(value: float, number_format: str) -> str | None:
    """The words a number format shows for a number where its section holds words and no digits ('[=3]"▲
    Uppnått";[=2]"● Delvis";"▼ Ej"', '"Ja";;"Nej"'); None where the format shows the number itself."""
    if '"' not in number_format and "\\" not in number_format:
        return None
    sections = _SECTIONS.findall(number_format)
    conditioned = [(_CONDITION.search(part), part) for part in sections]
    if any(condition for condition, _ in conditioned):
        # Conditions are tried in order; the first section without one is what any other number shows.
        chosen = next((part for condition, part in conditioned if condition is None or _OPERATORS[condition.group(1)](
            value, float(condition.group(2).replace(",", ".")))), None)
    else:
        chosen = sections[0] if value > 0 or len(sections) == 1 else \
            sections[1] if value < 0 or len(sections) == 2 else sections[2]
    if chosen is None:
        return None
    bare = re.sub(r"\[[^\]]*\]", "", chosen)  # colours and conditions
    if re.search(r'[0#?@]', re.sub(r'"[^"]*"|\\.', "", bare)):
        return None  # a placeholder for the number: the number is shown
    words = "".join(q or e for q, e in re.findall(r'"([^"]*)"|\\(.)', bare)).strip()
    return words or None


def _cell_text(value: object, number_format: str = "General") -> str:
    """A cell's value as the sheet shows it: dates as ISO dates, whole numbers without '.0', a share in a
    percentage format as a percentage ('0 %' over 0.667: '67 %')."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool) and \
            (shown := formatted_words(float(value), number_format or "")) is not None:
        return shown  # '[=3]"▲ Uppnått";[=2]"● Delvis uppnått";"▼ Ej uppnått"' over 3: the words the cell shows
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in (number_format or ""):
        return f"{round(value * 100)} %"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def xlsx_blocks(data: bytes, name: str) -> list[Block]:
    """Each sheet: its name as a heading, rows with a single value above the table as paragraphs, the rest as
    one table whose first row of several values is the header."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise ReportFormatError(f"Excel-filen {name} kunde inte läsas (skadad eller inte .xlsx).") from exc
    blocks: list[Block] = []
    for sheet in workbook.worksheets:
        if getattr(sheet, "sheet_state", "visible") != "visible":
            continue  # a hidden sheet holds a form's lists (the choices of a drop-down), not the report
        read = [(_with_colours([_symbol_font(c, _cell_text(c.value, getattr(c, "number_format", "General")))
                                for c in row],
                               [_xlsx_cell_colour(c) for c in row]), _first_indent(row))
                for row in sheet.iter_rows()]
        read = [(r, indent) for r, indent in read if any(r)]
        if not read:
            continue
        rows = [r for r, _ in read]
        indents = [indent for _, indent in read]
        width = max(len(r) for r in rows)
        # Columns empty in every row are dropped (exports pad to a fixed width).
        used = [c for c in range(width) if any(c < len(r) and r[c] for r in rows)]
        rows = [[r[c] if c < len(r) else "" for c in used] for r in rows]
        # Level 0: a sheet, above any heading inside it.
        blocks.append(Block(HEADING, sheet.title, level=0, furniture=_default_sheet_name(sheet.title)))
        blocks += sheet_blocks(rows, indents)
    workbook.close()
    return blocks


def _symbol_font(cell: object, text: str) -> str:
    """A cell set in a symbol font (Wingdings 'J', 'K', 'L' shown as faces) as the symbols it shows."""
    font = getattr(getattr(cell, "font", None), "name", None) or ""
    if text and len(text) <= 3 and re.match(r"(?i)wingdings", font):
        return "".join(WINGDINGS.get(ch, ch) for ch in text)
    return text


def _first_indent(row: tuple) -> int:
    """The indent of a row's first filled cell (a tree laid out by indenting its titles: 0, 2, 4)."""
    for cell in row:
        if getattr(cell, "value", None) not in (None, ""):
            alignment = getattr(cell, "alignment", None)
            return int(getattr(alignment, "indent", 0) or 0)
    return 0


def _xlsx_cell_colour(cell: object) -> str | None:
    """The colour an Excel cell shows: a solid fill, else the font colour of the symbol it holds. Theme colours
    are not resolved (they depend on the workbook's theme), so they say nothing."""
    fill = getattr(cell, "fill", None)
    if fill is not None and fill.fill_type == "solid":
        name = _openpyxl_colour(fill.fgColor) or _openpyxl_colour(fill.start_color)
        if name:
            return name
    font = getattr(cell, "font", None)
    return _openpyxl_colour(font.color) if font is not None and font.color is not None else None


def _openpyxl_colour(colour: object) -> str | None:
    from openpyxl.styles.colors import COLOR_INDEX

    kind = getattr(colour, "type", None)
    if kind == "rgb":
        return colour_name(str(colour.rgb))  # type: ignore[attr-defined]
    if kind == "indexed" and 0 <= colour.indexed < len(COLOR_INDEX):  # type: ignore[attr-defined]
        return colour_name(COLOR_INDEX[colour.indexed])  # type: ignore[attr-defined]
    return None


def _default_sheet_name(title: str) -> bool:
    return bool(re.fullmatch(r"(blad|sheet|tabell)\s*\d*", title.strip(), re.I))
