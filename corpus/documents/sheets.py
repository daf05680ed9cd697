"""The layouts of a spreadsheet's rows read into blocks: title rows and text above a table, stacked målkort, and
column blocks (one block of columns per goal, its fields in labelled rows)."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.documents.model import PARAGRAPH, TABLE, Block
from corpus.text import fold

# The header of the column a tree's indents are read into (the interpreter's outline-level column, 'Nivå').
INDENT_COLUMN = "Nivå"


def sheet_blocks(rows: list[list[str]], indents: list[int] | None = None) -> list[Block]:
    """Rows with a single value (titles, text) and label–value rows above the first table are paragraphs. A sheet
    that stacks blocks ('målkort': a title row, 'Bedömning: | …' rows, then a table of activities, again and
    again) is read the same way throughout, once a table's header has come back after such rows; a title row
    inside one table (a group row under its header) stays a row of it. A table laid out in column blocks is read
    block by block (`column_blocks`). `indents`: each row's indent, where a table's titles are indented by level
    (a tree without a level column), read into a column of levels (`with_levels`)."""
    indents = indents or [0] * len(rows)
    table_indents: list[int] = []
    blocks: list[Block] = []
    table: list[list[str]] = []
    # Stacked: a row of several values comes back (each block's table header) and label–value rows stand between.
    wide = [tuple(r) for r in rows if sum(1 for c in r if c) > 2]
    stacked = len(wide) > len(set(wide)) and any(_is_field_row(r) for r in rows)

    def close() -> None:
        if table:
            # Columns empty in every row of this table are the sheet's, not its (a legend set two columns in).
            used = [c for c in range(max(map(len, table))) if any(c < len(r) and r[c] for r in table)]
            table[:] = [[r[c] if c < len(r) else "" for c in used] for r in table]
            blocks.extend(column_blocks(table) or [Block(TABLE, rows=with_levels(list(table), table_indents))])
            table.clear()
            table_indents.clear()

    for n, (row, indent) in enumerate(zip(rows, indents, strict=True)):
        filled = [c for c in row if c]
        lone = len(filled) <= 1 or _is_field_row(row)
        # A sentence or a label over what follows ('Personal', then its text; 'Status för aktiviteterna:') ends
        # the table above it: a group title inside a table ends in neither and is followed by the table's rows.
        after = [c for c in rows[n + 1] if c] if n + 1 < len(rows) else []
        ends_table = lone and bool(filled) and (filled[0].rstrip().endswith((".", ":")) or len(after) <= 1)
        if lone and (not table or stacked or ends_table):
            close()
            blocks.append(Block(PARAGRAPH, " ".join(filled)))
        else:
            table.append(row)
            table_indents.append(indent)
    close()
    return blocks


def with_levels(table: list[list[str]], indents: list[int]) -> list[list[str]]:
    """A table whose rows under its header are indented by level (0, 2, 4: goal, sub-goal, activity) with the
    levels as a first column (1, 2, 3), headed INDENT_COLUMN; as it is where every row has the same indent."""
    levels = sorted(set(indents[1:]))
    if len(table) < 3 or len(levels) < 2:
        return table
    rank = {indent: n + 1 for n, indent in enumerate(levels)}
    return [[INDENT_COLUMN, *table[0]]] + [[str(rank[indent]) if any(row) else "", *row]
                                           for row, indent in zip(table[1:], indents[1:], strict=True)]


def _is_field_row(row: list[str]) -> bool:
    """'Bedömning: | Delvis uppfyllt', 'Analys: | …': a label ending in a colon and its one value."""
    filled = [c for c in row if c]
    return bool(row and row[0].endswith(":")) and len(filled) <= 2 and len(row[0]) <= 40


@dataclass(frozen=True)
class _Cell:
    """A value in a labelled row and the columns it spans: to the next value in its row (a merged cell, as a
    sheet read without its merges shows it)."""

    column: int
    end: int
    text: str


def column_blocks(rows: list[list[str]]) -> list[Block] | None:
    """A table whose first column labels its rows ('Mål', 'Måluppfyllelse', 'Delmål', 'Kommentar') and whose
    header row repeats across the sheet ('Aktivitet | Status | Start | Slut', once per sub-goal) is one block of
    columns per goal: each labelled value spans the columns up to the next value in its row, the header's
    repeats cut the rows under it into one table per block. Read as the stacked form ('Mål: …', 'Måluppfyllelse:
    …', the block's table, 'Kommentar: …'), block by block from the left, a value before the blocks it spans.
    None when the table is not laid out so."""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header = next((i for i, r in enumerate(rows) if _repeats(r[1:])), None)
    if header is None or header == 0 or not all(rows[i][0] for i in range(header)):
        return None
    starts = [1 + c for c in _repeats(rows[header][1:]) or []]
    details = header + 1
    while details < len(rows) and not rows[details][0]:
        details += 1
    if details == header + 1:
        return None
    labelled = {i: _cells(rows[i], width) for i in range(len(rows)) if i < header or i >= details}
    reading = _ColumnReading(rows, labelled, header, details, starts, width)
    return reading.blocks(1, width, 0)


def _repeats(cells: list[str]) -> list[int] | None:
    """Where a run of header cells starts again and again along a row ('Aktivitet Status Start Slut' four
    times): the columns each repeat starts at, or None."""
    filled = [i for i, c in enumerate(cells) if c]
    if len(filled) < 4:
        return None
    first = fold(cells[filled[0]])
    starts = [i for i in filled if fold(cells[i]) == first]
    if len(starts) < 2:
        return None
    runs = [tuple(fold(c) for c in cells[a:b] if c) for a, b in zip(starts, [*starts[1:], len(cells)], strict=True)]
    return starts if len(runs[0]) > 1 and len(set(runs)) == 1 else None


def _cells(row: list[str], width: int) -> list[_Cell]:
    filled = [c for c in range(1, width) if row[c]]
    return [_Cell(c, end, row[c]) for c, end in zip(filled, [*filled[1:], width], strict=True)]


@dataclass
class _ColumnReading:
    rows: list[list[str]]
    labelled: dict[int, list[_Cell]]
    header: int
    details: int
    starts: list[int]
    width: int

    def blocks(self, first: int, end: int, from_row: int) -> list[Block]:
        """The blocks of the columns first..end, from a row on: the rows a value spans them in, until a row
        splits them (then the rows further down that span them again, and each part in turn)."""
        out: list[Block] = []
        for i in range(from_row, len(self.rows)):
            if i == self.header:
                out += self._tables(first, end)
                continue
            if i not in self.labelled:
                continue
            inside = [c for c in self.labelled[i] if first <= c.column < end and c.end <= end]
            if not inside:
                continue
            if len(inside) == 1 and inside[0].column == first:
                out.append(self._field(i, inside[0]))
                continue
            # The rows further down that span these columns again ('Kommentar' under the activities, across
            # the goal's block) are the goal's: read before its parts, so they are not taken for the last one's.
            out += [self._field(j, c) for j in range(i + 1, len(self.rows)) if j in self.labelled
                    for c in self.labelled[j] if c.column == first and c.end == end]
            for cell in inside:
                out += self.blocks(cell.column, cell.end, i)
            break
        return out

    def _field(self, row: int, cell: _Cell) -> Block:
        label = self.rows[row][0].strip().rstrip(":")
        return Block(PARAGRAPH, f"{label}: {cell.text}")

    def _tables(self, first: int, end: int) -> list[Block]:
        out: list[Block] = []
        bounds = [*self.starts, self.width]
        for a, b in zip(bounds, bounds[1:], strict=False):
            if first <= a and b <= end:
                body = [r[a:b] for r in self.rows[self.header:self.details]]
                body = [r for r in body if any(r)]
                if len(body) > 1:
                    out.append(Block(TABLE, rows=body))
        return out
