"""Laid-out PDF read with pdfplumber: words with positions grouped into lines, columns and cells.

A page with a gutter down its middle is read column by column. Within a line, a gap much wider than a
space separates cells, so a title with its dates set beside it keeps them apart. Larger or bold type is a
heading; wrapped lines of one paragraph are joined. Lines at the top or bottom of the page that repeat on
other pages are furniture, whatever they say.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from corpus.documents.colours import COLOUR_WORDS, only_symbols, pdf_colour_name
from corpus.documents.model import HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block
from corpus.model import ReportFormatError

CELL_GAP = 2.5  # a gap of this many times the type size between words separates cells
EDGE_SHARE = 0.1  # the top and bottom tenth of a page is where headers and footers stand
PAGE_BODY_CHARS = 600  # a page with less text than this takes the document's body size
DOT_SIZE = 3.0  # a filled shape at most this many times the type size across is a status dot, not a panel
_BULLET = re.compile(r"^[•\-–·▪●◦]\s+")
_DATES = re.compile(r"(20\d\d-\d\d-\d\d)(\s*[-–]\s*20\d\d-\d\d-\d\d)?")
_LABEL = re.compile(r"^[A-ZÅÄÖ][\wåäöÅÄÖ/ ]{1,30}:(\s|$)")
_PAGE_NUMBER = re.compile(r"^(sida\s+)?\d+(\s*(av|/)\s*\d+)?$", re.I)


@dataclass
class PdfLine:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    cells: list[str]
    column: int = 0
    rows: list[list[str]] | None = None  # a ruled table found by pdfplumber, read as a whole
    cell_x0: list[float] | None = None  # where each cell starts
    words: list[tuple[float, str]] | None = None  # each word's left edge and text, in reading order

    @property
    def text(self) -> str:
        return " ".join(self.cells)


# A panel is at least this share of the page's width and height, and holds this many words at least.
PANEL_MIN_SHARE = 0.15
PANEL_MIN_WORDS = 8


def lines_of(words: list[dict], page: int) -> list[PdfLine]:
    words = sorted(words, key=lambda w: (round(w["top"] / 3), w["x0"]))
    grouped: list[list[dict]] = []
    for word in words:
        if grouped and abs(grouped[-1][0]["top"] - word["top"]) <= 3:
            grouped[-1].append(word)
        else:
            grouped.append([word])
    lines: list[PdfLine] = []
    for group in grouped:
        group.sort(key=lambda w: w["x0"])
        size = statistics.median(w.get("size", 10) for w in group)
        cells: list[list[str]] = [[group[0]["text"]]]
        for prev, word in zip(group, group[1:], strict=False):
            if word["x0"] - prev["x1"] > CELL_GAP * size:
                cells.append([])
            cells[-1].append(word["text"])
        # Bold when its first cell is: a bold title keeps its dates set in regular type beside it.
        first_cell = len(cells[0])
        heads = group[:first_cell]
        bold = sum("bold" in str(w.get("fontname", "")).lower() for w in heads) >= max(1, 0.6 * len(heads))
        starts = [group[0]["x0"]] + [word["x0"] for prev, word in zip(group, group[1:], strict=False)
                                     if word["x0"] - prev["x1"] > CELL_GAP * size]
        lines.append(PdfLine(page, min(w["top"] for w in group), max(w["bottom"] for w in group),
                           group[0]["x0"], group[-1]["x1"], size, bold, [" ".join(c) for c in cells],
                           cell_x0=starts, words=[(w["x0"], w["text"]) for w in group]))
    return lines


# A table's first row: this many cells at least, each this short, whose left edges later rows are read against.
HEADER_MIN_CELLS = 3
HEADER_MAX_CHARS = 30
COLUMN_TOLERANCE = 2.0  # points a word may start left of its column's header
MARK_TOLERANCE = 6.0  # points a status dot (read as its colour's word) may stand left of its column's header


def _header_columns(line: PdfLine) -> list[float] | None:
    """The left edges of a table's first row's cells (a header, 'Aktivitet | Status | Start | Slut'; a legend's
    term and meaning), or None for a row too long to set the columns."""
    if line.cell_x0 is None or len(line.cells) < HEADER_MIN_CELLS or \
            any(len(c) > HEADER_MAX_CHARS or re.search(r"\d{4}-\d\d", c) for c in line.cells):
        return None
    return list(line.cell_x0)


def _aligned(line: PdfLine, columns: list[float]) -> list[str] | None:
    """The line's words set in the header's columns by where each starts (cells whose gap is too narrow to see, '2027-11-06
    2028-02-29' under 'Start | Slut'), or None where a word stands left of the table."""
    if not line.words or line.words[0][0] < columns[0] - COLUMN_TOLERANCE:
        return None
    cells: list[list[str]] = [[] for _ in columns]
    for x0, text in line.words:
        # A drawn status dot stands in its cell's margin, a little left of where the column's words start.
        tolerance = MARK_TOLERANCE if text in COLOUR_WORDS else COLUMN_TOLERANCE
        at = max(i for i, start in enumerate(columns) if start <= x0 + tolerance)
        cells[at].append(text)
    return [" ".join(c) for c in cells]


MIN_BULLETS = 2  # drawn marks of one colour opening their lines that are a list's bullets (one alone a status)


def _filled_shapes(page: object) -> list[tuple[dict, str]]:
    """Filled rectangles and curves of a clear colour, with the colour's name."""
    shapes = []
    for shape in [*page.rects, *page.curves]:  # type: ignore[attr-defined]
        if shape.get("fill") and (name := pdf_colour_name(shape.get("non_stroking_color"))):
            shapes.append((shape, name))
    return shapes


def _coloured(words: list[dict], shapes: list[tuple[dict, str]], size: float) -> list[dict]:
    """Words with the colours a status shows in them: a symbol's own colour in words, and each small filled
    dot or square beside text as a word of its colour where it stands. Marks of one colour that all open
    their lines (two or more) are the page's bullets, not statuses."""
    marks: list[tuple[int | None, dict]] = []  # (index of the symbol word it replaces, the mark)
    for index, word in enumerate(words):
        name = pdf_colour_name(word.get("non_stroking_color"))
        if name and only_symbols(word["text"]):
            marks.append((index, {**word, "text": name}))
    for shape, name in shapes:
        width, height = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
        small = 0 < width <= DOT_SIZE * size and 0 < height <= DOT_SIZE * size and 0.5 <= width / height <= 2
        if small and any(_same_line(shape, w) for w in words):
            marks.append((None, {"text": name, "x0": shape["x0"], "x1": shape["x1"], "top": shape["top"],
                                 "bottom": shape["bottom"], "size": size, "fontname": ""}))
    if not marks:
        return words
    opening = all(not any(_same_line(m, w) and w["x1"] <= m["x0"] for w in words) for _, m in marks)
    # (a drawn shape alone before its line, as a booklet's half-page shows a goal's level, is that line's status)
    if opening and len({m["text"] for _, m in marks}) == 1 and (len(marks) >= MIN_BULLETS or marks[0][0] is not None):
        return words
    out = list(words)
    for index, mark in marks:
        if index is None:
            out.append(mark)
        else:
            out[index] = mark
    return out


def _same_line(a: dict, b: dict) -> bool:
    return min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.3 * (b["bottom"] - b["top"])


def _ruled_tables(page: object, number: int,
                  shapes: list[tuple[dict, str]]) -> list[tuple[tuple[float, float, float, float], PdfLine]]:
    """Tables drawn with ruling lines, as pdfplumber finds them: their boxes and their rows of cells. A cell
    with no words that holds or is filled with a clear colour says that colour."""
    found = []
    for table in page.find_tables():  # type: ignore[attr-defined]
        texts = table.extract()
        rows = [[(cell or "").strip() for cell in row] for row in texts]
        for r, row in enumerate(table.rows):
            for c, bbox in enumerate(row.cells):
                if bbox is None or r >= len(rows) or c >= len(rows[r]):
                    continue
                if (turned := _turned_text(page, bbox)) is not None:
                    rows[r][c] = turned  # a header set on its side ('Färdig' up the column)
                    continue
                dots = sorted((curve for curve in page.curves if _inside(curve, bbox)),  # type: ignore[attr-defined]
                              key=lambda curve: curve["x0"])
                if len(dots) >= MIN_BAR_DOTS:
                    # A level as a row of dots, some filled ('●●●○○'): as many steps as are filled; in a row's one
                    # cell across the table, after its title.
                    bar = "".join("●" if dot.get("fill") else "○" for dot in dots)
                    rows[r][c] = f"{rows[r][c]} {bar}".strip()
                    continue
                if not only_symbols(rows[r][c]):
                    continue
                inside = [name for shape, name in shapes if _inside(shape, bbox)]
                if inside:
                    rows[r][c] = inside[-1]
        rows = [row for row in rows if any(row)]
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        x0, top, x1, bottom = table.bbox
        found.append(((x0, top, x1, bottom), PdfLine(number, top, bottom, x0, x1, 0.0, False, [], rows=rows)))
    return found


MIN_BAR_DOTS = 3  # dots in one cell, at least, that are a bar of steps rather than a status's one dot
WORD_GAP = 0.15  # a gap between characters of this share of the type size parts two words


def _turned_text(page: object, bbox: tuple[float, float, float, float]) -> str | None:
    """The text of a cell set on its side (most of its characters not upright), read as it is meant: each line up
    the cell from its foot, the lines left to right; None for a cell set upright."""
    chars = [ch for ch in page.chars if _inside(ch, bbox) and ch["text"].strip()]  # type: ignore[attr-defined]
    if not chars or sum(not ch.get("upright", True) for ch in chars) * 2 <= len(chars):
        return None
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda ch: ch["x0"]):
        if lines and ch["x0"] - lines[-1][-1]["x0"] < 0.5 * (ch.get("size") or 8):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    def read_up(line: list[dict]) -> str:
        text, above = "", None
        for ch in sorted(line, key=lambda ch: -ch["top"]):
            if above is not None and above["top"] - ch["bottom"] > WORD_GAP * (ch.get("size") or 8):
                text += " "  # a gap up the line between two words
            text, above = text + ch["text"], ch
        return text

    return " ".join(read_up(line) for line in lines)


