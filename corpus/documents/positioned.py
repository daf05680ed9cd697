"""A PDF converted to HTML with every text line placed by CSS (pdf2htmlEX): read as the PDF it was.

The converter writes one absolutely placed `div.t` per text line, in the order of the PDF's content stream,
which is not the reading order (a report engine may draw a table column by column, or a margin note after the
paragraph beside it). Each line's place is in its classes: `xN` gives `left` and `yN` `bottom` in the generated
CSS, `fsN` the font size, shown at the scale of the `mN` matrix; table cells sit in `div.c` clip boxes whose own
`left`/`bottom` the cell's line is placed from. The lines become positioned words, and the PDF reader's lines,
columns, furniture and headings do the rest; the clip boxes that share a top edge are a table's row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from corpus.documents.model import Block
from corpus.documents.pdf import EDGE_SHARE, PdfLine, blocks_of_lines, lines_of

# What marks a document as such a conversion: the converter's name, or its page and text classes.
_GENERATOR = re.compile(r"pdf2htmlEX", re.I)
_PAGE_CLASSES = re.compile(r"<div[^>]+class=\"pf\b")
_RULE = re.compile(r"\.([\w-]+)\{([^{}]*)\}")
_NUMBER = r"(-?\d+(?:\.\d+)?)"
# A character's width, as a share of the type size, where the converter gives none: a word's right edge is
# estimated from it (narrow enough that a cell gap stays a gap).
CHAR_WIDTH = 0.5
ROW_TOLERANCE = 1.5  # points two clip boxes' top edges may differ and still be one table row


def is_positioned_html(text: str) -> bool:
    """Whether an HTML text is a PDF converted line by line with positions in CSS."""
    head = text[:4000]
    return bool(_GENERATOR.search(head) and _PAGE_CLASSES.search(text)) or (
        _PAGE_CLASSES.search(text) is not None and 'class="t ' in text and "bottom:" in text)


def _styles(text: str) -> dict[str, dict[str, str]]:
    """Each class's declarations, in the order the rules are written (a later rule of a class moves it last)."""
    rules: dict[str, dict[str, str]] = {}
    for style in re.findall(r"<style[^>]*>(.*?)</style>", text, flags=re.S | re.I):
        for name, body in _RULE.findall(style):
            declared = rules.pop(name, {})
            for part in body.split(";"):
                key, _, value = part.partition(":")
                if key.strip() and value.strip():
                    declared[key.strip().lower()] = value.strip()
            rules[name] = declared
    return rules


def _length(value: str | None) -> float:
    found = re.match(_NUMBER, value or "")
    return float(found.group(1)) if found else 0.0


def _scale(transform: str | None) -> float:
    found = re.search(rf"matrix\(\s*{_NUMBER}", transform or "")
    return float(found.group(1)) if found else 1.0


@dataclass
class _Text:
    page: int
    left: float
    bottom: float
    size: float
    font: str
    box: tuple[float, float, float, float] | None  # the clip box's left, bottom, width, height (table cells)
    parts: list[str | float] = field(default_factory=list)  # text, and the widths of spacing spans between


class _PositionedParser(HTMLParser):
    def __init__(self, rules: dict[str, dict[str, str]]) -> None:
        super().__init__(convert_charrefs=True)
        self.rules = rules
        self.order = {name: i for i, name in enumerate(rules)}
        self.page = 0
        self.page_heights: dict[int, float] = {}
        self.page_widths: dict[int, float] = {}
        self.texts: list[_Text] = []
        self.stack: list[tuple[str, object]] = []  # each open div: ('page' | 'box' | 'text' | 'other', data)

    def _value(self, classes: list[str], prop: str) -> str | None:
        """The property as the classes set it; of two, the rule written later wins, as in CSS ('.t' sets a font
        size of 1px that '.fs6', generated after it, overrides)."""
        found = [c for c in classes if c in self.rules and prop in self.rules[c]]
        return self.rules[max(found, key=self.order.__getitem__)][prop] if found else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "span" and "_" in classes and self.stack and self.stack[-1][0] == "text":
            width = _length(self._value(classes, "width")) or _length(self._value(classes, "margin-left"))
            self.stack[-1][1].parts.append(width)  # type: ignore[union-attr]
            return
        if tag != "div":
            return
        if "pf" in classes:
            self.page += 1
            self.page_heights[self.page] = _length(self._value(classes, "height"))
            self.page_widths[self.page] = _length(self._value(classes, "width"))
            self.stack.append(("page", None))
        elif "c" in classes:
            box = (_length(self._value(classes, "left")), _length(self._value(classes, "bottom")),
                   _length(self._value(classes, "width")), _length(self._value(classes, "height")))
            self.stack.append(("box", box))
        elif "t" in classes and self.page:
            box = next((data for kind, data in reversed(self.stack) if kind == "box"), None)
            scale = _scale(self._value(classes, "transform"))
            size = _length(self._value(classes, "font-size")) * scale
            left = _length(self._value(classes, "left")) + (box[0] if box else 0.0)  # type: ignore[index]
            bottom = _length(self._value(classes, "bottom")) + (box[1] if box else 0.0)  # type: ignore[index]
            font = next((c for c in classes if re.fullmatch(r"ff[0-9a-f]+", c)), "")
            item = _Text(self.page, left, bottom, size or 10.0, font, box)  # type: ignore[arg-type]
            self.texts.append(item)
            self.stack.append(("text", item))
        else:
            self.stack.append(("other", None))

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        text = next((item for kind, item in reversed(self.stack) if kind == "text"), None)
        if text is not None and data:
            text.parts.append(data)  # type: ignore[union-attr]


