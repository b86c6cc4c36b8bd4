"""Finding a desk's row, and creating and locking it for a write."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.desk.records import DeskScope
from bot.desk.schema import ScopeRow


async def find_scope(session: AsyncSession, scope: DeskScope) -> ScopeRow | None:
    return await session.scalar(
        select(ScopeRow).where(ScopeRow.guild == scope.guild, ScopeRow.channel == scope.channel)
    )


async def lock_scope(session: AsyncSession, scope: DeskScope) -> ScopeRow:
    """The desk's row, created if new, locked until the transaction ends. Every write to a
    desk goes through here, so writers of one desk take turns: the numbering counters and
    the "already saved?" checks never race. (On SQLite the whole file is already locked by
    `BEGIN IMMEDIATE`; FOR UPDATE is PostgreSQL's row lock.)"""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.execute(
        insert(ScopeRow)
        .values(guild=scope.guild, channel=scope.channel)
        .on_conflict_do_nothing(index_elements=["guild", "channel"])
    )
    row = await session.scalar(
        select(ScopeRow)
        .where(ScopeRow.guild == scope.guild, ScopeRow.channel == scope.channel)
        .with_for_update()
    )
    assert row is not None  # inserted above or by a transaction that has committed
    return row
