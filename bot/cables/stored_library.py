"""The library over a cable store: the same lookups as in memory, a fraction of the memory.

Only the ids, aliases and citation index are built when the store is opened, from
the catalogue columns (no cable is decompressed). Full cables are read from the
store on demand through a small LRU cache, so `!cable` reads one row; the
catalogue entries (metadata without text) that browsing needs are built on first
use. Everything made here lives as long as the process, so it is made with the
garbage collector paused and then frozen out of its scans (`long_lived`).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, ValuesView
from datetime import datetime
from pathlib import Path

from bot.cables.cable_store import CableStore, CatalogueRow, split_list
from bot.cables.ids import plusd_url
from bot.cables.library import Library
from bot.cables.longlived import long_lived
from bot.cables.model import Cable, Markings, Source, SourceFormat

log = logging.getLogger(__name__)

# Full cables kept decoded. Each is some sixty objects that every full garbage
# collection walks with the GIL held: at full scale, 50 users' worst event-loop stall
# was 36-41 ms with 512, 15-17 ms with 64 (docs/scale.md). A cable read again costs
# 0.1-0.3 ms (one row, decompressed and validated).
CACHE_SIZE = 64


class _CachedCables(Mapping[str, Cable]):
    """Cables by id, read from the store on demand, the recently used kept decoded."""

    def __init__(self, store: CableStore, ids: list[str], size: int = CACHE_SIZE) -> None:
        self.store = store
        self._ids = ids
        self._known = frozenset(ids)
        self._size = size
        self._recent: OrderedDict[str, Cable] = OrderedDict()
        self._lock = threading.Lock()

    def __getitem__(self, ref_id: str) -> Cable:
        with self._lock:
            cable = self._recent.get(ref_id)
            if cable is not None:
                self._recent.move_to_end(ref_id)
                return cable
        if ref_id not in self._known:
            raise KeyError(ref_id)
        cable = self.store.fetch(ref_id)
        if cable is None:
            raise KeyError(ref_id)
        with self._lock:
            self._recent[ref_id] = cable
            if len(self._recent) > self._size:
                self._recent.popitem(last=False)
        return cable

    def __contains__(self, ref_id: object) -> bool:
        return ref_id in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def values(self) -> ValuesView[Cable]:
        return _StoredValues(self)


class _StoredValues(ValuesView[Cable]):
    """Every full cable in id order (the mapping's order), decoded in one scan of the
    store rather than a lookup, and a turn through the cache, per id."""

    def __init__(self, cables: _CachedCables) -> None:
        super().__init__(cables)
        self._store = cables.store

    def __iter__(self) -> Iterator[Cable]:
        return self._store.cables()


def light_cable(
    ref_id: str,
    canonical: str,
    source: Source,
    permalink: str,
    created: datetime | None = None,
    classification: str = "",
    origin: str = "",
    subject: str = "",
    tags: list[str] | None = None,
) -> Cable:
    """A Cable with its catalogue fields only (no text), built without validation.

    Every list and model is passed explicitly: model_construct would otherwise call
    each default_factory, and pydantic inspects a factory's signature on every call
    (the markings' factory cost 3 times what the rest of the stand-in does).
    """
    return Cable.model_construct(
        ref_id=ref_id,
        canonical_id=canonical,
        created=created,
        classification=classification,
        origin=origin,
        subject=subject,
        markings=Markings(),
        tags=tags or [],
        references=[],
        comments=[],
        sections=[],
        paragraphs=[],
        source=source,
        permalink=permalink,
        plusd_link=plusd_url(ref_id),
    )


def _newest_row_first(row: CatalogueRow) -> tuple[str, str]:
    """`newest_first` on a catalogue row: `created` is stored as ISO text, which sorts
    as the dates do ("" for undated sorts last, as datetime.min does)."""
    return (row[2] or "", row[0])


def _catalogue_cable(row: CatalogueRow, sources: dict[tuple[str, str], Source]) -> Cable:
    """A catalogue entry; `sources` shares one Source per input file (a whole cables.csv
    is one file) between entries: frozen, so sharing is safe, and validating one for
    each of 251,287 rows cost a second."""
    ref_id, canonical, created, classification, origin, subject, tags = row[:7]
    permalink, source_path, source_format = row[8:11]
    source = sources.get((source_path, source_format))
    if source is None:
        source = sources[source_path, source_format] = Source(
            path=source_path, format=SourceFormat(source_format)
        )
    return light_cable(
        ref_id,
        canonical,
        source,
        permalink,
        datetime.fromisoformat(created) if created else None,
        classification,
        origin,
        subject,
        split_list(tags),
    )


class _LazyCatalogue(Iterable[Cable]):
    """Every cable's catalogue entry, newest first: built from the catalogue rows on
    first use (a bot that never browses never pays for it), then instant."""

    def __init__(self, rows: list[CatalogueRow]) -> None:
        self._rows: list[CatalogueRow] | None = rows
        self._entries: list[Cable] | None = None
        self._lock = threading.Lock()

    def __iter__(self) -> Iterator[Cable]:
        with self._lock:
            if self._entries is None:
                sources: dict[tuple[str, str], Source] = {}
                with long_lived():
                    # Made in the order they are listed: scanned in memory order,
                    # a browse over 251,287 entries takes a third of the time.
                    rows = sorted(self._rows or (), key=_newest_row_first, reverse=True)
                    self._entries = [_catalogue_cable(row, sources) for row in rows]
                self._rows = None
        return iter(self._entries)


class StoredLibrary(Library):
    """A Library over a CableStore: same lookups, a fraction of the memory.

    `get`, `resolve`, `suggest`, `cited_by` and `ids` behave exactly as on an
    in-memory Library (they are Library's own methods over a lazy mapping), and
    iterating yields every full cable, in id order. `catalogue()` yields each
    cable's metadata (id, dates, classification, origin, subject, tags, links)
    without its text, from memory: what listing and browsing need.
    """

    def __init__(self, store: CableStore) -> None:
        with long_lived():
            rows = list(store.catalogue())
            ids = [row[0] for row in rows]
            aliases: dict[str, str] = {}
            cited_by: dict[str, list[str]] = {}
            for row in rows:
                aliases.setdefault(row[1], row[0])
                for cited in split_list(row[7]):
                    cited_by.setdefault(cited, []).append(row[0])
            cables = _CachedCables(store, ids)
        super().__init__(
            cables=cables,
            ids=ids,
            aliases=aliases,
            cited_by=cited_by,
            catalogue=_LazyCatalogue(rows),
            report=store.report,
            fingerprint=store.fingerprint,
            copies=store.copies,  # read from the store when asked (`!versions`)
        )
        self.store = store


def open_store(path: Path, again: bool = False) -> StoredLibrary | None:
    """The library stored at `path`, or None when there is no usable store there (an
    unreadable one is logged, unless this is a look `again`)."""
    if not path.is_file():
        return None
    try:
        return StoredLibrary(CableStore(path))
    except (sqlite3.Error, ValueError, KeyError, json.JSONDecodeError) as error:
        if not again:
            log.warning("the cable store %s is unreadable (%s); rebuilding it", path, error)
        return None
