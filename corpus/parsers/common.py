"""Helpers shared by the report parsers: HTML stripping, heading patterns, metadata guesses."""

from __future__ import annotations

import html
import re
from collections import Counter

from corpus.text import fold, squash

_TAG = re.compile(r"<[^>]+>")
_MD_MARK = re.compile(r"(\*\*|__|^#+\s*|^\s*[-*]\s+(?=\S))")
YEAR_RE = re.compile(r"\b(20[1-3]\d)\b")


def strip_markup(text: str) -> str:
    """Markdown/HTML fragment to plain text (tags removed, entities decoded, whitespace squashed)."""
    text = re.sub(r"</?(p|li|ul|br)\b[^>]*>", " ", text, flags=re.I)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = text.replace("**", "").lstrip("#").strip()
    return squash(text)


def guess_year(text: str) -> int | None:
    """The year a report is about: an explicit 'mål för 2023' / 'T1 2023' first, else the commonest year."""
    folded = fold(text)
    for pattern in (r"\bt[12]\s+(20\d\d)\b", r"\bf[o6e]r\s+(20\d\d)\b", r"\bmal\w*\s+(?:for\s+)?(20\d\d)\b"):
        match = re.search(pattern, folded)
        if match:
            return int(match.group(1))
    years = Counter(int(y) for y in YEAR_RE.findall(text))
    return years.most_common(1)[0][0] if years else None


def guess_period(title: str, text: str) -> str | None:
    """Tertial (T1/T2/T3) stated in the title, or implied by 'fyra månader kvar av året'."""
    match = re.search(r"\bT([123])\b", title)
    if match:
        return f"T{match.group(1)}"
    folded = fold(text)
    if re.search(r"fyra man\w*der kvar av \w*ret", folded):
        return "T2"
    if re.search(r"atta man\w*der kvar av \w*ret", folded):
        return "T1"
    # A report that speaks of 'under T1' / 'i slutet av T1' as past, and of no later tertial, reports on that one.
    from corpus.reportdate import backward_period

    return backward_period(text)


def split_paragraphs(lines: list[str]) -> list[str]:
    """Join lines into paragraphs separated by blank lines."""
    out: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append(squash(" ".join(current)))
            current = []
    if current:
        out.append(squash(" ".join(current)))
    return out


def join_text(parts: list[str]) -> str:
    """Join wrapped lines, mending words hyphenated across a line break ('Försäljnings-' + 'och')."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out.endswith("-") and part[:1].islower() and part.split()[0] not in {"och", "eller"}:
            out = out[:-1] + part
        else:
            out = f"{out} {part}" if out else part
    return squash(out)
