"""Load files, directories and archives into a Library, accounting for every input.

Shape of the pipeline: inputs -> a stream of `RawCable`s (and rejected records)
-> the pure map `build_one` -> collection (duplicates, report). Each input is
loaded, reported as a duplicate copy, or rejected with a reason; a bad file or
record never stops the load. `build_one` holds no state, so the map can be
handed to a process pool unchanged.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import stat
import sys
import tarfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from tqdm import tqdm  # type: ignore[import-untyped]

from bot.cables.build import build_cable
from bot.cables.bundled import SEEDS
from bot.cables.library import Duplicate, Library, LoadReport, Rejection, in_memory_library
from bot.cables.limits import (
    DEFAULT_LIMITS,
    RATIO_FLOOR_BYTES,
    InputLimits,
    over_file_limit,
    over_ratio_limit,
    over_record_limit,
)
from bot.cables.model import Cable, SiteGeneration, SourceFormat
from bot.cables.months import month_table
from bot.cables.raw import RawCable
from bot.cables.readers import detect
from bot.cables.readers.rejected import RejectedRecord

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

Item = RawCable | RejectedRecord

_GZIP_MAGIC = b"\x1f\x8b"
_TAR_MAGIC_OFFSET = 257
_CHUNK = 8192
_LISTED_PER_FILE = 1000
_LINKED_DIRECTORY = (
    "a symbolic link to a directory, not followed: give the directory itself as an input"
)
_PARSER_SOURCES = Path(__file__).resolve().parent


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class InputTally:
    """Counts files and archive members, and fingerprints them, as the stream is consumed."""

    def __init__(self) -> None:
        self.files = 0
        self.digest = hashlib.sha256()
        for source in sorted(_PARSER_SOURCES.rglob("*.py")):
            self.digest.update(source.read_bytes())

    def saw(self, name: str, size: int, mtime_ns: int) -> None:
        self.files += 1
        # A name from the file system may hold bytes that are not UTF-8 (surrogates here).
        self.digest.update(f"{name}\0{size}\0{mtime_ns}\n".encode("utf-8", "surrogateescape"))


def _reason(error: Exception) -> str:
    if isinstance(error, ValueError):
        return str(error)
    if isinstance(error, (EOFError, zlib.error, tarfile.TarError, gzip.BadGzipFile)):
        return f"damaged archive or compressed data: {error or type(error).__name__}"
    if isinstance(error, OSError):
        return f"cannot read: {error.strerror or error}"
    return f"unexpected {type(error).__name__}: {error}"


def _guarded(name: str, items: Iterator[Item]) -> Iterator[Item]:
    """`items`, ending with a rejection of `name` if reading it fails midway."""
    try:
        yield from items
    except Exception as error:  # a bad input must never stop the load
        yield RejectedRecord(name, _reason(error))


def _is_tar(head: bytes) -> bool:
    return head[_TAR_MAGIC_OFFSET : _TAR_MAGIC_OFFSET + 5] == b"ustar"


class _Budget:
    """The limits of one file on disk, and how many of its bytes were read so far:
    every decompression layer inside it is measured against those bytes."""

    def __init__(self, limits: InputLimits) -> None:
        self.limits = limits
        self.disk_bytes = 0


class _Metered(io.RawIOBase):
    """`head`, already read from `rest`, followed by the rest of it, counted against
    the limits as it streams: the file size, the decompression ratio and, once
    `watch_lines` is called, the length of a line (a record is never shorter).

    Inputs are read forward only: seeking back inside a compressed archive
    would decompress it again from the start for every member.
    """

    def __init__(self, head: bytes, rest: _Readable, budget: _Budget, *, disk: bool) -> None:
        self._head = memoryview(head)  # sliced without copying
        self._rest = rest
        self._budget = budget
        self._disk = disk
        self._produced = 0
        self._watching = False
        self._line_bytes = 0  # since the last line end

    def readable(self) -> bool:
        return True

    def watch_lines(self) -> None:
        self._watching = True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            data = bytes(self._head[: len(view)])
            self._head = self._head[len(data) :]
        else:
            data = self._rest.read(len(view))
        view[: len(data)] = data
        self._count(data)
        return len(data)

    def _count(self, data: bytes) -> None:
        limits = self._budget.limits
        self._produced += len(data)
        if self._produced > limits.max_file_bytes:
            raise over_file_limit(limits)
        if self._disk:
            self._budget.disk_bytes += len(data)
        elif self._produced > max(RATIO_FLOOR_BYTES, limits.max_ratio * self._budget.disk_bytes):
            raise over_ratio_limit(limits)
        if self._watching:
            # Only the last line end: counting them all would cost more than the csv parser.
            last_end = data.rfind(b"\n")
            if last_end < 0:
                self._line_bytes += len(data)
            else:
                self._line_bytes = len(data) - last_end - 1
            if self._line_bytes > limits.max_record_bytes:
                raise over_record_limit(limits.max_record_bytes, "a line", rest_lost=True)


def _read_head(stream: _Readable) -> tuple[bytes, Exception | None]:
    """The first HEAD_BYTES, and the error that cut them short in damaged compressed data."""
    chunks: list[bytes] = []
    size = 0
    while size < detect.HEAD_BYTES:
        try:
            # Small reads: a cut-off stream raises, losing at most this much of its start.
            chunk = stream.read(min(_CHUNK, detect.HEAD_BYTES - size))
        except (EOFError, zlib.error) as error:
            return b"".join(chunks), error
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks), None


def _archive(name: str, stream: IO[bytes], tally: InputTally, budget: _Budget) -> Iterator[Item]:
    members = 0
    with tarfile.open(fileobj=stream, mode="r|") as tar:
        tally.files -= 1  # an archive counts as its members, not as one more file
        while True:
            try:
                member = tar.next()
            except Exception as error:  # damaged past this point: report and stop
                yield RejectedRecord(f"{name}!(after {members} members)", _reason(error))
                return
            if member is None:
                return
            if member.isdir():
                continue
            members += 1
            member_name = f"{name}!{shown_name(member.name)}"
            tally.saw(member_name, member.size, int(member.mtime * 1e9))
            content = tar.extractfile(member) if member.isfile() else None
            if content is None:
                yield RejectedRecord(member_name, "archive member is a link or device, not a file")
                continue
            yield from _guarded(member_name, _records(member_name, content, tally, budget))


def _records(
    name: str,
    stream: _Readable,
    tally: InputTally,
    budget: _Budget,
    *,
    disk: bool = False,
    unpacked: bool = False,
) -> Iterator[Item]:
    """The records of one file's bytes, whatever their compression and format."""
    head, damage = _read_head(stream)
    metered = _Metered(head, stream, budget, disk=disk)
    whole = io.BufferedReader(metered)
    if head.startswith(_GZIP_MAGIC):
        yield from _records(name, gzip.GzipFile(fileobj=whole), tally, budget, unpacked=True)
        return
    if _is_tar(head):
        # A damaged archive still gives the members before the damage.
        yield from _archive(name, whole, tally, budget)
        return
    if damage is not None:
        raise damage
    if not unpacked and name.endswith((".gz", ".tgz")):
        raise ValueError("not gzip data, although the name says so")
    encoding = detect.encoding(head)
    reader = detect.reader_for(head.decode(encoding, errors="replace").replace("\r\n", "\n"))
    streamed = detect.streamed(reader)
    limits = budget.limits
    if streamed is not None:
        metered.watch_lines()
        text = io.TextIOWrapper(whole, encoding, errors="replace", newline="")
        yield from streamed.stream(text, name, limits.max_record_bytes)
        return
    data = whole.read(limits.max_record_bytes + 1)
    if len(data) > limits.max_record_bytes:
        what = f"the file (one {detect.name_of(reader)} record)"
        raise over_record_limit(limits.max_record_bytes, what)
    yield from reader.read(detect.decode(data), name)


