"""The factory the chat layer calls once at start."""

from __future__ import annotations

from pathlib import Path

from bot.cables.library import Library
from bot.search.engine import CableSearchEngine
from bot.search.store import open_index


def open_engine(library: Library, cache_dir: Path | None) -> CableSearchEngine:
    """The search engine over `library`; the index under `cache_dir` is reused while current.

    `cache_dir=None` keeps the index in memory (tests, one-off runs).
    """
    return CableSearchEngine(library, open_index(library, cache_dir))