def _inside(word: dict, bbox: tuple[float, float, float, float]) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _gutter(words: list[dict], width: float, left: float = 0.0) -> float | None:
    """The x of an empty vertical band in the middle of the page (from `left`, `width` wide), if the page is set in
    two columns: only a title may cross it, and the right side holds lines of running text that start at one
    left edge."""
    if len(words) < 40:
        return None
    middle = left + width / 2
    for x in sorted(range(int(left + width * 0.35), int(left + width * 0.65), 4), key=lambda v: abs(v - middle)):
        # A title or a table set across the page may cross the band; the columns' own text does not.
        if sum(1 for w in words if w["x0"] < x + 6 and w["x1"] > x - 6) > max(2, 0.03 * len(words)):
            continue
        left = [w for w in words if w["x1"] <= x]
        right = [w for w in words if w["x0"] >= x]
        if len(left) < 0.05 * len(words) or len(right) < 0.05 * len(words):
            continue
        starts: dict[int, float] = {}
        sizes: dict[int, int] = {}
        for w in right:
            line = round(w["top"])
            starts[line] = min(starts.get(line, w["x0"]), w["x0"])
            sizes[line] = sizes.get(line, 0) + 1
        # The right column's left edge: where most of its lines start (a centred title's word does not move it).
        edge = Counter(round(x0) for x0 in starts.values()).most_common(1)[0][0]
        aligned = sum(1 for x0 in starts.values() if abs(x0 - edge) < 2)
        # Lines of running text on the right, not dates or figures set beside the left side's titles.
        prose = sum(1 for n in sizes.values() if n >= 4)
        if aligned >= 6 and prose >= 4:
            return float(x)
    return None


