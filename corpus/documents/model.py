"""The document model every format is read into: a sequence of blocks, page furniture marked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
TABLE = "table"
# A line that opens with a field's label and a colon ('Status: Pågår', 'Kommentar:'), in a text dump or a plain file.
FIELD_LINE = re.compile(r"^[A-ZÅÄÖ][\wåäöÅÄÖ/ -]{1,40}:(?:\s|$)")


@dataclass
class Block:
    """One block of a document. A table's `rows` hold its cells, the header row first when it has one."""

    kind: str
    text: str = ""
    level: int = 0
    depth: int = 0
    rows: list[list[str]] = field(default_factory=list)
    bold: bool = False
    page: int | None = None
    furniture: bool = False

    def lines(self) -> list[str]:
        """The block as lines of text: a table row is its cells joined by tabs."""
        if self.kind == TABLE:
            return ["\t".join(cell.replace("\n", " ") for cell in row) for row in self.rows]
        if self.kind == HEADING:
            return ["#" * max(1, self.level) + " " + self.text.replace("\n", " ")]
        if self.kind == LIST_ITEM:
            return ["  " * self.depth + "- " + self.text.replace("\n", " ")]
        return [self.text.replace("\n", " ")]


@dataclass
class Document:
    """A report file read into blocks. `text` is the file's text as read (what is stored and hashed)."""

    source: str
    format: str
    blocks: list[Block]
    text: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)

    def line_map(self) -> tuple[list[str], list[tuple[int, int]]]:
        """Lines of the linearised document and, for each, (block index, line within block)."""
        lines: list[str] = []
        where: list[tuple[int, int]] = []
        for b, block in enumerate(self.blocks):
            for r, line in enumerate(block.lines()):
                lines.append(line)
                where.append((b, r))
        return lines, where


def trimmed_row(row: list[str]) -> list[str]:
    """A table row without its empty cells at the end (the padding a sheet's width, or a merged cell, leaves)."""
    end = len(row)
    while end and not (row[end - 1] or "").strip():
        end -= 1
    return row[:end]
