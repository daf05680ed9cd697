"""Paths used by every layer, overridable by environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    """Where uppsikt keeps its store, raw reports and built artefacts."""

    db: Path
    raw_dir: Path
    artifacts: Path

    @classmethod
    def from_env(cls) -> Paths:
        return cls(
            db=Path(os.environ.get("UPPSIKT_DB", REPO_ROOT / "data" / "uppsikt.sqlite")),
            raw_dir=Path(os.environ.get("UPPSIKT_RAW", REPO_ROOT / "corpus" / "raw")),
            artifacts=Path(os.environ.get("UPPSIKT_ARTIFACTS", REPO_ROOT / "models" / "artifacts")),
        )
