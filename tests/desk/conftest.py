"""Every desk test runs twice, on SQLite in a temporary DATA_DIR and on PostgreSQL (a
database made for this test session, emptied before each test)."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.cables.library import Library
from bot.cables.model import Cable
from bot.desk import Desk, open_desk
from config.settings import Settings
from tests.desk import postgres


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """The URL of a fresh, uniquely named database, dropped at the end of the session."""
    server = postgres.server_url()
    try:
        postgres.execute(server, "SELECT 1")
    except Exception as error:  # any failure to connect means "no server here"
        reason = (
            f"no PostgreSQL server at {postgres.ENV}={server} ({type(error).__name__}: {error})"
        )
        if postgres.in_ci():
            pytest.fail(f"{reason}; CI must run the PostgreSQL tests (see .ci/run)")
        pytest.skip(reason)
    name = f"cablebot_test_{os.getpid()}_{secrets.token_hex(4)}"
    postgres.execute(server, f'CREATE DATABASE "{name}"')
    try:
        yield postgres.database_url(server, name)
    finally:
        postgres.execute(server, f'DROP DATABASE "{name}" WITH (FORCE)')


def desk_settings(tmp_path: Path, database_url: str | None = None) -> Settings:
    return Settings(
        _env_file=None,
        cache_dir=tmp_path / "cache",
        data_dir=tmp_path / "data",
        database_url=database_url,
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings naming an empty desk database of each kind."""
    if request.param == "sqlite":
        return desk_settings(tmp_path)
    url: str = request.getfixturevalue("postgres_database")
    # Tests share the session's database: each starts from an empty schema.
    postgres.execute(url, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public")
    return desk_settings(tmp_path, url)


@pytest.fixture
async def desk(settings: Settings) -> AsyncIterator[Desk]:
    desk = await open_desk(settings)
    try:
        yield desk
    finally:
        await desk.close()


@pytest.fixture(scope="session")
def dushanbe(bundled_library: Library) -> Cable:
    """07DUSHANBE313, Tajikistan's trafficking report: many labelled paragraphs."""
    cable = bundled_library.get("07DUSHANBE313")
    assert cable is not None
    return cable


@pytest.fixture(scope="session")
def reykjavik(bundled_library: Library) -> Cable:
    """08REYKJAVIK195, Icelandic peacekeepers: other tags than Dushanbe's but PGOV."""
    cable = bundled_library.get("08REYKJAVIK195")
    assert cable is not None
    return cable
