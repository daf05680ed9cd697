"""The texts proposals are made for: an activity or goal version as an `Example`, with its stated label
stripped from the text (so a model cannot read its answer), its report's date, and the loaders that read
examples from the store and from labelled comments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np

from corpus.store import Store
from corpus.text import fold

# A sentence that states the verdict ("Målet bedöms därför som Knappt uppfyllt.") is the label itself.
_LEVEL = r"(?:ej|knappt|delvis)?\s*u[pn]p\w{2,6}"
_VERDICT_SENTENCE = re.compile(rf"[^.!?\n]*\b(?:bed\w*m\w*|bedomningen)\b[^.!?\n]*{_LEVEL}[^.!?\n]*[.!?]?", re.I)
_LEVEL_WORDS = re.compile(rf"\b{_LEVEL}\b\.?", re.I)
_STATUS_WORDS = re.compile(
    r"[▶✔⚠]?\s*\b(?:p[aå]g[aåée]{1,3}ende|avslutad|ej\s+p[aå]b[oö]rjad|v[aä]ntel[aä]ge)"
    r"(?:\s+(?:enligt\s+plan|med\s+avvikelser?))?\b\.?",
    re.I,
)
TERTIAL_END = {"T1": (4, 30), "T2": (8, 31), "T3": (12, 31)}
MIN_TEXT_WORDS = 3


def strip_labels(text: str) -> str:
    """The text with stated levels and statuses removed, so a model cannot read its answer."""
    text = _VERDICT_SENTENCE.sub(" ", fold_safe(text))
    text = _LEVEL_WORDS.sub(" ", text)
    text = _STATUS_WORDS.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def fold_safe(text: str) -> str:
    """Normalise OCR'd verdict spellings ('uppfylit', 'bedoms dérfér') so the patterns above see them."""
    return text.replace("é", "e") if "uppfyl" in fold(text) else text


def report_date(year: int, period: str | None) -> date:
    """End of the reported tertial; a report that states none is taken at mid-year."""
    month, day = TERTIAL_END.get(period or "", (6, 30))
    return date(year, month, day)


