"""Counting a match set: cables by year, origin and tag (facets), and by year or month
(a timeline). Pure functions of the matched cables (`matches.MatchSet`), counted with
numpy over the cables' columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from bot.search.matches import MatchSet, Numbers

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


def _top(values: list[_Value], counts: Numbers, top: int) -> list[tuple[_Value, int]]:
    """The `top` values with the most cables; `values` ascending, so ties (by position,
    a stable sort) come in the order of the values."""
    shown = np.flatnonzero(counts)
    order = shown[np.argsort(-counts[shown], kind="stable")][:top]
    return [(values[position], int(counts[position])) for position in order.tolist()]


def count_facets(matched: MatchSet, top: int = FACET_TOP) -> Facets:
    columns, numbers = matched.columns, matched.numbers
    years, per_year = np.unique(columns.dates[numbers] // 10_000, return_counts=True)
    origins = np.bincount(columns.origins[numbers], minlength=len(columns.origin_names))
    if columns.origin_names and not columns.origin_names[0]:
        origins[0] = 0  # no origin: not a value to narrow a search to
    chosen = np.zeros(len(columns.known), dtype=np.bool_)
    chosen[numbers] = True
    tags = columns.tag_codes[chosen[columns.tag_cables]]
    return Facets(
        years=_top(years.tolist(), per_year, top),
        origins=_top(columns.origin_names, origins, top),
        tags=_top(columns.tag_names, np.bincount(tags, minlength=len(columns.tag_names)), top),
    )


@dataclass(frozen=True, slots=True)
class Timeline:
    by_month: bool
    # (period, cables): `2007` or `2007-03`, every period from the first to the last,
    # empty ones included; `2007-??` holds the year's cables whose month is unknown.
    buckets: list[tuple[str, int]]


def count_timeline(matched: MatchSet, since: int | None, until: int | None) -> Timeline:
    """Cables per period between `since` and `until` (date keys; each side defaults to
    the first or last matching cable). By month when that span is under three years."""
    if not len(matched):
        return Timeline(False, [])
    dates = matched.columns.dates[matched.numbers]
    first = (since if since is not None else int(dates.min())) // 100
    last = (until if until is not None else int(dates.max())) // 100
    first_year, last_year = first // 100, last // 100
    first_month, last_month = max(first % 100, 1), min(max(last % 100, 1), 12)
    span = (last_year - first_year) * 12 + last_month - first_month + 1
    years = dates // 10_000
    # Cables outside the range (a filter's bounds are those of the dates) count nowhere.
    inside = (years >= first_year) & (years <= last_year)
    if span >= MONTHLY_UNDER:
        per_year = np.bincount(years[inside] - first_year, minlength=last_year - first_year + 1)
        return Timeline(
            False, [(str(first_year + offset), int(n)) for offset, n in enumerate(per_year)]
        )
    # Months 0 (unknown) to 12 of each year, in one run of 13 a year.
    slots = (years[inside] - first_year) * 13 + dates[inside] // 100 % 100
    months = np.bincount(slots, minlength=(last_year - first_year + 1) * 13).tolist()
    buckets: list[tuple[str, int]] = []
    for year in range(first_year, last_year + 1):
        row = (year - first_year) * 13
        if months[row]:
            buckets.append((f"{year}-??", months[row]))
        low = first_month if year == first_year else 1
        high = last_month if year == last_year else 12
        buckets += [(f"{year}-{month:02d}", months[row + month]) for month in range(low, high + 1)]
    return Timeline(True, buckets)
