"""Building the cable store: parse every input once, on all cores, into a new store.

The parent reads the inputs in order and hands raw records to worker processes;
each worker builds a Cable and packs it into a store row. The parent keeps only a
stand-in (id and source) of each cable, so duplicates and rejections are decided
by the loader's own rules without any cable being decoded again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Generic, TypeVar, cast

from tqdm import tqdm  # type: ignore[import-untyped]

from bot.cables.cable_store import STAGING_SUFFIX, STORE_VERSION, StoredRow, StoreWriter, pack
from bot.cables.claims import claim, remove_unclaimed
from bot.cables.inputs import input_key
from bot.cables.limits import DEFAULT_LIMITS, InputLimits
from bot.cables.loader import Collector, InputTally, Item, build_one, read_inputs
from bot.cables.longlived import long_lived
from bot.cables.model import Cable, Source
from bot.cables.months import month_table
from bot.cables.parallel import parallel_map
from bot.cables.readers.rejected import RejectedRecord
from bot.cables.stored_library import StoredLibrary, light_cable, open_store

T = TypeVar("T")

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Sidecar(Generic[T]):
    """Work done on each cable during the store's one pass, so nothing re-reads the store.

    `extract` runs in the parse worker on every built cable (a module-level function,
    so it pickles); `keep` runs in this process on each kept cable's extract, in input
    order, with `replaces` True when a better copy of an id already kept arrives.
    """

    extract: Callable[[Cable], T]
    keep: Callable[[str, T, bool], None]


def _build_row(
    item: Item, extract: Callable[[Cable], T] | None = None
) -> tuple[Source, StoredRow, T | None] | RejectedRecord:
    """Worker side: a record to what the parent needs to rank and store it."""
    built = build_one(item)
    if isinstance(built, RejectedRecord):
        return built
    return built.source, pack(built), extract(built) if extract else None


def build_store(
    paths: Sequence[Path],
    path: Path,
    workers: int | None = None,
    progress: bool = False,
    sidecar: Sidecar[T] | None = None,
    limits: InputLimits = DEFAULT_LIMITS,
) -> Path:
    """Parse `paths` on `workers` processes into a new store at `path`.

    Duplicates and rejections are decided by the loader's own rules; only a
    stand-in (id and source) of each kept cable stays in memory.
    """
    tally = InputTally()
    collector = Collector()
    writer = StoreWriter(path)
    build = partial(_build_row, extract=sidecar.extract if sidecar else None)
    month_table()  # loaded before the workers fork: one copy shared, not one per worker
    try:
        # Nothing made here is cyclic garbage; collections (workers included, forked
        # with the collector off) would only re-scan the growing set of stand-ins.
        # `closing`: however the loop ends, the workers end with it.
        with (
            long_lived(),
            closing(parallel_map(build, read_inputs(paths, tally, limits), workers)) as results,
        ):
            for result in tqdm(
                results,
                desc="parsing cables",
                unit=" records",
                file=sys.stderr,
                disable=not progress,
            ):
                if isinstance(result, RejectedRecord):
                    collector.add(result)
                    continue
                source, row, extracted = result
                stand_in = light_cable(row.ref_id, row.canonical_id, source, row.permalink)
                replaces = row.ref_id in collector.kept
                collector.add(stand_in)
                if collector.kept[row.ref_id] is stand_in:
                    if replaces:
                        writer.set_aside(row.ref_id)
                    writer.put(row)
                    if sidecar is not None:
                        sidecar.keep(row.ref_id, cast(T, extracted), replaces)
                else:
                    writer.put_copy(row)
        return writer.finish(collector.report(tally), tally.digest.hexdigest())
    except BaseException:
        writer.abandon()
        raise


def library_dir(paths: Sequence[Path], cache_dir: Path) -> Path:
    """The folder of `paths` under `cache_dir`, named by the list of input paths: its
    stores and search indexes live there, and a process serving other inputs never
    touches it, so bots with different libraries can share one `cache_dir`."""
    names = "\0".join(os.path.abspath(path) for path in paths)
    return cache_dir / "library" / hashlib.sha256(names.encode()).hexdigest()[:16]


def store_path(
    paths: Sequence[Path], cache_dir: Path, limits: InputLimits = DEFAULT_LIMITS
) -> Path:
    """Where the store of `paths` lives under `cache_dir` (whether built yet or not)."""
    folder = library_dir(paths, cache_dir)
    return folder / f"cables-{input_key(paths, f'{STORE_VERSION}{limits}')}.sqlite"


@contextmanager
def building(folder: Path) -> Iterator[None]:
    """Hold the library folder's build lock: one builder at a time, waiting for another
    process building the same library (then its result is opened, not built again).

    Whoever holds it may clear the folder's debris: stray staging files can only be
    left by a builder that died."""
    folder.mkdir(parents=True, exist_ok=True)
    held = claim(folder / "build", shared=False)
    try:
        clear_debris(folder)
        yield
    finally:
        if held is not None:
            held.release()


def clear_debris(folder: Path) -> None:
    """Delete what builders that died left in `folder`; only with its build lock held."""
    for debris in [*folder.glob(f".*{STAGING_SUFFIX}"), *folder.glob("search/.build-*")]:
        log.warning("removing %s, left by an interrupted build", debris)
        remove_unclaimed(debris)


def tidy_if_idle(path: Path) -> None:
    """When nobody is building beside the store `path`: clear the debris of interrupted
    builds and the older stores no process uses (a start that builds nothing still
    tidies; a cache it cannot write is left as it is)."""
    try:
        held = claim(path.parent / "build", shared=False, wait=False)
    except OSError:
        return
    if held is not None:
        try:
            clear_debris(path.parent)
            drop_stale_stores(path)
        finally:
            held.release()


def drop_stale_stores(path: Path) -> None:
    """Delete the stores beside `path` (older inputs of this library) no process uses."""
    for stale in path.parent.glob("cables-*.sqlite"):
        if stale != path:
            remove_unclaimed(stale)


def build_and_open(
    paths: Sequence[Path],
    path: Path,
    workers: int | None = None,
    progress: bool = False,
    sidecar: Sidecar[T] | None = None,
    limits: InputLimits = DEFAULT_LIMITS,
) -> StoredLibrary:
    """Build the store of `paths` at `path`, drop unused older stores beside it, open it.

    The caller holds the folder's build lock (`building`)."""
    build_store(paths, path, workers, progress, sidecar, limits)
    library = open_store(path)
    if library is None:
        raise RuntimeError(f"the cable store just written to {path} cannot be opened")
    drop_stale_stores(path)
    return library


def load_stored_library(
    paths: Sequence[Path], cache_dir: Path, workers: int | None = None, progress: bool = False
) -> StoredLibrary:
    """The library of `paths` from its store under `cache_dir`, parsing only when needed."""
    path = store_path(paths, cache_dir)
    library = open_store(path)
    if library is not None:
        return library
    with building(path.parent):
        library = open_store(path, again=True)  # built meanwhile by another process
        return library or build_and_open(paths, path, workers, progress)
