"""Finding a desk's row, and creating and locking it for a write."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.desk.errors import DeskError
from bot.desk.records import DeskScope, DeskUser
from bot.desk.schema import ItemRow, NoteRow, ScopeRow

# What a desk numbers for its users: items and notes.
Numbered = TypeVar("Numbered", ItemRow, NoteRow)


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


async def numbered_row(
    session: AsyncSession, scope: DeskScope, model: type[Numbered], n: int, noun: str
) -> Numbered:
    """This desk's item or note number `n`; DeskError when there is none."""
    desk = await find_scope(session, scope)
    row = None
    if desk is not None:
        row = await session.scalar(select(model).where(model.scope_id == desk.id, model.n == n))
    if row is None:
        raise DeskError(f"There is no {noun} #{n} on this desk.")
    return row


def check_may_delete(
    done: str, owner_id: str, owner_name: str, user: DeskUser, may_moderate: bool
) -> None:
    """Only who made it (`done`: `Item #3 was saved`), or a moderator, may delete it."""
    if owner_id != user.id and not may_moderate:
        raise DeskError(f"{done} by {owner_name}; only they or a moderator can delete it.")
