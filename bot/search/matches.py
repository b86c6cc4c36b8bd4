"""The whole set of cables a query matches, for facets, timelines and browse.

A cable matches when one of its paragraphs does (`query.match_query`). The distinct
cables are collected as numbers (each paragraph's `cable_no`) by tantivy's terms
aggregation, so no cable is decoded and no hit list is built. An aggregation holds at
most 65,000 buckets: a large match set is collected in slices of cable numbers, each
within that limit. The numbers index arrays of what each cable's facets need (date,
origin, tags: `CableColumns`, made from the catalogue once), which `facets` counts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import tantivy

from bot.cables.model import Cable
from bot.search.tantivy_index import CABLE_NO, date_key

Numbers = npt.NDArray[np.int64]
# Distinct cables an aggregation may return (tantivy's bucket limit is 65,000). Turning
# its buckets into Python holds the GIL, 0.4 ms a thousand: this keeps each such
# stretch short enough for the event loop (the crowd benchmark, docs/scale.md).
_SLICE_CABLES = 30_000
# The first aggregation counts matching paragraphs in windows of this many cable
# numbers, to cut the slices.
_WINDOW = 2_048


@dataclass(frozen=True, slots=True)
class CableColumns:
    """What facets and timelines count, one entry a cable, indexed by `cable_no`.

    Origins and tags are codes into their sorted names, so codes order as the names do.
    """

    ref_ids: list[str]
    # False for a number whose cable the catalogue lacks (never counted).
    known: npt.NDArray[np.bool_]
    dates: Numbers  # date_key: YYYYMMDD, 00 for an unknown month or day
    origins: Numbers
    origin_names: list[str]
    # One entry per (cable, tag) pair: the cable's number and the tag's code.
    tag_cables: Numbers
    tag_codes: Numbers
    tag_names: list[str]

    @classmethod
    def of(cls, ref_ids: list[str], catalogue: Iterable[Cable]) -> CableColumns:
        by_id = {cable.ref_id: cable for cable in catalogue}
        known, dates, origins, tag_cables, tags = [], [], [], [], []
        for number, ref_id in enumerate(ref_ids):
            cable = by_id.get(ref_id)
            known.append(cable is not None)
            dates.append(date_key(cable) if cable is not None else 0)
            origins.append(cable.origin if cable is not None else "")
            for tag in cable.tags if cable is not None else ():
                tag_cables.append(number)
                tags.append(tag)
        origin_names, origin_codes = _coded(origins)
        tag_names, tag_codes = _coded(tags)
        return cls(
            ref_ids=ref_ids,
            known=np.array(known, dtype=np.bool_),
            dates=np.array(dates, dtype=np.int64),
            origins=origin_codes,
            origin_names=origin_names,
            tag_cables=np.array(tag_cables, dtype=np.int64),
            tag_codes=tag_codes,
            tag_names=tag_names,
        )


def _coded(values: list[str]) -> tuple[list[str], Numbers]:
    """The sorted distinct values, and each value's position among them."""
    names = sorted(set(values))
    code = {name: position for position, name in enumerate(names)}
    return names, np.array([code[value] for value in values], dtype=np.int64)


class LazyColumns:
    """`CableColumns` made on first use: a stored library builds its catalogue when
    iterated, which a bot that never counts should not pay for."""

    def __init__(self, ref_ids: list[str], catalogue: Callable[[], Iterable[Cable]]) -> None:
        self._ref_ids = ref_ids
        self._catalogue = catalogue
        self._columns: CableColumns | None = None
        self._lock = threading.Lock()

    def get(self) -> CableColumns:
        with self._lock:
            if self._columns is None:
                self._columns = CableColumns.of(self._ref_ids, self._catalogue())
            return self._columns


@dataclass(frozen=True, slots=True)
class MatchSet:
    """The matching cables: their numbers, ascending and distinct, into `columns`."""

    columns: CableColumns
    numbers: Numbers

    def __len__(self) -> int:
        return len(self.numbers)

    def ref_ids(self) -> list[str]:
        ref_ids = self.columns.ref_ids
        return [ref_ids[number] for number in self.numbers.tolist()]


def _slices(searcher: tantivy.Searcher, query: tantivy.Query) -> list[tuple[int, int]]:
    """Ranges of cable numbers (inclusive) that each hold at most `_SLICE_CABLES`
    matching cables, covering every match."""
    windows = searcher.aggregate(
        query, {"w": {"histogram": {"field": CABLE_NO, "interval": _WINDOW, "min_doc_count": 1}}}
    )["w"]["buckets"]
    slices: list[tuple[int, int]] = []
    start, size = -1, 0
    for window in windows:
        first = int(window["key"])
        # A window holds no more cables than matching paragraphs, nor than its width.
        count = min(int(window["doc_count"]), _WINDOW)
        if start >= 0 and size + count > _SLICE_CABLES:
            slices.append((start, first - 1))
            start, size = -1, 0
        if start < 0:
            start = first
        size += count
    if start >= 0:
        slices.append((start, int(windows[-1]["key"]) + _WINDOW - 1))
    return slices


def distinct_cables(
    schema: tantivy.Schema, searcher: tantivy.Searcher, query: tantivy.Query
) -> Numbers:
    """The numbers (`cable_no`) of the cables with a paragraph matching `query`,
    ascending."""
    parts: list[Numbers] = []
    for first, last in _slices(searcher, query):
        window = tantivy.Query.range_query(
            schema, CABLE_NO, tantivy.FieldType.Unsigned, first, last
        )
        sliced = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, query), (tantivy.Occur.Must, window)]
        )
        found = searcher.aggregate(
            sliced, {"c": {"terms": {"field": CABLE_NO, "size": _SLICE_CABLES}}}
        )["c"]
        if found["sum_other_doc_count"]:
            # Buckets were left out: the counts would be short, never shown so.
            raise RuntimeError(f"cables {first}-{last} overflowed their slice")
        buckets = found["buckets"]
        parts.append(np.fromiter((b["key"] for b in buckets), np.int64, len(buckets)))
    return np.sort(np.concatenate(parts)) if parts else np.zeros(0, np.int64)


def match_set(columns: CableColumns, numbers: Numbers) -> MatchSet:
    """The known cables among `numbers`."""
    numbers = numbers[numbers < len(columns.known)]
    return MatchSet(columns, numbers[columns.known[numbers]])
