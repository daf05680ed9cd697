"""What a parser returns: one report with its goals, activities and a line-by-line coverage account."""

from __future__ import annotations

from dataclasses import dataclass, field

LINE_CONTENT = "content"
LINE_BLANK = "blank"
LINE_HEADER = "header"
LINE_FOOTER = "footer"
LINE_TOC = "toc"
LINE_TABLE_HEADER = "table_header"
LINE_UNPARSED = "unparsed"
LEFT_OUT_REASONS = (LINE_HEADER, LINE_FOOTER, LINE_TOC, LINE_TABLE_HEADER, LINE_UNPARSED)


class UppsiktError(Exception):
    """An error the user can act on; its message is one Swedish sentence, shown without a traceback."""


class ReportFormatError(UppsiktError):
    """The input is not a follow-up report uppsikt can read."""


@dataclass
class ParsedGoal:
    """A goal as one report states it. `number` is the report's own section number (1.4, 2.4.1)."""

    number: str
    title: str
    parent_number: str | None = None
    comment: str = ""
    measures: list[str] = field(default_factory=list)
    assessment: str | None = None
    assessment_raw: str | None = None
    area: str | None = None


@dataclass
class ParsedActivity:
    """One activity as one report states it, under the goal numbers it stands under in that report."""

    title: str
    goal_numbers: list[str]
    description: str = ""
    units: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    status: str | None = None
    status_raw: str | None = None
    comment: str = ""


@dataclass
class ParsedReport:
    """A whole report: metadata, goals, activities, and what happened to every source line."""

    source: str
    title: str
    year: int | None
    period: str | None
    form: str
    goals: list[ParsedGoal]
    activities: list[ParsedActivity]
    line_kinds: list[str]
    lines: list[str]
    warnings: list[str] = field(default_factory=list)
    prose: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)

    def coverage(self) -> dict[str, object]:
        """Share of non-blank source characters that went into parsed elements, and what was left out."""
        total = used = 0
        left_out: list[dict[str, object]] = []
        counts: dict[str, int] = {}
        for number, (line, kind) in enumerate(zip(self.lines, self.line_kinds, strict=False), start=1):
            size = len(line.strip())
            if kind == LINE_BLANK or size == 0:
                continue
            total += size
            counts[kind] = counts.get(kind, 0) + 1
            if kind == LINE_CONTENT:
                used += size
            else:
                left_out.append({"line": number, "reason": kind, "text": line.strip()[:200]})
        # Elements refused by the sanity checks count as not understood, wherever their lines were marked.
        used = max(0, used - sum(len(text) for text in self.rejected))
        return {
            "share": round(used / total, 4) if total else 0.0,
            "lines": counts,
            "left_out": left_out,
        }
