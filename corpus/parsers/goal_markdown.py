"""Goal follow-up reports in Markdown with HTML fragments and tab-separated table rows (e.g. 000).

Rows of the table are `Utvecklingsmål <TAB> Kommentar <TAB> Mått`; a row with an empty first cell
continues the previous sub-goal's comment, a row with only the last cell is a measure of the goal.
"""

from __future__ import annotations

import re

from corpus.labels import schemes
from corpus.model import (
    LINE_BLANK,
    LINE_CONTENT,
    LINE_TABLE_HEADER,
    LINE_TOC,
    LINE_UNPARSED,
    ParsedGoal,
)
from corpus.parsers.common import join_text, strip_markup

GOAL_HEADING = re.compile(r"^#{1,4}\s+(\d+\.\d+)\s+(.+)$")
CHAPTER_HEADING = re.compile(r"^#{1,4}\s+(\d+)\s+(.+)$")
TITLE_HEADING = re.compile(r"^#\s+(.+)$")


def parse_goal_markdown(lines: list[str], kinds: list[str]) -> tuple[str, list[ParsedGoal]]:
    """Fill `kinds` for every line and return (report title, goals)."""
    title = ""
    goals: list[ParsedGoal] = []
    current_goal: ParsedGoal | None = None
    current_sub: ParsedGoal | None = None
    comment_parts: dict[str, list[str]] = {}
    in_toc = False
    for i, raw in enumerate(lines):
        line = raw.rstrip("\n")
        if not line.strip():
            kinds[i] = LINE_BLANK
            continue
        stripped = line.strip()
        if stripped.startswith("#") and "innehållsförteckning" in stripped.lower():
            kinds[i] = LINE_TOC
            in_toc = True
            continue
        goal_match = GOAL_HEADING.match(stripped)
        chapter_match = CHAPTER_HEADING.match(stripped)
        if in_toc and not (goal_match or chapter_match):
            kinds[i] = LINE_TOC
            continue
        if goal_match:
            in_toc = False
            current_goal = ParsedGoal(number=goal_match.group(1), title=strip_markup(goal_match.group(2)))
            goals.append(current_goal)
            current_sub = None
            kinds[i] = LINE_CONTENT
            continue
        if chapter_match:
            in_toc = False
            kinds[i] = LINE_CONTENT
            continue
        if not title and TITLE_HEADING.match(stripped):
            title = strip_markup(stripped)
            kinds[i] = LINE_CONTENT
            continue
        cells = line.split("\t")
        if [strip_markup(c) for c in cells[:3]] == ["Utvecklingsmål", "Kommentar", "Mått"]:
            kinds[i] = LINE_TABLE_HEADER
            continue
        if current_goal is None:
            kinds[i] = LINE_UNPARSED
            continue
        cells += [""] * (3 - len(cells))
        subgoal_text, comment_text, measure_text = (strip_markup(c) for c in cells[:3])
        if subgoal_text:
            number = f"{current_goal.number}.{sum(1 for g in goals if g.parent_number == current_goal.number) + 1}"
            current_sub = ParsedGoal(
                number=number,
                title=re.sub(r"^Delmål:\s*", "", subgoal_text),
                parent_number=current_goal.number,
            )
            goals.append(current_sub)
        if comment_text:
            target = current_sub or current_goal
            comment_parts.setdefault(target.number, []).append(comment_text)
        if measure_text:
            current_goal.measures.append(measure_text)
        kinds[i] = LINE_CONTENT
    labels = schemes()
    for goal in goals:
        goal.comment = join_text(comment_parts.get(goal.number, []))
        # A comment that opens with the stated level ('Delvis uppfyllt. Arbetet …') states the assessment.
        if goal.parent_number and (opening := labels.opening("goal", goal.comment)):
            goal.assessment, goal.assessment_raw = opening[0].canonical, opening[0].written
            goal.comment = opening[1]
    return title, goals
