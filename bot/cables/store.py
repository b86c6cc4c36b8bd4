"""The persisted cable store: parse once, then start in seconds with little memory.

One SQLite file per set of inputs, written once and only read afterwards: a row
per cable with its catalogue fields (id, date, classification, origin, subject,
tags, references) in plain columns and the whole Cable as compressed JSON.
`StoredLibrary` keeps only the catalogue in memory and fetches full cables on
demand through a small LRU cache, so `!cable` reads one row and browsing never
decompresses anything. The file is never modified once in place, so several bot
processes can share it (opened `immutable`, no locking).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar, cast

import zstandard
from tqdm import tqdm  # type: ignore[import-untyped]

from bot.cables.ids import plusd_url
from bot.cables.library import Library, LoadReport
from bot.cables.limits import DEFAULT_LIMITS, InputLimits
from bot.cables.loader import Collector, InputTally, Item, build_one, read_inputs
from bot.cables.longlived import long_lived
from bot.cables.model import Cable, Source, SourceFormat
from bot.cables.months import month_table
from bot.cables.parallel import parallel_map
from bot.cables.readers.rejected import RejectedRecord

log = logging.getLogger(__name__)

T = TypeVar("T")

# Bump when the file layout changes: older stores are rebuilt, never misread.
STORE_VERSION = "2"
# Full cables kept decoded; a chat session rarely revisits more.
CACHE_SIZE = 512
# zstd level 1: the size of zlib's level 1 on cable JSON in under a third of the time
# (28 vs 99 us a cable to pack, 13 vs 43 us to unpack), which a cold start of
# 251,287 cables feels.
_ZSTD_LEVEL = 1
_SEP = "\x1f"

_SCHEMA = """
CREATE TABLE cable(
    ref_id TEXT PRIMARY KEY,
    canonical_id TEXT NOT NULL,
    created TEXT,
    classification TEXT NOT NULL,
    origin TEXT NOT NULL,
    subject TEXT NOT NULL,
    tags TEXT NOT NULL,
    refs TEXT NOT NULL,
    permalink TEXT NOT NULL,
    source_path TEXT NOT NULL,
    source_format TEXT NOT NULL,
    paragraphs INTEGER NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_CATALOGUE = (
    "SELECT ref_id, canonical_id, created, classification, origin, subject, tags, refs,"
    " permalink, source_path, source_format, paragraphs FROM cable ORDER BY ref_id"
)


class StoredRow(NamedTuple):
    """One cable ready for the store, its fields in the table's column order; built in a
    worker, so it pickles small and fast (as a plain tuple: a dataclass took 7 us a
    row each way)."""

    ref_id: str
    canonical_id: str
    created: str | None
    classification: str
    origin: str
    subject: str
    tags: str
    refs: str
    permalink: str
    source_path: str
    source_format: str
    paragraphs: int
    body: bytes


class _Codec(threading.local):
    """One zstd context pair per thread: the contexts are not thread-safe, and making
    one costs more (~50 us) than packing a whole cable with it."""

    def __init__(self) -> None:
        self.compressor = zstandard.ZstdCompressor(level=_ZSTD_LEVEL)
        self.decompressor = zstandard.ZstdDecompressor()


_CODECS = _Codec()


def pack(cable: Cable) -> StoredRow:
    return StoredRow(
        ref_id=cable.ref_id,
        canonical_id=cable.canonical_id,
        created=cable.created.isoformat() if cable.created else None,
        classification=cable.classification,
        origin=cable.origin,
        subject=cable.subject,
        tags=_SEP.join(cable.tags),
        refs=_SEP.join(ref.ref_id for ref in cable.references),
        permalink=cable.permalink,
        source_path=cable.source.path,
        source_format=cable.source.format.value,
        paragraphs=len(cable.paragraphs),
        body=_CODECS.compressor.compress(cable.model_dump_json().encode()),
    )


def unpack(body: bytes) -> Cable:
    return Cable.model_validate_json(_CODECS.decompressor.decompress(body))


def _split(joined: str) -> list[str]:
    return joined.split(_SEP) if joined else []


class StoreWriter:
    """Writes a store aside and moves it into place only when complete.

    A crash mid-build leaves a stray `.partial` file, never a store a later start
    would trust.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._staging = path.with_name(f".{path.name}.{os.getpid()}.partial")
        path.parent.mkdir(parents=True, exist_ok=True)
        self._staging.unlink(missing_ok=True)
        self._db = sqlite3.connect(self._staging)
        # Nothing to protect until the final rename: skip the journal and fsyncs.
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.executescript(_SCHEMA)

    def put(self, row: StoredRow) -> None:
        """Add or replace the cable `row.ref_id` (the loader decides which copy wins)."""
        self._db.execute("INSERT OR REPLACE INTO cable VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", row)

    def finish(self, report: LoadReport, fingerprint: str) -> Path:
        info = {
            "version": STORE_VERSION,
            "fingerprint": fingerprint,
            "report": report.model_dump_json(),
        }
        self._db.executemany("INSERT INTO info VALUES (?, ?)", info.items())
        self._db.commit()
        self._db.close()
        os.replace(self._staging, self.path)
        return self.path

    def abandon(self) -> None:
        self._db.close()
        self._staging.unlink(missing_ok=True)


class CableStore:
    """Read side of a finished store; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        info = dict(self._connection().execute("SELECT key, value FROM info").fetchall())
        if info.get("version") != STORE_VERSION:
            raise ValueError(f"{path}: store version {info.get('version')}, not {STORE_VERSION}")
        self.fingerprint: str = info["fingerprint"]
        self.report = LoadReport.model_validate_json(info["report"])

    def _connection(self) -> sqlite3.Connection:
        # One connection per thread: handlers run in worker threads (asyncio.to_thread).
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            uri = f"file:{self.path.resolve()}?mode=ro&immutable=1"
            db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def fetch(self, ref_id: str) -> Cable | None:
        row = (
            self._connection()
            .execute("SELECT body FROM cable WHERE ref_id = ?", (ref_id,))
            .fetchone()
        )
        return unpack(row[0]) if row else None

    def catalogue(self) -> Iterator[tuple[str, ...]]:
        yield from self._connection().execute(_CATALOGUE)

    def cables(self) -> Iterator[Cable]:
        for (body,) in self._connection().execute("SELECT body FROM cable ORDER BY ref_id"):
            yield unpack(body)


class _CachedCables(Mapping[str, Cable]):
    """Cables by id, read from the store on demand, the recently used kept decoded."""

    def __init__(self, store: CableStore, ids: list[str], size: int = CACHE_SIZE) -> None:
        self._store = store
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
        cable = self._store.fetch(ref_id)
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


def _light_cable(
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

    Every list is passed explicitly: model_construct would otherwise call each
    default_factory, and pydantic inspects a factory's signature on every call.
    """
    return Cable.model_construct(
        ref_id=ref_id,
        canonical_id=canonical,
        created=created,
        classification=classification,
        origin=origin,
        subject=subject,
        tags=tags or [],
        references=[],
        comments=[],
        sections=[],
        paragraphs=[],
        source=source,
        permalink=permalink,
        plusd_link=plusd_url(ref_id),
    )


def _newest_row_first(row: tuple[str, ...]) -> tuple[str, str]:
    """`newest_first` on a catalogue row: `created` is stored as ISO text, which sorts
    as the dates do ("" for undated sorts last, as datetime.min does)."""
    return (row[2] or "", row[0])


def _catalogue_cable(row: tuple[str, ...], sources: dict[tuple[str, str], Source]) -> Cable:
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
    return _light_cable(
        ref_id,
        canonical,
        source,
        permalink,
        datetime.fromisoformat(created) if created else None,
        classification,
        origin,
        subject,
        _split(tags),
    )


class StoredLibrary(Library):
    """A Library over a CableStore: same lookups, a fraction of the memory.

    `get`, `resolve`, `suggest`, `cited_by` and `ids` behave exactly as on an
    in-memory Library (they are Library's own methods over a lazy mapping), and
    iterating yields every full cable. `catalogue()` yields each cable's metadata
    (id, dates, classification, origin, subject, tags, links) without its text,
    from memory: what listing and browsing need.
    """

    def __init__(self, store: CableStore) -> None:
        super().__init__((), store.report, fingerprint=store.fingerprint)
        self.store = store
        with long_lived():
            rows = list(store.catalogue())
            ids = [row[0] for row in rows]
            # Library only reads its mapping (get, [], values, len), so a lazy one fits.
            self._cables = _CachedCables(store, ids)  # type: ignore[assignment]
            self._ids = ids
            self._aliases = {}
            self._cited_by = {}
            for row in rows:
                self._aliases.setdefault(row[1], row[0])
                for cited in _split(row[7]):
                    self._cited_by.setdefault(cited, []).append(row[0])
            self.paragraph_count = sum(int(row[11]) for row in rows)
        self._rows: list[tuple[str, ...]] | None = rows
        self._entries: list[Cable] | None = None
        self._entries_lock = threading.Lock()

    def __iter__(self) -> Iterator[Cable]:
        """Every full cable, decoded one at a time (an export, not a chat reply)."""
        return self.store.cables()

    def catalogue(self) -> Iterator[Cable]:
        """Every cable's catalogue entry, newest first: metadata without text, built
        once, then instant."""
        with self._entries_lock:
            if self._entries is None:
                sources: dict[tuple[str, str], Source] = {}
                with long_lived():
                    # Made in the order they are listed: scanned in memory order,
                    # a browse over 251,287 entries takes a third of the time.
                    rows = sorted(self._rows or (), key=_newest_row_first, reverse=True)
                    self._entries = [_catalogue_cable(row, sources) for row in rows]
                self._rows = None
        return iter(self._entries)


def open_store(path: Path) -> StoredLibrary | None:
    """The library stored at `path`, or None when there is no usable store there."""
    if not path.is_file():
        return None
    try:
        return StoredLibrary(CableStore(path))
    except (sqlite3.Error, ValueError, KeyError, json.JSONDecodeError):
        return None


def input_key(paths: Sequence[Path], limits: InputLimits = DEFAULT_LIMITS) -> str:
    """Names the store for these inputs: parser sources, file names, sizes and times.

    Computed from a directory walk, before anything is read, so a warm start can
    find its store without parsing. Any change to an input or to the parser
    gives a new key, hence a fresh build.
    """
    tally = InputTally()
    tally.digest.update(f"{STORE_VERSION}{limits}".encode())  # other limits, other rejections
    for entry in input_entries(paths):
        info = entry.stat()
        tally.saw(str(entry.resolve()), info.st_size, info.st_mtime_ns)
    return tally.digest.hexdigest()[:24]


def input_entries(paths: Sequence[Path]) -> Iterator[Path]:
    """Every non-directory entry of `paths`, directories walked in name order."""
    for root in paths:
        for entry in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if not entry.is_dir():
                yield entry


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
                stand_in = _light_cable(row.ref_id, row.canonical_id, source, row.permalink)
                replaces = row.ref_id in collector.kept
                collector.add(stand_in)
                if collector.kept[row.ref_id] is stand_in:
                    writer.put(row)
                    if sidecar is not None:
                        sidecar.keep(row.ref_id, cast(T, extracted), replaces)
        return writer.finish(collector.report(tally), tally.digest.hexdigest())
    except BaseException:
        writer.abandon()
        raise


def store_path(
    paths: Sequence[Path], cache_dir: Path, limits: InputLimits = DEFAULT_LIMITS
) -> Path:
    """Where the store of `paths` lives under `cache_dir` (whether built yet or not)."""
    return cache_dir / "library" / f"cables-{input_key(paths, limits)}.sqlite"


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
