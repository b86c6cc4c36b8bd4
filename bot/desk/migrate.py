"""Bringing a desk database to the newest schema with the Alembic revisions shipped in
`migrations/`. Only ever upgrades: nothing here drops or empties a table."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.desk.database import WRITES
from bot.desk.retry import retrying

MIGRATIONS = Path(__file__).parent / "migrations"
# Any constant will do: it only has to be the same in every process migrating the desk.
POSTGRES_LOCK_KEY = 0x6465736B  # "desk"


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Migrate to `revision` in one transaction. Bot processes starting together take
    turns: SQLite's write lock or a PostgreSQL advisory lock is held throughout, so the
    second one finds the work done."""

    async def attempt() -> None:
        async with engine.execution_options(**{WRITES: True}).begin() as connection:
            if connection.dialect.name == "postgresql":
                await connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_LOCK_KEY}
                )
            await connection.run_sync(_upgrade, revision)

    await retrying(attempt)


def _upgrade(connection: Connection, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, revision)
