"""Schema migrations: each brings a store of the version before up to date inside one transaction, keeping
everything in it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from corpus.organisation import detect_organisation, organisation_code

UNKNOWN_ORGANISATION = "Okänd organisation"


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}  # noqa: S608 - this module's names


def _add_column(conn: sqlite3.Connection, table: str, column: str, declaration: str) -> None:
    if column not in _columns(conn, table):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")  # noqa: S608


def add_drafted_activities(conn: sqlite3.Connection) -> None:
    from corpus.store import DRAFTED_ACTIVITIES_V2

    conn.execute(DRAFTED_ACTIVITIES_V2)


def add_organisations(conn: sqlite3.Connection) -> None:
    """Version 3: every report, goal, activity, draft, decision and feedback row belongs to an organisation,
    read from the reports' own text; goal and activity ids get the organisation's code in front, and every
    reference to them follows."""
    for table in ("reports", "goals", "activities", "drafted_activities"):
        _add_column(conn, table, "organisation", "TEXT NOT NULL DEFAULT ''")
    for table in ("link_decisions", "feedback"):
        _add_column(conn, table, "organisation", "TEXT")
    known: list[str] = []
    reports = conn.execute("SELECT source, raw_text FROM reports ORDER BY form LIKE '%ocr%', source").fetchall()
    for source, raw_text in reports:
        name = detect_organisation(raw_text, known) or UNKNOWN_ORGANISATION
        if name not in known:
            known.append(name)
        conn.execute("UPDATE reports SET organisation = ? WHERE source = ?", (name, source))
    # An entity belongs to the organisation of the reports that state it.
    conn.execute("PRAGMA defer_foreign_keys = ON")
    renamed: dict[str, str] = {}
    for table, versions, key in (("goals", "goal_versions", "goal_id"), ("activities", "activity_versions",
                                                                          "activity_id")):
        rows = conn.execute(
            f"SELECT e.id, (SELECT r.organisation FROM {versions} v JOIN reports r ON r.source = v.report "  # noqa: S608
            f"WHERE v.{key} = e.id LIMIT 1) FROM {table} e").fetchall()
        for entity_id, organisation in rows:
            organisation = organisation or (known[0] if known else UNKNOWN_ORGANISATION)
            prefix = f"{organisation_code(organisation)}-"
            renamed[entity_id] = entity_id if entity_id.startswith(prefix) else prefix + entity_id
            conn.execute(f"UPDATE {table} SET organisation = ?, id = ? WHERE id = ?",  # noqa: S608
                         (organisation, renamed[entity_id], entity_id))
    # Sub-goals are read from the renamed parents; goals without versions (parents only) follow their children.
    for old, new in renamed.items():
        if old == new:
            continue
        for sql in ("UPDATE goals SET parent_id = ? WHERE parent_id = ?",
                    "UPDATE goal_versions SET goal_id = ? WHERE goal_id = ?",
                    "UPDATE activity_versions SET activity_id = ? WHERE activity_id = ?",
                    "UPDATE activity_goals SET activity_id = ? WHERE activity_id = ?",
                    "UPDATE activity_goals SET goal_id = ? WHERE goal_id = ?",
                    "UPDATE link_decisions SET from_id = ? WHERE from_id = ?",
                    "UPDATE link_decisions SET to_id = ? WHERE to_id = ?",
                    "UPDATE feedback SET entity_id = ? WHERE entity_id = ?"):
            conn.execute(sql, (new, old))
    organisation_of = dict(conn.execute("SELECT id, organisation FROM goals UNION ALL "
                                        "SELECT id, organisation FROM activities").fetchall())
    fallback = known[0] if known else UNKNOWN_ORGANISATION
    conn.execute("UPDATE drafted_activities SET organisation = ? WHERE organisation = ''", (fallback,))
    drafted = dict(conn.execute("SELECT id, organisation FROM drafted_activities").fetchall())
    for row_id, from_id in conn.execute("SELECT id, from_id FROM link_decisions").fetchall():
        conn.execute("UPDATE link_decisions SET organisation = ? WHERE id = ?",
                     (organisation_of.get(from_id) or drafted.get(from_id) or fallback, row_id))
    for row_id, entity_id in conn.execute("SELECT id, entity_id FROM feedback").fetchall():
        conn.execute("UPDATE feedback SET organisation = ? WHERE id = ?", (organisation_of.get(entity_id), row_id))


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {2: add_drafted_activities, 3: add_organisations}
