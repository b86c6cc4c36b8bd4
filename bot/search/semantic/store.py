"""Paragraph vectors on disk, beside the search index: keyed by the model's hash and
what was encoded (subject, section and text), so they survive restarts and library
reloads, and a changed paragraph or model is simply encoded again."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.search.semantic.encoder import DIMENSIONS

log = logging.getLogger(__name__)

FILE_NAME = "vectors.sqlite"

Spans = npt.NDArray[np.int32]
Stored = tuple[Spans, npt.NDArray[np.float32]]


def paragraph_key(model_hash: str, prefix: str, text: str) -> bytes:
    return hashlib.sha256(f"{model_hash}\0{prefix}\0{text}".encode()).digest()[:20]


class VectorStore:
    """A paragraph's windows (spans and vectors, float16 on disk); `path=None` keeps
    nothing (tests, one-off runs), and so does a cache dir that cannot hold the file."""

    def __init__(self, path: Path | None) -> None:
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors "
                "(key BLOB PRIMARY KEY, spans BLOB NOT NULL, vectors BLOB NOT NULL)"
            )
            db.commit()
            self._db = db
        except (OSError, sqlite3.Error) as error:
            log.warning("paragraph vectors not stored under %s (%s)", path, error)

    def get(self, keys: Iterable[bytes]) -> dict[bytes, Stored]:
        wanted = list(keys)
        if self._db is None or not wanted:
            return {}
        found: dict[bytes, Stored] = {}
        with self._lock:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, spans, vectors FROM vectors WHERE key IN ({marks})", chunk
                )
                for key, spans, vectors in rows:
                    found[key] = (
                        np.frombuffer(spans, dtype=np.int32).reshape(-1, 2),
                        np.frombuffer(vectors, dtype=np.float16)
                        .reshape(-1, DIMENSIONS)
                        .astype(np.float32),
                    )
        return found

    def put(self, items: Mapping[bytes, Stored]) -> None:
        if self._db is None or not items:
            return
        rows = [
            (key, spans.astype(np.int32).tobytes(), vectors.astype(np.float16).tobytes())
            for key, (spans, vectors) in items.items()
        ]
        try:
            with self._lock, self._db:
                self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
        except sqlite3.Error as error:  # a full disk: vectors stay in memory only
            log.warning("paragraph vectors not stored (%s)", error)

    def count(self) -> int:
        if self._db is None:
            return 0
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM vectors").fetchone()[0])
