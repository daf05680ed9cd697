"""Activity reports in Markdown with HTML fragments (e.g. 001).

Under each `## 1.N goal` heading, table rows hold activities whose parts are marked up: the title in
bold, then units as bullets, the description, the status in bold (maybe after ▶ ✔ ⚠), the comment,
and the dates as tab-separated cells. A row can be split across several lines and page breaks that
repeat the table header; so a chapter is read as one stream of bold and plain segments.
"""

from __future__ import annotations

import html
import re

from corpus.labels import read_status
from corpus.model import LINE_BLANK, LINE_CONTENT, LINE_TABLE_HEADER, LINE_TOC, ParsedActivity, ParsedGoal
from corpus.parsers.activity_pdf import AREA, BULLET
from corpus.parsers.common import strip_markup
from corpus.text import find_dates, squash

HEADING = re.compile(r"^#{1,4}\s+(\d+)\.(\d+)\s+(.+?)\s*$")
CHAPTER = re.compile(r"^#{1,4}\s+(\d+)\s+(.+?)\s*$")
TABLE_HEADER = re.compile(r"^\s*Verksamhetens aktiviteter\tStartdatum\tSlutdatum\s*$|^\s*-{3,}(\t-{3,})*\s*$")
BOLD = re.compile(r"<b>(.*?)</b>", re.S)
STATUS_SYMBOLS = "▶✔⚠►✓✅❗"


def _segments(text: str) -> list[tuple[str, str]]:
    """Split a chapter's HTML into ('bold', text) and ('plain', text) segments; a bold segment that does not
    begin its line (a bold phrase inside a comment) is 'inline'."""
    out: list[tuple[str, str]] = []
    pos = 0
    for match in BOLD.finditer(text):
        plain = text[pos : match.start()]
        if plain.strip():
            out.append(("plain", plain))
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = re.sub(r"<[^>]+>", "", text[line_start : match.start()]).strip(" \t" + STATUS_SYMBOLS)
        out.append(("bold" if not before else "inline", match.group(1)))
        pos = match.end()
    if text[pos:].strip():
        out.append(("plain", text[pos:]))
    return out


def _plain(fragment: str) -> str:
    fragment = re.sub(r"</?(p|li|ul)\b[^>]*>", "\n", fragment, flags=re.I)
    fragment = re.sub(r"<[^>]+>", "", fragment)
    return html.unescape(fragment)


def _chapter_activities(number: str, text: str) -> list[ParsedActivity]:
    activities: list[ParsedActivity] = []
    current: ParsedActivity | None = None
    part = "description"
    buffers: dict[str, list[str]] = {}

    def finish() -> None:
        if current is None:
            return
        current.description = squash(" ".join(buffers.get("description", [])))
        current.comment = squash(" ".join(buffers.get("comment", [])))

    for kind, fragment in _segments(text):
        if kind == "inline":
            label = squash(_plain(fragment)).strip(STATUS_SYMBOLS + " ")
            found = read_status(label)
            if found and current is not None and current.status is None:
                current.status, current.status_raw = found.canonical, squash(_plain(fragment))
                part = "comment"
                continue
            kind = "plain"
        if kind == "bold":
            label = squash(_plain(fragment)).strip(STATUS_SYMBOLS + " ")
            found = read_status(label)
            status = found.canonical if found else None
            if status and current is not None and current.status is None:
                current.status, current.status_raw = status, squash(_plain(fragment))
                part = "comment"
                continue
            if len(label) > 3:
                finish()
                current = ParsedActivity(title=label, goal_numbers=[number])
                activities.append(current)
                buffers = {}
                part = "description"
                continue
        if current is None:
            continue
        plain = _plain(fragment)
        for date in find_dates(plain):
            if current.start is None:
                current.start = date
            elif current.end is None:
                current.end = date
        plain = re.sub(r"\b\d{4}-\d\d-\d\d\b", " ", plain)
        words: list[str] = []
        for piece in re.split(r"[\n\t]|\s{2,}", plain):
            piece = piece.strip()
            if not piece:
                continue
            bullet = BULLET.match(piece)
            if bullet and part == "description" and not buffers.get("description"):
                current.units.append(bullet.group(1))
                continue
            if piece.startswith("•") and part == "description" and not buffers.get("description"):
                current.units.append(piece.lstrip("• ").strip())
                continue
            words.append(piece)
        if words:
            buffers.setdefault(part, []).append(" ".join(words))
    finish()
    return activities


def parse_activity_markdown(
    lines: list[str], kinds: list[str], warnings: list[str]
) -> tuple[str, list[ParsedGoal], list[ParsedActivity], list[str]]:
    """Fill `kinds`; return title, goals, activities and prose."""
    title_parts: list[str] = []
    chapters: list[tuple[ParsedGoal, list[str]]] = []
    goal_list: list[ParsedGoal] = []
    prose: list[str] = []
    in_toc = False
    in_list = False
    body: list[str] | None = None
    area: str | None = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            kinds[i] = LINE_BLANK
            continue
        if stripped.startswith("#") and "innehållsförteckning" in stripped.lower():
            kinds[i] = LINE_TOC
            in_toc = True
            continue
        heading = HEADING.match(stripped)
        chapter = CHAPTER.match(stripped)
        if in_toc and not (heading or chapter):
            kinds[i] = LINE_TOC
            continue
        in_toc = False
        kinds[i] = LINE_CONTENT
        if chapter and not heading:
            body = None
            in_list = chapter.group(1) == "2" and "mål" in chapter.group(2)
            if not chapters and not in_list and not title_parts:
                title_parts.append(strip_markup(stripped))
            prose.append(strip_markup(stripped))
            continue
        if heading:
            in_list = False
            body = []
            chapters.append((ParsedGoal(number=f"{heading.group(1)}.{heading.group(2)}", title=strip_markup(heading.group(3))), body))
            continue
        if in_list:
            if (area_match := AREA.match(stripped)):
                area = area_match.group(1) or area_match.group(2)
            elif (bullet := BULLET.match(stripped)) and area:
                goal_list.append(ParsedGoal(number=f"L{len(goal_list) + 1}", title=bullet.group(1), area=area))
            else:
                prose.append(strip_markup(stripped))
            continue
        if body is None:
            if stripped.startswith("#") and not chapters:
                title_parts.append(strip_markup(stripped))
            else:
                prose.append(strip_markup(stripped))
            continue
        if TABLE_HEADER.match(line):
            kinds[i] = LINE_TABLE_HEADER
            continue
        body.append(line)

    goals: list[ParsedGoal] = []
    activities: list[ParsedActivity] = []
    for goal, body_lines in chapters:
        found = _chapter_activities(goal.number, "\n".join(body_lines))
        if found:
            goals.append(goal)
            activities.extend(found)
        else:
            prose.extend(strip_markup(b) for b in body_lines if b.strip())
    for activity in activities:
        if activity.status is None:
            warnings.append(f"Aktiviteten '{activity.title}' (mål {activity.goal_numbers[0]}) saknar status.")
    return " – ".join(title_parts), goals + goal_list, activities, prose
