"""The cables.csv reader hands lines to the csv parser in chunks: what it yields must not
depend on where the chunks end, for good rows, rejected rows and damaged files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from bot.cables.loader import read_inputs
from bot.cables.raw import RawCable
from bot.cables.readers import cables_csv
from bot.cables.readers.rejected import RejectedRecord

from .conftest import CSV_HEAD, RAW


def _texts() -> list[str]:
    """The real rows, and copies damaged the ways the reader must report."""
    head = CSV_HEAD.read_text("utf-8")
    cairo = (RAW / "85CAIRO6360.csv").read_text("utf-8")
    row_2 = head.index('"2","2/25/1972')
    return [
        head,
        cairo,  # its last row has lost its closing quote
        head[row_2 - 300 :],  # a `split` part starting inside row 1
        head.replace('"3","3/9/1972 5:40"', '"3","3/9/1972 5:40', 1),  # a quote lost
        head.replace('"4","', '"4","13/45/1972 99:99","XX","', 1),  # extra columns, bad date
        head.replace("\n", "\r\n"),
    ]


def _read(text: str) -> list[RawCable | RejectedRecord]:
    return list(cables_csv.stream(iter(text.splitlines(keepends=True)), "t.csv"))


@pytest.mark.parametrize("chunk_lines", [1, 2, 3, 7])
def test_records_do_not_depend_on_the_chunk_size(
    monkeypatch: pytest.MonkeyPatch, chunk_lines: int
) -> None:
    expected = [_read(text) for text in _texts()]
    monkeypatch.setattr(cables_csv, "_CHUNK_LINES", chunk_lines)
    assert [_read(text) for text in _texts()] == expected
    rejected = [r for records in expected for r in records if isinstance(r, RejectedRecord)]
    assert any(r.path.endswith("#row 37") for r in rejected)  # named by its own row
    assert any("malformed date" in r.reason or "columns" in r.reason for r in rejected)


@pytest.mark.parametrize("eighths", range(3, 8))
def test_a_damaged_gzip_keeps_the_rows_before_the_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, eighths: int
) -> None:
    text = CSV_HEAD.read_text("utf-8") * 20  # bigger than what the loader sniffs first
    packed = gzip.compress(text.encode("utf-8"))
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(packed[: len(packed) * eighths // 8])
    monkeypatch.setattr(cables_csv, "_CHUNK_LINES", 1)
    line_by_line = list(read_inputs([cut]))
    monkeypatch.setattr(cables_csv, "_CHUNK_LINES", 256)
    assert list(read_inputs([cut])) == line_by_line
    assert sum(isinstance(i, RawCable) for i in line_by_line) > 36 * 20 * (eighths - 1) // 8
    last = line_by_line[-1]
    assert isinstance(last, RejectedRecord) and "damaged" in last.reason
