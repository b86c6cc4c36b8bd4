"""A bot start goes through the cable store: parsed once, then opened."""

from __future__ import annotations

from pathlib import Path

from bot.cables.library import Library
from bot.cables.loader import load_library
from bot.cables.stored_library import StoredLibrary
from bot.chat.state import AppState, load_state
from bot.search.api import SearchFilters
from bot.search.startup import load_searchable, open_engine
from config.settings import Settings
from handlers.dispatch import dispatch
from tests.scale.conftest import RAW

CSV_ROWS = Path(__file__).parents[1] / "fixtures" / "bulk" / "cables_csv_head_37rows.csv"


def test_load_state_parses_once_into_the_store_then_opens_it(
    tmp_path: Path, raw_in_memory: Library
) -> None:
    settings = Settings(library_paths=[RAW], cache_dir=tmp_path)
    first = load_state(settings).library
    assert isinstance(first, StoredLibrary)
    assert first.store.path.parent.parent == tmp_path / "library"  # in the library's own folder
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


def test_the_first_start_indexes_in_the_same_pass(tmp_path: Path) -> None:
    loaded = load_searchable([CSV_ROWS], tmp_path)
    assert loaded.index is not None and loaded.index.built_now
    engine = loaded.engine(loaded.library)
    assert engine.paragraphs_indexed == sum(len(c.paragraphs) for c in load_library([CSV_ROWS]))
    fresh = open_engine(loaded.library, None)
    for question in ("human rights", "oil exports", "what did the minister say about elections"):
        assert engine.search(question, SearchFilters()) == fresh.search(question, SearchFilters())
    again = load_searchable([CSV_ROWS], tmp_path)
    assert again.index is None  # opened when first needed, not built again
    reopened = again.engine(again.library)
    assert not reopened.built_now
    assert reopened.search("oil exports", SearchFilters()) == fresh.search(
        "oil exports", SearchFilters()
    )


def test_a_better_copy_met_later_gets_the_index_of_the_library_as_loaded(
    tmp_path: Path, raw_in_memory: Library
) -> None:
    # The raw seeds hold a cable in two formats, the better copy read second.
    assert raw_in_memory.report.duplicates
    loaded = load_searchable([RAW], tmp_path)
    engine = loaded.engine(loaded.library)
    assert engine.paragraphs_indexed == sum(len(c.paragraphs) for c in raw_in_memory)
    fresh = open_engine(loaded.library, None)
    for question in ("who is the typical trafficker", "nuclear program", '"chicken street"'):
        assert engine.search(question, SearchFilters()) == fresh.search(question, SearchFilters())
