"""Text files: the encoding found (UTF-8, UTF-16, cp1252, Latin-1), and plain text read into blocks."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from corpus.documents.columns import unfold_columns
from corpus.documents.model import FIELD_LINE, HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block, trimmed_row
from corpus.documents.outline import dump_blocks, is_dump
from corpus.model import ReportFormatError

# Encodings a Swedish report is plausibly saved in; anything charset-normalizer proposes outside them is
# a sign the file is not text.
PLAUSIBLE = ("utf_8", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "cp1252", "latin_1", "iso8859_15", "ascii",
             "mac_roman", "cp850")
MAX_CHAOS = 0.2
_NUMBERED = re.compile(r"^(\d+(?:\.\d+){0,3})\.?\s+([A-ZÅÄÖ0-9].{2,200})$")
_CAPITALS = re.compile(r"^[^a-zåäöéü]*[A-ZÅÄÖ]{2}[^a-zåäöéü]*$")
_LEADERS = re.compile(r"(\.{3,}|…{2,})\s*\d{1,3}\s*$")
# A bullet, or a lettered item ('a) Genomförandeplaner …', 'b) …').
_BULLET = re.compile(r"^(\s*)(?:[•\-*–·▪●◦]|[a-zåäö]\))\s+(\S.*)$")
# Text laid out in columns (a PDF copied with its layout, `pdftotext -layout`): cells stand apart by this many
# spaces, and a line indented under a row's first cell, reaching across the others, is that row's note.
COLUMN_GAP = 3
_CELL = re.compile(r"\S(?:.*?\S)?(?= {" + str(COLUMN_GAP) + r",}|$)")
NOTE_COLUMN = "Kommentar"
# Lines this long, this many of them, are paragraphs saved whole: no editor or printout wraps there.
UNWRAPPED_LINE = 200
UNWRAPPED_LINES = 3  # the header a table's notes are read under
# A word broken at a line's end ('verksam-' / 'heten'); not a compound's shared part ('barn- och …').
_BROKEN = re.compile(r"(\w)-\n(?!(?:och|eller|samt|till|respektive)\b)([a-zåäöé])")


def join_broken_words(text: str) -> str:
    """Lines joined where a word was hyphenated across them: 'själv-\\nständigt' is 'självständigt'."""
    return _BROKEN.sub(r"\1\2", text)


def _cells(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _CELL.finditer(line)]


_RULER = re.compile(r"\s*-{2,}(?:\s+-{2,})+\s*")


def _ruled_table(lines: list[str], start: int, is_field: Callable[[str], bool],
                 layouts: list[tuple[list[str], list[int]]] | None = None) -> tuple[list[Block], int] | None:
    """A fixed-width table as a system prints it: a header line over a ruler of dashes ('------  -------'), whose
    dash groups are the columns. Rows follow, blank lines between them allowed, until a line that does not keep
    to the columns, a ruler alone or a new header. A line indented past the first column wraps the row's cells;
    one that opens with a field label ('Kommentar: …', 'Analys: …') is a paragraph of its own after the row,
    and its indented lines go on with it. Returns the table and those paragraphs, and the index after them."""
    resumed = None
    if start + 1 >= len(lines) or not _RULER.fullmatch(lines[start + 1].rstrip()):
        # A row of a table printed earlier, after a table of another kind ends (the printout's goals go on
        # below the activities of the one before): that table's columns resume.
        resumed = next(((head, columns) for head, columns in reversed(layouts or [])
                        if _fits(lines[start], columns)), None)
        if resumed is None:
            return None
    if resumed is None:
        spans = [(m.start(), m.end()) for m in re.finditer(r"-{2,}", lines[start + 1])]
        header = lines[start]
        if not header.strip() or header[:spans[0][0]].strip():
            return None
        starts = [a for a, _ in spans]
    else:
        starts = resumed[1]

    def cells(line: str) -> list[str]:
        bounds = [*starts[1:], max(len(line), starts[-1] + 1)]
        return [line[a:b].strip() for a, b in zip(starts, bounds, strict=True)]

    def keeps_columns(line: str) -> bool:
        # Text may not start inside the gap before a column (it would be a line of prose, not a row).
        return not line[:starts[0]].strip() and all(line[a - 1:a].strip() == "" or line[a - 2:a].strip() == ""
                                                    for a in starts[1:] if a < len(line))

    rows = [cells(header)] if resumed is None else [resumed[0]]
    if resumed is None and layouts is not None:
        layouts.append((rows[0], starts))
    notes: list[tuple[int, str]] = []  # each note, and the row it follows
    note: list[str] = []
    index = start + 2 if resumed is None else start

    def close_note() -> None:
        if note:
            notes.append((len(rows) - 1, " ".join(note)))
            note.clear()

    while index < len(lines):
        line = lines[index].rstrip().replace("\f", "")
        if not line.strip():
            close_note()
            index += 1
            continue
        if _RULER.fullmatch(line) or re.fullmatch(r"\s*-{3,}\s*", line) or (
                index + 1 < len(lines) and _RULER.fullmatch(lines[index + 1].rstrip())):
            break
        first = line[starts[0]:starts[1]].strip() if len(starts) > 1 else line.strip()
        if first and keeps_columns(line):
            close_note()
            rows.append(cells(line))
        elif not first and line[:starts[0]].strip() == "":
            text = line.strip()
            if is_field(text) or note:
                note.append(text)
            elif len(rows) > 1:
                for j, more in enumerate(cells(line)):
                    if more:
                        rows[-1][j] = f"{rows[-1][j]} {more}".strip()
        else:
            break
        index += 1
    close_note()
    if len(rows) < 2:
        return None
    # The rows are one table, with each row's notes after it: the notes go into a last column.
    return _with_notes(rows, notes), index


def _fits(line: str, starts: list[int]) -> bool:
    """A line that is a row of a fixed-width table with these columns: text at the first column and in at least
    two others, each starting where its column does (after a gap)."""
    if len(starts) < 3 or not line.strip() or line[:starts[0]].strip() or not line[starts[0]:starts[0] + 1].strip():
        return False
    filled = [a for a in starts if a < len(line) and line[a:a + 1].strip() and (a == 0 or not line[a - 1:a].strip())]
    return len(filled) >= 3 and all(not line[a - 1:a].strip() for a in starts[1:] if a < len(line))


def _with_notes(rows: list[list[str]], notes: list[tuple[int, str]]) -> list[Block]:
    """The table, its notes (field lines after a row) in a column of their own, named by their label, each beside
    the row it follows."""
    noted: dict[int, list[str]] = {}
    for row, text in notes:
        noted.setdefault(row, []).append(text)
    if not noted:
        return [Block(TABLE, rows=rows)]
    label = next(iter(noted.values()))[0].split(":", 1)[0].strip()
    return [Block(TABLE, rows=[[*rows[0], label]] + [[*r, " ".join(noted.get(i, [])).split(":", 1)[-1].strip()
                                                        if noted.get(i) else ""] for i, r in enumerate(rows[1:], 1)])]


def _layout_table(lines: list[str], start: int) -> tuple[list[list[str]], int] | None:
    """A table laid out in columns from `start`: its rows (a header, then one row per item, wrapped cells
    joined, notes in a last column) and the index after it; None where the lines are no such table."""
    header = _cells(lines[start])
    if len(header) < 2:
        return None
    starts = [position for position, _ in header]
    rows: list[list[str]] = [[text for _, text in header]]
    notes: list[str] = []
    end = start + 1

    def column(position: int) -> int:
        return max(j for j, s in enumerate(starts) if s <= position + 2) if position + 2 >= starts[0] else -1

    while end < len(lines) and lines[end].strip() and "\t" not in lines[end]:
        cells = _split_at_columns(_cells(lines[end]), starts)
        columns = [column(position) for position, _ in cells]
        if -1 in columns:
            break  # back at the page's left edge: the table has ended
        # A new row opens in the first column; a wrapped title goes on there in lower case.
        if len(cells) >= 2 and columns[0] == 0 and not cells[0][1][:1].islower():
            rows.append([""] * len(starts))
            notes.append("")
            for j, (_, text) in zip(columns, cells, strict=True):
                rows[-1][j] = _joined(rows[-1][j], text)
        elif len(rows) == 1:
            return None
        elif len(cells) == 1 and columns[0] == 0 and cells[0][0] > starts[0] + 1:
            notes[-1] = _joined(notes[-1], cells[0][1])  # indented under the row: its note
        else:
            for j, (_, text) in zip(columns, cells, strict=True):
                rows[-1][j] = _joined(rows[-1][j], text)  # a cell wrapped onto the next line
        end += 1
    if len(rows) < 2:
        return None
    if any(notes):
        rows = [rows[0] + [NOTE_COLUMN]] + [row + [note] for row, note in zip(rows[1:], notes, strict=True)]
    return rows, end


# A table under a caption line has at least this many columns (a caption over two is as likely a heading over text
# set in two columns).
CAPTIONED_COLUMNS = 3


def _split_at_columns(cells: list[tuple[int, str]], starts: list[int]) -> list[tuple[int, str]]:
    """Cells of a row split where a header's column starts at a gap of two spaces inside one ('… arbetsmaskiner
    Fordonsenheten  Avviker' under 'Insats   Ansvar   Status': a long title leaves two spaces, not three)."""
    out: list[tuple[int, str]] = []
    for position, text in cells:
        while True:
            cut = next((start - position for start in starts if position < start < position + len(text)
                        and text[start - position - 2:start - position] == "  " and text[start - position] != " "),
                       None)
            if cut is None:
                break
            out.append((position, text[:cut].rstrip()))
            position, text = position + cut, text[cut:]
        out.append((position, text))
    return out


