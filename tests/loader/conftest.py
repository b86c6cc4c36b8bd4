"""Shared, expensive fixtures: the bundled library is loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cables.library import Library

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
RAW = SEEDS / "raw"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def seed_library(bundled_library: Library) -> Library:
    return bundled_library