def _columns(words: list[dict], gutter: float) -> list[list[dict]]:
    """A two-column page's words in reading order: lines set across the page above the columns, the left
    column, the right column, then lines across the page below them."""
    crossing_tops = [w["top"] for w in words if w["x0"] < gutter + 6 and w["x1"] > gutter - 6]
    spanning = [w for w in words if any(abs(w["top"] - top) <= 3 for top in crossing_tops)]
    rest = [w for w in words if w not in spanning]
    middle = statistics.median(w["top"] for w in rest) if rest else 0.0
    return [[w for w in spanning if w["top"] < middle], [w for w in rest if w["x1"] <= gutter],
            [w for w in rest if w["x0"] >= gutter], [w for w in spanning if w["top"] >= middle]]


def _panels(page: object, words: list[dict]) -> list[tuple[float, float, float, float]]:
    """Boxes set side by side (a slide's rounded panels, a page's cards): filled or drawn shapes of a good part of
    the page, two or more beside each other and holding words, left to right; empty where there are none."""
    width, height = float(page.width), float(page.height)  # type: ignore[attr-defined]
    boxes = sorted({(round(s["x0"], 1), round(s["top"], 1), round(s["x1"], 1), round(s["bottom"], 1))
                    for s in [*page.rects, *page.curves]  # type: ignore[attr-defined]
                    if s["x1"] - s["x0"] >= PANEL_MIN_SHARE * width and s["bottom"] - s["top"] >= PANEL_MIN_SHARE * height
                    and s["x1"] - s["x0"] <= (1 - PANEL_MIN_SHARE) * width})
    # Beside: another box at the same height, wholly to its right or left.
    beside = [box for box in boxes if any(other[0] >= box[2] - 1 or other[2] <= box[0] + 1
                                          for other in boxes if other != box and other[1] < box[3] and box[1] < other[3])]
    beside = [box for box in beside if sum(_inside(w, box) for w in words) >= PANEL_MIN_WORDS]
    return beside if len(beside) >= 2 else []


