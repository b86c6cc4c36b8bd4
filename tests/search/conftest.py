"""The bundled library and its search engine, shared with every folder (tests/conftest.py)."""

from __future__ import annotations

import pytest

from bot.cables.library import Library
from bot.chat.state import AppState
from bot.search.engine import CableSearchEngine


@pytest.fixture(scope="session")
def library(bundled_library: Library) -> Library:
    return bundled_library


@pytest.fixture(scope="session")
def engine(state: AppState) -> CableSearchEngine:
    """The engine of the session's chat state: the same index over the same library."""
    engine = state.engine()
    assert isinstance(engine, CableSearchEngine)
    return engine
