"""Activity reports as plain PDF text (e.g. 004): one activity per block under each goal chapter.

A block is: title (one or two lines), the org-unit path as bullet lines, 'start end' dates, the
description, a line holding only the status, then the comment. Page breaks repeat the table header
' Verksamhetens aktiviteter Startdatum Slutdatum' anywhere, even inside a title.
"""

from __future__ import annotations

import re

from corpus.labels import read_status
from corpus.model import (
    LINE_BLANK,
    LINE_CONTENT,
    LINE_HEADER,
    LINE_TABLE_HEADER,
    LINE_UNPARSED,
    ParsedActivity,
    ParsedGoal,
)
from corpus.parsers.common import join_text, split_paragraphs

HEADING = re.compile(r"^\s?(\d+)\.(\d+)\s+(\S.*?)\s*$")
CHAPTER = re.compile(r"^\s?(\d+)\s+([A-ZÅÄÖ].*?)\s*$")
TABLE_HEADER = re.compile(r"^\s*Verksamhetens aktiviteter\s+Startdatum\s+Slutdatum\s*$")
DATES_ONLY = re.compile(r"^\s*(\d{4}-\d\d-\d\d)\s+(\d{4}-\d\d-\d\d)\s*$")
DATES_AT_END = re.compile(r"^(.*?)\s*(\d{4}-\d\d-\d\d)\s+(\d{4}-\d\d-\d\d)\s*$")
AREA = re.compile(r"^\s*(?:Mål inom målområde\s+(.+?)|(Verksamhetsmål för god ekonomisk hushållning))\s*$")
BULLET = re.compile(r"^\s*[•\-]\s+(.+?)\s*$")


def parse_goal_list(lines: list[str], kinds: list[str], start: int) -> list[ParsedGoal]:
    """Section 2: every goal the board adopted for the year, under its goal area."""
    goals: list[ParsedGoal] = []
    area: str | None = None
    for i in range(start, len(lines)):
        line = lines[i]
        if not line.strip():
            kinds[i] = LINE_BLANK
            continue
        kinds[i] = LINE_CONTENT
        area_match = AREA.match(line)
        if area_match:
            area = area_match.group(1) or area_match.group(2)
            continue
        bullet = BULLET.match(line)
        if bullet and area:
            goals.append(ParsedGoal(number=f"L{len(goals) + 1}", title=bullet.group(1), area=area))
        elif goals and area and not line.strip().endswith(":") and line.strip()[:1].islower():
            goals[-1].title = join_text([goals[-1].title, line])
    return goals


def _status_line(line: str) -> str | None:
    found = read_status(line)
    return found.canonical if found else None


