"""Ingest report files into the store: idempotent (same content twice changes nothing) and atomic."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.diacritics import Vocabulary
from corpus.documents import SUFFIXES, Document, read_document
from corpus.model import ParsedActivity, ParsedGoal, ParsedReport, ReportFormatError
from corpus.organisation import canonical_organisation, detect_organisation, organisation_code
from corpus.parse import document_form, parse_document, require_report
from corpus.parsers.common import guess_year
from corpus.store import Store, now_iso
from corpus.text import fold_alnum, same_title, slug

# Clean extractions first: they give the vocabulary that OCR text is restored from, and the sub-goal
# titles that split the PDF extraction's columns.
FORM_PRIORITY = {"activity_pdf": 0, "activity_markdown": 1, "goal_markdown": 2, "goal_pdf": 3, "goal_ocr": 4}
GENERAL_PRIORITY = 5
# Raised whenever a change to reading or interpretation changes what a stored report's parse would be.
READING_VERSION = "2026-12-03.5"
DUPLICATE_OVERLAP = 0.5
GOAL_MATCH = 85
SUBGOAL_MATCH = 80
ACTIVITY_MATCH = 90


@dataclass
class IngestResult:
    reports: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def content_digest(text: str) -> str:
    """What makes a stored report up to date: its text as read and the version of the reading, so a file
    read again after the reading has improved is parsed again (same text, same version: nothing changes)."""
    return hashlib.sha256(f"{READING_VERSION}\n{text}".encode()).hexdigest()


def _shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    words = fold_alnum(text).split()
    return {tuple(words[i : i + size]) for i in range(max(0, len(words) - size + 1))}


def _report_shingles(report: ParsedReport) -> set[tuple[str, ...]]:
    """Word 5-grams of each title, description and comment on its own: another format lays the fields out
    differently, so n-grams across two fields say nothing."""
    parts = [text for g in report.goals for text in (g.title, g.comment)]
    parts += [text for a in report.activities for text in (a.title, a.description, a.comment)]
    return set().union(*(_shingles(p) for p in parts if p))


def _best_match(
    title: str, candidates: Iterable[sqlite3.Row], threshold: int, strict_ids: set[str] | None = None
) -> str | None:
    """The candidate whose folded title is closest, if close enough and naming the same numbers.

    `strict_ids` (entities this same report already used) need near-identical titles: two rows of one
    report are one activity only when it is listed under two goals.
    """
    best_id, best_score = None, 0.0
    for row in candidates:
        score = same_title(title, row["title_folded"], threshold)
        if strict_ids and row["id"] in strict_ids and score < 97:
            continue
        if score > best_score:
            best_id, best_score = row["id"], score
    return best_id if best_score >= threshold else None


def _unique_id(conn: sqlite3.Connection, table: str, base: str) -> str:
    candidate, n = base, 2
    while conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (candidate,)).fetchone():  # noqa: S608
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class _Writer:
    """Merges one parsed report into the store inside an open transaction."""

    def __init__(self, conn: sqlite3.Connection, report: ParsedReport, organisation: str,
                 vocabulary: Vocabulary | None) -> None:
        self.conn = conn
        self.report = report
        self.organisation = organisation
        self.code = organisation_code(organisation)
        self.restore = vocabulary.restore if vocabulary is not None else (lambda s: s)
        self.used_activities: set[str] = set()

    def goal_id(self, goal: ParsedGoal, parent_id: str | None) -> str:
        year = self.report.year
        title = self.restore(goal.title)
        if parent_id is None:
            rows = self.conn.execute("SELECT id, title_folded FROM goals WHERE organisation = ? AND year = ? "
                                     "AND top_level = 1", (self.organisation, year))
            found = _best_match(title, rows, GOAL_MATCH)
        else:
            rows = self.conn.execute("SELECT id, title_folded FROM goals WHERE parent_id = ?", (parent_id,))
            found = _best_match(title, rows, SUBGOAL_MATCH)
        if found:
            return found
        base = f"{self.code}-g{year}-{slug(title, 40)}" if parent_id is None else f"{parent_id}.{slug(title, 24)}"
        new_id = _unique_id(self.conn, "goals", base)
        position = self.conn.execute("SELECT COUNT(*) FROM goals WHERE organisation = ? AND year = ?",
                                     (self.organisation, year)).fetchone()[0]
        self.conn.execute(
            "INSERT INTO goals (id, organisation, year, section, title, title_folded, parent_id, top_level, area, "
            "position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new_id, self.organisation, year, goal.number, title, fold_alnum(title), parent_id,
             int(parent_id is None), goal.area, position),
        )
        return new_id

    def write_goals(self) -> dict[str, str]:
        ids: dict[str, str] = {}
        for goal in self.report.goals:
            parent_id = ids.get(goal.parent_number) if goal.parent_number else None
            goal_id = self.goal_id(goal, parent_id)
            ids[goal.number] = goal_id
            if goal.area:
                self.conn.execute("UPDATE goals SET area = ? WHERE id = ? AND area IS NULL", (goal.area, goal_id))
            self.conn.execute(
                "INSERT OR REPLACE INTO goal_versions (goal_id, report, section, title_written, comment, "
                "comment_written, measures, assessment, assessment_raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    goal_id, self.report.source, goal.number, goal.title, self.restore(goal.comment), goal.comment,
                    json.dumps([self.restore(m) for m in goal.measures], ensure_ascii=False),
                    goal.assessment, goal.assessment_raw,
                ),
            )
        return ids

    def activity_id(self, activity: ParsedActivity) -> str:
        title = self.restore(activity.title)
        rows = self.conn.execute("SELECT id, title_folded FROM activities WHERE organisation = ? AND year = ?",
                                 (self.organisation, self.report.year))
        found = _best_match(title, rows, ACTIVITY_MATCH, self.used_activities)
        if found:
            self.used_activities.add(found)
            return found
        new_id = _unique_id(self.conn, "activities", f"{self.code}-a{self.report.year}-{slug(title, 40)}")
        self.conn.execute(
            "INSERT INTO activities (id, organisation, year, title, title_folded) VALUES (?, ?, ?, ?, ?)",
            (new_id, self.organisation, self.report.year, title, fold_alnum(title)),
        )
        self.used_activities.add(new_id)
        return new_id

    def write_activities(self, goal_ids: dict[str, str]) -> None:
        written: dict[str, ParsedActivity] = {}
        for position, activity in enumerate(self.report.activities):
            activity_id = self.activity_id(activity)
            for number in activity.goal_numbers:
                if number in goal_ids:
                    self.conn.execute(
                        "INSERT OR IGNORE INTO activity_goals (activity_id, goal_id, report) VALUES (?, ?, ?)",
                        (activity_id, goal_ids[number], self.report.source),
                    )
            earlier = written.get(activity_id)
            # The same activity listed under several goals of one report: keep its fullest text.
            if earlier is not None and len(earlier.comment) >= len(activity.comment):
                continue
            written[activity_id] = activity
            self.conn.execute(
                "INSERT OR REPLACE INTO activity_versions (activity_id, report, position, title_written, description, "
                "units, start, end_date, status, status_raw, comment, comment_written) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    activity_id, self.report.source, position, activity.title, self.restore(activity.description),
                    json.dumps(activity.units, ensure_ascii=False), activity.start, activity.end, activity.status,
                    activity.status_raw, self.restore(activity.comment), activity.comment,
                ),
            )


def _remove_report(conn: sqlite3.Connection, source: str) -> None:
    for table in ("activity_goals", "activity_versions", "goal_versions"):
        conn.execute(f"DELETE FROM {table} WHERE report = ?", (source,))  # noqa: S608
    conn.execute("DELETE FROM reports WHERE source = ?", (source,))
    # Entities no report mentions any more go too.
    conn.execute("DELETE FROM activities WHERE id NOT IN (SELECT activity_id FROM activity_versions)")
    conn.execute(
        "DELETE FROM goals WHERE id NOT IN (SELECT goal_id FROM goal_versions) "
        "AND id NOT IN (SELECT parent_id FROM goals WHERE parent_id IS NOT NULL)"
    )


@dataclass(frozen=True)
class IngestOptions:
    """What the user says about the files where the reports may not (ingest --org/--year/--period)."""

    organisation: str | None = None
    year: int | None = None
    period: str | None = None


def _organisation(source: str, text: str, known: list[str], given: str | None, warnings: list[str]) -> str:
    """The report's organisation: as given (with a warning where the report names another), else as it names
    itself; one clear sentence where neither says."""
    stated = detect_organisation(text, known)
    if given:
        chosen = canonical_organisation(given, known)
        if stated is not None and stated != chosen:
            warnings.append(f"{source}: rapporten gäller {stated}, men --org {chosen} används.")
        return chosen
    if stated is None:
        raise ReportFormatError(f"{source}: rapporten säger inte vilken kommun eller region den gäller; ange den "
                                "(--org på kommandoraden, fältet Organisation i sidan).")
    return stated


def ingest_paths(
    paths: list[Path], store: Store, progress: Callable[[str], None] | None = None,
    options: IngestOptions | None = None,
) -> IngestResult:
    """Parse every file first (nothing is written if one fails), then merge them in one transaction."""
    options = options or IngestOptions()
    store.connect(create=True)
    texts: list[tuple[Path, Document, str, str]] = []
    for path in paths:
        document = read_document(path)
        form = document_form(document)
        if form.startswith("general_"):
            require_report(document)
        texts.append((path, document, form, content_digest(document.text)))
    texts.sort(key=lambda t: (FORM_PRIORITY.get(t[2], GENERAL_PRIORITY), t[0].name))
    result = IngestResult()
    existing = {r["source"]: r for r in store.query("SELECT source, sha256, duplicate_of FROM reports")}
    known = store.organisations()
    organisations: dict[str, str] = {}
    for path, document, _form, _digest in texts:
        organisations[path.name] = _organisation(path.name, document.text, known, options.organisation, result.warnings)
        if organisations[path.name] not in known:
            known.append(organisations[path.name])
    with store.transaction() as tx:
        for path, document, form, digest in texts:
            text = document.text
            if progress:
                progress(path.name)
            source = path.name
            if source in existing and existing[source]["sha256"] == digest:
                row = tx.execute("SELECT * FROM reports WHERE source = ?", (source,)).fetchone()
                result.reports.append(_stored_summary(tx, row, "unchanged"))
                continue
            if source in existing:
                _remove_report(tx, source)
            organisation = organisations[source]
            report = _parse_with_context(tx, document, form, options)
            vocabulary = _vocabulary(tx) if report.form == "goal_ocr" else None
            duplicate_of = _find_duplicate(tx, report, organisation)
            writer = _Writer(tx, report, organisation, vocabulary)
            tx.execute(
                "INSERT INTO reports (source, sha256, title, year, organisation, period, form, duplicate_of, "
                "ingested_at, raw_text, prose, coverage, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    source, digest, report.title, report.year, organisation, report.period, report.form, duplicate_of,
                    now_iso(),
                    text, json.dumps(report.prose, ensure_ascii=False),
                    json.dumps(report.coverage(), ensure_ascii=False), json.dumps(report.warnings, ensure_ascii=False),
                ),
            )
            if duplicate_of and report.period is None:
                tx.execute(
                    "UPDATE reports SET period = (SELECT period FROM reports WHERE source = ?), "
                    "title = (SELECT title FROM reports WHERE source = ?) WHERE source = ?",
                    (duplicate_of, duplicate_of, source),
                )
            writer.write_activities(writer.write_goals())
            row = tx.execute("SELECT * FROM reports WHERE source = ?", (source,)).fetchone()
            result.reports.append(_stored_summary(tx, row, "ingested"))
            result.warnings.extend(report.warnings)
    return result


def _stored_summary(conn: sqlite3.Connection, row: sqlite3.Row, status: str) -> dict[str, Any]:
    """What `ingest` reports for one file, read back from the store (so both paths agree)."""
    coverage = json.loads(row["coverage"])
    n_goals = conn.execute("SELECT COUNT(*) FROM goal_versions WHERE report = ?", (row["source"],)).fetchone()[0]
    n_acts = conn.execute("SELECT COUNT(*) FROM activity_goals WHERE report = ?", (row["source"],)).fetchone()[0]
    n_entities = conn.execute("SELECT COUNT(*) FROM activity_versions WHERE report = ?", (row["source"],)).fetchone()[0]
    return {
        "source": row["source"], "organisation": row["organisation"], "title": row["title"], "year": row["year"],
        "period": row["period"], "goals": n_goals, "activities": n_acts, "activity_entities": n_entities, "duplicate_of": row["duplicate_of"],
        "status": status,
        "form": row["form"], "coverage": coverage["share"], "left_out": coverage["lines"],
    }


def _parse_with_context(conn: sqlite3.Connection, document: Document, form: str,
                        options: IngestOptions) -> ParsedReport:
    """Parse; a PDF goal report gets the year's known sub-goal titles to split its columns by."""
    known: list[str] = []
    if form == "goal_pdf":
        known = [
            r["title_written"]
            for r in conn.execute(
                "SELECT gv.title_written FROM goal_versions gv JOIN goals g ON g.id = gv.goal_id "
                "WHERE g.year = ? AND g.parent_id IS NOT NULL",
                (options.year or guess_year(document.text),),
            )
        ]
    return parse_document(document, known_subgoals=known, year=options.year, period=options.period)