def shown_name(name: str) -> str:
    """A file or member name as text: bytes that are not UTF-8 (`x\\xff.html`) are
    shown escaped, so the name can be reported, hashed and printed."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _file_records(path: Path, tally: InputTally, limits: InputLimits) -> Iterator[Item]:
    name = shown_name(str(path))
    try:
        info = path.stat()
    except FileNotFoundError:
        tally.files += 1
        reason = "broken symbolic link" if path.is_symlink() else "no such file or directory"
        yield RejectedRecord(name, reason)
        return
    except OSError as error:
        tally.files += 1
        yield RejectedRecord(name, _reason(error))
        return
    tally.saw(name, info.st_size, info.st_mtime_ns)
    if not stat.S_ISREG(info.st_mode):
        # Opening a FIFO would block the load forever.
        yield RejectedRecord(name, "not a regular file (FIFO, socket or device)")
        return

    def opened() -> Iterator[Item]:
        with path.open("rb") as stream:
            yield from _records(name, stream, tally, _Budget(limits), disk=True)

    yield from _listed(name, _guarded(name, opened()))


def _listed(name: str, items: Iterator[Item]) -> Iterator[Item]:
    """`items`, with the rejections past the first few of one file summed up in one:
    a file of a million bad lines would otherwise fill memory with their reasons."""
    listed = unlisted = 0
    for item in items:
        if isinstance(item, RejectedRecord):
            if listed == _LISTED_PER_FILE:
                unlisted += 1
                continue
            listed += 1
        yield item
    if unlisted:
        yield RejectedRecord(
            f"{name}#more",
            f"{unlisted:,} more records of this file rejected "
            f"(only the first {_LISTED_PER_FILE:,} are listed)",
        )


def _tree_records(root: Path, tally: InputTally, limits: InputLimits) -> Iterator[Item]:
    """Every file under `root` (or `root` itself), in sorted order; unreadable
    directories are rejected, symbolic links to directories are reported, not followed
    (a link back up the tree would never end)."""
    if not root.is_dir():
        yield from _file_records(root, tally, limits)
        return
    errors: list[OSError] = []
    for directory, subdirectories, files in os.walk(root, onerror=errors.append):
        subdirectories.sort()
        for name in sorted(files):
            yield from _file_records(Path(directory, name), tally, limits)
        for name in subdirectories:
            if Path(directory, name).is_symlink():
                tally.files += 1
                yield RejectedRecord(shown_name(str(Path(directory, name))), _LINKED_DIRECTORY)
        yield from _unreadable_directories(errors, tally)
    yield from _unreadable_directories(errors, tally)


def _unreadable_directories(errors: list[OSError], tally: InputTally) -> Iterator[Item]:
    """Rejections for the directories os.walk could not list (and forgets)."""
    while errors:
        error = errors.pop(0)
        tally.files += 1
        path = shown_name(str(error.filename))
        yield RejectedRecord(path, f"cannot read directory: {error.strerror}")


def read_inputs(
    paths: Iterable[Path], tally: InputTally | None = None, limits: InputLimits = DEFAULT_LIMITS
) -> Iterator[Item]:
    """The records of every input under `paths`, rejected ones included, in order."""
    tally = tally or InputTally()
    for root in paths:
        yield from _tree_records(root, tally, limits)


def build_one(item: Item) -> Cable | RejectedRecord:
    """The pure map of the pipeline: a reader's record to a Cable or a rejection."""
    if isinstance(item, RejectedRecord):
        return item
    try:
        return build_cable(item, month_table())
    except Exception as error:  # one unusable record must not stop the load
        reason = f"cannot build the cable: {_reason(error)}"
        return RejectedRecord(item.path, reason, item.ref_id)


