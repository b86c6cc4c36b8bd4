"""The factories the chat layer calls once at start."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.cables.bundled import SEEDS
from bot.cables.inputs import input_entries
from bot.cables.library import Library
from bot.cables.limits import DEFAULT_LIMITS, InputLimits
from bot.cables.loader import load_library
from bot.cables.store_build import Sidecar, build_and_open, store_path
from bot.cables.stored_library import open_store
from bot.search.engine import CableSearchEngine
from bot.search.tantivy_index import (
    IndexBuilder,
    IndexHandle,
    indexed_cable,
    install,
    open_index,
    staging_dir,
)

log = logging.getLogger(__name__)

# Inputs above this size (about 5,000 cables of cables.csv) get the large index writer.
_LARGE_INPUT = 35_000_000


def open_engine(library: Library, cache_dir: Path | None) -> CableSearchEngine:
    """The search engine over `library`; the index under `cache_dir` is reused while current.

    `cache_dir=None` keeps the index in memory (tests, one-off runs).
    """
    return CableSearchEngine(library, open_index(library, cache_dir))


@dataclass(frozen=True, slots=True)
class Loaded:
    library: Library
    # Set when this load built the index too; otherwise `open_engine` opens (or
    # builds) it when first needed.
    index: IndexHandle | None = None

    def engine(self, cache_dir: Path | None) -> CableSearchEngine:
        if self.index is not None:
            return CableSearchEngine(self.library, self.index)
        return open_engine(self.library, cache_dir)


def _input_bytes(paths: Sequence[Path]) -> int:
    return sum(entry.stat().st_size for entry in input_entries(paths) if entry.is_file())


def _first_load(
    paths: Sequence[Path],
    cache_dir: Path,
    workers: int | None,
    progress: bool,
    limits: InputLimits,
) -> Loaded:
    """Parse, store and index in one pass: each cable is read and built once, and the
    index is fed from the parse workers' output as the store is written.

    Inputs holding a better copy of a cable met earlier (rare: never within one
    cables.csv) are indexed again from the finished store, so the scores are those
    of the library as loaded.
    """
    path = store_path(paths, cache_dir, limits)
    staging = staging_dir(cache_dir)
    try:
        builder = IndexBuilder(staging, large=_input_bytes(paths) >= _LARGE_INPUT)
        library = build_and_open(
            paths, path, workers, progress, Sidecar(indexed_cable, builder.add), limits
        )
        if builder.superseded:
            return Loaded(library)
        if progress:
            print("Finishing the search index ...", file=sys.stderr, flush=True)
        return Loaded(library, install(cache_dir, staging, library, builder.finish()))
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when installed


def load_searchable(
    paths: Sequence[Path],
    cache_dir: Path,
    workers: int | None = None,
    progress: bool = False,
    limits: InputLimits = DEFAULT_LIMITS,
) -> Loaded:
    """What a bot start calls: the library of `paths` (default: the bundled seeds), from
    its store under `cache_dir`, parsing and indexing it on the first start.

    When `cache_dir` cannot hold the store (read-only, full disk), the cables are
    loaded into memory instead: a slower start, never a failed one.
    """
    paths = list(paths) or [SEEDS]
    try:
        library = open_store(store_path(paths, cache_dir, limits))
        if library is not None:
            return Loaded(library)
        return _first_load(paths, cache_dir, workers, progress, limits)
    except (OSError, sqlite3.Error) as error:
        log.warning("cable store unavailable under %s (%s); loading into memory", cache_dir, error)
        return Loaded(load_library(paths, limits))
