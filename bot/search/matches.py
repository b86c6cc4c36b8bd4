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
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import tantivy

from bot.cables.longlived import long_lived
from bot.cables.model import Cable
from bot.search.tantivy_index import CABLE_NO, date_key

Numbers = npt.NDArray[np.int64]
# Distinct cables an aggregation may return (tantivy's bucket limit is 65,000). Turning
# its buckets into Python holds the GIL, about 0.6 ms a thousand: at most 15,000 kept
# the longest stall of a full-size timeline at 7-10 ms (30,000: 15-20 ms), for 5-10%
# more time (each slice evaluates the query again).
_SLICE_CABLES = 15_000
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
        # Built item by item in Python (arrays, no million-item C calls), so the event
        # loop gets the GIL while a first count builds them.
        by_id = {cable.ref_id: cable for cable in catalogue}
        known = bytearray(len(ref_ids))
        dates, origins, tag_cables, tags = array("q"), array("q"), array("q"), array("q")
        origin_codes: dict[str, int] = {}
        tag_codes: dict[str, int] = {}
        for number, ref_id in enumerate(ref_ids):
            cable = by_id.get(ref_id)
            if cable is None:  # a reused index of another library: never counted
                dates.append(0)
                origins.append(origin_codes.setdefault("", len(origin_codes)))
                continue
            known[number] = 1
            dates.append(date_key(cable))
            origins.append(origin_codes.setdefault(cable.origin, len(origin_codes)))
            for tag in cable.tags:
                tag_cables.append(number)
                tags.append(tag_codes.setdefault(tag, len(tag_codes)))
        origin_names, origin_rank = _sorted(origin_codes)
        tag_names, tag_rank = _sorted(tag_codes)
        return cls(
            ref_ids=ref_ids,
            known=np.frombuffer(known, dtype=np.bool_),
            dates=np.frombuffer(dates, dtype=np.int64),
            origins=origin_rank[np.frombuffer(origins, dtype=np.int64)],
            origin_names=origin_names,
            tag_cables=np.frombuffer(tag_cables, dtype=np.int64),
            tag_codes=tag_rank[np.frombuffer(tags, dtype=np.int64)],
            tag_names=tag_names,
        )


def _sorted(codes: dict[str, int]) -> tuple[list[str], Numbers]:
    """The names in order, and for each code (first-seen order) its name's position."""
    names = sorted(codes)
    rank = np.empty(len(names), dtype=np.int64)
    rank[[codes[name] for name in names]] = np.arange(len(names))
    return names, rank


class LazyColumns:
    """`CableColumns` made on first use: a stored library builds its catalogue when
    iterated, which a bot that never counts should not pay for."""

    def __init__(self, ref_ids: list[str], catalogue: Callable[[], Iterable[Cable]]) -> None:
        self._ref_ids = ref_ids
        self._catalogue = catalogue
        self._columns: CableColumns | None = None
        self._lock = threading.Lock()

    @property
    def made(self) -> bool:
        return self._columns is not None

    def get(self) -> CableColumns:
        with self._lock:
            if self._columns is None:
                with long_lived():
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


def _slices(searcher: tantivy.Searcher, query: tantivy.Query, most: int) -> list[tuple[int, int]]:
    """Ranges of cable numbers (inclusive) that each hold at most `most` matching
    cables, covering every match."""
    width = min(_WINDOW, most)
    windows = searcher.aggregate(
        query, {"w": {"histogram": {"field": CABLE_NO, "interval": width, "min_doc_count": 1}}}
    )["w"]["buckets"]
    slices: list[tuple[int, int]] = []
    start, size = -1, 0
    for window in windows:
        first = int(window["key"])
        # A window holds no more cables than matching paragraphs, nor than its width.
        count = min(int(window["doc_count"]), width)
        if start >= 0 and size + count > most:
            slices.append((start, first - 1))
            start, size = -1, 0
        if start < 0:
            start = first
        size += count
    if start >= 0:
        slices.append((start, int(windows[-1]["key"]) + width - 1))
    return slices


def distinct_cables(
    schema: tantivy.Schema,
    searcher: tantivy.Searcher,
    query: tantivy.Query,
    most: int = _SLICE_CABLES,
) -> Numbers:
    """The numbers (`cable_no`) of the cables with a paragraph matching `query`,
    ascending; collected `most` cables at a time at most."""
    parts: list[Numbers] = []
    for first, last in _slices(searcher, query, most):
        window = tantivy.Query.range_query(
            schema, CABLE_NO, tantivy.FieldType.Unsigned, first, last
        )
        sliced = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, query), (tantivy.Occur.Must, window)]
        )
        found = searcher.aggregate(sliced, {"c": {"terms": {"field": CABLE_NO, "size": most}}})["c"]
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
