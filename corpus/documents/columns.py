"""Text laid out in two columns on a page (a typeset report converted with `pdftotext -layout`): each such page
read column by column, the left one first, its running header and footer kept whole."""

from __future__ import annotations

import re

# A gutter: at least this many positions blank on every line of the page's body, away from its edges.
MIN_GUTTER = 3
GUTTER_ZONE = (0.25, 0.75)  # the share of the page's width a gutter lies within
# Lines with text on both sides of the gutter that make a page one of two columns: at least this many, and this
# share of its lines with text.
MIN_SPLIT_LINES = 8
MIN_SPLIT_SHARE = 0.3
# A column's line is prose (not a table's cells): no run of this many spaces inside it.
_CELL_GAP = re.compile(r"\S {3,}\S")
MIN_PROSE_SHARE = 0.8
_SPREAD = re.compile(r" {3,}")


def _gutter(body: list[str]) -> tuple[int, int] | None:
    """The blank band [start, end) between two columns of prose in these lines, if they have one."""
    width = max((len(line) for line in body), default=0)
    if width < 40:
        return None
    used = [0] * width
    for line in body:
        for c, ch in enumerate(line):
            if not ch.isspace():
                used[c] += 1
    low, high = int(width * GUTTER_ZONE[0]), int(width * GUTTER_ZONE[1])
    runs: list[tuple[int, int]] = []
    c = low
    while c < high:
        if used[c] == 0:
            start = c
            while c < width and used[c] == 0:
                c += 1
            if c - start >= MIN_GUTTER:
                runs.append((start, c))
        c += 1
    for start, end in sorted(runs, key=lambda run: run[0] - run[1]):  # the widest band first
        sides = [(line[:start].strip(), line[end:].strip()) for line in body if line.strip()]
        both = [(left, right) for left, right in sides if left and right]
        prose = sum(not _CELL_GAP.search(left) and not _CELL_GAP.search(right) for left, right in both)
        if len(both) >= MIN_SPLIT_LINES and len(both) >= MIN_SPLIT_SHARE * len(sides) and \
                prose >= MIN_PROSE_SHARE * len(both):
            return start, end
    return None


def _unfolded_page(page: str) -> str:
    lines = page.split("\n")
    filled = [n for n, line in enumerate(lines) if line.strip()]
    if len(filled) < MIN_SPLIT_LINES + 2:
        return page
    head, foot = filled[0], filled[-1]  # the running header and footer stand across both columns
    body = lines[head + 1:foot]
    found = _gutter(body)
    if found is None:
        return page
    start, end = found
    right_at = min((len(line) - len(line[end:].lstrip()) for line in body if line[end:].strip()), default=end)
    left = [line[:start].rstrip() for line in body]
    right = [line[right_at:].rstrip() if len(line) > right_at else "" for line in body]
    # A blank line between the columns: the right one opens a block of its own. The running header and footer
    # are lines of their own, their parts set apart as on the page ('Ebbarps kommun · Delårsrapport 2031'), not
    # a table's row.
    edges = [_SPREAD.sub(" · ", line.strip()) for line in (lines[head], lines[foot])]
    return "\n".join([*lines[:head], edges[0], "", *left, "", *right, "", edges[1], *lines[foot + 1:]])


def unfold_columns(text: str) -> str:
    """The text with every page laid out in two columns of prose read column by column; other pages as they
    are (a page is what a form feed ends)."""
    if "\f" not in text:
        return text  # (a text of one page set in columns is read as it stands)
    return "\f".join(_unfolded_page(page) for page in text.split("\f"))
