"""The creation month of every one of the 251,287 Cablegate reference ids.

Source: cablemap's `cable2month.csv.gz`. Used to tell whether an id is in Cablegate,
to build permalinks when a source has no date, and for per-station serial ranges
that date references written without a year (CABLES.md 8.4).
"""

from __future__ import annotations

import bisect
import gzip
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from bot.cables.longlived import long_lived

_ID = re.compile(r"^(\d{2})([A-Z]+)(\d+)$")


def year_of(two_digits: str) -> int:
    """cablemap's rule: 19xx when the two digits are above 10, else 20xx."""
    y = int(two_digits)
    return 1900 + y if y > 10 else 2000 + y


_YEARS = {f"{y:02d}": year_of(f"{y:02d}") for y in range(100)}


@dataclass(slots=True)
class MonthTable:
    months: dict[str, tuple[int, int]] = field(default_factory=dict)
    # (station, year) -> sorted list of (month, max serial issued up to that month)
    _serials: dict[tuple[str, int], list[tuple[int, int]]] = field(default_factory=dict)
    _stations: frozenset[str] | None = None

    def __contains__(self, ref_id: str) -> bool:
        return ref_id in self.months

    def __len__(self) -> int:
        return len(self.months)

    def month(self, ref_id: str) -> tuple[int, int] | None:
        """(year, month) of creation, or None when the id is not in Cablegate."""
        return self.months.get(ref_id)

    def max_serial(self, station: str, year: int, month: int) -> int | None:
        """Highest serial `station` had issued in `year` up to and including `month`."""
        rows = self._serials.get((station, year))
        if not rows:
            return None
        i = bisect.bisect_right(rows, (month, 1 << 62))
        return rows[i - 1][1] if i else None

    def serial_estimate(self, station: str, year: int, month: int) -> float | None:
        """Serials `station` had issued by the end of `month`, interpolated between the
        months that have leaked cables (the leaked maximum alone lags in sparse years)."""
        rows = self._serials.get((station, year))
        if not rows:
            return None
        i = bisect.bisect_right(rows, (month, 1 << 62))
        low_month, low = rows[i - 1] if i else (0, 0)
        if i == len(rows):
            return float(low)
        high_month, high = rows[i]
        return low + (high - low) * (month - low_month) / (high_month - low_month)

    def stations(self) -> frozenset[str]:
        """Every station with a serial range (computed once; the table is read-only)."""
        if self._stations is None:
            self._stations = frozenset(station for station, _ in self._serials)
        return self._stations


def _year(prefix: str) -> int:
    return _YEARS.get(prefix) or (year_of(prefix) if prefix.isdigit() else 0)


def parse_month_table(lines: list[str]) -> MonthTable:
    # Every process that builds cables loads the 251,287 lines once: the loop is kept lean.
    table = MonthTable()
    months = table.months
    best: dict[tuple[str, int], dict[int, int]] = {}
    for line in lines:
        ref_id, _, month_text = line.strip().partition(",")
        if not ref_id or not month_text.isdigit():
            continue
        month = int(month_text)
        year = _year(ref_id[:2])
        months[ref_id] = (year, month)
        m = _ID.match(ref_id)
        if m:
            per_month = best.setdefault((m[2], year), {})
            serial = int(m[3])
            if serial >= per_month.get(month, 0):
                per_month[month] = serial
    for key, per_month in best.items():
        running = 0
        rows: list[tuple[int, int]] = []
        for month in sorted(per_month):
            running = max(running, per_month[month])
            rows.append((month, running))
        table._serials[key] = rows
    return table


@cache
def month_table() -> MonthTable:
    """The bundled table, read once per process."""
    data = resources.files("bot.cables").joinpath("data/cable2month.csv.gz").read_bytes()
    with long_lived():
        return parse_month_table(gzip.decompress(data).decode("ascii").splitlines())
