"""Parse speed on the bundled library, and memory while streaming a large cables.csv.

- reading: the format readers alone (bytes -> RawCable), records per second;
- loading: readers + cable builder + duplicate resolution (`load_library`),
  cables per second;
- streaming: a cables.csv of about 200 MB assembled from the real rows of
  `tests/fixtures/bulk/cables_csv_head_37rows.csv`, read record by record by
  the loader's input stage (detection, decoding, csv reader); the peak of Python
  allocations must stay near one record, not grow with the file.
"""

from __future__ import annotations

import re
import tempfile
import time
import tracemalloc
from pathlib import Path

from benchmarks import Table
from bot.cables.bundled import SEEDS
from bot.cables.loader import load_library, read_inputs
from bot.cables.months import month_table

_HEAD_CSV = Path(__file__).resolve().parents[1] / "tests/fixtures/bulk/cables_csv_head_37rows.csv"
_STREAM_MB = 200
_ROW = re.compile(r'^"(\d+)",', re.M)


def _speed(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}"


def _large_csv(directory: Path) -> tuple[Path, int]:
    """A cables.csv of ~_STREAM_MB MB: the complete real rows, repeated with new row numbers."""
    text = _HEAD_CSV.read_text("utf-8")
    rows = text[text.index('"1","') : text.rindex('"37","')]
    # Rows 1-36 are complete; each copy renumbers them so row numbers keep growing.
    parts = _ROW.split(rows)[1:]
    numbered = list(zip(map(int, parts[0::2]), parts[1::2], strict=True))
    path = directory / "cables.csv"
    copies = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        while out.tell() < _STREAM_MB * 1_000_000:
            for number, rest in numbered:
                out.write(f'"{copies * len(numbered) + number}",{rest}')
            copies += 1
    return path, copies * len(numbered)


def _loading() -> Table:
    month_table()  # loaded once per process; not part of the parse speed
    start = time.perf_counter()
    records = sum(1 for _ in read_inputs([SEEDS]))
    read_seconds = time.perf_counter() - start
    start = time.perf_counter()
    library = load_library([SEEDS])
    load_seconds = time.perf_counter() - start
    return Table(
        title="Parse speed, bundled library (seeds/)",
        columns=["stage", "items", "seconds", "per second"],
        rows=[
            [
                "reading (records)",
                f"{records:,}",
                f"{read_seconds:.2f}",
                _speed(records, read_seconds),
            ],
            [
                "loading (cables)",
                f"{len(library):,}",
                f"{load_seconds:.2f}",
                _speed(len(library), load_seconds),
            ],
        ],
    )


def _streaming() -> Table:
    with tempfile.TemporaryDirectory() as directory:
        path, rows = _large_csv(Path(directory))
        size_mb = path.stat().st_size / 1e6
        tracemalloc.start()
        start = time.perf_counter()
        count = sum(1 for _ in read_inputs([path]))
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return Table(
        title="Streaming a large cables.csv (loader input stage, under tracemalloc)",
        columns=["file MB", "records", "seconds", "records/s", "peak MB allocated"],
        rows=[
            [
                f"{size_mb:,.0f}",
                f"{count:,}",
                f"{seconds:.1f}",
                _speed(count, seconds),
                f"{peak / 1e6:.1f}",
            ]
        ],
        notes=[f"expected records: {rows:,}; a flat peak (a few MB) means nothing accumulates."],
    )


def run() -> list[Table]:
    return [_loading(), _streaming()]
