"""A warm search cache for the terminal tests (built once), and a fresh desk per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.desk_chat.terminal import Terminal


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CACHE_DIR with the library's store and search index already built."""
    cache = tmp_path_factory.mktemp("desk-chat-cache")
    data = tmp_path_factory.mktemp("desk-chat-warmup")
    reply = Terminal(data, cache).one("warmup", "warmup", "!search shelters")
    assert reply["kind"] == "search"
    return cache


@pytest.fixture
def terminal(tmp_path: Path, warm_cache: Path) -> Terminal:
    return Terminal(tmp_path / "data", warm_cache)
