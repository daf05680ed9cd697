"""The evaluation report renders every section from the committed figures, served-model figures included."""

from __future__ import annotations

import json

from app.service import Service
from corpus.settings import REPO_ROOT
from evaluation.report import render


def test_report_renders_every_task_from_the_committed_figures() -> None:
    figures = json.loads((REPO_ROOT / "evaluation" / "figures.json").read_text(encoding="utf-8"))
    text = render(figures)
    for heading in ("## Search (issue 3)", "## Linking across years (issue 4)", "## Assessment (issue 5)",
                    "## Converted e5 and domain adaptation (issue 7)", "### The same links with the served"):
        assert heading in text
    activity = figures["assessment"]["activity"]["leave_one_report_out"]["model"]
    assert f"| leave_one_report_out | model | {activity['n']} | {activity['accuracy']:.3f} |" in text
    served = figures["linking_served"]["goals_2024_to_2023"]["model"]
    assert f"| goals 2024 → 2023 | model | {served['n']} | {served['mrr']:.3f} |" in text


def test_report_without_a_served_model_leaves_its_sections_out() -> None:
    figures = json.loads((REPO_ROOT / "evaluation" / "figures.json").read_text(encoding="utf-8"))
    figures["linking_served"] = figures["search_served"] = None
    text = render(figures)
    assert "### The same links with the served" not in text and "With the served default model" not in text


def test_committed_report_is_what_the_committed_figures_render_to() -> None:
    """REPORT.md is generated, never edited by hand: it must match figures.json and adaptation.json."""
    figures = json.loads((REPO_ROOT / "evaluation" / "figures.json").read_text(encoding="utf-8"))
    assert render(figures) == (REPO_ROOT / "evaluation" / "REPORT.md").read_text(encoding="utf-8")


def test_every_id_in_the_gold_sets_exists_in_the_store(service: Service) -> None:
    # A judgement on an id the parser no longer produces is a silent miss in every figure.
    known = set(service.engine.by_id)
    referenced = set()
    for path in (REPO_ROOT / "evaluation" / "gold").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            referenced |= {item.get("from")} | set(item.get("targets") or {}) | set(item.get("qrels") or {})
            referenced |= set(item.get("goals") or [])
    referenced.discard(None)
    assert referenced and referenced <= known, sorted(referenced - known)
