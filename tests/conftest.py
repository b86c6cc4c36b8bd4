"""Session fixtures shared by every test folder: the bundled library is loaded once
(about 5 s) and one chat state with its search index is built once over it."""

from __future__ import annotations

import pytest

from bot.cables.library import Library
from bot.cables.loader import load_library
from bot.chat.state import AppState
from bot.search.startup import open_engine
from tests.discord.shared import offline_settings


@pytest.fixture(scope="session")
def bundled_library() -> Library:
    """The default library (seeds/): 1,367 cables of every format and era."""
    return load_library()


@pytest.fixture(scope="session")
def state(bundled_library: Library, tmp_path_factory: pytest.TempPathFactory) -> AppState:
    """What the chat commands work on, with the documented default settings and the
    search index already open (no test waits for it mid-way)."""
    cache_dir = tmp_path_factory.mktemp("index-cache")
    state = AppState(
        bundled_library,
        offline_settings(cache_dir=cache_dir),
        lambda library: open_engine(library, cache_dir),
    )
    state.engine()
    return state
