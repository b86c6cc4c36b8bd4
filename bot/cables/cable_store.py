"""The cable store's file format: parse once, then start in seconds with little memory.

One SQLite file per set of inputs, written once and only read afterwards: a row
per cable with its catalogue fields (id, date, classification, origin, subject,
tags, references) in plain columns and the whole Cable as compressed JSON, so the
catalogue is read without decompressing anything and a full cable is one row.
The file is never modified once in place, so several bot processes can share it
(opened `immutable`, no locking). The library over it is `stored_library.py`.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pydantic
import zstandard

from bot.cables.claims import Claim, claim
from bot.cables.damage import StoreDamaged
from bot.cables.library import LoadReport
from bot.cables.model import Cable

# Bump when the file layout changes: older stores are rebuilt, never misread.
STORE_VERSION = "3"
# zstd level 1: the size of zlib's level 1 on cable JSON in under a third of the time
# (28 vs 99 us a cable to pack, 13 vs 43 us to unpack), which a cold start of
# 251,287 cables feels.
_ZSTD_LEVEL = 1
_SEP = "\x1f"
# A store being written is named `.<name>.<pid>.partial` until it is complete.
STAGING_SUFFIX = ".partial"
# What reading a damaged store raises: a file that is not SQLite, a missing or
# truncated one, a body that does not decompress or is not a Cable.
_UNREADABLE = (sqlite3.Error, zstandard.ZstdError, pydantic.ValidationError, ValueError)

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
-- The other loaded copies of a cable (duplicates the kept one won over), in the order
-- they lost: rare (none in a cables.csv), so the row id is the order.
CREATE TABLE copy(ref_id TEXT NOT NULL, body BLOB NOT NULL);
CREATE INDEX copy_ref ON copy(ref_id);
"""
# Every cable's listing fields, without its text.
_CATALOGUE = (
    "SELECT ref_id, canonical_id, created, classification, origin, subject, tags, refs,"
    " permalink, source_path, source_format FROM cable ORDER BY ref_id"
)
# One catalogue row: those columns in that order, all text (`created` None when undated).
CatalogueRow = tuple[str, ...]


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


def split_list(joined: str) -> list[str]:
    """A list column (tags, refs) back to its items."""
    return joined.split(_SEP) if joined else []


class StoreWriter:
    """Writes a store aside and moves it into place only when complete.

    A crash mid-build leaves a stray `.partial` file, never a store a later start
    would trust.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._staging = path.with_name(f".{path.name}.{os.getpid()}{STAGING_SUFFIX}")
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

    # -- the copies not kept (`!versions`) --

    def put_copy(self, row: StoredRow) -> None:
        """Keep `row` as another copy of its cable: a better one is kept already."""
        self._db.execute("INSERT INTO copy VALUES (?, ?)", (row.ref_id, row.body))

    def set_aside(self, ref_id: str) -> None:
        """Keep the cable `ref_id` now stored as another copy: a better one replaces it."""
        self._db.execute(
            "INSERT INTO copy SELECT ref_id, body FROM cable WHERE ref_id = ?", (ref_id,)
        )

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
    """Read side of a finished store; safe to share between threads.

    Holds a shared claim on its file while open, so no other process deletes it as
    stale. A read that finds the file damaged raises StoreDamaged.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self.claim: Claim | None = claim(path, shared=True)
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
        try:
            row = (
                self._connection()
                .execute("SELECT body FROM cable WHERE ref_id = ?", (ref_id,))
                .fetchone()
            )
            return unpack(row[0]) if row else None
        except _UNREADABLE as error:
            raise StoreDamaged(f"{self.path}: cable {ref_id}: {error}") from error

    def copies(self, ref_id: str) -> list[Cable]:
        """The other loaded copies of `ref_id`, in the order they lost."""
        rows = self._connection().execute(
            "SELECT body FROM copy WHERE ref_id = ? ORDER BY rowid", (ref_id,)
        )
        return [unpack(body) for (body,) in rows]

    def catalogue(self) -> Iterator[CatalogueRow]:
        yield from self._connection().execute(_CATALOGUE)

    def cables(self) -> Iterator[Cable]:
        try:
            for (body,) in self._connection().execute("SELECT body FROM cable ORDER BY ref_id"):
                yield unpack(body)
        except _UNREADABLE as error:
            raise StoreDamaged(f"{self.path}: {error}") from error
