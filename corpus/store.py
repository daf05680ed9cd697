"""The canonical store: SQLite with a versioned schema; reports, goals, activities and their versions."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corpus.model import UppsiktError

SCHEMA_VERSION = 3

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    source TEXT PRIMARY KEY, sha256 TEXT NOT NULL, title TEXT NOT NULL, year INTEGER NOT NULL, organisation TEXT NOT NULL,
    period TEXT, form TEXT NOT NULL, duplicate_of TEXT, ingested_at TEXT NOT NULL,
    raw_text TEXT NOT NULL, prose TEXT NOT NULL, coverage TEXT NOT NULL, warnings TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS goals (
    id TEXT PRIMARY KEY, organisation TEXT NOT NULL, year INTEGER NOT NULL, section TEXT, title TEXT NOT NULL,
    title_folded TEXT NOT NULL, parent_id TEXT REFERENCES goals(id), top_level INTEGER NOT NULL,
    area TEXT, position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS goal_versions (
    goal_id TEXT NOT NULL REFERENCES goals(id), report TEXT NOT NULL REFERENCES reports(source),
    section TEXT, title_written TEXT NOT NULL, comment TEXT NOT NULL, comment_written TEXT NOT NULL,
    measures TEXT NOT NULL, assessment TEXT, assessment_raw TEXT,
    PRIMARY KEY (goal_id, report)
);
CREATE TABLE IF NOT EXISTS activities (
    id TEXT PRIMARY KEY, organisation TEXT NOT NULL, year INTEGER NOT NULL, title TEXT NOT NULL,
    title_folded TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS activity_versions (
    activity_id TEXT NOT NULL REFERENCES activities(id), report TEXT NOT NULL REFERENCES reports(source),
    position INTEGER NOT NULL, title_written TEXT NOT NULL, description TEXT NOT NULL, units TEXT NOT NULL,
    start TEXT, end_date TEXT, status TEXT, status_raw TEXT, comment TEXT NOT NULL, comment_written TEXT NOT NULL,
    PRIMARY KEY (activity_id, report)
);
CREATE TABLE IF NOT EXISTS activity_goals (
    activity_id TEXT NOT NULL REFERENCES activities(id), goal_id TEXT NOT NULL REFERENCES goals(id),
    report TEXT NOT NULL REFERENCES reports(source), PRIMARY KEY (activity_id, goal_id, report)
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, entity_id TEXT, text TEXT NOT NULL,
    label TEXT NOT NULL, proposed TEXT, author TEXT, created_at TEXT NOT NULL, organisation TEXT
);
CREATE TABLE IF NOT EXISTS link_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, from_id TEXT NOT NULL, to_id TEXT,
    decision TEXT NOT NULL, author TEXT, created_at TEXT NOT NULL, organisation TEXT
);
CREATE TABLE IF NOT EXISTS drafted_activities (
    id TEXT PRIMARY KEY, organisation TEXT NOT NULL, year INTEGER NOT NULL, text TEXT NOT NULL, author TEXT,
    created_at TEXT NOT NULL
);
"""
# What each schema version adds to the one before: an older store is brought up to date on opening, and
# nothing already in it is lost. Version 2: the activities a coordinator drafts before any report holds them.
# Version 3: organisations (corpus.migrations.add_organisations).
DRAFTED_ACTIVITIES_V2 = """CREATE TABLE IF NOT EXISTS drafted_activities (
    id TEXT PRIMARY KEY, year INTEGER NOT NULL, text TEXT NOT NULL, author TEXT, created_at TEXT NOT NULL
)"""

PERIOD_ORDER = {"T1": 1, "T2": 2, "T3": 3}


def _migrations() -> dict[int, Any]:
    from corpus.migrations import MIGRATIONS

    return MIGRATIONS


