"""Session fixtures: a small generated cables.csv and the raw seeds, loaded both ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate
from bot.cables.library import Library
from bot.cables.loader import load_library
from bot.cables.store_build import load_stored_library
from bot.cables.stored_library import StoredLibrary

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "seeds" / "raw"
GENERATED_CABLES = 120


@pytest.fixture(scope="session")
def generated_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "cables.csv"
    generate(out, GENERATED_CABLES, seed=5, progress=False)
    return out


@pytest.fixture(scope="session")
def raw_in_memory() -> Library:
    return load_library([RAW])


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def raw_stored(store_dir: Path) -> StoredLibrary:
    return load_stored_library([RAW], store_dir, workers=2)
