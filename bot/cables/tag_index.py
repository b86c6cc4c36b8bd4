"""Per-tag statistics of a library: how many cables carry each TAG, in which years and
from which origins most, and the newest of them.

Built once per library, on first use, in one pass over the catalogue (metadata only, no
cable is decoded): a stored library of 251,287 cables answers every later `!tag` from
these counts. Callers run it in a worker thread, never on the event loop.
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from dataclasses import dataclass, field

from bot.cables.library import Library
from bot.cables.longlived import long_lived
from bot.cables.model import Cable

# The newest cables kept for each tag.
NEWEST = 5


@dataclass(slots=True)
class TagStats:
    cables: int = 0
    years: Counter[int] = field(default_factory=Counter)
    origins: Counter[str] = field(default_factory=Counter)
    # Newest first: the catalogue is walked newest first.
    newest: list[Cable] = field(default_factory=list)


class TagIndex:
    """Every tag of the library with its statistics (tags upper case)."""

    def __init__(self, library: Library) -> None:
        self.by_tag: dict[str, TagStats] = {}
        self.cables = 0
        for cable in library.catalogue():
            self.cables += 1
            year = cable.created.year if cable.created is not None else None
            for tag in dict.fromkeys(tag.upper() for tag in cable.tags):
                stats = self.by_tag.get(tag)
                if stats is None:
                    stats = self.by_tag[tag] = TagStats()
                stats.cables += 1
                if year is not None:
                    stats.years[year] += 1
                if cable.origin:
                    stats.origins[cable.origin] += 1
                if len(stats.newest) < NEWEST:
                    stats.newest.append(cable)
        self.tags = sorted(self.by_tag)

    def get(self, tag: str) -> TagStats | None:
        return self.by_tag.get(tag.strip().upper())


_INDEXES: weakref.WeakKeyDictionary[Library, TagIndex] = weakref.WeakKeyDictionary()
_BUILDING = threading.Lock()


def tag_index(library: Library) -> TagIndex:
    """The library's tag index, built on the first call (one build however many threads
    ask at once) and kept as long as the library."""
    with _BUILDING:
        index = _INDEXES.get(library)
        if index is None:
            with long_lived():
                index = _INDEXES[library] = TagIndex(library)
        return index
