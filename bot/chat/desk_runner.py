"""The research desk for synchronous code: the async `Desk` on an event loop of its own,
in a thread, and a blocking `run` for handlers.

Handlers are synchronous (Discord runs them in worker threads, the terminal directly), and
SQLAlchemy's async engine belongs to the loop it was created on: one loop, owned here,
serves every handler thread, and the Discord gateway's loop never waits on the database.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.desk import Desk, open_desk
from config.settings import Settings

T = TypeVar("T")


class DeskRunner:
    def __init__(self, loop: asyncio.AbstractEventLoop, thread: threading.Thread, desk: Desk):
        self._loop = loop
        self._thread = thread
        self._desk = desk

    @classmethod
    def start(cls, settings: Settings) -> DeskRunner:
        """Open (and migrate) the settings' desk database on a new loop thread."""
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="desk", daemon=True)
        thread.start()
        try:
            desk = asyncio.run_coroutine_threadsafe(open_desk(settings), loop).result()
        except BaseException:
            loop.call_soon_threadsafe(loop.stop)
            thread.join()
            loop.close()
            raise
        return cls(loop, thread, desk)

    def run(self, work: Callable[[Desk], Awaitable[T]]) -> T:
        """`work(desk)` on the desk's loop, waited for; its exceptions are raised here."""

        async def call() -> T:
            return await work(self._desk)

        return asyncio.run_coroutine_threadsafe(call(), self._loop).result()

    def close(self) -> None:
        """Close the database and stop the loop thread (idempotent)."""
        if self._loop.is_closed():
            return
        asyncio.run_coroutine_threadsafe(self._desk.close(), self._loop).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()
