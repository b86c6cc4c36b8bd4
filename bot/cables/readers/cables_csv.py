"""The 2011 `cables.csv` release (CABLES.md 6.2): 8 quoted columns, no header row.

`"row","M/D/YYYY H:MM","REFID","Origin","CLASS","REF1|REF2","header","body"` with
backslash escapes (`\\"`, `\\'`) instead of doubled quotes and multi-line fields.
The full file is about 1.7 GB, so `stream` reads records one at a time from an
open file; nothing but the current record (and the few lines read ahead
of it) is held in memory.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import datetime

from bot.cables.limits import DEFAULT_LIMITS, over_record_limit
from bot.cables.model import SourceFormat
from bot.cables.raw import RawCable
from bot.cables.readers.rejected import RejectedRecord, quoted

_RECORD_START = re.compile(r'^"(\d+)","\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d","')
_RECORD_START_ANYWHERE = re.compile(_RECORD_START.pattern, re.M)
_REF_ID = re.compile(r"^\d{2}[A-Z0-9]+$")
_STAMP = "%m/%d/%Y %H:%M"
_PLAIN_STAMP = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}) ([0-9]{1,2}):([0-9]{2})")
_CHUNK_LINES = 256  # read ahead of the parser: a few records at most
_COLUMNS = 8

_OVERSIZED = "field larger than field limit"


def sniff(head: str) -> bool:
    """True when a line of `head` starts a cables.csv record.

    Not only the first line: a file cut out of the full release by `split` begins
    with the tail of the record before (often a lone `"` line).
    """
    return _RECORD_START_ANYWHERE.search(head) is not None


class _Lines:
    """The lines fed to the csv parser, with the first line of any record it has read.

    A record the csv parser rejects is named by the row number on its first line. The
    lines reach the parser in chunks, at C speed (a Python call per line would cost more
    than the parsing); each chunk is kept until the records starting in it are done.
    """

    def __init__(self, first: str, rest: Iterator[str]) -> None:
        self._first = first
        self._rest = rest
        self._chunks: deque[tuple[int, list[str]]] = deque()  # (index of first line, lines)

    def feed(self) -> Iterator[str]:
        return itertools.chain.from_iterable(self._chunked())

    def _chunked(self) -> Iterator[list[str]]:
        start, chunk = 0, [self._first]
        while chunk:
            self._chunks.append((start, chunk))
            yield chunk
            start += len(chunk)
            chunk, error = _read_chunk(self._rest)
            if error is not None:
                # Damaged data: the lines before it are parsed first, as line by line.
                self._chunks.append((start, chunk))
                yield chunk
                raise error

    def line(self, index: int) -> str:
        """Line `index` (0: the first record's first line), already fed to the parser;
        the chunks before it are dropped, so ask in increasing order."""
        while self._chunks[0][0] + len(self._chunks[0][1]) <= index:
            self._chunks.popleft()
        start, chunk = self._chunks[0]
        return chunk[index - start]


def _read_chunk(lines: Iterator[str]) -> tuple[list[str], Exception | None]:
    """The next lines, and the error (damaged compressed data) that cut them short."""
    chunk: list[str] = []
    try:
        chunk.extend(itertools.islice(lines, _CHUNK_LINES))  # keeps what came before an error
    except Exception as error:
        return chunk, error
    return chunk, None


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


def _created(stamp: str) -> datetime:
    """`M/D/YYYY H:MM`. The regex spares most rows `strptime`, which is slow; anything
    else, valid or not, is left to `strptime` (which raises ValueError)."""
    m = _PLAIN_STAMP.fullmatch(stamp)
    if m is not None:
        month, day, year, hour, minute = map(int, m.groups())
        try:
            return datetime(year, month, day, hour, minute)
        except ValueError:
            pass
    return datetime.strptime(stamp, _STAMP)


def _unix_lines(text: str) -> str:
    # A one-character test first: much faster than looking for the two characters.
    return text.replace("\r\n", "\n") if "\r" in text else text


def _raw(row: list[str], path: str) -> RawCable:
    if len(row) != _COLUMNS:
        raise ValueError(f"{len(row)} columns instead of {_COLUMNS}")
    _row, stamp, ref_id, origin, classification, references, header, body = row
    ref_id = ref_id.strip()
    if not _REF_ID.match(ref_id):
        raise ValueError(f"malformed reference id {quoted(ref_id)}")
    try:
        created = _created(stamp.strip())
    except ValueError:
        raise ValueError(f"malformed date {quoted(stamp)}") from None
    return RawCable(
        path=path,
        format=SourceFormat.CABLES_CSV,
        header=_unix_lines(header),
        body=_unix_lines(body),
        ref_id=ref_id,
        created=created,
        classification=classification.strip(),
        origin=origin.strip(),
        csv_references=[r for r in references.split("|") if r.strip()],
    )


def _swallowed(source: _Lines, first: int, end: int, path: str) -> Iterator[RejectedRecord]:
    """The rows starting on lines `first` to `end` (exclusive), read by the csv parser as
    part of the unreadable record on line `first - 1` (an unclosed quote runs on)."""
    for index in range(first, end):
        line = source.line(index)
        m = _RECORD_START.match(line)
        if m is not None:
            yield RejectedRecord(
                f"{path}#row {m.group(1)}",
                "unreadable: taken into the unreadable record before it "
                "(a quote left open there runs on into this row)",
                _id_in(line),
            )


def stream(
    lines: Iterable[str], path: str, max_record_bytes: int = DEFAULT_LIMITS.max_record_bytes
) -> Iterator[RawCable | RejectedRecord]:
    """Records of an open cables.csv (opened with `newline=""`), good or rejected; a
    field over `max_record_bytes` characters is rejected as over the record limit."""
    # The csv module's limit is process-wide; it is set for each file read, as the
    # limits a load was started with.
    csv.field_size_limit(max_record_bytes)
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
    source = _Lines(first, remaining)
    reader = csv.reader(source.feed(), escapechar="\\", doublequote=False, strict=True)
    row_number = "0"  # of the last row that started where a row should
    strays = 0  # rows since then that start no record: damage, or an oversized field's rest
    while True:
        start = reader.line_num  # lines read so far: the next record starts there
        try:
            row: list[str] | None = next(reader)
            error = None
        except StopIteration:
            break
        except csv.Error as failure:
            row, error = None, failure
        first_line = source.line(start)
        m = _RECORD_START.match(first_line)
        if m is None:
            strays += 1
            continue
        if strays:
            yield _strays(path, row_number, strays)
            strays = 0
        row_number = m.group(1)
        name = f"{path}#row {row_number}"
        if row is None:
            yield RejectedRecord(name, _unreadable(error, max_record_bytes), _id_in(first_line))
        else:
            try:
                yield _raw(row, name)
                continue
            except ValueError as bad:
                yield RejectedRecord(name, f"bad csv record: {bad}", _id_in(first_line))
        yield from _swallowed(source, start + 1, reader.line_num, path)
    if strays:
        yield _strays(path, row_number, strays)


def _unreadable(error: csv.Error | None, max_record_bytes: int) -> str:
    reason = str(error)
    if reason == "unexpected end of data":
        reason = "cut off: the file ends inside a quoted field (closing quote missing)"
    elif reason.startswith(_OVERSIZED):
        reason = str(over_record_limit(max_record_bytes, "a field"))
    return f"unreadable csv record: {reason}"


def _strays(path: str, row_number: str, count: int) -> RejectedRecord:
    return RejectedRecord(
        f"{path}#after row {row_number}",
        f"{count:,} csv records that do not start like a row (the rest of a record over "
        "the size limit, or damaged data): skipped",
    )


def read(text: str, path: str) -> Iterator[RawCable]:
    """The cables of an in-memory csv text; raises ValueError on an unusable record."""
    for item in stream(io.StringIO(text, newline=""), path):
        if isinstance(item, RejectedRecord):
            raise ValueError(f"{item.path}: {item.reason}")
        yield item
