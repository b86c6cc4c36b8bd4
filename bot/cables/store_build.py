"""Building the cable store: parse every input once, on all cores, into a new store.

The parent reads the inputs in order and hands raw records to worker processes;
each worker builds a Cable and packs it into a store row. The parent keeps only a
stand-in (id and source) of each cable, so duplicates and rejections are decided
by the loader's own rules without any cable being decoded again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Generic, TypeVar, cast

from tqdm import tqdm  # type: ignore[import-untyped]

from bot.cables.cable_store import STORE_VERSION, StoredRow, StoreWriter, pack
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
        with long_lived():
            results = parallel_map(build, read_inputs(paths, tally, limits), workers)
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


def store_path(
    paths: Sequence[Path], cache_dir: Path, limits: InputLimits = DEFAULT_LIMITS
) -> Path:
    """Where the store of `paths` lives under `cache_dir` (whether built yet or not)."""
    return cache_dir / "library" / f"cables-{input_key(paths, f'{STORE_VERSION}{limits}')}.sqlite"


def build_and_open(
    paths: Sequence[Path],
    path: Path,
    workers: int | None = None,
    progress: bool = False,
    sidecar: Sidecar[T] | None = None,
    limits: InputLimits = DEFAULT_LIMITS,
) -> StoredLibrary:
    """Build the store of `paths` at `path`, drop older stores beside it, open it."""
    build_store(paths, path, workers, progress, sidecar, limits)
    for stale in path.parent.glob("cables-*.sqlite"):
        if stale != path:
            stale.unlink(missing_ok=True)
    library = open_store(path)
    if library is None:
        raise RuntimeError(f"the cable store just written to {path} cannot be opened")
    return library


def load_stored_library(
    paths: Sequence[Path], cache_dir: Path, workers: int | None = None, progress: bool = False
) -> StoredLibrary:
    """The library of `paths` from its store under `cache_dir`, parsing only when needed."""
    path = store_path(paths, cache_dir)
    library = open_store(path)
    return library if library is not None else build_and_open(paths, path, workers, progress)
