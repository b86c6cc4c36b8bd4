"""The desk's API: one `Desk` per process, opened with `await open_desk(settings)`.

Every method is one short transaction (retried while SQLite reports the file locked) and
returns plain dataclasses; user mistakes raise `DeskError`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TextIO, TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.desk import channel, items, notes
from bot.desk.backup import Summary, dump, load
from bot.desk.database import WRITES, create_engine, database_url
from bot.desk.migrate import upgrade
from bot.desk.records import (
    Anchor,
    DeskScope,
    DeskUser,
    Entry,
    Note,
    Page,
    Saved,
    SavedItem,
    Shown,
)
from bot.desk.retry import retrying
from bot.desk.scopes import lock_scope
from config.settings import Settings

T = TypeVar("T")

Work = Callable[[AsyncSession], Awaitable[T]]


async def open_desk(settings: Settings) -> Desk:
    """The desk database the settings name, migrated to the newest schema."""
    return await connect(database_url(settings))


async def connect(url: str) -> Desk:
    """The desk database at a SQLAlchemy URL, migrated to the newest schema."""
    engine = create_engine(url)
    try:
        await upgrade(engine)
    except BaseException:
        await engine.dispose()
        raise
    return Desk(engine)


class Desk:
    def __init__(self, engine: AsyncEngine) -> None:
        self._readers = async_sessionmaker(engine, expire_on_commit=False)
        self._writers = async_sessionmaker(
            engine.execution_options(**{WRITES: True}), expire_on_commit=False
        )
        self._engine = engine
        # SQLite lets one transaction write at a time in the whole file: this process's
        # writers queue here, cheaply, and only other processes meet the busy timeout.
        self._write_turn: contextlib.AbstractAsyncContextManager[object] = (
            asyncio.Lock() if engine.dialect.name == "sqlite" else contextlib.nullcontext()
        )

    async def close(self) -> None:
        await self._engine.dispose()

    async def _read(self, work: Work[T]) -> T:
        async def attempt() -> T:
            async with self._readers() as session, session.begin():
                return await work(session)

        return await retrying(attempt)

    async def _write(self, work: Work[T]) -> T:
        async def attempt() -> T:
            async with self._write_turn, self._writers() as session, session.begin():
                return await work(session)

        return await retrying(attempt)

    # Items.

    async def save(
        self,
        scope: DeskScope,
        user: DeskUser,
        entries: Sequence[Entry],
        note: str | None = None,
    ) -> list[Saved]:
        return await self._write(lambda s: items.save(s, scope, user, entries, note))

    async def list_items(
        self,
        scope: DeskScope,
        page: int = 1,
        page_size: int = 10,
        by: str | None = None,
        ref_id: str | None = None,
        tag: str | None = None,
    ) -> Page:
        return await self._read(
            lambda s: items.list_items(s, scope, page, page_size, by, ref_id, tag)
        )

    async def get_item(self, scope: DeskScope, n: int) -> SavedItem:
        return await self._read(lambda s: items.get_item(s, scope, n))

    async def all_items(self, scope: DeskScope) -> list[SavedItem]:
        return await self._read(lambda s: items.all_items(s, scope))

    async def delete_item(
        self, scope: DeskScope, n: int, user: DeskUser, may_moderate: bool = False
    ) -> SavedItem:
        return await self._write(lambda s: items.delete_item(s, scope, n, user, may_moderate))

    # Notes.

    async def add_note(self, scope: DeskScope, user: DeskUser, anchor: Anchor, text: str) -> Note:
        checked = notes.checked_text(text)

        async def work(session: AsyncSession) -> Note:
            desk = await lock_scope(session, scope)
            return await notes.add_note(session, desk, user, anchor, checked)

        return await self._write(work)

    async def notes_for(self, scope: DeskScope, ref_id: str) -> list[Note]:
        return await self._read(lambda s: notes.notes_for(s, scope, ref_id))

    async def notes_by_locator(self, scope: DeskScope, ref_id: str) -> dict[str, list[Note]]:
        """The notes on one cable grouped by locator, for showing under each paragraph."""
        grouped: dict[str, list[Note]] = {}
        for note in await self.notes_for(scope, ref_id):
            grouped.setdefault(note.anchor.locator, []).append(note)
        return grouped

    async def note_counts(self, scope: DeskScope, ref_id: str) -> dict[str, int]:
        return await self._read(lambda s: notes.note_counts(s, scope, ref_id))

    async def delete_note(
        self, scope: DeskScope, n: int, user: DeskUser, may_moderate: bool = False
    ) -> Note:
        return await self._write(lambda s: notes.delete_note(s, scope, n, user, may_moderate))

    # Channel state.

    async def set_focus(self, scope: DeskScope, ref_id: str | None) -> None:
        await self._write(lambda s: channel.set_focus(s, scope, ref_id))

    async def get_focus(self, scope: DeskScope) -> str | None:
        return await self._read(lambda s: channel.get_focus(s, scope))

    async def remember_shown(
        self, scope: DeskScope, entries: Sequence[Entry], first: int = 1
    ) -> None:
        await self._write(lambda s: channel.remember_shown(s, scope, entries, first))

    async def last_shown(self, scope: DeskScope) -> Shown:
        return await self._read(lambda s: channel.last_shown(s, scope))

    async def pick_shown(self, scope: DeskScope, numbers: Sequence[int]) -> list[Entry]:
        """What `!save 12` saves: the entries the last reply numbered so."""
        return channel.pick_shown(await self.last_shown(scope), numbers)

    # Backups (every desk in the database).

    async def backup(self, out: TextIO) -> Summary:
        lines, summary = await self._read(dump)
        for line in lines:
            out.write(line + "\n")
        return summary

    async def restore(self, lines: Iterable[str]) -> Summary:
        """Load a backup into an empty database (refuses a database that has desks)."""
        kept = list(lines)  # a retried transaction reads them again
        return await self._write(lambda s: load(s, kept))
