"""HTML (and Markdown rendered to HTML) read into blocks with the standard library's parser."""

from __future__ import annotations

import itertools
import re
import textwrap
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from corpus.documents.colours import (
    COLOUR_WORDS,
    MARK_END,
    MARK_START,
    WINGDINGS,
    colour_word,
    css_colour_name,
    is_mark_class,
    only_symbols,
    resolve_marks,
)
from corpus.documents.model import HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block
from corpus.documents.sheets import sheet_blocks, with_levels
from corpus.text import fold, split_front_matter

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "section",
               "article", "blockquote", "dd", "dt", "pre", "caption"}
# A table's caption names the table ('Regionalt mål 1 med nämndmål och aktiviteter'): no item of its own.
_CAPTION_TAGS = {"caption"}
_FURNITURE_TAGS = {"header", "footer", "nav", "script", "style", "head", "title", "noscript"}
# The classes of a status badge or label (Confluence's lozenges, Bootstrap's badges, pills, chips, tags).
_BADGE_CLASS = re.compile(r"(?:^|[\s_-])(?:lozenge|badge|pill|chip|status|tag|label)(?:$|[\s_-])", re.I)
_APART = "\x1f"  # kept through the joining of whitespace, then a tab
_BOLD_TAGS = {"b", "strong"}
# Elements whose inline background colour is a status dot or a coloured cell rather than page design.
_MARK_STYLE_TAGS = {"td", "th", "span", "i", "font"}
_SPACER = re.compile(r"(?:spacer|blank|pixel|transparent|trans|spc|1x1)[\w-]*\.(?:gif|png)$", re.I)
_SYMBOL_FONT = re.compile(r"font-family:\s*['\"]?(?:wingdings|webdings|symbol)\b", re.I)
# A <time datetime="2024-01-15">15 jan 2024</time> says its date for machines: that is read, not the short text.
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.bold_chars = 0
        self.bold_depth = 0
        self.kind = PARAGRAPH
        self.level = 0
        self.list_depth = -1
        self.skip = 0
        self.furniture = 0
        self.heading_buttons = 0  # buttons open inside a heading (an accordion's), read as its text
        self.tables: list[list[list[str]]] = []
        self.row_levels: list[list[int]] = []
        self.figures: list[int] = []  # open figures: the index of the first block read inside each
        self.figure_text: list[bool] = []  # whether each open figure holds text or tables (else it is a picture)
        self.cell: list[str] | None = None
        # A table laid out inside a cell (an old report server's tree: a spacer, an icon, the title): the cells it
        # opened in, its text goes back into them; the spacer's width indents the outer row.
        self.outer_cells: list[list[str] | None] = []
        self.spacer: int | None = None
        self.spaced: set[int] = set()  # the tables (their levels' ids) indented by spacers
        self.li_depth = 0
        # Open elements that would say something by colour or label if they hold no text of their own.
        self.marks: list[tuple[str, str | None, int]] = []
        self.chars = 0
        self.words_until = 0  # `chars` as it stood after the last text that was more than symbols
        # Open elements set in a symbol font (Wingdings), as Word's "save as web page" writes its symbols.
        self.symbol_tags: list[str] = []
        # An inline <svg role="img"> names what it shows in its <title> child; that text is its label.
        self.svg_depth = 0
        self.svg_title: list[str] | None = None
        self.in_dated_time = False
        # A table row's colour from its own class ('<tr class="mal status-gul">', the level a portal's stylesheet
        # paints into the row's empty signal cell), and the classed spans open ('<span class="malnr">…</span>Titel').
        self.row_colour: str | None = None
        self.spans: list[bool] = []
        # The style sheet's classes (Google Docs and Word set bold and indents only so): each class's declarations.
        self.style_text: list[str] | None = None
        self.classes: dict[str, dict[str, str]] = {}
        self.bold_spans: list[bool] = []
        self.indent: float | None = None  # the open block's left margin, in points
        self.indents: dict[int, float] = {}  # each list item's left margin, by its block's index
        # A link to a note inside the document ('[a]', '[1]'): the reference is no text of the item it follows,
        # and the note itself, opening with its link back, is furniture.
        self.note_link = False
        self.note_body = False
        self.pre = 0  # open <pre> elements, whose line breaks are the text's own
        self.sheet = False  # a spreadsheet published as a web page (Excel's generator)
        self.hanging = False  # the open paragraph hangs from its first line (a negative text indent)

    # Text -------------------------------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.svg_title is not None:
            self.svg_title.append(data)
            return
        if self.style_text is not None:
            self.style_text.append(data)
            return
        if self.skip or self.in_dated_time:
            return
        if not self.pre:
            # A line wrapped in the source inside a run of words (Word's filtered web page wraps at 80 characters)
            # is a space; a break between elements stays one.
            data = _SOURCE_WRAP.sub(" ", data)
        if self.note_link and _NOTE_MARK.fullmatch(data.strip()):
            if not "".join(self.buffer).strip() and self.cell is None:
                self.note_body = True  # the note's own text after its mark, at the end of the document
            return
        if self.symbol_font:
            # Word's symbol fonts draw letters as pictures: Wingdings 'J' is a smiling face, 'l' a filled dot.
            data = "".join(WINGDINGS.get(ch, ch) for ch in data)
        target = self.cell if self.cell is not None else self.buffer
        target.append(data)
        self.chars += len(data.strip())
        if not only_symbols(data):
            self.words_until = self.chars
        if self.bold_depth and self.cell is None:
            self.bold_chars += len(data.strip())

    def flush(self) -> None:
        # Runs of no-break spaces pad a list's marker from its text (Word's '1.&nbsp;&nbsp;&nbsp;'): one space.
        joined = re.sub(r"\xa0[\xa0\s]*", " ", "".join(self.buffer))
        text = resolve_marks(re.sub(r"[ \t\r\f\v]+", " ", joined), in_cell=False)
        text = re.sub(rf"\s*{_APART}\s*", "\t", text) if _APART in text else text
        text = "\n".join(part.strip() for part in text.split("\n") if part.strip())
        self.buffer = []
        if text and self.kind == PARAGRAPH and self.hanging and (marker := _LIST_MARKER.match(text)) is not None:
            # A paragraph hanging from its list marker ('1.', '1.1.', '·'), as Word's list paragraphs are saved as
            # web pages: a list item, its number kept (it places the item), a bullet dropped.
            self.kind = LIST_ITEM
            text = text[marker.end():] if marker.group("bullet") else text
        self.hanging = False
        if text:
            bold = self.bold_chars >= 0.9 * len(re.sub(r"\s", "", text))
            if self.kind == LIST_ITEM and self.indent is not None:
                self.indents[len(self.blocks)] = self.indent
            self.blocks.append(Block(self.kind, text, level=self.level, depth=max(0, self.list_depth),
                                     bold=bold, furniture=bool(self.furniture) or self.note_body))
        self.bold_chars = 0
        self.note_body = False
        # Paragraphs inside a list item (a loose Markdown list) stay part of the list.
        self.kind, self.level = (LIST_ITEM if self.li_depth else PARAGRAPH), 0

    # Tags -------------------------------------------------------------------------------------------------
    @property
    def symbol_font(self) -> bool:
        return bool(self.symbol_tags)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg":
            self.svg_depth += 1
        if tag == "title" and self.svg_depth and not self.skip:
            self.svg_title = []
            return
        stamp = (dict(attrs).get("datetime") or "").strip()[:10]
        if tag == "time" and _ISO_DAY.fullmatch(stamp) and not self.skip:
            (self.cell if self.cell is not None else self.buffer).append(stamp)
            self.in_dated_time = True
            return
        if tag == "pre":
            self.pre += 1
        if tag == "style":
            self.style_text = []
        if tag in {"script", "style", "head", "title", "noscript"}:
            self.skip += 1
            return
        style = dict(attrs).get("style") or ""
        if tag == "a":
            self.note_link = (dict(attrs).get("href") or "").startswith("#")
        declared = self._declared(dict(attrs))
        if tag not in _VOID_TAGS and (self.symbol_tags or _SYMBOL_FONT.search(style)):
            self.symbol_tags.append(tag)  # every element inside one in a symbol font is set in it too
        self._note_mark(tag, dict(attrs))
        if tag == "button" and self.kind == HEADING:
            # An accordion's heading ('<h3><button>Strategiskt mål 1. …</button></h3>'): the button is its text.
            self.heading_buttons += 1
            return
        if tag in {"header", "footer", "nav", "button"} | _CAPTION_TAGS:
            self.flush()
            self.furniture += 1
            return
        if tag == "figure":
            # A figure that holds text and tables is a box of the report (a goal, its caption the title); one
            # that holds only a picture is a chart, its caption furniture (decided at its end).
            self.flush()
            if self.figures:
                self.figure_text[-1] = True
            self.figures.append(len(self.blocks))
            self.figure_text.append(False)
            return
        if tag == "figcaption" and self.figures:
            self.flush()
            self.kind, self.level = HEADING, 2 + len(self.figures)
            return
        if self.figures and tag in {"p", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6"}:
            self.figure_text[-1] = True
        if tag in _BOLD_TAGS:
            self.bold_depth += 1
        if tag == "br":
            (self.cell if self.cell is not None else self.buffer).append("\n")
            return
        if tag == "table" and self.cell is not None and self.tables:
            self.outer_cells.append(self.cell)  # a layout table inside a cell: read into that cell
            self.cell = None
            self.tables.append([])
            self.row_levels.append([])
            return
        if tag in {"table", "dl"}:
            # A definition list ('<dt>A</dt><dd>Målet uppfylls</dd>', a legend) is a table of term and meaning.
            self.flush()
            self.outer_cells.append(None)
            self.tables.append([])
            self.row_levels.append([])
            return
        if tag == "dt" and self.tables:
            self.tables[-1].append([])
            self.row_levels[-1].append(0)
        if tag in {"dt", "dd"} and self.tables:
            if not self.tables[-1]:
                self.tables[-1].append([])
                self.row_levels[-1].append(0)
            self.cell = []
            return
        if tag == "meta" and (dict(attrs).get("content") or "").lower().startswith(("excel.sheet", "microsoft excel")):
            self.sheet = True  # Excel's 'Publicera som webbsida': the sheet, title rows and all, as one table
        if tag == "tr" and self.tables:
            self.tables[-1].append([])
            # A tree grid's row level ('<tr aria-level="2">'): where a goal tree's nesting is said only so. A row
            # hidden in the sheet ('display:none') is no part of the report.
            level = dict(attrs).get("aria-level") or ""
            self.row_levels[-1].append(HIDDEN if declared.get("display") == "none" else
                                       int(level) if level.isdigit() else 0)
            self.row_colour = css_colour_name(dict(attrs).get("class"), None)  # a status class only, no design
            return
        if tag == "span" and self.kind == HEADING and self.cell is None and \
                _BADGE_CLASS.search(dict(attrs).get("class") or ""):
            # A status badge set in a heading ('… landsbygd <span class="aui-lozenge …">Nås delvis</span>'): the
            # level beside the title, apart from it as a tab sets it.
            self.buffer.append(_APART)
        if tag == "span":
            self.spans.append(bool(dict(attrs).get("class")))
            weight = declared.get("font-weight", "")
            self.bold_spans.append(weight == "bold" or (weight.isdigit() and int(weight) >= BOLD_WEIGHT))
            self.bold_depth += self.bold_spans[-1]
        if tag in {"td", "th"} and self.tables:
            self.cell = []
            # A sheet's cell indented by its class ('mso-char-indent-count:2'): the row's level in the tree.
            indent = declared.get("mso-char-indent-count", "")
            if self.sheet and indent.isdigit() and self.row_levels[-1] and self.row_levels[-1][-1] != HIDDEN:
                self.row_levels[-1][-1] = max(self.row_levels[-1][-1], int(indent))
            return
        if self.cell is not None:
            if tag in {"p", "div", "li"}:
                self.cell.append("\n")
            return
        if tag in {"ul", "ol"}:
            self.flush()
            self.list_depth += 1
            return
        if tag in _BLOCK_TAGS:
            self.flush()
            self.indent = _points(declared.get("margin-left", ""))
            self.hanging = tag == "p" and (_points(declared.get("text-indent", "")) or 0) < 0
            if tag == "li":
                self.li_depth += 1
                self.kind = LIST_ITEM
            elif tag[0] == "h" and tag[1:].isdigit():
                self.kind, self.level = HEADING, int(tag[1:])

    def _declared(self, attributes: dict[str, str | None]) -> dict[str, str]:
        """What an element's classes in the style sheet and its own style attribute declare (the latter wins)."""
        declared: dict[str, str] = {}
        for name in (attributes.get("class") or "").split():
            declared.update(self.classes.get(name, {}))
        declared.update(_declarations(attributes.get("style") or ""))
        return declared

    def _note_mark(self, tag: str, attributes: dict[str, str | None]) -> None:
        """An icon's alt text, an element's aria-label, or the colour its class or style gives it: what a
        status shown as a coloured dot or picture says, kept as a mark until its element proves empty."""
        if tag == "img" and _SPACER.search(attributes.get("src") or "") and (width := attributes.get("width") or "").isdigit():
            self.spacer = int(width)  # a transparent picture that indents what follows it by its width
            return
        if tag == "font" and attributes.get("color"):
            attributes = {**attributes, "style": f"color:{attributes['color']}"}  # HTML 3's colour, as a style says it
        said = attributes.get("alt") or attributes.get("aria-label")
        if tag == "img" or attributes.get("role") == "img" or is_mark_class(attributes.get("class")):
            said = said or attributes.get("title")
        label = (said or "").strip() or css_colour_name(
            attributes.get("class"), attributes.get("style") if tag in _MARK_STYLE_TAGS else None)
        if tag in _VOID_TAGS:
            if label and tag == "img":
                self._add_mark(label)
            return
        self.marks.append((tag, label, self.chars))

    def _name_open_svg(self, title: str) -> None:
        """The innermost open <svg> without a label of its own takes its <title> as one."""
        for i in range(len(self.marks) - 1, -1, -1):
            tag, label, chars = self.marks[i]
            if tag == "svg":
                if not label and title:
                    self.marks[i] = (tag, title, chars)
                return

    def _add_mark(self, label: str) -> None:
        if self.skip:
            return
        (self.cell if self.cell is not None else self.buffer).append(f" {MARK_START}{label}{MARK_END} ")

    def _close_mark(self, tag: str) -> None:
        while self.marks:
            open_tag, label, chars = self.marks.pop()
            # An element that holds no text says its colour; so does HTML 3's coloured symbol ('<font color="#FFC000">●
            # </font>', where a style would have named the colour in a class or beside the symbol).
            if label and (self.chars == chars or (open_tag == "font" and label in COLOUR_WORDS and
                                                  self.words_until <= chars)):
                self._add_mark(label)
            if open_tag == tag:
                return

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.svg_title is not None:
            self._name_open_svg(" ".join("".join(self.svg_title).split()))
            self.svg_title = None
            return
        if tag == "time" and self.in_dated_time:
            self.in_dated_time = False
            return
        if tag == "svg":
            self.svg_depth = max(0, self.svg_depth - 1)
        if tag == "style" and self.style_text is not None:
            for names, body in _CSS_RULE.findall("".join(self.style_text)):
                for name in re.findall(r"(?:^|,)\s*\w*\.([\w-]+)\s*(?=,|$)", names):
                    self.classes.setdefault(name, {}).update(_declarations(body))
            self.style_text = None
        if tag in {"script", "style", "head", "title", "noscript"}:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "a":
            self.note_link = False
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if self.symbol_tags and tag in self.symbol_tags:
            while self.symbol_tags and self.symbol_tags.pop() != tag:
                pass
        if any(open_tag == tag for open_tag, _, _ in self.marks):
            self._close_mark(tag)
        if tag == "button" and self.heading_buttons:
            self.heading_buttons -= 1
            return
        if tag in {"header", "footer", "nav", "button"} | _CAPTION_TAGS:
            self.flush()
            self.furniture = max(0, self.furniture - 1)
            return
        if tag == "figcaption" and self.figures:
            self.flush()
            return
        if tag == "figure" and self.figures:
            self.flush()
            inside, has_text = self.blocks[self.figures.pop():], self.figure_text.pop()
            if not has_text:
                for block in inside:  # 'Figur 2. Nöjd kundindex 2020–2024' under a chart: its caption
                    block.furniture = True
            return
        if tag in _BOLD_TAGS:
            self.bold_depth = max(0, self.bold_depth - 1)
            return
        if tag == "span" and self.bold_spans:
            self.bold_depth = max(0, self.bold_depth - self.bold_spans.pop())
        if tag == "span" and self.spans and self.spans.pop():
            # A classed span is set apart ('Regionalt mål 1' in its own box before the title): a space after it.
            (self.cell if self.cell is not None else self.buffer).append(" ")
        if tag == "tr" and self.tables and self.tables[-1] and self.row_colour:
            row = self.tables[-1][-1]
            if (empty := next((i for i, c in enumerate(row) if not c.strip()), None)) is not None:
                row[empty] = self.row_colour  # the row's signal cell, empty but for its colour
            self.row_colour = None
            return
        if tag in {"td", "th", "dt", "dd"} and self.cell is not None and self.tables and self.tables[-1]:
            text = resolve_marks(re.sub(r"[ \t]+", " ", "".join(self.cell)), in_cell=True)
            self.tables[-1][-1].append("\n".join(p.strip() for p in text.split("\n") if p.strip()))
            self.cell = None
            return
        if tag == "dl" and self.tables and not _code_terms(self.tables[-1]):
            # Terms that are labels ('Status', 'Ansvarig'): each term and description a paragraph of its own.
            self.row_levels.pop()
            self.blocks += [Block(PARAGRAPH, cell, furniture=bool(self.furniture))
                            for row in self.tables.pop() for cell in row if cell.strip()]
            return
        if tag in {"table", "dl"} and self.tables and self.outer_cells and self.outer_cells[-1] is not None and \
                len([r for r in self.tables[-1] if any(c.strip() for c in r)]) > 1:
            # A table of rows inside a cell (a section laid out in a frame): a table of its own, the cell goes on.
            rows = [r for r in self.tables.pop() if any(c.strip() for c in r)]
            self.row_levels.pop()
            self.blocks.append(Block(TABLE, rows=rows, furniture=bool(self.furniture)))
            self.cell = self.outer_cells.pop()
            return
        if tag in {"table", "dl"} and self.tables and self.outer_cells and self.outer_cells[-1] is not None:
            # A layout table of one row inside a cell (a spacer, an icon, a title): its text into the cell it stood
            # in, a label beside a title ('Mål' as an icon's text, then the title) joined as a field is.
            inner, _ = self.tables.pop(), self.row_levels.pop()
            self.cell = self.outer_cells.pop()
            for row in inner:
                cells = [c for c in row if c.strip()]
                joined = cells[0] if cells else ""
                for cell in cells[1:]:
                    labelled = len(joined.split()) <= 2 and not re.search(r"[\d.:]", joined)
                    joined = f"{joined}: {cell}" if labelled else f"{joined} {cell}"
                self.cell.append(joined + "\n")
            if self.spacer is not None and self.row_levels and self.row_levels[-1]:
                self.row_levels[-1][-1] = max(self.row_levels[-1][-1], self.spacer)
                self.spaced.add(id(self.row_levels[-1]))
            self.spacer = None
            return
        if tag in {"table", "dl"} and self.tables:
            if self.outer_cells:
                self.outer_cells.pop()
            if id(levels := self.row_levels[-1]) in self.spaced:
                # A row with no spacer in a tree indented by spacers (a comment across the row) goes on from the
                # row above it, at its level.
                for n in range(1, len(levels)):
                    if levels[n] == 0:
                        levels[n] = levels[n - 1]
            kept = [(r, level) for r, level in zip(self.tables.pop(), self.row_levels.pop(), strict=False)
                    if any(c.strip() for c in r) and level != HIDDEN]
            if self.sheet and not self.tables:
                # A sheet published whole: its title rows and text as paragraphs, its tables as tables.
                self.blocks += sheet_blocks([r for r, _ in kept], [level for _, level in kept])
                return
            rows = with_levels([r for r, _ in kept], [level for _, level in kept])
            if rows:
                self.blocks.append(Block(TABLE, rows=rows, furniture=bool(self.furniture)))
            return
        if self.cell is not None:
            return
        if tag in {"ul", "ol"}:
            self.flush()
            self.list_depth = max(-1, self.list_depth - 1)
            return
        if tag in _BLOCK_TAGS:
            self.flush()
            if tag == "li":
                self.li_depth = max(0, self.li_depth - 1)
                self.kind = LIST_ITEM if self.li_depth else PARAGRAPH

    def close(self) -> None:
        super().close()
        self.flush()
        items = [b for b, block in enumerate(self.blocks) if block.kind == LIST_ITEM]
        margins = sorted({self.indents[b] for b in items if b in self.indents})
        if len(margins) >= 2 and all(self.blocks[b].depth == 0 for b in items):
            # Lists written flat, each item's level only in its indent (Google Docs' export, whose sibling lists
            # nest by margin alone; Word's list paragraphs): the depth is the indent's rank.
            for b in items:
                if b in self.indents:
                    self.blocks[b].depth = margins.index(self.indents[b])


BOLD_WEIGHT = 600
HIDDEN = -1  # the level of a table row the page hides
_CSS_RULE = re.compile(r"([^{}@]+)\{([^{}]*)\}")
_NOTE_MARK = re.compile(r"\[\w{1,3}\]")
_LIST_MARKER = re.compile(r"^(?:(?P<bullet>[·•▪◦o§–-])|\d{1,2}(?:\.\d{1,2}){0,3}\.?)\s+(?=\S)")
_SOURCE_WRAP = re.compile(r"(?<=\S)[ \t]*\r?\n\s*(?=\S)")


def _declarations(css: str) -> dict[str, str]:
    """'margin-left:36pt;font-weight:700' as a mapping of property to value."""
    return {name.strip().lower(): value.strip().lower() for name, _, value in
            (part.partition(":") for part in css.split(";")) if name.strip() and value.strip()}


def _points(length: str) -> float | None:
    """A CSS length in points ('36pt', '48px', '1.27cm', '0.5in'); None where none is given."""
    found = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*(pt|px|cm|mm|in|em)?", length.strip())
    if found is None:
        return None
    per = {"pt": 1.0, None: 1.0, "px": 0.75, "cm": 28.35, "mm": 2.835, "in": 72.0, "em": 12.0}[found.group(2)]
    return round(float(found.group(1)) * per, 1)


def _code_terms(rows: list[list[str]]) -> bool:
    """A definition list of short codes or marks and their meanings ('A' / 'Målet uppfylls'), or of terms each
    explained in a sentence ('God' / 'Målet är uppfyllt.'): a legend table. A list of facts ('Status' / 'Pågår',
    'Start' / '2023-02-01') stays paragraphs."""
    if len(rows) < 2 or any(len(row) != 2 for row in rows):
        return False
    # (A meaning in lower case after its term, 'Slutförd' / 'genomförd som planerat', explains it too.)
    explained = sum((row[1].strip().endswith(".") and len(row[1].split()) >= 3) or
                    (row[1].strip()[:1].islower() and len(row[1].split()) >= 2) for row in rows)
    return all(len(row[0].strip()) <= 3 for row in rows) or (explained >= len(rows) - 1 and
                                                            all(len(row[0].strip()) <= 40 for row in rows))


def html_blocks(text: str) -> list[Block]:
    from corpus.documents.positioned import is_positioned_html, positioned_blocks

    if is_positioned_html(text):
        return positioned_blocks(text)  # a PDF converted line by line: read by the lines' places, as a PDF
    parser = _BlockParser()
    parser.feed(text)
    parser.close()
    return parser.blocks


# Pandoc's Markdown: a bookmark span ('[]{#_Toc196311201 .anchor}'), attributes after a heading ('{#mal-1}'), and
# '--' for the en dash its smart typography writes.
_PANDOC_SPAN = re.compile(r"\[\]\{#[^}\n]*\}|[ \t]*\{#[\w:.-]+(?:[ \t]+\.[\w-]+)*\}[ \t]*$", re.M)
_PANDOC_DASH = re.compile(r"(?<=[\s\w])--(?=[\s\w])")
# A pandoc grid table: rows between '+---+---+' borders (the header's lower border '+===+'), cells between '|'
# at the border's '+' positions, each cell's lines Markdown of their own (lists, line breaks).
_GRID_BORDER = re.compile(r"^[ \t]*\+(?:[-=:]+\+)+[ \t]*$")


def _grid_tables(body: str, cell_renderer: MarkdownIt) -> str:
    """Each grid table of `body` as an HTML table on lines of its own (a raw HTML block to the Markdown)."""
    lines = body.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _GRID_BORDER.match(lines[i]) or i + 1 >= len(lines) or not lines[i + 1].lstrip().startswith("|"):
            out.append(lines[i])
            i += 1
            continue
        edges = [m.start() for m in re.finditer(r"\+", lines[i])]
        rows: list[tuple[bool, list[str]]] = []
        content: list[str] = []
        i += 1
        while i < len(lines) and (lines[i].lstrip().startswith("|") or _GRID_BORDER.match(lines[i])):
            if _GRID_BORDER.match(lines[i]):
                cells = ["\n".join(line[a + 1:b].rstrip() for line in content) for a, b in itertools.pairwise(edges)]
                # A word hyphenated at a cell's line end ('Bedöm-' / 'ning') is one word.
                cells = [re.sub(r"(?<=\w)-\n\s*(?=[a-zåäö])", "", textwrap.dedent(cell).strip()) for cell in cells]
                rows.append(("=" in lines[i], cells))
                content = []
            else:
                content.append(lines[i].ljust(edges[-1] + 1))
            i += 1
        html = ["<table>"]
        for header, cells in rows:
            tag = "th" if header else "td"
            rendered = "".join(f"<{tag}>{cell_renderer.render(cell).strip()}</{tag}>" for cell in cells)
            html.append("<tr>" + rendered.replace("\n", " ") + "</tr>")
        out += html + ["</table>", ""]
    return "\n".join(out)


# Python-Markdown's extensions as MkDocs writes them: an admonition ('!!! gul "Titel"', '??? note "Analys"') with its
# body indented under it; an attribute list after a heading or an icon ('{ #kf1 }', '{ .st-klar }'); an icon's
# shortcode (':material-check-circle:').
_ADMONITION = re.compile(r'^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+(?P<type>[\w-]+)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
_ATTRIBUTES = re.compile(r"[ \t]*\{:?[ \t]*(?:[#.][\w:-]+|[\w-]+=\S+)(?:[ \t]+(?:[#.][\w:-]+|[\w-]+=\S+))*[ \t]*\}")
_SHORTCODE = re.compile(r":(?:material|fontawesome|octicons|simple)-[\w-]+:[ \t]*")


def _python_markdown(body: str) -> str:
    """MkDocs' Markdown as CommonMark reads it: an admonition as a paragraph of its title (its type, where it is a
    colour, before it: the box's colour is what it says), its indented body as paragraphs; attribute lists and
    icon shortcodes left out."""
    if not (re.search(r"(?m)^[ \t]*(?:!!!|\?\?\?\+?)[ \t]", body) or _SHORTCODE.search(body) or _ATTRIBUTES.search(body)):
        return body
    out: list[str] = []
    body_indent: int | None = None
    for line in body.split("\n"):
        if body_indent is not None:
            if not line.strip():
                out.append("")
                continue
            if len(line) - len(line.lstrip()) >= body_indent:
                out.append(line[body_indent:])
                continue
            body_indent = None
        if (box := _ADMONITION.match(line)) is not None:
            colour = colour_word(box.group("type"))
            title = (box.group("title") or "").strip() if box.group("title") is not None else \
                box.group("type").capitalize()  # no title given: the type, capitalised, is the title
            said = title if colour is None or fold(title).startswith(fold(colour)) else \
                f"{colour} – {title}" if title else colour
            out += ["", said, ""] if said else [""]
            body_indent = len(box.group("indent")) + 4
            continue
        out.append(line)
    return _SHORTCODE.sub("", _ATTRIBUTES.sub("", "\n".join(out)))


# The emoji shortcodes of coloured marks a forge writes (its other shortcodes stay as written).
_EMOJI = {"green_circle": "🟢", "yellow_circle": "🟡", "orange_circle": "🟠", "red_circle": "🔴",
          "large_blue_circle": "🔵", "blue_circle": "🔵", "white_circle": "⚪", "black_circle": "⚫",
          "green_square": "🟩", "yellow_square": "🟨", "orange_square": "🟧", "red_square": "🟥",
          "white_check_mark": "✅", "heavy_check_mark": "✔", "x": "❌", "warning": "⚠", "pause_button": "⏸"}
_EMOJI_CODE = re.compile(r":(" + "|".join(sorted(_EMOJI, key=len, reverse=True)) + r"):")
_SCOPED_LABEL = re.compile(r"~\"[^\"\n:]+::([^\"\n]+)\"|~[\w-]+::([\w-]+)")
# A notes app's Markdown (Obsidian and its kind): comments '%% … %%', embeds '![[bild.png]]', wikilinks
# '[[Sida|visad text]]', highlights '==text==', a block's id '^ekonomi' on a line of its own, a callout's type
# '> [!warning] Prognos helår: …' before its title, and nested tags '#status/enligt-plan' that say their last part.
_NOTE_COMMENT = re.compile(r"%%.*?%%", re.S)
_NOTE_EMBED = re.compile(r"!\[\[[^\]\n]*\]\]")
_WIKILINK = re.compile(r"\[\[([^\]|\n]+?)(?:\|([^\]\n]+))?\]\]")
_HIGHLIGHT = re.compile(r"==(\S(?:[^=\n]*\S)?)==")
_BLOCK_ID = re.compile(r"(?m)^\^[\w-]+[ \t]*$")
_CALLOUT = re.compile(r"(?m)^((?:>[ \t]*)+)\[![\w-]+\][+-]?[ \t]*(.*)$")
_NESTED_TAG = re.compile(r"(?<![\w&/#])#[\wåäöÅÄÖ-]+/([\wåäöÅÄÖ-]+)")


def _note_markup(body: str) -> str:
    body = _NOTE_EMBED.sub("", _NOTE_COMMENT.sub("", body))
    body = _WIKILINK.sub(lambda m: m.group(2) or m.group(1).split("#")[0], body)
    body = _BLOCK_ID.sub("", _HIGHLIGHT.sub(r"\1", body))
    body = _CALLOUT.sub(lambda m: f"{m.group(1)}{m.group(2)}\n{m.group(1).rstrip()}", body)  # (its title a paragraph)
    return _NESTED_TAG.sub(lambda m: m.group(1).replace("-", " "), body)


_SITE_SHORTCODE = re.compile(r"\{\{[<%]\s*/?[\w.-]+[^{}]*?[>%]\}\}|\{%-?\s*/?\w+[^{}]*?-?%\}")


def markdown_blocks(text: str) -> list[Block]:
    """Markdown (with HTML fragments, as exports write it) rendered by markdown-it-py, then read as HTML."""
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"html": True, "breaks": True}).enable(["table", "strikethrough"])
    front, body = split_front_matter(text)
    if any(_GRID_BORDER.match(line) for line in body.split("\n")):
        # A cell's wrapped lines are one paragraph: its soft breaks are spaces.
        body = _grid_tables(body, MarkdownIt("commonmark", {"html": True}).enable(["strikethrough"]))
    body = _PANDOC_DASH.sub("–", _PANDOC_SPAN.sub("", body))  # after the grid, whose columns count characters
    body = _python_markdown(body)
    # A static site's shortcodes ('{{< bedomning farg="gul" >}}Målet nås delvis{{< /bedomning >}}', '{{< toc >}}',
    # Liquid's '{% … %}'): the tags go, the text between them stays.
    body = _SITE_SHORTCODE.sub("", body)
    # A footnote's mark after a word ('tjejer[^1]') is no part of it; its note at the end is a paragraph of prose.
    body = re.sub(r"(?m)^\[\^[\w-]+\]:[ \t]*", "", re.sub(r"\[\^[\w-]+\](?!:)", "", body))
    # A task list's boxes ('- [ ] Titel', '- [x] Titel') are the item's bullet, not its text.
    body = re.sub(r"(?m)^(\s*(?:[-*+]|\d{1,3}[.)])\s+)\[[ xX]\]\s+", r"\1", body)
    # A code forge's markup (GitLab, GitHub): emoji shortcodes as the pictures they stand for (':yellow_circle:'
    # a traffic light), a scoped label as its value ('~"status::klar"' says 'klar'), the table of contents tag.
    body = _EMOJI_CODE.sub(lambda m: _EMOJI[m.group(1)], body)
    body = _SCOPED_LABEL.sub(lambda m: m.group(1) or m.group(2), body)
    body = re.sub(r"(?m)^\s*\[\[_TOC_\]\]\s*$|^\s*\[TOC\]\s*$", "", body)
    body = _note_markup(body)
    blocks = [Block(PARAGRAPH, front, furniture=True)] if front else []
    return blocks + html_blocks(renderer.render(body))