def _vocabulary(conn: sqlite3.Connection) -> Vocabulary | None:
    rows = conn.execute("SELECT raw_text FROM reports WHERE form != 'goal_ocr'").fetchall()
    return Vocabulary.from_texts([r["raw_text"] for r in rows]) if rows else None


def _find_duplicate(conn: sqlite3.Connection, report: ParsedReport, organisation: str) -> str | None:
    """Another stored report of the same organisation and year whose text is essentially the same (another
    extraction)."""
    mine = _report_shingles(report)
    if not mine:
        return None
    best, best_score = None, 0.0
    for row in conn.execute("SELECT source, raw_text, duplicate_of FROM reports WHERE year = ? AND organisation = ?",
                            (report.year, organisation)):
        if report.source in (row["source"], row["duplicate_of"]):
            # Read again, a report is not a copy of itself, nor of the copies made of it.
            continue
        theirs = _shingles(re.sub(r"<[^>]+>", " ", row["raw_text"]))
        score = len(mine & theirs) / max(1, min(len(mine), len(theirs)))
        if score > best_score:
            best, best_score = (row["duplicate_of"] or row["source"]), score
    return best if best_score >= DUPLICATE_OVERLAP else None


def default_paths(raw_dir: Path) -> list[Path]:
    return sorted(p for p in raw_dir.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
