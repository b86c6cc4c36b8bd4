"""The library's paragraph vectors in memory: one growing matrix of window vectors,
filled cable by cable (on demand for a cable asked about, otherwise by the background
builder), read without waiting by the searches running meanwhile."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar, cast

import numpy as np
import numpy.typing as npt

from bot.cables.library import Library
from bot.cables.model import Cable
from bot.search.semantic.encoder import DIMENSIONS, Encoder, Vectors
from bot.search.semantic.heap import release_freed_memory
from bot.search.semantic.store import Stored, VectorStore, paragraph_key
from bot.search.semantic.windows import flat, prefix, windows

_FIRST_CAPACITY = 4096
Numbers = npt.NDArray[np.int32]
Array = TypeVar("Array", bound=npt.NDArray[Any])
_CACHED_QUERIES = 256
# A cable someone is waiting for is encoded on both cores (two texts at once); the
# background build keeps to one thread, leaving a core to the bot.
_WAITING_THREADS = min(2, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class DenseMatch:
    """A paragraph's best window for a question: cosine and the window's span in the
    paragraph's flattened text (windows.flat)."""

    ref_id: str
    index: int
    cosine: float
    start: int
    end: int


class ParagraphVectors:
    """Thread-safe: appends hold a lock; searches read a consistent prefix of the rows."""

    def __init__(self, library: Library, encoder: Encoder, store: VectorStore) -> None:
        self._library = library
        self.encoder = encoder
        self._store = store
        self._lock = threading.Lock()
        self._rows: Vectors = np.zeros((_FIRST_CAPACITY, DIMENSIONS), dtype=np.float32)
        self._cable_of: Numbers = np.zeros(_FIRST_CAPACITY, dtype=np.int32)
        self._paragraph_of: Numbers = np.zeros(_FIRST_CAPACITY, dtype=np.int32)
        self._spans: Numbers = np.zeros((_FIRST_CAPACITY, 2), dtype=np.int32)
        self._count = 0
        self._names: list[str] = []
        self._ranges: dict[str, tuple[int, int]] = {}
        # A cable being encoded by one thread is waited for, not encoded twice.
        self._pending: dict[str, threading.Event] = {}
        self._query = lru_cache(maxsize=_CACHED_QUERIES)(self._encode_query)

    @property
    def cables_done(self) -> int:
        return len(self._ranges)

    def has(self, ref_id: str) -> bool:
        return ref_id in self._ranges

    def ensure(self, cable: Cable, waiting: bool = True) -> None:
        """Make `cable`'s vectors available: from the store, else encoded now (faster
        when someone is `waiting` for them, the background build's are not)."""
        with self._lock:
            if cable.ref_id in self._ranges:
                return
            pending = self._pending.get(cable.ref_id)
            mine = pending is None
            if mine:
                pending = self._pending[cable.ref_id] = threading.Event()
        assert pending is not None
        if not mine:
            pending.wait()
            return
        try:
            found = self._vectors(cable, _WAITING_THREADS if waiting else 1)
            self._append(cable.ref_id, found)
        finally:
            with self._lock:
                del self._pending[cable.ref_id]
            pending.set()

    def _vectors(self, cable: Cable, threads: int) -> list[Stored]:
        keys = [
            paragraph_key(self.encoder.model_hash, prefix(cable, p), flat(p.text))
            for p in cable.paragraphs
        ]
        stored = self._store.get(keys)
        missing = [i for i, key in enumerate(keys) if key not in stored]
        if missing:
            made = {
                i: windows(cable, cable.paragraphs[i], self.encoder.token_counts) for i in missing
            }
            texts = [w.text for i in missing for w in made[i]]
            # As stored (float16): the same scores now and after a restart.
            encoded = self.encoder.encode(texts, threads).astype(np.float16).astype(np.float32)
            new: dict[bytes, Stored] = {}
            row = 0
            for i in missing:
                n = len(made[i])
                spans = np.array([(w.start, w.end) for w in made[i]], dtype=np.int32)
                new[keys[i]] = (spans, encoded[row : row + n])
                row += n
            self._store.put(new)
            stored.update(new)
            release_freed_memory()
        return [stored[key] for key in keys]

    def _append(self, ref_id: str, paragraphs: list[Stored]) -> None:
        added = sum(len(spans) for spans, _ in paragraphs)
        with self._lock:
            if ref_id in self._ranges:
                return
            self._reserve(self._count + added)
            number = len(self._names)
            self._names.append(ref_id)
            row = self._count
            for index, (spans, vectors) in enumerate(paragraphs):
                n = len(spans)
                self._rows[row : row + n] = vectors
                self._spans[row : row + n] = spans
                self._cable_of[row : row + n] = number
                self._paragraph_of[row : row + n] = index
                row += n
            self._ranges[ref_id] = (self._count, row)
            self._count = row

    def _reserve(self, rows: int) -> None:
        capacity = len(self._rows)
        if rows <= capacity:
            return
        while capacity < rows:
            capacity *= 2
        # New arrays, never resized in place: searches may still read the old ones.
        self._rows = _grown(self._rows, capacity)
        self._spans = _grown(self._spans, capacity)
        self._cable_of = _grown(self._cable_of, capacity)
        self._paragraph_of = _grown(self._paragraph_of, capacity)

    def _encode_query(self, question: str) -> Vectors:
        encoded: Vectors = self.encoder.encode([question])[0]
        return encoded

    def query(self, question: str) -> Vectors:
        return self._query(question)

    def in_cable(self, question: str, ref_id: str) -> list[DenseMatch]:
        """Every paragraph of a cable (with vectors) by its best window."""
        with self._lock:
            span = self._ranges.get(ref_id)
            rows, paragraphs, spans = self._rows, self._paragraph_of, self._spans
        if span is None:
            return []
        a, b = span
        cosines = rows[a:b] @ self.query(question)
        return self._best_windows(
            cosines, np.zeros(b - a, dtype=np.int32), paragraphs[a:b], spans[a:b], [ref_id]
        )

    def top(self, question: str, limit: int) -> list[DenseMatch]:
        """The `limit` best paragraphs of the library (of the cables with vectors)."""
        with self._lock:
            # Names are only ever appended: the first `count` rows' names are all there.
            count, names = self._count, self._names
            rows, cables, paragraphs, spans = (
                self._rows,
                self._cable_of,
                self._paragraph_of,
                self._spans,
            )
        if count == 0:
            return []
        cosines = rows[:count] @ self.query(question)
        # Windows, not paragraphs, are ranked: take enough for `limit` distinct paragraphs.
        depth = min(count, limit * 4)
        best = np.argpartition(-cosines, depth - 1)[:depth]
        found = self._best_windows(
            cosines[best], cables[best], paragraphs[best], spans[best], names
        )
        return found[:limit]

    @staticmethod
    def _best_windows(
        cosines: Vectors,
        cables: Numbers,
        paragraphs: Numbers,
        spans: Numbers,
        names: list[str],
    ) -> list[DenseMatch]:
        order = np.argsort(-cosines)
        # Each paragraph's first window in that order is its best (numpy: a Python loop
        # over every window of the candidates' cables cost milliseconds a question).
        keys = cables[order].astype(np.int64) << 32 | paragraphs[order].astype(np.int64)
        _, first = np.unique(keys, return_index=True)
        return [
            DenseMatch(
                names[int(cables[i])],
                int(paragraphs[i]),
                float(cosines[i]),
                int(spans[i][0]),
                int(spans[i][1]),
            )
            for i in order[np.sort(first)]
        ]


def _grown(array: Array, capacity: int) -> Array:
    grown = np.zeros((capacity, *array.shape[1:]), dtype=array.dtype)
    grown[: len(array)] = array
    return cast(Array, grown)
