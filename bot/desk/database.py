"""Where the desk's database is and how to connect to it: SQLite in DATA_DIR by default,
PostgreSQL when DATABASE_URL is set.

SQLite is tuned for several bot processes sharing one file: WAL (readers never wait for
the writer), a busy timeout (a writer waits for the lock instead of failing) and write
transactions that take the lock when they begin (`BEGIN IMMEDIATE`), so a transaction
never has to upgrade a read lock half-way, which SQLite refuses at once with "database is
locked" whatever the timeout.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import URL, event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from config.settings import Settings

DATABASE_FILE = "desk.sqlite3"
# Execution option marking a connection whose transactions will write.
WRITES = "desk_writes"
# Long enough for a queue of writers from other processes; each holds the lock briefly.
BUSY_TIMEOUT_MS = 15_000


def database_url(settings: Settings) -> str:
    """DATABASE_URL when set, else the SQLite file in DATA_DIR (created if missing)."""
    if settings.database_url:
        return settings.database_url
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = (settings.data_dir / DATABASE_FILE).resolve()
    return URL.create("sqlite+aiosqlite", database=str(path)).render_as_string()


def create_engine(url: str) -> AsyncEngine:
    engine = create_async_engine(url)
    if engine.dialect.name == "sqlite":
        _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the driver, so `_on_begin` decides how to begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # busy_timeout first: switching to WAL itself may wait for another process.
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        # NORMAL is durable in WAL mode except for the last commits on power loss.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get(WRITES, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
