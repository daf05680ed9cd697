"""Facts read off the five seed reports themselves."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from corpus.ingest import ingest_paths
from corpus.model import ReportFormatError
from corpus.store import Store, StoreError
from tests.conftest import RAW

R000, R001, R002, R003, R004 = (
    "000_ede3bb196784c331.txt", "001_2b7c5e51f1dab261.txt", "002_3ea18a45494d0a8f.txt",
    "003_a4be66169cdf9019.txt", "004_2bb21a1eacb463af.txt",
)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("year", "count"), [(2023, 15), (2024, 20)])
def test_top_level_goals_per_year(store: Store, year: int, count: int) -> None:
    goals = store.goals(year=year)
    assert sum(g["top_level"] for g in goals) == count


def test_004_activities_and_statuses(store: Store) -> None:
    rows = store.query("SELECT COUNT(*) AS n FROM activity_goals WHERE report = ?", (R004,))
    assert rows[0]["n"] == 79
    statuses = Counter(
        v["status"] for a in store.activities(report=R004) for v in a["versions"] if v["report"] == R004
    )
    assert statuses == {
        "Pågående enligt plan": 47, "Avslutad enligt plan": 15, "Pågående med avvikelse": 7,
        "Ej påbörjad": 6, "Vänteläge": 3, "Avslutad med avvikelse": 1,
    }
    goal_ids = {g for a in store.activities(report=R004) for g in a["goal_ids"]}
    assert len(goal_ids) == 20
    # Dates split from their title by a page break stay dates, never a title.
    assert not [a["title"] for a in store.activities(report=R004) if a["title"][:4].isdigit()]
    kommunala = next(a for a in store.activities(report=R004) if a["title"].startswith("Öka kommunens attraktion"))
    assert (kommunala["start"], kommunala["end"]) == ("2024-02-01", "2024-06-30")
    # Title, its dates alone on a line, a page break, then the title's last word.
    stråket = next(a for a in store.activities(report=R004) if a["title"].startswith("Påbörja ombyggnation"))
    assert stråket["title"].endswith("servicecenter") and stråket["end"] == "2024-12-19"


def test_001_versions_merge_with_004(store: Store) -> None:
    in_001 = store.activities(report=R001)
    assert len(in_001) == 31
    shared = [a for a in in_001 if {v["report"] for v in a["versions"]} == {R001, R004}]
    assert len(shared) == 20
    # One activity, two versions with their own status: 001 (period unknown) is not taken as newer.
    arbetslosa = next(a for a in in_001 if a["title"].startswith("Erbjuda 5 långtidsarbetslösa"))
    assert [v["status"] for v in arbetslosa["versions"]] == ["Pågående enligt plan", "Avslutad enligt plan"]


def test_003_development_goals_with_stated_levels(store: Store) -> None:
    subgoals = [g for g in store.goals(year=2023) if not g["top_level"]]
    in_003 = [g for g in subgoals if R003 in g["reports"]]
    assert len(in_003) == 21
    levels = Counter(g["assessment"] for g in in_003)
    assert levels["Uppfyllt"] + levels["Delvis uppfyllt"] == 7
    assert levels["Ej uppfyllt"] + levels["Knappt uppfyllt"] == 14
    assert all(g["assessment_comment"] for g in in_003)


def test_003_activities_have_status_and_end_date(store: Store) -> None:
    activities = store.activities(report=R003)
    assert len(activities) >= 45
    for activity in activities:
        version = next(v for v in activity["versions"] if v["report"] == R003)
        assert version["status"] is not None, activity["title"]
        assert activity["end"] and activity["end"].startswith("20"), activity["title"]
    titles = {a["title"] for a in activities}
    assert "LSS yrkesresan" in titles
    assert "Fortsatt arbete med mental träning, tillsammans med sociala avdelningen" in titles


def test_same_activity_under_two_goals_is_one_entity(store: Store) -> None:
    resursskola = [a for a in store.activities(year=2023) if a["title"] == "Resursskola"]
    assert len(resursskola) == 1 and len(resursskola[0]["goal_ids"]) == 2


def test_000_and_002_are_one_report(store: Store) -> None:
    reports = {r["source"]: r for r in store.reports()}
    assert reports[R002]["duplicate_of"] == R000
    assert reports[R000]["duplicate_of"] is None
    assert reports[R003]["duplicate_of"] is None
    goals = [g for g in store.goals(year=2023) if g["top_level"]]
    assert all({R000, R002, R003} <= set(g["reports"]) for g in goals)


def test_ocr_text_gets_diacritics_but_keeps_the_written_form(store: Store) -> None:
    row = store.query(
        "SELECT comment, comment_written FROM goal_versions WHERE report = ? AND comment LIKE 'Riktade insatser%'",
        (R003,),
    )[0]
    assert "pågått under läsåret" in row["comment"]
    assert "pagatt under lasaret" in row["comment_written"]


def test_coverage_accounts_for_every_line(store: Store) -> None:
    for row in store.query("SELECT source, coverage FROM reports"):
        coverage = json.loads(row["coverage"])
        assert coverage["share"] > 0.85, row["source"]
        assert {item["reason"] for item in coverage["left_out"]} <= {"header", "footer", "toc", "table_header", "unparsed"}


def test_reingest_changes_nothing(writable_paths) -> None:  # type: ignore[no-untyped-def]
    before = sha(writable_paths.db)
    result = ingest_paths(sorted(RAW.iterdir()), Store(writable_paths.db))
    assert {r["status"] for r in result.reports} == {"unchanged"}
    assert sha(writable_paths.db) == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tom.txt", b""),
        ("binar.txt", b"\x00\x01\x02PK\x03\x04" * 50),
        ("recept.txt", "Pannkakor: mjöl, mjölk och ägg. Vispa och stek.".encode()),
        ("kodning.txt", b"\xff\xfe\x00\xd8 M\xe5l"),
    ],
)
def test_bad_file_leaves_store_byte_identical(writable_paths, tmp_path: Path, name: str, content: bytes) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / name
    bad.write_bytes(content)
    before = sha(writable_paths.db)
    with pytest.raises(ReportFormatError):
        ingest_paths([RAW / R004, bad], Store(writable_paths.db))
    assert sha(writable_paths.db) == before


def test_truncated_report_is_stored_with_its_parsed_part(writable_paths, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = (RAW / R004).read_text(encoding="utf-8")
    cut = tmp_path / "005_avklippt.txt"
    cut.write_text(text[: len(text) // 3], encoding="utf-8")
    result = ingest_paths([cut], Store(writable_paths.db))
    (report,) = result.reports
    assert 10 < report["activities"] < 79
    assert report["year"] == 2024


def test_cli_error_is_one_sentence_and_nonzero(writable_paths, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "inte_en_rapport.txt"
    bad.write_text("Hej hopp", encoding="utf-8")
    before = sha(writable_paths.db)
    env = {"UPPSIKT_DB": str(writable_paths.db), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "ingest", str(bad), "--json"], capture_output=True, text=True, env=env,
        cwd=RAW.parent.parent,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert "uppföljningsrapport" in done.stderr
    assert sha(writable_paths.db) == before


def test_broken_store_is_reported_not_overwritten(tmp_path: Path) -> None:
    db = tmp_path / "trasig.sqlite"
    db.write_bytes(b"detta ar ingen databas" * 100)
    before = sha(db)
    env = {"UPPSIKT_DB": str(db), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "app.cli", "corpus", "reports"], capture_output=True, text=True,
                          env=env, cwd=RAW.parent.parent)
    assert done.returncode == 1 and "Databasen" in done.stderr and "Traceback" not in done.stderr
    assert sha(db) == before
    shutil.copy(db, tmp_path / "kopia")


def test_an_older_store_is_brought_up_to_date_and_keeps_its_content(writable_paths) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from corpus.store import SCHEMA_VERSION

    old = sqlite3.connect(writable_paths.db)
    old.execute("DROP TABLE drafted_activities")
    old.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    old.execute("INSERT INTO link_decisions (kind, from_id, decision, created_at) VALUES ('goal', 'g', 'no_match', 'x')")
    old.commit()
    old.close()
    store = Store(writable_paths.db)
    assert len(store.goals(2024)) == 20 and len(store.query("SELECT * FROM link_decisions")) == 1
    assert store.query("SELECT value FROM meta WHERE key = 'schema_version'")[0]["value"] == str(SCHEMA_VERSION)
    assert store.query("SELECT COUNT(*) AS n FROM drafted_activities")[0]["n"] == 0
    store.close()
    newer = sqlite3.connect(writable_paths.db)
    newer.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    newer.commit()
    newer.close()
    with pytest.raises(StoreError, match="schemaversion"):
        Store(writable_paths.db).goals(2024)


def test_writes_from_several_threads_all_land(writable_paths) -> None:  # type: ignore[no-untyped-def]
    """The app's handlers share one connection across threads; each transaction must stay whole."""
    import threading

    store = Store(writable_paths.db)
    failures: list[Exception] = []

    def decide(worker: int) -> None:
        for i in range(50):
            try:
                with store.transaction() as tx:
                    tx.execute("INSERT INTO link_decisions (kind, from_id, decision, created_at) VALUES (?, ?, ?, ?)",
                               ("goal", f"{worker}-{i}", "no_match", "2026-01-01"))
            except Exception as exc:  # noqa: BLE001 - any failure is what the test looks for
                failures.append(exc)

    threads = [threading.Thread(target=decide, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert store.query("SELECT COUNT(*) AS n FROM link_decisions")[0]["n"] == 200
