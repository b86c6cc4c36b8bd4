"""The persisted store answers exactly like the in-memory library, from disk."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

from bot.cables.cable_store import StoreWriter
from bot.cables.library import Library, newest_first
from bot.cables.longlived import long_lived
from bot.cables.store_build import load_stored_library
from bot.cables.stored_library import CACHE_SIZE, StoredLibrary, open_store
from bot.chat.state import AppState
from bot.search.startup import load_searchable
from handlers.dispatch import dispatch
from tests.scale.conftest import RAW


def test_same_cables_report_and_citations(
    raw_in_memory: Library, raw_stored: StoredLibrary
) -> None:
    assert raw_stored.ids() == raw_in_memory.ids()
    assert raw_stored.report == raw_in_memory.report
    assert raw_stored.report.duplicates  # the raw seeds hold copies of one cable in two formats
    assert raw_stored.fingerprint == raw_in_memory.fingerprint
    for ref_id in raw_in_memory.ids():
        assert raw_stored.get(ref_id) == raw_in_memory.get(ref_id)
        assert raw_stored.cited_by(ref_id) == raw_in_memory.cited_by(ref_id)


def test_lookups_tolerate_spelling_like_the_library(
    raw_in_memory: Library, raw_stored: StoredLibrary
) -> None:
    for typed in ("66 buenosaires-2481", "07EFTORABAT521", "66BUENOSAIRES2841"):
        assert raw_stored.resolve(typed) == raw_in_memory.resolve(typed)


def test_iteration_gives_full_cables(raw_in_memory: Library, raw_stored: StoredLibrary) -> None:
    assert list(raw_stored) == sorted(raw_in_memory, key=lambda cable: cable.ref_id)


def test_catalogue_entries_match_the_cables(raw_stored: StoredLibrary) -> None:
    entries = list(raw_stored.catalogue())
    assert sorted(entry.ref_id for entry in entries) == raw_stored.ids()
    assert entries == sorted(entries, key=newest_first, reverse=True)
    for entry in entries:
        cable = raw_stored.get(entry.ref_id)
        assert cable is not None
        assert (entry.subject, entry.tags, entry.origin) == (
            cable.subject,
            cable.tags,
            cable.origin,
        )
        assert (entry.created, entry.classification) == (cable.created, cable.classification)
        assert entry.permalink == cable.permalink and entry.paragraphs == []


def test_recent_cables_are_served_from_the_cache(raw_stored: StoredLibrary) -> None:
    ref_id = raw_stored.ids()[0]
    assert raw_stored.get(ref_id) is raw_stored.get(ref_id)


def test_only_the_most_recent_cables_stay_decoded(raw_stored: StoredLibrary) -> None:
    # Every decoded cable is some sixty objects the garbage collector walks on each full
    # collection, holding the GIL: the cache is kept small (docs/scale.md).
    ids = raw_stored.ids()
    assert len(ids) > CACHE_SIZE
    oldest = raw_stored.get(ids[0])
    for ref_id in ids[1 : CACHE_SIZE + 1]:
        raw_stored.get(ref_id)
    assert raw_stored.get(ids[CACHE_SIZE]) is raw_stored.get(ids[CACHE_SIZE])
    again = raw_stored.get(ids[0])
    assert again is not oldest and again == oldest  # read from the store again


def test_chat_replies_are_the_same(raw_in_memory: Library, raw_stored: StoredLibrary) -> None:
    lines = [
        "!cable 66BUENOSAIRES2481",
        "!cable 72TEHRAN1164 ¶2",
        "!browse tag:PREL",
        "!refs 72TEHRAN1091",
    ]
    for line in lines:
        assert dispatch(AppState(raw_stored), line) == dispatch(AppState(raw_in_memory), line)


def test_second_start_opens_the_store_without_parsing(
    store_dir: Path, raw_stored: StoredLibrary
) -> None:
    before = raw_stored.store.path.stat().st_mtime_ns
    again = load_stored_library([RAW], store_dir)
    assert again.store.path == raw_stored.store.path
    assert again.store.path.stat().st_mtime_ns == before


def test_damaged_or_foreign_store_is_not_trusted(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    assert open_store(garbage) is None
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    assert open_store(empty) is None


def test_an_abandoned_build_leaves_nothing_behind(tmp_path: Path) -> None:
    writer = StoreWriter(tmp_path / "cables.sqlite")
    writer.abandon()
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_falls_back_to_memory(tmp_path: Path, raw_in_memory: Library) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    library = load_searchable([RAW], blocker).library
    assert not isinstance(library, StoredLibrary)
    assert library.ids() == raw_in_memory.ids()


def test_the_catalogue_is_kept_out_of_the_collectors_scans(raw_stored: StoredLibrary) -> None:
    # A full collection over a full-size catalogue held the GIL for about a second.
    library = open_store(raw_stored.store.path)
    assert library is not None
    frozen = gc.get_freeze_count()
    entries = list(library.catalogue())
    assert gc.get_freeze_count() >= frozen + len(entries)
    assert gc.isenabled()


def test_long_lived_leaves_a_paused_collector_paused() -> None:
    gc.disable()
    try:
        with long_lived():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
