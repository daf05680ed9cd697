"""Where the development links live, and how they are read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GOLD_DIR = Path(__file__).resolve().parents[2] / "evaluation" / "gold"
GOAL_GOLD = GOLD_DIR / "goal_links_2024_2023.jsonl"


def load_links(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
