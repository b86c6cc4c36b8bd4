"""Benchmarks: `make bench` (`python -m benchmarks`) runs each module of BENCHMARKS.

A benchmark module has `run() -> list[Table]`; adding one is adding its name below.
`benchmarks.generate` builds the scale test library (it is a tool, not a benchmark).
"""

from __future__ import annotations

from dataclasses import dataclass, field

BENCHMARKS: tuple[str, ...] = (
    "benchmarks.parse",
    "benchmarks.search",
    "benchmarks.research",
    "benchmarks.scale",
)


@dataclass(slots=True)
class Table:
    """A titled table of measurements, printed as aligned text."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def render(self) -> str:
        widths = [
            max(len(str(cell)) for cell in column)
            for column in zip(self.columns, *self.rows, strict=True)
        ]
        lines = [self.title, "=" * len(self.title)]
        lines.append("  ".join(c.ljust(w) for c, w in zip(self.columns, widths, strict=True)))
        lines.append("  ".join("-" * w for w in widths))
        for row in self.rows:
            lines.append("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
        lines.extend(self.notes)
        return "\n".join(lines)
