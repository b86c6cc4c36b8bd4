"""The on-disk index is reused while the library is unchanged and rebuilt when it changes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from bot.cables.library import Library, in_memory_library
from bot.search.api import SearchFilters
from bot.search.startup import open_engine
from bot.search.tantivy_index import SCHEMA_VERSION, index_key

_SAMPLE = ("08REYKJAVIK195", "10USNATO35", "07DUSHANBE313")


def _sample(library: Library) -> Library:
    return in_memory_library(c for c in (library.get(i) for i in _SAMPLE) if c is not None)


def _indexes(folder: Path) -> list[Path]:
    """The index folders under `folder` (beside them: their lock files)."""
    return [path for path in (folder / "search").iterdir() if path.is_dir()]


def test_second_open_reuses_the_index(library: Library, tmp_path: Path) -> None:
    small = _sample(library)
    first = open_engine(small, tmp_path)
    second = open_engine(small, tmp_path)
    assert first.built_now and not second.built_now
    question = "Eagle Guardian Baltic states"
    assert second.search(question, SearchFilters(), 3) == first.search(question, SearchFilters(), 3)


def test_changed_library_rebuilds(library: Library, tmp_path: Path) -> None:
    small = _sample(library)
    open_engine(small, tmp_path)
    cable = small.get("10USNATO35")
    assert cable is not None
    edited = cable.model_copy(deep=True)
    edited.paragraphs[0].text += " Reindeer logistics were discussed."
    changed = in_memory_library([edited, *(c for c in small if c.ref_id != "10USNATO35")])
    engine = open_engine(changed, tmp_path)
    assert engine.built_now
    assert engine.search("reindeer logistics", SearchFilters(), 3).hits[0].ref_id == "10USNATO35"
    assert len(_indexes(tmp_path)) == 1  # the stale index is gone


def test_damaged_index_is_rebuilt(library: Library, tmp_path: Path) -> None:
    small = _sample(library)
    open_engine(small, tmp_path)
    (index_dir,) = _indexes(tmp_path)
    (index_dir / "vocabulary.json").write_text("{not json", "utf-8")
    assert open_engine(small, tmp_path).built_now


def test_unusable_cache_directory_falls_back_to_memory(library: Library, tmp_path: Path) -> None:
    not_a_directory = tmp_path / "cache"
    not_a_directory.write_text("a file where the cache directory should be", "utf-8")
    engine = open_engine(_sample(library), not_a_directory)
    assert engine.built_now
    assert engine.search("Eagle Guardian", SearchFilters(), 3).hits[0].ref_id == "10USNATO35"


def test_index_of_an_older_schema_is_rebuilt(library: Library, tmp_path: Path) -> None:
    """An index as schema 8 left it (no cable numbers, no cables.json) under its own key:
    not reused, and removed once the current one is built."""
    small = _sample(library)
    open_engine(small, tmp_path)
    (current,) = _indexes(tmp_path)
    assert current.name == index_key(small) and SCHEMA_VERSION != "8"
    old_key = hashlib.sha256(f"8:{small.fingerprint}".encode()).hexdigest()[:20]
    old = current.rename(current.parent / old_key)
    (old / "cables.json").unlink()
    (old / "cablebot-index.json").write_text(json.dumps({"schema": "8", "key": old_key}))
    engine = open_engine(small, tmp_path)
    assert engine.built_now
    assert [path.name for path in _indexes(tmp_path)] == [index_key(small)]
    assert len(engine.matching_cables("Eagle Guardian", SearchFilters())) == 1


def test_index_without_its_cable_list_is_rebuilt(library: Library, tmp_path: Path) -> None:
    small = _sample(library)
    open_engine(small, tmp_path)
    (index_dir,) = _indexes(tmp_path)
    (index_dir / "cables.json").unlink()
    engine = open_engine(small, tmp_path)
    assert engine.built_now
    assert engine.matching_cables("Eagle Guardian", SearchFilters()).ref_ids() == ["10USNATO35"]