def _caption(paragraph: list[str]) -> bool:
    """A paragraph so far of one short line of one cell, a few words without a field's colon or figures: a
    table's caption ('Insatser', 'Insatser kopplade direkt till inriktningsmål 1'), when a table follows it."""
    line = paragraph[0].strip() if len(paragraph) == 1 else ""
    return bool(line) and len(line) <= 60 and len(line.split()) <= 7 and len(_cells(paragraph[0])) == 1 and \
        ":" not in line and not re.search(r"\d{2}", line)


def _joined(text: str, more: str) -> str:
    return join_broken_words(f"{text}\n{more}").replace("\n", " ") if text else more


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Text and encoding of a text file; one clear sentence where it is not text in a known encoding."""
    if data.startswith((b"\xef\xbb\xbf",)):
        return _clean(data[3:].decode("utf-8", errors="strict")), "utf-8"
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            return _clean(data.decode("utf-32")), "utf-32"
        except UnicodeDecodeError as exc:
            raise ReportFormatError(f"Filen {name} säger sig vara UTF-32 men kan inte läsas som det.") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _clean(data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError as exc:
            raise ReportFormatError(f"Filen {name} säger sig vara UTF-16 men kan inte läsas som det.") from exc
    try:
        return _clean(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=list(PLAUSIBLE)).best()
    # A decoding that reads as a mess of symbols is no decoding (EBCDIC, a mainframe export, a scrambled file).
    if best is None or best.encoding not in PLAUSIBLE or best.chaos > MAX_CHAOS:
        raise ReportFormatError(f"Filen {name} har en okänd teckenkodning (varken UTF-8, UTF-16, Windows-1252 "
                                "eller Latin-1).")
    text = data.decode(best.encoding, errors="replace")
    if "\x00" in text or _control_share(text) > 0.01:
        raise ReportFormatError(f"Filen {name} är en binärfil, inte en textrapport.")
    return _clean(text), best.encoding


def looks_binary(data: bytes) -> bool:
    """NUL bytes without a UTF-16 pattern, or many control characters: not a text file."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return False
    if b"\x00" in head:
        # UTF-16 without a byte-order mark: every other byte is NUL for Latin text.
        even, odd = head[0::2], head[1::2]
        return not (odd.count(0) > 0.4 * len(odd) or even.count(0) > 0.4 * len(even))
    return False


