"""Shared, expensive fixtures: the bundled library is loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cables.library import Library
from bot.cables.loader import load_library

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
RAW = SEEDS / "raw"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def seed_library() -> Library:
    return load_library()
