"""The 2011 `cables.csv` release (CABLES.md 6.2): 8 quoted columns, no header row.

`"row","M/D/YYYY H:MM","REFID","Origin","CLASS","REF1|REF2","header","body"` with
backslash escapes (`\\"`, `\\'`) instead of doubled quotes and multi-line fields.
The full file is about 1.7 GB, so `stream` reads records one at a time from an
open file; nothing but the current record is held in memory.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime

from bot.cables.model import SourceFormat
from bot.cables.raw import RawCable
from bot.cables.readers.rejected import RejectedRecord

_RECORD_START = re.compile(r'^"(\d+)","\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d","')
_RECORD_START_ANYWHERE = re.compile(_RECORD_START.pattern, re.M)
_REF_ID = re.compile(r"^\d{2}[A-Z0-9]+$")
_STAMP = "%m/%d/%Y %H:%M"
_COLUMNS = 8

# A single body can exceed the csv module's 128 KB default field limit.
csv.field_size_limit(sys.maxsize)


def sniff(head: str) -> bool:
    """True when a line of `head` starts a cables.csv record.

    Not only the first line: a file cut out of the full release by `split` begins
    with the tail of the record before (often a lone `"` line).
    """
    return _RECORD_START_ANYWHERE.search(head) is not None


class _Lines:
    """Line iterator that remembers the first line of the record being parsed,
    so a record the csv parser rejects can still be named by its row number."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._at_record_start = True
        self.first_line = ""

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        if self._at_record_start:
            self.first_line = line
            self._at_record_start = False
        return line

    def next_record(self) -> None:
        self._at_record_start = True


def _first_record_line(lines: Iterator[str]) -> tuple[str | None, int]:
    """The first line that starts a record, and how many lines with text came
    before it, not counting the lone `"` that ends the previous part of a split file."""
    stray = 0
    for line in lines:
        if _RECORD_START.match(line):
            return line, stray
        if line.strip() not in ("", '"'):
            stray += 1
    return None, stray


_ID_IN_FIRST_LINE = re.compile(_RECORD_START.pattern + r'([^"]+)"')


def _id_in(line: str) -> str | None:
    """The reference id of a record the csv parser could not read, from its first line."""
    m = _ID_IN_FIRST_LINE.match(line)
    return m.group(2).strip() if m and _REF_ID.match(m.group(2).strip()) else None


def _row_name(path: str, line: str, ordinal: int) -> str:
    m = _RECORD_START.match(line)
    return f"{path}#row {m.group(1) if m else ordinal}"


def _raw(row: list[str], path: str) -> RawCable:
    if len(row) != _COLUMNS:
        raise ValueError(f"{len(row)} columns instead of {_COLUMNS}")
    _row, stamp, ref_id, origin, classification, references, header, body = row
    ref_id = ref_id.strip()
    if not _REF_ID.match(ref_id):
        raise ValueError(f"malformed reference id {ref_id!r}")
    try:
        created = datetime.strptime(stamp.strip(), _STAMP)
    except ValueError:
        raise ValueError(f"malformed date {stamp!r}") from None
    return RawCable(
        path=path,
        format=SourceFormat.CABLES_CSV,
        header=header.replace("\r\n", "\n"),
        body=body.replace("\r\n", "\n"),
        ref_id=ref_id,
        created=created,
        classification=classification.strip(),
        origin=origin.strip(),
        csv_references=[r for r in references.split("|") if r.strip()],
    )


def stream(lines: Iterable[str], path: str) -> Iterator[RawCable | RejectedRecord]:
    """Records of an open cables.csv (opened with `newline=""`), good or rejected."""
    remaining = iter(lines)
    first, stray = _first_record_line(remaining)
    if stray:
        yield RejectedRecord(
            f"{path}#start",
            f"the file starts inside a record (the tail of a record cut off by `split`?): "
            f"{stray} lines before the first row skipped",
        )
    if first is None:
        return
    source = _Lines(itertools.chain([first], remaining))
    reader = csv.reader(source, escapechar="\\", doublequote=False, strict=True)
    ordinal = 0
    while True:
        ordinal += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            name = _row_name(path, source.first_line, ordinal)
            reason = str(error)
            if reason == "unexpected end of data":
                reason = "cut off: the file ends inside a quoted field (closing quote missing)"
            yield RejectedRecord(
                name, f"unreadable csv record: {reason}", _id_in(source.first_line)
            )
            source.next_record()
            continue
        source.next_record()
        name = _row_name(path, source.first_line, ordinal)
        try:
            yield _raw(row, name)
        except ValueError as error:
            yield RejectedRecord(name, f"bad csv record: {error}", _id_in(source.first_line))


def read(text: str, path: str) -> Iterator[RawCable]:
    """The cables of an in-memory csv text; raises ValueError on an unusable record."""
    for item in stream(io.StringIO(text, newline=""), path):
        if isinstance(item, RejectedRecord):
            raise ValueError(f"{item.path}: {item.reason}")
        yield item