def _words(item: _Text, height: float) -> list[dict]:
    """A text line's words, each placed by the characters before it and the spacing spans between."""
    top = height - item.bottom - item.size
    words: list[dict] = []
    x = item.left
    for part in item.parts:
        if isinstance(part, float):
            x += part
            continue
        for token in re.split(r"(\s+)", part):
            if not token:
                continue
            width = len(token) * CHAR_WIDTH * item.size
            if not token.isspace():
                if words and abs(words[-1]["x1"] - x) < 0.01:  # a kerning span inside a word ('T' 'rafik')
                    words[-1]["text"] += token
                    words[-1]["x1"] = x + width
                else:
                    words.append({"text": token, "x0": x, "x1": x + width, "top": top, "bottom": top + item.size,
                                  "size": item.size, "fontname": item.font})
            x += width
    return words


def _table_lines(cells: list[_Text], page: int, height: float) -> list[PdfLine]:
    """Clip boxes of one page read as tables: boxes that share a top edge are a row, rows in a run a table."""
    boxes: dict[tuple[float, float, float, float], list[_Text]] = {}
    for cell in cells:
        boxes.setdefault(cell.box, []).append(cell)  # type: ignore[arg-type]
    rows: list[tuple[float, list[tuple[float, str]]]] = []
    for box, inside in boxes.items():
        top = height - box[1] - box[3]
        text = " ".join("".join(p for p in c.parts if isinstance(p, str)).strip()
                        for c in sorted(inside, key=lambda c: -c.bottom))
        row = next((r for r in rows if abs(r[0] - top) <= ROW_TOLERANCE), None)
        if row is None:
            rows.append((top, [(box[0], text)]))
        else:
            row[1].append((box[0], text))
    rows.sort(key=lambda r: r[0])
    lines: list[PdfLine] = []
    for top, row in rows:
        row.sort()
        columns = [x for x, _ in row]
        lines.append(PdfLine(page, top, top, columns[0], columns[-1], 10.0, False, [t for _, t in row],
                           rows=[[t for _, t in row]], cell_x0=columns))
    return lines


def _joined_tables(lines: list[PdfLine]) -> list[PdfLine]:
    """Rows of boxes next to each other in reading order, in the same columns, as one table; a line between them
    (a caption 'Aktiviteter direkt under …') ends the table above it."""
    out: list[PdfLine] = []
    for line in lines:
        above = out[-1] if out else None
        if line.rows is not None and above is not None and above.rows is not None and above.cell_x0 is not None \
                and line.cell_x0 is not None and _same_columns(above.cell_x0, line.cell_x0) and \
                line.rows[0] != above.rows[0]:  # (a header row repeated opens a table of its own)
            above.rows += line.rows
            above.bottom = line.bottom
            continue
        out.append(line)
    return out


SIDE_NOTE_FROM = 0.7  # a short cell that starts this far across the page beside a line is a note in its margin
SIDE_NOTE_WORDS = 3


def _side_note(line: PdfLine, width: float) -> PdfLine | None:
    """The note set at the right beside a line ('Prognos helår' beside a goal's label, its symbol beside the
    title), as a line of its own; None where the line has none."""
    if line.rows is not None or len(line.cells) != 2 or line.cell_x0 is None or \
            line.cell_x0[1] < width * SIDE_NOTE_FROM or len(line.cells[1].split()) > SIDE_NOTE_WORDS:
        return None
    note = PdfLine(line.page, line.top, line.bottom, line.cell_x0[1], line.x1, line.size, False, [line.cells[1]],
                 cell_x0=[line.cell_x0[1]], words=[w for w in line.words or [] if w[0] >= line.cell_x0[1]])
    line.cells, line.x1 = line.cells[:1], line.cell_x0[1]
    line.words = [w for w in line.words or [] if w[0] < line.cell_x0[1]]
    line.cell_x0 = line.cell_x0[:1]
    return note


def _notes_after(lines: list[PdfLine], width: float) -> list[PdfLine]:
    """Margin notes read after the lines they stand beside: the report engine set the level of a goal at the right
    of its label and title, which read on (a title of two lines) before the note does."""
    out: list[PdfLine] = []
    pending: list[PdfLine] = []
    previous: PdfLine | None = None
    for line in lines:
        note = _side_note(line, width)
        continues = previous is not None and line.rows is None and abs(line.size - previous.size) < 0.5 and \
            0 < line.top - previous.top <= 1.6 * line.size  # (the next line of a title, a line's height below)
        if pending and note is None and not continues:
            out += pending
            pending = []
        out.append(line)
        if note is not None:
            pending.append(note)
        previous = line
    return out + pending


def _same_columns(header: list[float], columns: list[float]) -> bool:
    """Whether a row's boxes stand in the columns of the table above (a row may leave a cell out)."""
    return all(any(abs(x - h) <= ROW_TOLERANCE for h in header) for x in columns)


def positioned_blocks(text: str) -> list[Block]:
    parser = _PositionedParser(_styles(text))
    parser.feed(text)
    parser.close()
    all_lines: list[tuple[PdfLine, bool]] = []
    for page in range(1, parser.page + 1):
        height = parser.page_heights.get(page) or 842.0
        texts = [t for t in parser.texts if t.page == page]
        words = [w for t in texts if t.box is None for w in _words(t, height)]
        page_lines = lines_of(words, page)
        for table in _table_lines([t for t in texts if t.box is not None], page, height):
            at = next((k for k, other in enumerate(page_lines) if other.top > table.top), len(page_lines))
            page_lines.insert(at, table)
        width = parser.page_widths.get(page) or 595.0
        for line in _joined_tables(_notes_after(page_lines, width)):
            edge = line.rows is None and (line.top < height * EDGE_SHARE or line.bottom > height * (1 - EDGE_SHARE))
            all_lines.append((line, edge))
    return blocks_of_lines(all_lines, parser.page)
