"""A web page dumped as text by a text browser (`lynx -dump`, `w3m -dump`, `links -dump`): the body indented under
headings set at the margin, the links numbered in brackets and listed under 'References' at the end, nested lists
by the column of their markers ('1.', '*', '+', 'o', '#'), definition lists as a term over its indented meaning,
and every line wrapped at the dump's width. Read into the same blocks as any other report."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from corpus.documents.model import FIELD_LINE, HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block

# A link's number before its text ('[21]Studieverkstad'), and the list of the links' addresses closing the dump.
_LINK_MARK = re.compile(r"\[\d{1,4}\](?=\S)")
_REFERENCES = re.compile(r"^\s*(?:References|Referenser|Länkar)\s*$")
_REFERENCE = re.compile(r"^\s*\d{1,4}\.\s+(?:\S+://|mailto:|tel:)\S+\s*$")
# A list item's marker: a bullet as text browsers draw the levels, or a number.
_MARKER = re.compile(r"^( *)([*+o#@•-]|\d{1,3}[.)])\s+(\S.*)$")
MIN_LINK_MARKS = 3  # a dump shows its links: fewer bracketed numbers are a report's own '[1]' notes
MIN_INDENTED_SHARE = 0.6  # the body of a dump stands indented; a plain text report's does not
# A line set this far in past the body, alone, is a centred title.
CENTRED = 6


@dataclass
class _Unit:
    kind: str  # "heading", "title", "paragraph", "item", "term"
    indent: int
    column: int  # where the text starts (an item's text after its marker)
    lines: list[str] = field(default_factory=list)
    meaning: list[str] = field(default_factory=list)  # a term's definition


def is_dump(text: str) -> bool:
    """Whether plain text is a web page dumped by a text browser: its links marked and listed, its body indented."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    marks = len(_LINK_MARK.findall(text))
    listed = any(_REFERENCES.match(line) for line in lines) and sum(bool(_REFERENCE.match(line)) for line in lines) >= 2
    indented = sum(line.startswith("  ") for line in lines) / len(lines)
    return (marks >= MIN_LINK_MARKS or listed) and indented >= MIN_INDENTED_SHARE


def _without_references(lines: list[str]) -> list[str]:
    for i in range(len(lines) - 1, -1, -1):
        if _REFERENCES.match(lines[i]) and all(_REFERENCE.match(line) or not line.strip() for line in lines[i + 1:]):
            return lines[:i]
    return lines


def _unwrapped(lines: list[str], indent: int, width: int) -> str:
    """A unit's lines with the dump's wraps undone: a line the next line's first word would not have fitted on was
    wrapped there (where that word does not open a line of its own); a shorter line ends where its writer ended it."""
    out: list[str] = []
    for line in lines:
        word = line.split(" ", 1)[0]
        full = bool(out) and indent + len(out[-1].rsplit("\n", 1)[-1]) + 1 + len(word) > width
        # A capital after a full line opens a line of its own ('… arbetsmarknadens behov' / 'Kommunfullmäktiges
        # mål. …'), unless a field's sentence goes on ('Analys: …', whose wrap may start with a capital).
        if full and (not line[:1].isupper() or (FIELD_LINE.match(out[-1]) and not FIELD_LINE.match(line))):
            out[-1] += f" {line}"
        else:
            out.append(line)
    return "\n".join(out)


def dump_blocks(text: str) -> list[Block]:
    """The dump's blocks: headings, paragraphs, list items (depth by the rank of their marker's column among the
    list's), and each run of definitions as a table of term and meaning."""
    raw = _without_references([_LINK_MARK.sub("", line.rstrip()) for line in text.replace("\r\n", "\n").split("\n")])
    width = max((len(line) for line in raw if "://" not in line), default=80)
    body = Counter(len(line) - len(line.lstrip(" ")) for line in raw if line.strip() and line.startswith(" "))
    body_indent = body.most_common(1)[0][0] if body else 0
    units: list[_Unit] = []
    open_unit: _Unit | None = None
    for line in raw:
        if not line.strip():
            open_unit = None
            continue
        indent = len(line) - len(line.lstrip(" "))
        said = line.strip()
        marker = _MARKER.match(line)
        if indent == 0:
            units.append(_Unit("heading", 0, 0, [said]))
            open_unit = None
        elif marker is not None and indent >= body_indent:
            open_unit = _Unit("item", indent, len(marker.group(1)) + len(marker.group(2)) + 1, [marker.group(3).strip()])
            units.append(open_unit)
        elif open_unit is not None and open_unit.kind == "item" and indent >= open_unit.column:
            open_unit.lines.append(said)
        elif open_unit is not None and open_unit.kind == "term" and indent > open_unit.indent:
            open_unit.meaning.append(said)
        elif open_unit is not None and open_unit.kind == "paragraph" and indent > open_unit.indent and \
                len(open_unit.lines) == 1:
            open_unit.kind, open_unit.meaning = "term", [said]  # a term over its indented meaning
        elif open_unit is not None and open_unit.kind == "paragraph" and indent == open_unit.indent:
            open_unit.lines.append(said)
        else:
            open_unit = _Unit("paragraph", indent, indent, [said])
            units.append(open_unit)
    return _blocks(units, body_indent, width)


def _blocks(units: list[_Unit], body_indent: int, width: int) -> list[Block]:
    blocks: list[Block] = []
    run: list[_Unit] = []  # the items of one list, for their depths

    def close_list() -> None:
        columns = sorted({unit.indent for unit in run})
        blocks.extend(Block(LIST_ITEM, _unwrapped(unit.lines, unit.column, width), depth=columns.index(unit.indent))
                      for unit in run)
        run.clear()

    for n, unit in enumerate(units):
        if unit.kind == "item":
            run.append(unit)
            continue
        close_list()
        if unit.kind == "heading":
            blocks.append(Block(HEADING, unit.lines[0], level=2))
        elif unit.kind == "term":
            row = [_unwrapped(unit.lines, unit.indent, width), _unwrapped(unit.meaning, unit.indent, width)]
            if n and units[n - 1].kind == "term" and blocks and blocks[-1].kind == TABLE:
                blocks[-1].rows.append(row)  # the next term of the same list
            else:
                blocks.append(Block(TABLE, rows=[row]))
        elif len(unit.lines) == 1 and unit.indent >= body_indent + CENTRED:
            blocks.append(Block(HEADING, unit.lines[0], level=1))
        else:
            blocks.append(Block(PARAGRAPH, "\n".join(unit.lines)))
    close_list()
    return blocks
