"""Goal follow-up reports as plain PDF text (e.g. 002): table cells broken over many short lines.

The columns Utvecklingsmål and Kommentar come out one after the other, so where they split cannot be
seen in the text alone. Sub-goal titles already known for the year (`known_subgoals`, e.g. from the
Markdown extraction of the same report) mark where a new sub-goal begins; without them, the goal's
text is kept whole as its comment and a warning says so.
"""

from __future__ import annotations

import re

from corpus.model import LINE_BLANK, LINE_CONTENT, LINE_TABLE_HEADER, LINE_UNPARSED, ParsedGoal
from corpus.parsers.common import join_text
from corpus.text import fold_alnum

GOAL_START = re.compile(r"^\s*(\d+\.\d+)\s+(\S.*)$")
CHAPTER = re.compile(r"^\s*(\d+)\s+([A-ZÅÄÖ].*)$")
TABLE_HEADER = re.compile(r"^\s*Utvecklingsmål\s+Kommentar\s+Mått\s*$")


def _matches_known(paragraph: str, known: list[str]) -> str | None:
    folded = fold_alnum(paragraph)
    for title in known:
        key = fold_alnum(title)
        if key and (folded == key or (len(key) > 25 and folded.startswith(key[:25]) and abs(len(folded) - len(key)) < 25)):
            return title
    return None


def parse_goal_pdf(
    lines: list[str], kinds: list[str], known_subgoals: list[str], warnings: list[str]
) -> list[ParsedGoal]:
    """Fill `kinds` and return the goals; sub-goals only where `known_subgoals` mark them."""
    goals: list[ParsedGoal] = []
    blocks: list[tuple[ParsedGoal, list[list[str]], list[list[str]]]] = []
    goal: ParsedGoal | None = None
    title_open = False
    paragraphs: list[list[str]] = []
    measures: list[list[str]] = []
    current: list[str] = []
    in_measure = False

    def close_paragraph() -> None:
        nonlocal current, in_measure
        if current:
            (measures if in_measure else paragraphs).append(current)
        current = []
        in_measure = False

    for i, raw in enumerate(lines):
        line = raw.rstrip("\n")
        if not line.strip():
            kinds[i] = LINE_BLANK
            close_paragraph()
            title_open = False
            continue
        if TABLE_HEADER.match(line):
            kinds[i] = LINE_TABLE_HEADER
            close_paragraph()
            title_open = False
            continue
        start = GOAL_START.match(line)
        if start:
            close_paragraph()
            goal = ParsedGoal(number=start.group(1), title=start.group(2).strip())
            paragraphs, measures = [], []
            blocks.append((goal, paragraphs, measures))
            goals.append(goal)
            title_open = True
            kinds[i] = LINE_CONTENT
            continue
        if CHAPTER.match(line) and goal is None:
            kinds[i] = LINE_CONTENT
            continue
        if goal is None:
            kinds[i] = LINE_UNPARSED
            continue
        kinds[i] = LINE_CONTENT
        if title_open:
            goal.title = f"{goal.title} {line.strip()}"
            continue
        if line.startswith("  ") and not current:
            in_measure = True
        current.append(line)
    close_paragraph()

    for goal, paragraphs, measures in blocks:
        goal.title = join_text([goal.title])
        goal.measures = [join_text(m) for m in measures]
        texts = [join_text(p) for p in paragraphs]
        sub: ParsedGoal | None = None
        comment: list[str] = []
        subs: list[tuple[ParsedGoal, list[str]]] = []
        for text in texts:
            known = _matches_known(text, known_subgoals)
            if known:
                sub = ParsedGoal(
                    number=f"{goal.number}.{len(subs) + 1}", title=text.removeprefix("Delmål: "),
                    parent_number=goal.number,
                )
                comment = []
                subs.append((sub, comment))
            elif sub is not None:
                comment.append(text)
            else:
                goal.comment = join_text([goal.comment, text])
        for sub, comment in subs:
            sub.comment = join_text(comment)
            goals.append(sub)
        if texts and not subs and not known_subgoals:
            warnings.append(
                f"Mål {goal.number}: delmål och kommentar kunde inte skiljas åt i PDF-texten; "
                "texten sparas som målets kommentar."
            )
    return goals
