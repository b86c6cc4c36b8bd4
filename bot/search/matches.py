"""The whole set of cables a query matches, for facets and timelines.

A cable matches when one of its paragraphs does (`query.match_query`). The distinct
cables are collected by tantivy's terms aggregation over the fast `ref` field, so no
cable is decoded and no hit list is built. An aggregation holds at most 65,000 buckets:
a large match set is collected in date slices (months, grouped), each within that
limit. What each cable's facets need (date, origin, tags) comes from the library's
catalogue, read once (`CableFacts`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import tantivy

from bot.cables.model import Cable
from bot.search.tantivy_index import date_key

# tantivy's bucket limit is 65,000 a request; a slice counts paragraphs, never fewer
# than its cables, so this keeps every slice's cables under it.
_SLICE_PARAGRAPHS = 60_000


@dataclass(frozen=True, slots=True)
class CableFacts:
    ref_id: str
    date: int  # date_key: YYYYMMDD, 00 for an unknown month or day
    origin: str
    tags: tuple[str, ...]

    @property
    def year(self) -> int:
        return self.date // 10_000

    @property
    def month(self) -> int:
        return self.date // 100 % 100


class FactTable:
    """Every cable's facts by id, made from the catalogue on first use."""

    def __init__(self, catalogue: Callable[[], Iterable[Cable]]) -> None:
        # Called on first use: a stored library builds its catalogue when iterated.
        self._catalogue: Callable[[], Iterable[Cable]] | None = catalogue
        self._facts: dict[str, CableFacts] = {}
        self._lock = threading.Lock()

    def get(self, ref_id: str) -> CableFacts | None:
        with self._lock:
            if self._catalogue is not None:
                self._facts = {
                    cable.ref_id: CableFacts(
                        cable.ref_id, date_key(cable), cable.origin, tuple(cable.tags)
                    )
                    for cable in self._catalogue()
                }
                self._catalogue = None
        return self._facts.get(ref_id)


def _slices(searcher: tantivy.Searcher, query: tantivy.Query) -> list[tuple[int, int] | None]:
    """Date ranges (inclusive date keys) that each hold under `_SLICE_PARAGRAPHS`
    matching paragraphs; `[None]` (no slicing) when the whole set does."""
    months = searcher.aggregate(
        query, {"m": {"histogram": {"field": "date", "interval": 100, "min_doc_count": 1}}}
    )["m"]["buckets"]
    found = sum(int(bucket["doc_count"]) for bucket in months)
    if found <= _SLICE_PARAGRAPHS:
        return [None] if found else []
    slices: list[tuple[int, int] | None] = []
    start, size = None, 0
    for bucket in months:
        month, count = int(bucket["key"]), int(bucket["doc_count"])
        if start is not None and size + count > _SLICE_PARAGRAPHS:
            slices.append((start, month - 1))
            start, size = None, 0
        if start is None:
            start = month
        size += count
    if start is not None:
        slices.append((start, 99_999_999))
    return slices


def distinct_cables(
    schema: tantivy.Schema, searcher: tantivy.Searcher, query: tantivy.Query
) -> list[str]:
    """The ids of the cables with at least one paragraph matching `query`."""
    refs: list[str] = []
    for dates in _slices(searcher, query):
        sliced = query
        if dates is not None:
            window = tantivy.Query.range_query(
                schema, "date", tantivy.FieldType.Unsigned, dates[0], dates[1]
            )
            sliced = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, query), (tantivy.Occur.Must, window)]
            )
        buckets = searcher.aggregate(
            sliced, {"r": {"terms": {"field": "ref", "size": _SLICE_PARAGRAPHS}}}
        )["r"]["buckets"]
        refs += [str(bucket["key"]) for bucket in buckets]
    return refs
