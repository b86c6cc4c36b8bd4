"""What a bot keeps for its whole life is frozen out of the collector's scans
(`bot/cables/longlived.py`): a full collection walks every tracked container's items,
so the tag index, the facet columns and the month table, left tracked, made each one
take tens of milliseconds at full scale, with the GIL held."""

from __future__ import annotations

import gc

from bot.cables.library import Library, in_memory_library
from bot.cables.months import month_table
from bot.cables.tag_index import tag_index
from bot.search.matches import LazyColumns


def _scanned(container: object) -> bool:
    assert gc.is_tracked(container)
    return any(tracked is container for tracked in gc.get_objects())


def _fresh(library: Library) -> Library:
    """A library of its own, so nothing built for the session's library is reused."""
    return in_memory_library(list(library)[:200])


def test_the_tag_index_is_not_scanned_once_built(bundled_library: Library) -> None:
    index = tag_index(_fresh(bundled_library))
    assert index.get("PREL") is not None
    assert not _scanned(index.by_tag)


def test_the_facet_columns_are_not_scanned_once_made(bundled_library: Library) -> None:
    library = _fresh(bundled_library)
    columns = LazyColumns(library.ids(), library.catalogue).get()
    assert "PREL" in columns.tag_names
    assert not _scanned(columns.tag_names)


def test_the_month_table_is_not_scanned_once_read() -> None:
    table = month_table.__wrapped__()
    assert table.month("07DUSHANBE313") is not None
    assert not _scanned(table.months)
