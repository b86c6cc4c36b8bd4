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
from bot.cables.store_build import (
    Sidecar,
    build_and_open,
    building,
    store_path,
    tidy_if_idle,
)
from bot.cables.stored_library import open_store
from bot.search.engine import CableSearchEngine
from bot.search.semantic.builder import BackgroundBuilder
from bot.search.semantic.encoder import Encoder
from bot.search.semantic.store import FILE_NAME, VectorStore
from bot.search.semantic.vectors import ParagraphVectors
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


def open_engine(library: Library, folder: Path | None, semantic: bool = False) -> CableSearchEngine:
    """The search engine over `library`; the index under `folder` is reused while current
    and readable.

    `folder=None` keeps the index in memory (tests, one-off runs). With `semantic`, the
    engine ranks by meaning too, and the paragraph vectors under `folder` are built by a
    background thread started here (until then, and for cables not yet reached, a cable
    asked about is encoded on demand).
    """
    handle = open_index(library, folder)
    return CableSearchEngine(library, handle, start_vectors(library, folder) if semantic else None)


def semantic_vectors(library: Library, folder: Path | None) -> ParagraphVectors:
    """The library's paragraph vectors, stored under `folder`, none built yet."""
    store = VectorStore(folder / FILE_NAME if folder is not None else None)
    return ParagraphVectors(library, Encoder(), store)


# Above this many cables the background build is not started: vectors held in memory
# for every paragraph of the full release would pass the memory target (and take hours
# of both cores); cables asked about are still encoded on demand.
BACKGROUND_MAX_CABLES = 20_000


def start_vectors(library: Library, folder: Path | None) -> ParagraphVectors:
    vectors = semantic_vectors(library, folder)
    if len(library) <= BACKGROUND_MAX_CABLES:
        BackgroundBuilder(library, vectors).start()
    else:
        log.info("%d cables: paragraph vectors are built on demand only", len(library))
    return vectors


@dataclass(frozen=True, slots=True)
class Loaded:
    library: Library
    # The library's own folder in the cache (its store and index); None when the cache
    # is unusable and the library was loaded into memory.
    folder: Path | None = None
    # Set when this load built the index too; otherwise `open_engine` opens (or
    # builds) it when first needed.
    index: IndexHandle | None = None
    # The inputs, cache and limits the library was loaded with, to rebuild its store.
    paths: tuple[Path, ...] = ()
    cache_dir: Path | None = None
    limits: InputLimits = DEFAULT_LIMITS

    def engine(self, library: Library, semantic: bool = False) -> CableSearchEngine:
        """The search engine over `library` (this load's, or one rebuilt since); with
        `semantic`, ranking by meaning too."""
        if self.index is not None and library is self.library:
            vectors = start_vectors(library, self.folder) if semantic else None
            return CableSearchEngine(library, self.index, vectors)
        return open_engine(library, self.folder, semantic)

    def rebuild(self) -> Library:
        """The library parsed again from its inputs into a new store (the store was
        found damaged)."""
        if self.cache_dir is None:
            raise RuntimeError("this library was loaded without a store")
        path = store_path(self.paths, self.cache_dir, self.limits)
        with building(path.parent):
            return build_and_open(self.paths, path, limits=self.limits)


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
    folder = path.parent
    with building(folder):
        library = open_store(path, again=True)
        if library is not None:  # built meanwhile by another process
            return Loaded(library, folder, None, tuple(paths), cache_dir, limits)
        staging = staging_dir(folder)
        builder = IndexBuilder(staging, large=_input_bytes(paths) >= _LARGE_INPUT)
        try:
            library = build_and_open(
                paths, path, workers, progress, Sidecar(indexed_cable, builder.add), limits
            )
            if builder.superseded:
                return Loaded(library, folder, None, tuple(paths), cache_dir, limits)
            if progress:
                print("Finishing the search index ...", file=sys.stderr, flush=True)
            index = install(folder, staging, library, builder.finish())
            return Loaded(library, folder, index, tuple(paths), cache_dir, limits)
        finally:
            builder.abandon()  # unless finished: its threads must stop writing to staging
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
        path = store_path(paths, cache_dir, limits)
        library = open_store(path)
        if library is not None:
            tidy_if_idle(path)
            return Loaded(library, path.parent, None, tuple(paths), cache_dir, limits)
        return _first_load(paths, cache_dir, workers, progress, limits)
    except (OSError, sqlite3.Error) as error:
        log.warning("cable store unavailable under %s (%s); loading into memory", cache_dir, error)
        return Loaded(load_library(paths, limits))
