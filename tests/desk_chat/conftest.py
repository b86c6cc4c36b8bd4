"""A warm search cache for the terminal tests (built once), and a fresh desk per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.desk import postgres
from tests.desk.conftest import postgres_database
from tests.desk_chat.terminal import Terminal

__all__ = ["postgres_database"]  # the session's PostgreSQL database (or a visible skip)


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


@pytest.fixture
def postgres_terminal(tmp_path: Path, warm_cache: Path, postgres_database: str) -> Terminal:
    """Chat processes on the session's PostgreSQL database, emptied first."""
    postgres.execute(postgres_database, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public")
    return Terminal(tmp_path / "data", warm_cache, postgres_database)
