"""A wide table printed in strips ('down, then over': the first columns for all rows, then the next columns for the
same rows, the key column repeated on every page) read back as the one table it is."""

from __future__ import annotations

from corpus.documents.model import TABLE, Block

MIN_STRIP_ROWS = 2
MIN_STRIP_COLUMNS = 3


def _runs(blocks: list[Block]) -> list[list[int]]:
    """Tables with the same header one after the other (a table going on over pages), other blocks between them
    allowed: each run's block indices."""
    runs: list[list[int]] = []
    for index, block in enumerate(blocks):
        if block.kind != TABLE or not block.rows or block.furniture:
            continue
        if runs and blocks[runs[-1][0]].rows[0] == block.rows[0]:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _keyed(blocks: list[Block], run: list[int]) -> tuple[list[str], list[list[str]]]:
    header = blocks[run[0]].rows[0]
    return header, [row for index in run for row in blocks[index].rows[1:]]


def joined_strips(blocks: list[Block]) -> list[Block]:
    """Blocks with each table printed in strips joined: a run of tables whose header opens with the same key
    column as the run before it ('Id | Nivå | Benämning …' then 'Id | Status | Startdatum …'), whose rows hold the
    same keys in the same order, each once, and whose other columns are new, is that run's columns, row by row.
    The joined table stands where the first strip did."""
    runs = _runs(blocks)
    drop: set[int] = set()
    replaced: dict[int, Block] = {}
    for first, second in zip(runs, runs[1:], strict=False):
        if first[0] in drop:
            continue
        (head_a, rows_a), (head_b, rows_b) = _keyed(blocks, first), _keyed(blocks, second)
        keys_a, keys_b = [row[0].strip() for row in rows_a], [row[0].strip() for row in rows_b]
        page_a, page_b = blocks[first[-1]].page, blocks[second[0]].page
        if page_a is None or page_b is None or page_b <= page_a or min(len(head_a), len(head_b)) < MIN_STRIP_COLUMNS:
            continue  # strips are printed pages, each a table of the key and two columns or more
        if not head_a[0].strip() or head_a[0] != head_b[0] or len(rows_a) < MIN_STRIP_ROWS or \
                keys_a != keys_b or not all(keys_a) or len(set(keys_a)) != len(keys_a) or \
                set(head_a[1:]) & set(head_b[1:]):
            continue
        width_a = len(head_a)
        rows = [[*head_a, *head_b[1:]]] + [[*(a + [""] * (width_a - len(a)))[:width_a], *b[1:]]
                                           for a, b in zip(rows_a, rows_b, strict=True)]
        replaced[first[0]] = Block(TABLE, rows=rows, page=blocks[first[0]].page)
        drop.update([*first[1:], *second])
    return [replaced.get(index, block) for index, block in enumerate(blocks) if index not in drop]