# Lower is more authoritative (task brief / CABLES.md 6): the final 2011 release
# (site page or cables.csv) over the early-2011 crawl over Dec 2010 pages over
# third-party text dumps.
_FINAL, _CSV, _CRAWL, _SITE_2010, _DUMP = range(5)
_DESCRIPTIONS = {
    _FINAL: "final 2011 site page",
    _CSV: "cables.csv row",
    _CRAWL: "early-2011 site page",
    _SITE_2010: "Dec 2010 site page",
}
_DUMP_NAMES = {
    SourceFormat.SCRAPER_TEXT: "scraper text",
    SourceFormat.PDF_TEXT: "PDF text",
    SourceFormat.JSONL: "JSON-lines record",
}


def _rank(cable: Cable) -> int:
    source = cable.source
    if source.format is SourceFormat.CABLES_CSV:
        return _CSV
    if source.format in (SourceFormat.SITE_HTML, SourceFormat.SITE_TEXT):
        if source.generation is SiteGeneration.FINAL_2011:
            return _FINAL
        if source.generation is SiteGeneration.CRAWL_2011:
            return _CRAWL
        return _SITE_2010
    return _DUMP


def _describe(cable: Cable) -> str:
    rank = _rank(cable)
    return _DESCRIPTIONS.get(rank) or _DUMP_NAMES.get(cable.source.format, "text dump")