def _parse(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass
class Example:
    """One labelled (or to-be-labelled) text: an activity version or a goal version."""

    id: str
    kind: str
    report: str
    title: str
    text: str
    label: str | None
    year: int
    period: str | None = None
    start: str | None = None
    end: str | None = None
    activity_statuses: list[str] = field(default_factory=list)
    municipality: str = ""

    @cached_property
    def stripped(self) -> str:
        """The text without its label; computed once (features, rules and flags all read it)."""
        return strip_labels(self.text)

    @cached_property
    def target_reached(self) -> bool:
        return target_reached(self.title, self.stripped)

    def date_features(self) -> np.ndarray:
        """Where the report date falls in the activity's span: not started, under way, past its end."""
        start, end = _parse(self.start), _parse(self.end)
        if end is None or self.year < 1:  # pasted text: no dates, no report to place them in
            return np.array([0.0, 0.0, 0.5, 1.0])
        when = report_date(self.year, self.period)
        if end is None:
            return np.array([0.0, 0.0, 0.5, 1.0])
        elapsed = 0.5 if start is None or end <= start else (when - start).days / max(1, (end - start).days)
        before_start = float(start is not None and when < start)
        return np.array([before_start, float(when > end), float(np.clip(elapsed, -0.5, 1.5)), 0.0])

    def status_features(self) -> np.ndarray:
        """For goals: shares of its activities done, on plan, deviating or waiting, not started; and how many."""
        statuses = self.activity_statuses
        n = len(statuses)
        if n == 0:
            return np.array([0.0, 0.0, 0.0, 0.0, 0.0, 1.0])
        done = sum(s.startswith("Avslutad") for s in statuses) / n
        on_plan = sum(s in {"Pågående enligt plan", "Pågående"} for s in statuses) / n
        deviating = sum(s in {"Pågående med avvikelse", "Vänteläge"} for s in statuses) / n
        not_started = sum(s == "Ej påbörjad" for s in statuses) / n
        return np.array([done, on_plan, deviating, not_started, np.log1p(n) / 3, 0.0])


def load_activity_examples(store: Store) -> list[Example]:
    """Every activity version with a status: its comment and description, dates and report period."""
    periods = {r["source"]: (r["year"], r["period"]) for r in store.reports()}
    examples = []
    for activity in store.activities():
        for version in activity["versions"]:
            if version["status"] is None:
                continue
            year, period = periods[version["report"]]
            examples.append(Example(
                id=activity["id"], kind="activity", report=version["report"], title=activity["title"],
                text=f"{version['comment']} {activity['description']}".strip(), label=version["status"],
                year=year, period=period, start=activity["start"], end=activity["end"],
            ))
    return examples


def load_goal_examples(store: Store) -> list[Example]:
    """Every goal version with a stated level, with the statuses of its activities in that report."""
    rows = store.query(
        """SELECT gv.goal_id, gv.report, gv.comment, gv.assessment, g.title, g.year, r.period
           FROM goal_versions gv JOIN goals g ON g.id = gv.goal_id JOIN reports r ON r.source = gv.report
           WHERE gv.assessment IS NOT NULL ORDER BY g.position"""
    )
    statuses = goal_activity_statuses(store)
    return [
        Example(
            id=r["goal_id"], kind="goal", report=r["report"], title=r["title"], text=r["comment"],
            label=r["assessment"], year=r["year"], period=r["period"],
            activity_statuses=statuses.get((r["goal_id"], r["report"]), []),
        )
        for r in rows
    ]


def load_labelled_examples(kind: str) -> list[Example]:
    """The team's labelled comments in other municipalities' styles (and any UPPSIKT_EXAMPLES folder): pasted
    text without dates or report, grouped by municipality so evaluation can hold one out."""
    from corpus.labelled import labelled_comments

    return [Example(id=f"{c.source}:{i}", kind=kind, report=f"exempel:{c.municipality}", title=c.title, text=c.text,
                    label=c.label, year=0, municipality=c.municipality)
            for i, c in enumerate(labelled_comments(kind))]


def goal_activity_statuses(store: Store) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for row in store.query(
        """SELECT ag.goal_id, ag.report, av.status FROM activity_goals ag
           JOIN activity_versions av ON av.activity_id = ag.activity_id AND av.report = ag.report
           WHERE av.status IS NOT NULL"""
    ):
        out.setdefault((row["goal_id"], row["report"]), []).append(row["status"])
    return out


# A count in the title is the activity's target ("Erbjuda 5 nyanlända anställning"); the comment reaching it
# ("hittills 20 nyanlända") says the work is done, as a reviewer reads it. Articles (en, ett) are not counts.
_NUMBERS = {"två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10}
_COUNT = re.compile(r"\b(\d{1,3}|två|tre|fyra|fem|sex|sju|åtta|nio|tio)\s+(?:st(?:ycken)?\.?\s+)?([^\W\d]{4,})", re.I)


def _count(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBERS[token.lower()]


def target_reached(title: str, text: str) -> bool:
    """Whether the comment reports at least the count the title sets as target, of the same thing."""
    target = _COUNT.search(title)
    if target is None:
        return False
    wanted, thing = _count(target.group(1)), fold(target.group(2))[:6]
    return any(fold(noun).startswith(thing) and _count(number) >= wanted for number, noun in _COUNT.findall(text))


def stated_verdict(text: str) -> str | None:
    """The level a goal's own comment states ('Målet bedöms därför som Delvis uppfyllt'), if any."""
    from corpus.text import normalise_goal_level

    found = None
    for sentence in _VERDICT_SENTENCE.findall(fold_safe(text)):
        match = re.search(rf"({_LEVEL})\W*$", sentence.strip(), re.I)
        if match:
            found = normalise_goal_level(match.group(1)) or found
    return found
