"""A PostgreSQL server for the desk tests: CABLEBOT_TEST_POSTGRES (a SQLAlchemy URL to
any database on the server, as a role that may create databases), by default the local
server's Unix socket. Unreachable means skipped, except in CI, where it is a failure."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
from collections.abc import Callable, Coroutine
from typing import Any

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

ENV = "CABLEBOT_TEST_POSTGRES"
DEFAULT_URL = "postgresql+asyncpg:///postgres?host=/var/run/postgresql"


def server_url() -> str:
    return os.environ.get(ENV) or DEFAULT_URL


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def run_apart(make: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run a coroutine to completion on a thread of its own, leaving the test's event
    loop (pytest-asyncio's) untouched."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, make()).result()


def execute(url: str, *statements: str) -> None:
    """Run statements outside any transaction (CREATE/DROP DATABASE need that)."""

    async def go() -> None:
        engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as connection:
                for statement in statements:
                    await connection.execute(text(statement))
        finally:
            await engine.dispose()

    run_apart(go)


def database_url(server: str, name: str) -> str:
    return make_url(server).set(database=name).render_as_string(hide_password=False)