def _incomplete(cable: Cable) -> str | None:
    """Why this copy lacks part of the cable's text, or None when it is complete."""
    gap = cable.source.text_gap
    return gap.value if gap is not None else None


def _order(cable: Cable) -> tuple[bool, int]:
    """Lower wins: completeness first (a cut-off copy never beats a complete one), then rank."""
    return _incomplete(cable) is not None, _rank(cable)


def _why(kept: Cable, dropped: Cable) -> str:
    """Why `dropped` lost to `kept`, in a phrase naming the dropped copy."""
    lacking = _incomplete(dropped)
    if lacking is not None and _incomplete(kept) is None:
        return f"{_describe(dropped)} dropped: {lacking}; the {_describe(kept)} is complete"
    kept_rank, dropped_rank = _rank(kept), _rank(dropped)
    if kept_rank == dropped_rank:
        return f"{_describe(dropped)} dropped: same source rank, the first copy loaded is kept"
    if {kept_rank, dropped_rank} == {_FINAL, _CSV}:
        return (
            f"{_describe(dropped)} dropped: the final 2011 site page and the cables.csv row "
            "are the same final release; the site page wins because its ¶ anchors are the "
            "permalink targets"
        )
    return f"{_describe(dropped)} dropped: a {_describe(kept)} is more authoritative"


def copy_description(cable: Cable) -> str:
    """What kind of copy `cable` is: `final 2011 site page`, `cables.csv row`, ..."""
    return _describe(cable)


def why_not_shown(kept: Cable, other: Cable) -> str:
    """Why the copy `other` lost to `kept`, in the words of the load report."""
    return _why(kept, other)


class Collector:
    """Keeps the most complete, then most authoritative, copy of each cable and accounts
    for every record; the copies it does not keep stay in `dropped` (`!versions` lists them)."""

    def __init__(self) -> None:
        self.kept: dict[str, Cable] = {}
        self.dropped: dict[str, list[Cable]] = {}
        self.rejected: list[Rejection] = []
        self.records = 0

    def add(self, result: Cable | RejectedRecord) -> None:
        self.records += 1
        if isinstance(result, RejectedRecord):
            self.rejected.append(
                Rejection(path=result.path, reason=result.reason, ref_id=result.ref_id)
            )
            return
        current = self.kept.get(result.ref_id)
        if current is None:
            self.kept[result.ref_id] = result
            return
        # Strictly better only: among equals the first loaded stays (stable order).
        if _order(result) < _order(current):
            current, result = result, current
            self.kept[result.ref_id] = current
        self.dropped.setdefault(result.ref_id, []).append(result)

    def duplicates(self) -> list[Duplicate]:
        return [
            Duplicate(
                ref_id=ref_id,
                kept=self.kept[ref_id].source.path,
                dropped=[copy.source.path for copy in copies],
                reason="; ".join(_why(self.kept[ref_id], copy) for copy in copies),
            )
            for ref_id, copies in sorted(self.dropped.items())
        ]

    def report(self, tally: InputTally) -> LoadReport:
        by_format: dict[str, int] = {}
        for cable in self.kept.values():
            by_format[cable.source.format.value] = by_format.get(cable.source.format.value, 0) + 1
        return LoadReport(
            files=tally.files,
            records=self.records,
            cables=len(self.kept),
            duplicates=self.duplicates(),
            rejected=self.rejected,
            by_format=dict(sorted(by_format.items())),
        )


def load_library(paths: Sequence[Path] = (), limits: InputLimits = DEFAULT_LIMITS) -> Library:
    """Load `paths` (files, directories, .tar.gz/.gz archives); default: the bundled seeds."""
    tally = InputTally()
    collector = Collector()
    results = map(build_one, read_inputs(paths or [SEEDS], tally, limits))
    progress = tqdm(
        results,
        desc="loading cables",
        unit=" records",
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
    )
    for result in progress:
        collector.add(result)
    return in_memory_library(
        collector.kept.values(),
        collector.report(tally),
        fingerprint=tally.digest.hexdigest(),
        copies=collector.dropped,
    )
