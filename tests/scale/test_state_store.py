"""A bot start goes through the cable store: parsed once, then opened."""

from __future__ import annotations

from pathlib import Path

from bot.cables.library import Library
from bot.cables.store import StoredLibrary
from bot.chat.dispatch import dispatch
from bot.chat.state import AppState, load_state
from config.settings import Settings
from tests.scale.conftest import RAW


def test_load_state_parses_once_into_the_store_then_opens_it(
    tmp_path: Path, raw_in_memory: Library
) -> None:
    settings = Settings(library_paths=[RAW], cache_dir=tmp_path)
    first = load_state(settings).library
    assert isinstance(first, StoredLibrary)
    assert first.store.path.parent == tmp_path / "library"
    written = first.store.path.stat().st_mtime_ns
    again = load_state(settings).library
    assert isinstance(again, StoredLibrary)
    assert again.store.path == first.store.path
    assert again.store.path.stat().st_mtime_ns == written
    assert again.ids() == raw_in_memory.ids()


def test_browse_and_unknown_filters_answer_from_the_catalogue(
    raw_in_memory: Library, raw_stored: StoredLibrary
) -> None:
    for line in ("!browse tag:PREL", "!browse tag:NOSUCHTAG", "!browse origin:atlantis"):
        assert dispatch(AppState(raw_stored), line) == dispatch(AppState(raw_in_memory), line)
    assert {c.ref_id for c in raw_stored.catalogue()} == set(raw_in_memory.ids())
