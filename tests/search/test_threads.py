"""Searches run concurrently (asyncio.to_thread) give the same answers as one by one."""

from __future__ import annotations

import asyncio

from bot.search.api import SearchFilters
from bot.search.engine import CableSearchEngine

QUESTIONS = [
    "did Iceland's peacekeepers carry weapons?",
    "Chechnya contraband oil",
    "Shah F-4E delivery 1972",
    "FARC car bomb Bogota",
]


async def test_concurrent_searches_match_serial_ones(engine: CableSearchEngine) -> None:
    serial = [engine.search(q, SearchFilters(), 5) for q in QUESTIONS * 3]
    parallel = await asyncio.gather(
        *(asyncio.to_thread(engine.search, q, SearchFilters(), 5) for q in QUESTIONS * 3)
    )
    assert list(parallel) == serial