def _control_share(text: str) -> float:
    sample = text[:50_000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(1, len(sample))


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def decode_utf16_without_bom(data: bytes) -> bytes:
    """Prefix a byte-order mark to UTF-16 (or UTF-32) text saved without one, so `decode` reads it."""
    head = data[:8192]
    if head[0::4].count(0) > 0.9 * len(head[0::4]) and head[1::4].count(0) > 0.9 * len(head[1::4]):
        return b"\x00\x00\xfe\xff" + data
    if head[2::4].count(0) > 0.9 * len(head[2::4]) and head[3::4].count(0) > 0.9 * len(head[3::4]):
        return b"\xff\xfe\x00\x00" + data
    odd_nul = head[1::2].count(0)
    even_nul = head[0::2].count(0)
    return (b"\xff\xfe" if odd_nul > even_nul else b"\xfe\xff") + data


# A spreadsheet saved as text with semicolons (Swedish Excel's "CSV (semikolonavgränsad)"): most lines split
# into the same number of fields, at least this many.
DELIMITED_MIN_FIELDS = 3
DELIMITED_SHARE = 0.6


def delimited_blocks(text: str) -> list[Block] | None:
    """A semicolon-separated export as blocks: lines of one value (a title, a period) as paragraphs, runs of
    lines of several as one table each; quoted fields may hold semicolons and line breaks. None where the
    text is not such an export."""
    import csv
    import io
    from collections import Counter

    if text.count(";") < DELIMITED_MIN_FIELDS * 3:
        return None
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    except csv.Error:
        return None
    rows = [[cell.strip() for cell in row] for row in rows]
    widths = Counter(len(row) for row in rows if any(row))
    if not widths:
        return None
    width, count = widths.most_common(1)[0]
    if width < DELIMITED_MIN_FIELDS or count < max(3, DELIMITED_SHARE * sum(widths.values())):
        return None
    blocks: list[Block] = []
    for row in rows:
        filled = [cell for cell in row if cell]
        if len(filled) <= 1:
            # A title line, or an empty row: what Excel leaves between two tables of one sheet.
            blocks.append(Block(PARAGRAPH, filled[0] if filled else ""))
        elif blocks and blocks[-1].kind == TABLE:
            blocks[-1].rows.append(trimmed_row(row))
        else:
            blocks.append(Block(TABLE, rows=[trimmed_row(row)]))
    return [b for b in blocks if b.rows or b.text]



# A system's export of records, one 'key = value' per line and a blank line between records (comment lines
# after ';' or '#'): each record a two-column table of its fields, as a form in Word is.
_RECORD_LINE = re.compile(r"^\s*([^=\n]{1,40}?)\s*=\s?(.*)$")
RECORD_SHARE = 0.8
MIN_RECORDS = 3


def record_blocks(text: str) -> list[Block] | None:
    """'Typ = Mål' / 'Rubrik = …' / 'Överordnad = M1' records as blocks: one table of (key, value) rows a record;
    None where the text is not such an export."""
    lines = [line for line in text.splitlines() if not re.match(r"^\s*[;#]", line)]
    filled = [line for line in lines if line.strip()]
    if not filled or sum(1 for line in filled if _RECORD_LINE.match(line)) < RECORD_SHARE * len(filled):
        return None
    blocks: list[Block] = []
    record: list[list[str]] = []
    for line in [*lines, ""]:
        match = _RECORD_LINE.match(line) if line.strip() else None
        if match is not None:
            # Free-text fields keep the inline markup of the system's web client ('<b>…</b>'): the text stays.
            record.append([match.group(1).strip(), re.sub(r"</?(?:b|i|em|strong|u)>|<br\s*/?>", "", match.group(2)).strip()])
        elif not line.strip() and record:
            blocks.append(Block(TABLE, rows=record))
            record = []
        elif line.strip():
            blocks.append(Block(PARAGRAPH, line.strip()))
    return blocks if sum(1 for b in blocks if b.kind == TABLE) >= MIN_RECORDS else None


_UNDERLINE = re.compile(r"(?:={3,}|-{3,})")
_QUOTED = re.compile(r"^\s*>+ ?(.*)$")
# 'Kommentar: …', 'Analys: …': a note of the row above it in a printed table (a label, then a sentence).
_FIELD_LINE = re.compile(r"^[A-ZÅÄÖ][a-zåäö]+(?:\s[a-zåäö]+)?:\s+\S")


def _is_field_line(text: str) -> bool:
    return bool(_FIELD_LINE.match(text))


# A goal system's tree printed as text: a node on its branch ('├─', '└─') after the stems of its parents ('│  '),
# and the lines that hang on a branch.
_TREE_NODE = re.compile(r"^([│ ]*)([├└]─+)(.*)$")
_TREE_STEM = re.compile(r"^[│ ]*│[│ ]*")


def text_blocks(text: str) -> list[Block]:
    """Plain text as blocks: a semicolon-separated export as its tables, tab-separated runs as tables,
    bullets as list items, numbered short lines as headings, and the rest paragraphs separated by blank lines
    (form feeds start a new page)."""
    if (delimited := delimited_blocks(text)) is not None:
        return delimited
    if (records := record_blocks(text)) is not None:
        return records
    if is_dump(text):
        return dump_blocks(text)  # a web page dumped by a text browser
    text = unfold_columns(text)  # pages set in two columns read column by column
    blocks: list[Block] = []
    paragraph: list[str] = []
    page = 1
    # Exports in Markdown with HTML fragments (<p>, <b>, <br>): the tags go, the text and the tabs stay.
    heading_open = False
    fragments = bool(re.search(r"</?(p|b|br|li|ul|strong|em|span|a)\b[^>]*>", text[:100_000], re.I))

    def flush() -> None:
        if paragraph:
            blocks.append(Block(PARAGRAPH, join_broken_words("\n".join(paragraph)), page=page))
            paragraph.clear()

    lines = text.split("\n")
    # Text saved without line breaks inside paragraphs (Word's 'Oformaterad text'): every line is a paragraph.
    unwrapped = sum(len(line) > UNWRAPPED_LINE for line in lines) >= UNWRAPPED_LINES
    index = 0
    item_indent: int | None = None  # where the last bullet's text starts, for the lines that hang from it
    tree = False  # in a tree drawn with box lines, whose last node's lines are indented without a stem
    layouts: list[tuple[list[str], list[int]]] = []  # the printed tables' columns, for rows that resume them
    while index < len(lines):
        raw = lines[index]
        previous_line = lines[index - 1] if index else ""
        index += 1
        if (node := _TREE_NODE.match(raw)) is not None:
            # A tree drawn with box lines ('│  ├─◇ Titel'): a node a list item, its depth its column.
            flush()
            blocks.append(Block(LIST_ITEM, node.group(3).strip(), depth=len(node.group(1)) // 3, page=page))
            tree = True
            continue
        if (_TREE_STEM.match(raw) or (tree and raw[:1].isspace() and raw.strip())) and not paragraph:
            # A node's lines hang on its branch ('│  │     Sju av tio …'), or under the last branch, indented.
            if (said := _TREE_STEM.sub("", raw).strip()) and blocks and blocks[-1].kind == LIST_ITEM:
                blocks[-1].text += "\n" + said
            continue
        tree = tree and not raw.strip()
        if fragments:
            raw = _without_tags(raw)
        elif not paragraph and (ruled := _ruled_table(lines, index - 1, _is_field_line, layouts)) is not None:
            flush()
            ruled_blocks, index = ruled
            blocks.extend(Block(b.kind, b.text, rows=b.rows, page=page) for b in ruled_blocks)
            continue
        elif (not paragraph or (_caption(paragraph) and len(_cells(raw)) >= CAPTIONED_COLUMNS)) and "\t" not in raw and \
                (table := _layout_table(lines, index - 1)) is not None:
            # (Under a caption on the line before, 'Insatser' over 'Insats   Ansvar   Status', the caption a
            # paragraph of its own.)
            flush()
            rows, index = table
            blocks.append(Block(TABLE, rows=rows, page=page))
            continue
        if "\f" in raw:
            flush()
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        line = raw.rstrip()
        if not line.strip():
            flush()
            heading_open = False
            continue
        following = lines[index].strip() if index < len(lines) else ""
        if _UNDERLINE.fullmatch(following) and not paragraph and len(line.strip()) <= 160 and "\t" not in line.strip():
            # A heading underlined with '=====' or '-----' (Word's and e-mail's plain text, Setext Markdown).
            blocks.append(Block(HEADING, line.strip(), level=1 if following[0] == "=" else 2, page=page))
            index += 1
            continue
        if _UNDERLINE.fullmatch(line.strip()):
            continue  # an underline whose heading was a paragraph's last line: it underlines nothing we read
        in_table = bool(blocks) and blocks[-1].kind == TABLE and blocks[-1].page == page and "\t" in previous_line
        if not in_table and not paragraph and (numbered := _TABBED_HEADING.match(line.strip())):
            # Word's automatic heading number, saved as text and a tab ('4.2<TAB>Kommunfullmäktiges mål 1: …').
            blocks.append(Block(HEADING, f"{numbered.group(1)} {numbered.group(2)}",
                                level=numbered.group(1).count(".") + 1, page=page))
            continue
        if "\t" in line.strip():
            flush()
            cells = [c.strip() for c in line.strip().split("\t")]
            continuing = blocks[-1].kind == TABLE and blocks[-1].page == page if blocks else False
            if continuing and "\t" in previous_line and _continues_cell(blocks[-1].rows, cells):
                # Word's plain text ends a row's line at a paragraph mark inside a cell: the next line goes on
                # with that cell, and its other cells are the row's next ones.
                blocks[-1].rows[-1][-1] += "\n" + cells[0]
                blocks[-1].rows[-1].extend(cells[1:])
            elif continuing:
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block(TABLE, rows=[cells], page=page))
            continue
        if (bullet := _BULLET.match(line)):
            flush()
            blocks.append(Block(LIST_ITEM, bullet.group(2).strip(), depth=len(bullet.group(1)) // 2, page=page))
            item_indent = bullet.start(2)
            continue
        if not paragraph and blocks and blocks[-1].kind == LIST_ITEM and previous_line.strip() and line.strip() and \
                item_indent is not None and len(line) - len(line.lstrip()) == item_indent:
            # A line hanging at the item's text ('• Kulturskola på fritidshemmen i Norrby och' / '  Saltvik' /
            # '  Status: Pågår'): the item goes on, its wrapped title joined, its fields a line each.
            fielded = FIELD_LINE.match(line.strip()) or FIELD_LINE.match(blocks[-1].text.split("\n")[-1])
            blocks[-1].text = f"{blocks[-1].text}\n{line.strip()}" if fielded else \
                join_broken_words(f"{blocks[-1].text}\n{line.strip()}").replace("\n", " ")
            continue
        if not line.strip():
            item_indent = None
        if (quoted := _QUOTED.match(line)):
            # A comment quoted as e-mail quotes it ('> Samrådet hölls i mars …'): its text, without the marks.
            line = quoted.group(1)
            if not line.strip():
                flush()
                continue
        elif not paragraph and blocks and blocks[-1].kind == LIST_ITEM and previous_line.strip() and \
                (line.strip()[:1].islower() or line.strip().startswith("(")):
            # A bullet wrapped onto a line of its own without an indent ('… om brottsförebyggande' / 'arbete
            # [Enligt plan] (…)'): it goes on.
            blocks[-1].text = join_broken_words(f"{blocks[-1].text}\n{line.strip()}").replace("\n", " ")
            continue
        if (heading := re.match(r"^(#{1,6})\s+(.+)$", line.strip())):
            flush()
            blocks.append(Block(HEADING, heading.group(2).strip(" *"), level=len(heading.group(1)), page=page))
            continue
        if (not paragraph and _CAPITALS.match(line.strip()) and len(line.strip()) <= 120
                and sum(ch.isalpha() for ch in line) >= 4):
            # A line in capitals standing alone is a heading ('ÄLDRE KÄNNER SIG TRYGGA', 'EKONOMI').
            flush()
            blocks.append(Block(HEADING, line.strip(), level=1, page=page))
            continue
        numbered = _NUMBERED.match(line.strip())
        if numbered and not paragraph and len(line) < 160 and not line.rstrip().endswith((",", ";")):
            flush()
            blocks.append(Block(HEADING, line.strip(), level=numbered.group(1).count(".") + 1, page=page))
            heading_open = True
            continue
        if heading_open and line[:1].isspace() and line.strip()[:1].islower():
            # A numbered heading wrapped onto an indented line of its own.
            blocks[-1].text = join_broken_words(f"{blocks[-1].text}\n{line.strip()}").replace("\n", " ")
            continue
        heading_open = False
        # 'Status: Pågår' on a line of its own starts a new block even without a blank line before it.
        if FIELD_LINE.match(line.strip()) or _LEADERS.search(line) or unwrapped:
            flush()
        paragraph.append(line.strip())
        if _LEADERS.search(line):
            # A table-of-contents line (title, dot leaders, page) stands alone.
            flush()
    flush()
    return blocks


_TABBED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\t([A-ZÅÄÖ][^\t]{1,160})$")


def _continues_cell(rows: list[list[str]], cells: list[str]) -> bool:
    """Whether a tab line goes on with the last row: that row is short of the table's width, and the line's cells
    make it whole, its first cell going on with the row's last one."""
    width = len(rows[0])
    return len(rows) > 1 and len(rows[-1]) < width and len(rows[-1]) + len(cells) - 1 == width


def _without_tags(line: str) -> str:
    line = re.sub(r"</?(p|li|ul|ol|br|div)\b[^>]*>", " ", line, flags=re.I)
    line = html.unescape(re.sub(r"<[^>]+>", "", line)).replace("**", "")
    return "\t".join(re.sub(r" {2,}", " ", cell).strip() for cell in line.split("\t"))