def _split_activities(
    body: list[int], lines: list[str], goal_number: str, warnings: list[str]
) -> list[ParsedActivity]:
    """`body` are the indices of one chapter's lines, page headers already removed."""
    bullet_blocks: list[tuple[int, int]] = []
    pos = 0
    while pos < len(body):
        if BULLET.match(lines[body[pos]]):
            end = pos
            while end + 1 < len(body) and (BULLET.match(lines[body[end + 1]]) or not lines[body[end + 1]].strip()):
                end += 1
            bullet_blocks.append((pos, end))
            pos = end + 1
        else:
            pos += 1
    title_starts: list[int] = []
    titles: list[tuple[list[str], tuple[str, str] | None]] = []
    def block_above(k: int) -> tuple[list[int], int]:
        """The run of non-blank, non-bullet lines ending above position k (blank lines skipped first)."""
        while k >= 0 and not lines[body[k]].strip():
            k -= 1
        block: list[int] = []
        while k >= 0 and lines[body[k]].strip() and not BULLET.match(lines[body[k]]):
            block.insert(0, k)
            k -= 1
        return block, k

    for start, _ in bullet_blocks:
        collected, k = block_above(start - 1)
        dates: tuple[str, str] | None = None
        # Dates can come before the org-unit bullets when a page break falls between them.
        if len(collected) == 1 and (m := DATES_ONLY.match(lines[body[collected[0]]])):
            dates = (m.group(1), m.group(2))
            collected, k = block_above(k)
        # A title broken by a page break: its start sits above the gap, followed by the dates, either at
        # the end of its last line or on a line of their own.
        j = k
        while j >= 0 and not lines[body[j]].strip():
            j -= 1
        if j >= 0 and (m := DATES_AT_END.match(lines[body[j]])) and m.group(1).strip():
            collected.insert(0, j)
            dates = (m.group(2), m.group(3))
        elif j >= 0 and dates is None and (m := DATES_ONLY.match(lines[body[j]])):
            dates = (m.group(1), m.group(2))
            head, _ = block_above(j - 1)
            collected = head + collected
        title_starts.append(collected[0] if collected else start)
        parts = []
        for idx in collected:
            m = DATES_AT_END.match(lines[body[idx]])
            if m and m.group(1).strip():
                dates = (m.group(2), m.group(3))
                parts.append(m.group(1))
            else:
                parts.append(lines[body[idx]])
        titles.append((parts, dates))

    activities: list[ParsedActivity] = []
    for n, ((start, end), (title_parts, dates)) in enumerate(zip(bullet_blocks, titles, strict=False)):
        stop = title_starts[n + 1] if n + 1 < len(title_starts) else len(body)
        units = [BULLET.match(lines[body[p]]).group(1) for p in range(start, end + 1) if BULLET.match(lines[body[p]])]
        rest = [lines[body[p]] for p in range(end + 1, stop)]
        if rest and dates is None:
            for r, text in enumerate(rest):
                if text.strip():
                    if m := DATES_ONLY.match(text):
                        dates = (m.group(1), m.group(2))
                        rest = rest[r + 1 :]
                    break
        status = status_raw = None
        description: list[str] = []
        comment: list[str] = []
        for text in rest:
            if status is None and (found := _status_line(text)):
                status, status_raw = found, text.strip()
                continue
            (comment if status else description).append(text)
        title = join_text(title_parts)
        if status is None:
            warnings.append(f"Aktiviteten '{title}' (mål {goal_number}) saknar status.")
        activities.append(
            ParsedActivity(
                title=title,
                goal_numbers=[goal_number],
                description="\n\n".join(split_paragraphs(description)),
                units=[u for u in units if u],
                start=dates[0] if dates else None,
                end=dates[1] if dates else None,
                status=status,
                status_raw=status_raw,
                comment="\n\n".join(split_paragraphs(comment)),
            )
        )
    return activities


def parse_activity_pdf(
    lines: list[str], kinds: list[str], warnings: list[str]
) -> tuple[list[ParsedGoal], list[ParsedActivity], list[str]]:
    """Fill `kinds`; return goals (chapters and the section-2 list), activities and prose."""
    chapters: list[tuple[ParsedGoal, list[int]]] = []
    prose: list[str] = []
    current: list[int] | None = None
    goal_list: list[ParsedGoal] = []
    title_open = False
    for i, line in enumerate(lines):
        if not line.strip():
            kinds[i] = LINE_BLANK
            if current is not None:
                current.append(i)
            continue
        chapter = CHAPTER.match(line)
        heading = HEADING.match(line)
        if chapter and chapter.group(1) == "2" and "mål" in chapter.group(2):
            kinds[i] = LINE_CONTENT
            goal_list = parse_goal_list(lines, kinds, i + 1)
            break
        if heading:
            goal = ParsedGoal(number=f"{heading.group(1)}.{heading.group(2)}", title=heading.group(3))
            current = []
            chapters.append((goal, current))
            kinds[i] = LINE_CONTENT
            title_open = True
            continue
        if chapter or current is None:
            kinds[i] = LINE_CONTENT
            prose.append(line.strip())
            continue
        if TABLE_HEADER.match(line):
            kinds[i] = LINE_HEADER if line.startswith(" ") else LINE_TABLE_HEADER
            title_open = False
            continue
        kinds[i] = LINE_CONTENT
        if title_open and not any(lines[k].strip() for k in current):
            chapters[-1][0].title = join_text([chapters[-1][0].title, line])
            continue
        title_open = False
        current.append(i)

    goals: list[ParsedGoal] = []
    activities: list[ParsedActivity] = []
    for goal, body in chapters:
        found = _split_activities(body, lines, goal.number, warnings)
        if found:
            goals.append(goal)
            activities.extend(found)
        else:
            for idx in body:
                if lines[idx].strip():
                    prose.append(lines[idx].strip())
    if not activities:
        for i, kind in enumerate(kinds):
            if kind == LINE_CONTENT and i > 0:
                kinds[i] = LINE_UNPARSED
    return goals + goal_list, activities, prose
