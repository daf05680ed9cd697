"""Where the development links live, and how they are read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

GOLD_DIR = Path(__file__).resolve().parents[2] / "evaluation" / "gold"
GOAL_GOLD = GOLD_DIR / "goal_links_2024_2023.jsonl"


def load_links(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def link_quality(ranked: list[str], targets: dict[str, int]) -> float:
    """How well a ranking (ids, best first) serves graded links (id → grade > 0): the reciprocal rank of the first
    right answer, plus the share of right answers in the top three, plus a tenth of the grade-weighted mean
    reciprocal rank of all of them (which tells apart rankings the first two score alike)."""
    position = {doc: i for i, doc in enumerate(ranked)}
    ranks = sorted(position[t] + 1 for t in targets if t in position)
    if not ranks:
        return 0.0
    graded = np.mean([grade / (position[t] + 1) if t in position else 0.0 for t, grade in targets.items()])
    return 1 / ranks[0] + sum(r <= 3 for r in ranks) / len(targets) + 0.1 * float(graded)