def _panel_columns(words: list[dict], panels: list[tuple[float, float, float, float]]) -> list[list[dict]]:
    """A page of panels in reading order: the words above them, each panel's words (left to right, top to
    bottom), then the words below or beside them."""
    inside = [[w for w in words if _inside(w, box)] for box in sorted(panels, key=lambda b: (round(b[1] / 20), b[0]))]
    placed = {id(w) for column in inside for w in column}
    rest = [w for w in words if id(w) not in placed]
    top = min(box[1] for box in panels)
    return [[w for w in rest if w["bottom"] <= top], *inside, [w for w in rest if w["bottom"] > top]]


def _booklet_pages(sheets: list) -> list | None:
    """A booklet's sheets (an A5 booklet printed two pages to a landscape A4 sheet for folding: 8|1, 2|7, 6|3,
    4|5) as its pages in reading order, each half of a sheet one page; None where the sheets are no booklet.
    The halves are the printed pages where the numbers at the foot of the halves say so on most sheets and
    nowhere else (a cover or a back may have none)."""
    if len(sheets) < 2 or any(sheet.width <= sheet.height for sheet in sheets):
        return None
    count = 2 * len(sheets)
    # Folded and stacked, sheet side s carries pages (n − s, s + 1) on even sides and (s + 1, n − s) on odd ones.
    pairs = [(count - s, s + 1) if s % 2 == 0 else (s + 1, count - s) for s in range(len(sheets))]
    confirmed = 0
    for sheet, (left, right) in zip(sheets, pairs, strict=True):
        half = sheet.width / 2
        # (only the foot's words are read here; the sheet's text is read once, with its halves)
        band = sheet.crop((0, sheet.height * (1 - EDGE_SHARE), sheet.width, sheet.height))
        foot = [w for w in band.extract_words() if w["bottom"] > sheet.height * (1 - EDGE_SHARE)
                and re.fullmatch(r"\d{1,3}", w["text"])]
        on_left = {int(w["text"]) for w in foot if w["x1"] <= half}
        on_right = {int(w["text"]) for w in foot if w["x0"] >= half}
        if on_left and on_right and left in on_left and right in on_right:
            confirmed += 1
        elif on_left and on_right:
            return None  # numbers at the foot of both halves that are not a booklet's
    if confirmed < max(1, len(sheets) // 2):
        return None
    halves = {}
    for sheet, (left, right) in zip(sheets, pairs, strict=True):
        width, height = float(sheet.width), float(sheet.height)
        halves[left] = sheet.crop((0, 0, width / 2, height))
        halves[right] = sheet.crop((width / 2, 0, width, height))
    return [halves[n] for n in sorted(halves)]


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def pdf_blocks(data: bytes, name: str) -> list[Block]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise ReportFormatError(f"PDF-filen {name} kunde inte läsas (skadad eller avkortad).") from exc
    all_lines: list[tuple[PdfLine, bool]] = []
    try:
        # A booklet printed two pages to a sheet: its half-pages in the order of their printed numbers.
        pages = _booklet_pages(pages) or pages
        for number, page in enumerate(pages, start=1):
            words = page.extract_words(extra_attrs=["fontname", "size", "non_stroking_color"],
                                       keep_blank_chars=False, use_text_flow=False)
            shapes = _filled_shapes(page)
            size = statistics.median(w["size"] for w in words) if words else 10.0
            tables = _ruled_tables(page, number, shapes)
            words = _coloured(words, shapes, size)
            # Words inside a ruled table are read with it, cell by cell (a wrapped cell stays one cell).
            words = [w for w in words if not any(_inside(w, t) for t, _ in tables)]
            panels = _panels(page, words)
            gutter = _gutter(words, float(page.width), float(page.bbox[0])) if not panels else None
            columns = _panel_columns(words, panels) if panels else [words] if gutter is None else _columns(words, gutter)
            page_lines: list[PdfLine] = []
            for index, column in enumerate(columns):
                for line in lines_of(column, number):
                    line.column = index
                    page_lines.append(line)
            for bbox, line in tables:
                # In reading order: before the first text line below the table's top in the same column.
                at = next((k for k, other in enumerate(page_lines) if other.top > bbox[1]), len(page_lines))
                line.column = page_lines[at - 1].column if at else 0
                page_lines.insert(at, line)
            for line in page_lines:
                edge = line.rows is None and (line.top < page.height * EDGE_SHARE
                                              or line.bottom > page.height * (1 - EDGE_SHARE))
                all_lines.append((line, edge))
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise ReportFormatError(f"PDF-filen {name} kunde inte läsas (skadad eller avkortad).") from exc
    finally:
        pdf.close()
    if not any(line.text.strip() or any(any(row) for row in line.rows or []) for line, _ in all_lines):  # (tables too)
        raise ReportFormatError(f"PDF-filen {name} saknar textlager (inskannad bild utan text).")
    return blocks_of_lines(all_lines, len(pages))


def blocks_of_lines(all_lines: list[tuple[PdfLine, bool]], n_pages: int) -> list[Block]:
    pages_of: dict[str, set[int]] = {}
    for line, edge in all_lines:
        if edge:
            pages_of.setdefault(_furniture_key(line.text), set()).add(line.page)
    repeated = {k for k, pages in pages_of.items() if len(pages) >= max(2, n_pages // 2)}
    body_sizes = _body_sizes(all_lines)
    # The right edge of the text in each column of each page: a line that stops well short of it ends its
    # paragraph (a status on a line of its own, a paragraph's last line), whatever follows closely below.
    # (The 90th percentile of the body lines' right ends: a title set wider than the text does not move it.)
    ends: dict[tuple[int, int], list[float]] = {}
    for line, edge in all_lines:
        if not edge and abs(line.size - body_sizes[line.page]) < 0.5:
            ends.setdefault((line.page, line.column), []).append(line.x1)
    edges = {key: float(np.percentile(values, 90)) for key, values in ends.items()}
    blocks: list[Block] = []
    previous: PdfLine | None = None
    bullet_x0 = 0.0
    scale_drawn = _draws_scale(all_lines)
    header: list[float] | None = None  # the open table's header columns, where it has a header
    for line, edge in all_lines:
        if line.rows is not None:
            blocks.append(Block(TABLE, rows=line.rows, page=line.page))
            previous = header = None
            continue
        # (a row near the page's foot is the table's, unless it is the page's furniture)
        at_edge = edge and (_furniture_key(line.text.strip()) in repeated or bool(_PAGE_NUMBER.match(line.text.strip())))
        in_table = header is not None and blocks and blocks[-1].kind == TABLE and previous is not None and \
            previous.page == line.page and not at_edge and line.top - previous.bottom < 1.5 * line.size
        cells = _aligned(line, header) if in_table and header is not None else None
        if cells is not None and sum(bool(c) for c in cells) >= 2:
            blocks[-1].rows.append(cells)  # a row read in the header's columns
            previous = line
            continue
        wrapped = cells is not None and line.top - previous.bottom < 0.6 * line.size and (  # type: ignore[union-attr]
            (cells[0] and not any(cells[1:]) and cells[0][:1].islower()) or (not cells[0] and any(cells[1:])))
        if wrapped and cells is not None and len(blocks[-1].rows[-1]) == len(cells):
            # A cell wrapped onto the next line ('Avtal med kommunerna om uppsökande' / 'tandvård'; a legend's
            # meaning going on under it): each part goes on with its cell of the row above.
            blocks[-1].rows[-1] = [_join(old, new) if new else old for old, new in zip(blocks[-1].rows[-1], cells,
                                                                                    strict=True)]
            previous = line
            continue
        header = None
        text = line.text.strip()
        furniture = edge and (_furniture_key(text) in repeated or bool(_PAGE_NUMBER.match(text)))
        if furniture:
            blocks.append(Block(PARAGRAPH, text, page=line.page, furniture=True))
            continue
        # A bold line of several cells is a table's header row, unless its last cells are dates: then it is a
        # title with its dates set beside it.
        dated = len(line.cells) > 1 and all(_DATES.fullmatch(c.strip()) for c in line.cells[1:])
        body_size = body_sizes[line.page]
        heading = line.size > body_size + 1 or (line.bold and len(text) < 200 and (len(line.cells) == 1 or dated))
        if heading and not line.bold and text[:1] in _LIST_BULLETS:
            heading = False  # '• Fler patienter än 2022 …' set large on a slide: a bullet of its list, not a heading
        if len(line.cells) > 1 and not heading:
            if blocks and blocks[-1].kind == TABLE and previous is not None and previous.page == line.page:
                blocks[-1].rows.append(line.cells)
            else:
                blocks.append(Block(TABLE, rows=[line.cells], page=line.page, bold=line.bold))
                header = _header_columns(line)
        elif heading:
            level = 1 if line.size > body_size + 3 else 2 if line.size > body_size + 1 else 3
            # A heading wraps to its text's indent, past a status symbol set before it ('● Mål 3 … väl' /
            # 'underhållna'): a line that starts in lower case goes on from it.
            if blocks and blocks[-1].kind == HEADING and previous is not None and (
                    _continues(previous, line) or (text[:1].islower() and _wraps_on(previous, line))):
                blocks[-1].text += " " + text
            else:
                blocks.append(Block(HEADING, text, level=level, bold=line.bold, page=line.page))
        elif _BULLET.match(text) and not (scale_drawn and text[:1] in _SCALE_STEP_BULLETS):
            blocks.append(Block(LIST_ITEM, _BULLET.sub("", text), page=line.page))
            bullet_x0 = line.x0
        elif previous is not None and (body := _last_body(blocks)) is not None and body.kind in (PARAGRAPH, LIST_ITEM) \
                and _continues(previous, line, hanging=body.kind == LIST_ITEM) \
                and ((body.kind == PARAGRAPH and _reaches_edge(previous, edges))
                     or (body.kind == LIST_ITEM and line.x0 > bullet_x0 + 2)):
            # A list item goes on only in its hanging indent; a line back at the bullet's edge starts a paragraph.
            body.text = _join(body.text, text)
        else:
            blocks.append(Block(PARAGRAPH, text, page=line.page, bold=line.bold))
        previous = line
    return blocks


# Shapes a scale of levels draws ('● helt', '◕ till stor del', '◑ …', '○ inte'): beside them a '●' or '–' line is one
# of the scale's steps, not a bullet.
_SCALE_SHAPES = "◕◑◔○◐◒◓◉◎"
_SCALE_STEP_BULLETS = "●–-"
# Bullets that mark a list's items only, never a status.
_LIST_BULLETS = "•▪◦‣"


def _draws_scale(all_lines: list[tuple[PdfLine, bool]]) -> bool:
    """Whether the document has a legend of shapes (two lines or more opening with the scale's other shapes), so
    that a line opening like a bullet item ('● målet är helt uppnått') is one of its steps."""
    return sum(line.text.strip()[:1] in _SCALE_SHAPES for line, _ in all_lines) >= 2


def _body_sizes(all_lines: list[tuple[PdfLine, bool]]) -> dict[int, float]:
    """The type size of the body text on each page (the size most characters are set in; half points count):
    a page of prose in 9.5 pt and a page of tables in 8.5 pt each have their own. A page with little text
    (a title page) takes the document's."""
    def commonest(lines: list[PdfLine]) -> float:
        chars: Counter[float] = Counter()
        for line in lines:
            chars[round(line.size * 2) / 2] += len(line.text)
        return chars.most_common(1)[0][0] if chars else 10.0

    body = [line for line, _ in all_lines if line.rows is None]
    overall = commonest(body)
    pages: dict[int, list[PdfLine]] = {}
    for line in body:
        pages.setdefault(line.page, []).append(line)
    sizes = {page: commonest(lines) if sum(len(li.text) for li in lines) >= PAGE_BODY_CHARS else overall
             for page, lines in pages.items()}
    return defaultdict(lambda: overall, sizes)


def _last_body(blocks: list[Block]) -> Block | None:
    """The last block that is not page furniture (a paragraph broken by a page break goes on after it)."""
    return next((b for b in reversed(blocks) if not b.furniture), None)


def _reaches_edge(line: PdfLine, edges: dict[tuple[int, int], float], share: float = 0.2) -> bool:
    """Whether a line runs on to near its column's right edge, as a line that wraps does."""
    edge = edges.get((line.page, line.column), line.x1)
    return line.x1 >= edge - share * max(1.0, edge - line.x0)


def _wraps_on(previous: PdfLine, line: PdfLine) -> bool:
    """`line` is the wrapped end of `previous` set in the same type, within its width, less than a line below."""
    return (previous.page == line.page and abs(previous.size - line.size) < 0.5 and previous.bold == line.bold
            and -1 <= line.top - previous.bottom < line.size and previous.x0 - 1 <= line.x0 < previous.x1)


def _continues(previous: PdfLine, line: PdfLine, hanging: bool = False) -> bool:
    """`line` wraps on from `previous`: same type, starting where it started, and close below it on the same
    page or at the top of the next."""
    if _LABEL.match(line.text) or _BULLET.match(line.text):
        return False
    ends_sentence = previous.text.rstrip().endswith((".", "!", "?", ":"))
    if ends_sentence and len(line.text.split()) <= 6:
        return False  # a short line after a finished sentence: a status, a label, a new paragraph
    if (line.page, line.column) != (previous.page, previous.column):
        # Over a page or column break: the first line there goes on in the same type.
        return not ends_sentence and abs(previous.size - line.size) < 0.5 and previous.bold == line.bold and (
            line.column > previous.column or line.page == previous.page + 1)
    return (previous.page == line.page and abs(previous.size - line.size) < 0.5 and previous.bold == line.bold
            and -1 <= line.top - previous.bottom < 0.6 * line.size
            and (hanging or abs(previous.x0 - line.x0) < line.size))  # a list item wraps to its text's indent


def _join(text: str, more: str) -> str:
    if text.endswith("-") and more[:1].islower():
        return text[:-1] + more
    return f"{text} {more}"
