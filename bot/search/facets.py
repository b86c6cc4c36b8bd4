"""Counting a match set: cables by year, origin and tag (facets), and by year or month
(a timeline). Pure functions of the matched cables' facts (`matches.CableFacts`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TypeVar

from bot.search.matches import CableFacts

FACET_TOP = 5
_Value = TypeVar("_Value", int, str)
# Under this many months between a timeline's first and last, it counts by month.
MONTHLY_UNDER = 36


@dataclass(frozen=True, slots=True)
class Facets:
    # The top values of each facet with their cable counts, most cables first.
    years: list[tuple[int, int]]
    origins: list[tuple[str, int]]
    tags: list[tuple[str, int]]


def _top(counts: Counter[_Value], top: int) -> list[tuple[_Value, int]]:
    # Ties in a stable order: by value.
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]


def count_facets(cables: list[CableFacts], top: int = FACET_TOP) -> Facets:
    return Facets(
        years=_top(Counter(c.year for c in cables), top),
        origins=_top(Counter(c.origin for c in cables if c.origin), top),
        tags=_top(Counter(tag for c in cables for tag in c.tags), top),
    )


@dataclass(frozen=True, slots=True)
class Timeline:
    by_month: bool
    # (period, cables): `2007` or `2007-03`, every period from the first to the last,
    # empty ones included; `2007-??` holds the year's cables whose month is unknown.
    buckets: list[tuple[str, int]]


def count_timeline(cables: list[CableFacts], since: int | None, until: int | None) -> Timeline:
    """Cables per period between `since` and `until` (date keys; each side defaults to
    the first or last matching cable). By month when that span is under three years."""
    if not cables:
        return Timeline(False, [])
    dates = [c.date for c in cables]
    first = (since if since is not None else min(dates)) // 100
    last = (until if until is not None else max(dates)) // 100
    first_year, last_year = first // 100, last // 100
    first_month, last_month = max(first % 100, 1), min(max(last % 100, 1), 12)
    span = (last_year - first_year) * 12 + last_month - first_month + 1
    if span >= MONTHLY_UNDER:
        years = Counter(c.year for c in cables)
        return Timeline(
            False, [(str(year), years[year]) for year in range(first_year, last_year + 1)]
        )
    months = Counter((c.year, c.month) for c in cables)
    buckets: list[tuple[str, int]] = []
    for year in range(first_year, last_year + 1):
        if months[year, 0]:
            buckets.append((f"{year}-??", months[year, 0]))
        low = first_month if year == first_year else 1
        high = last_month if year == last_year else 12
        buckets += [(f"{year}-{month:02d}", months[year, month]) for month in range(low, high + 1)]
    return Timeline(True, buckets)
