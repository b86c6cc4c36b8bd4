"""Retrying a desk transaction that SQLite refused because another process held the lock.

The busy timeout already makes SQLite wait; this is the second line, for the cases where
SQLite gives up without waiting (e.g. a lock held across the switch to WAL) or waited its
whole timeout behind a crowd of writers. What still fails becomes a `DeskError`, so a user
sees "busy, try again", never a driver error.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import OperationalError

from bot.desk.errors import DeskError

T = TypeVar("T")

ATTEMPTS = 8
FIRST_DELAY = 0.05
MAX_DELAY = 2.0


def is_lock_error(error: OperationalError) -> bool:
    text = str(error.orig).lower()
    return "database is locked" in text or "database is busy" in text


async def retrying(attempt: Callable[[], Awaitable[T]]) -> T:
    """`attempt()`, tried again after a short randomised pause while SQLite says locked;
    `attempt` must be one whole transaction so that trying again is safe."""
    delay = FIRST_DELAY
    for _ in range(ATTEMPTS - 1):
        try:
            return await attempt()
        except OperationalError as error:
            if not is_lock_error(error):
                raise
        # Random spread, so writers that collided do not collide again in step.
        await asyncio.sleep(delay * random.uniform(0.5, 1.5))
        delay = min(delay * 2, MAX_DELAY)
    try:
        return await attempt()
    except OperationalError as error:
        if not is_lock_error(error):
            raise
        raise DeskError("The desk is busy right now; please try again in a moment.") from error
