"""Alembic's entry point for the desk's migrations.

Only `bot.desk.migrate` runs them: it hands over an open connection (already inside a
transaction that holds the database's write lock) in `config.attributes["connection"]`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from bot.desk.schema import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("the desk's migrations run through bot.desk.migrate.upgrade, not the CLI")

# Batch mode: SQLite cannot ALTER most things in place, so Alembic rebuilds the table
# there and uses plain ALTER on PostgreSQL; the same revision files serve both.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