class StoreError(UppsiktError):
    """The store cannot be opened or read."""


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Store:
    """One SQLite database file. Readers never create it; `ensure_schema` does."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None
        # The app's handlers run in threads over this one connection: one transaction at a time, or a second
        # BEGIN fails and one thread's writes land in (or roll back with) another's.
        self._writing = threading.RLock()

    def connect(self, create: bool = False) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        if not create and not self.path.exists():
            raise StoreError(f"Databasen {self.path} finns inte; kör först 'uppsikt ingest'.")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Databasen {self.path} är skadad eller ingen SQLite-fil ({exc}).") from exc
        self._conn = conn
        if create:
            self.ensure_schema()
        self._check_version()
        return conn

    def _check_version(self) -> None:
        conn = self._conn
        assert conn is not None
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"Databasen {self.path} saknar uppsikts schema ({exc}).") from exc
        found = int(row["value"]) if row is not None and str(row["value"]).isdigit() else None
        if found is not None and found < SCHEMA_VERSION and all(v in _migrations() for v in range(found + 1, SCHEMA_VERSION + 1)):
            with self.transaction() as tx:
                for version in range(found + 1, SCHEMA_VERSION + 1):
                    _migrations()[version](tx)
                tx.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
        elif found != SCHEMA_VERSION:
            shown = row["value"] if row else "inget"
            raise StoreError(f"Databasen {self.path} har schemaversion {shown}, uppsikt kräver {SCHEMA_VERSION}.")

    def ensure_schema(self) -> None:
        conn = self._conn
        assert conn is not None
        has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
        if has_meta is None:
            with self.transaction() as tx:
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        tx.execute(statement)
                tx.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: an exception rolls everything back."""
        conn = self._conn or self.connect()
        with self._writing:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # ---- reading -------------------------------------------------------------------------------

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return self.connect().execute(sql, params).fetchall()

    def years(self, organisation: str | None = None) -> list[int]:
        if organisation is None:
            return [r["year"] for r in self.query("SELECT DISTINCT year FROM reports ORDER BY year")]
        return [r["year"] for r in self.query("SELECT DISTINCT year FROM reports WHERE organisation = ? ORDER BY year",
                                              (organisation,))]

    def organisations(self) -> list[str]:
        return [r["organisation"] for r in self.query("SELECT DISTINCT organisation FROM reports ORDER BY organisation")]

    def report_order(self) -> dict[str, tuple[int, int, str]]:
        """Sort key per report, newest last: year, then tertial (unknown before known), then name."""
        rows = self.query("SELECT source, year, period FROM reports")
        return {r["source"]: (r["year"], PERIOD_ORDER.get(r["period"] or "", 0), r["source"]) for r in rows}

    def reports(self, organisation: str | None = None) -> list[dict[str, Any]]:
        rows = self.query(
            """SELECT r.*, (SELECT COUNT(*) FROM goal_versions gv WHERE gv.report = r.source) AS n_goals,
                      (SELECT COUNT(*) FROM activity_goals ag WHERE ag.report = r.source) AS n_acts
               FROM reports r WHERE ? IS NULL OR r.organisation = ? ORDER BY r.organisation, r.source""",
            (organisation, organisation),
        )
        return [
            {
                "source": r["source"], "organisation": r["organisation"], "title": r["title"], "year": r["year"],
                "period": r["period"],
                "goals": r["n_goals"], "activities": r["n_acts"], "duplicate_of": r["duplicate_of"],
                "form": r["form"], "coverage": json.loads(r["coverage"])["share"],
            }
            for r in rows
        ]

    def _entities(self, table: str, versions: str, key: str, year: int | None, report: str | None,
                  order: str, organisation: str | None = None) -> list[sqlite3.Row]:
        """Rows of an entity table, optionally only one organisation's, one year's or those in one report."""
        sql = f"SELECT * FROM {table} WHERE 1=1"  # noqa: S608 - table names are this module's constants
        params: list[Any] = []
        if organisation is not None:
            sql += " AND organisation = ?"
            params.append(organisation)
        if year is not None:
            sql += " AND year = ?"
            params.append(year)
        if report is not None:
            sql += f" AND id IN (SELECT {key} FROM {versions} WHERE report = ?)"  # noqa: S608
            params.append(report)
        return self.query(f"{sql} ORDER BY {order}", tuple(params))

    def goals(self, year: int | None = None, report: str | None = None,
              organisation: str | None = None) -> list[dict[str, Any]]:
        rows = self._entities("goals", "goal_versions", "goal_id", year, report, "organisation, year, position",
                              organisation)
        order = self.report_order()
        versions: dict[str, list[sqlite3.Row]] = {}
        for v in self.query("SELECT gv.*, r.duplicate_of FROM goal_versions gv JOIN reports r ON r.source = gv.report"):
            versions.setdefault(v["goal_id"], []).append(v)
        out = []
        for g in rows:
            vs = sorted(versions.get(g["id"], []), key=lambda v: (v["duplicate_of"] is None, order[v["report"]]), reverse=True)
            assessed = [v for v in vs if v["assessment"]]
            commented = [v for v in vs if v["comment"]]
            out.append(
                {
                    "id": g["id"], "organisation": g["organisation"], "year": g["year"], "section": g["section"],
                    "title": g["title"],
                    "parent_id": g["parent_id"], "top_level": bool(g["top_level"]),
                    "reports": sorted({v["report"] for v in vs}), "area": g["area"],
                    "assessment": assessed[0]["assessment"] if assessed else None,
                    "assessment_comment": (assessed[0]["comment"] if assessed else None),
                    "comment": commented[0]["comment"] if commented else "",
                    "measures": json.loads(vs[0]["measures"]) if vs else [],
                }
            )
        return out

    def activities(self, year: int | None = None, report: str | None = None,
                   organisation: str | None = None) -> list[dict[str, Any]]:
        rows = self._entities("activities", "activity_versions", "activity_id", year, report,
                              "organisation, year, id", organisation)
        order = self.report_order()
        versions: dict[str, list[sqlite3.Row]] = {}
        for v in self.query("SELECT * FROM activity_versions"):
            versions.setdefault(v["activity_id"], []).append(v)
        goal_ids: dict[str, list[str]] = {}
        for link in self.query(
            "SELECT DISTINCT ag.activity_id, ag.goal_id FROM activity_goals ag JOIN goals g ON g.id = ag.goal_id "
            "ORDER BY g.position"
        ):
            goal_ids.setdefault(link["activity_id"], []).append(link["goal_id"])
        out = []
        for a in rows:
            vs = sorted(versions.get(a["id"], []), key=lambda v: order[v["report"]], reverse=True)
            newest = vs[0] if vs else None
            described = next((v for v in vs if v["description"]), newest)
            out.append(
                {
                    "id": a["id"], "organisation": a["organisation"], "year": a["year"], "title": a["title"],
                    "description": described["description"] if described else "",
                    "units": json.loads(newest["units"]) if newest else [],
                    "start": newest["start"] if newest else None,
                    "end": newest["end_date"] if newest else None,
                    "goal_ids": goal_ids.get(a["id"], []),
                    "versions": [
                        {"report": v["report"], "status": v["status"], "comment": v["comment"]} for v in vs
                    ],
                }
            )
        return out
