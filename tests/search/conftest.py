"""Shared fixtures: the bundled library and one in-memory engine over it, per session."""

from __future__ import annotations

import pytest

from bot.cables.library import Library
from bot.cables.loader import load_library
from bot.search.engine import CableSearchEngine
from bot.search.index import open_engine


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="session")
def engine(library: Library) -> CableSearchEngine:
    return open_engine(library, None)
