"""A hostile set of inputs, generated from real cables into a directory at test time:
bad names, bombs of every compression, huge records, nested JSON, wrong types, glued
cables and symbolic links. `EXPECTED` says where each input must end up."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import shutil
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "seeds" / "raw" / "08REYKJAVIK195.html"
CSV = ROOT / "tests" / "fixtures" / "bulk" / "cables_csv_head_37rows.csv"
JSONL = ROOT / "tests" / "fixtures" / "bulk" / "wikileaks-11-28-10.jsonl"
MB = 1024 * 1024
# Every input of the set: files, archive members and links to folders. Each good cable
# comes more than once, so the report's duplicates name where every copy went.
INPUTS = (
    "x\\xff.html",
    "latin1.tar!caf\\xe9.html",
    "latin1.tar!after.html",
    "bomb.csv.gz",
    "bomb.html.gz",
    "bomb.tar.gz!bomb.csv",
    "nested.gz",
    "bomb.csv.bz2",
    "bomb.csv.xz",
    "huge-row.csv",
    "huge-line.jsonl",
    "dense-row.csv",
    "nested.jsonl",
    "ids.jsonl",
    "glued.html",
    "dangling.html",
    "loop",
    "linked-folder",
)
# Bombs decompress to this much: far more than the 1 GB the load may use.
BOMB_BYTES = 4096 * MB

# Rejected input or record (relative to the set's directory) -> a phrase of its reason.
REJECTED = {
    "bomb.csv.gz": "decompression-ratio limit",
    "bomb.html.gz": "record size limit",  # a whole page is one record: 4 MB come first
    "bomb.tar.gz!bomb.csv": "decompression-ratio limit",
    "bomb.tar.gz!(after 1 members)": "decompression-ratio limit",
    "nested.gz": "decompression-ratio limit",
    "bomb.csv.bz2": "binary data",
    "bomb.csv.xz": "binary data",
    "huge-row.csv": "record size limit",
    "huge-line.jsonl": "record size limit",
    "nested.jsonl#line 2": "nested too deeply",
    "ids.jsonl#line 1": "is a JSON int",
    "ids.jsonl#line 2": "is a JSON bool",
    "ids.jsonl#line 3": "malformed reference id",
    "ids.jsonl#line 4": "malformed reference id",
    "ids.jsonl#line 5": "malformed reference id",
    "dangling.html": "broken symbolic link",
    "loop": "symbolic link to a directory",
    "linked-folder": "symbolic link to a directory",
}


def _gzip_bomb(head: bytes, filler: bytes) -> bytes:
    """`head`, then BOMB_BYTES of `filler`: one compressed block, repeated (gzip members
    concatenate), so a few MB of file cost a fraction of a second to make."""
    block = gzip.compress(filler * (64 * MB // len(filler)), compresslevel=9)
    return gzip.compress(head) + block * (BOMB_BYTES // (64 * MB))


def _csv_row() -> str:
    text = CSV.read_text("utf-8")
    start = text.index('"1","')
    return text[start : text.index('"2","', start)]


def _jsonl(ref_id: object = None) -> str:
    record = json.loads(JSONL.read_text("utf-8").splitlines()[0])
    if ref_id is not None:
        record["_id"] = record["reference_id"] = ref_id
    return json.dumps(record) + "\n"


def _tar(members: dict[str, bytes], encoding: str = "utf-8") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(
        fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT, encoding=encoding
    ) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _tar_bomb(row: bytes) -> bytes:
    """A .tar.gz whose one member is a csv row and BOMB_BYTES of filler."""
    info = tarfile.TarInfo("bomb.csv")
    info.size = len(row) + BOMB_BYTES
    return _gzip_bomb(info.tobuf(tarfile.USTAR_FORMAT) + row, b"A,B,C\n")


def make_hostile_set(directory: Path) -> Path:
    """Write the hostile set into `directory/hostile`; return that folder."""
    root = directory / "hostile"
    root.mkdir()
    page = PAGE.read_bytes()
    row = _csv_row().encode()
    shutil.copy(PAGE, os.fsdecode(bytes(root) + b"/x\xff.html"))
    (root / "latin1.tar").write_bytes(
        _tar({"café.html": page, "after.html": page}, encoding="latin-1")
    )
    (root / "bomb.csv.gz").write_bytes(_gzip_bomb(row, b"filler line\n"))
    (root / "bomb.html.gz").write_bytes(_gzip_bomb(page[: page.index(b"</pre>")], b"filler\n"))
    (root / "bomb.tar.gz").write_bytes(_tar_bomb(row))
    (root / "nested.gz").write_bytes(gzip.compress(_gzip_bomb(row, b"filler line\n")))
    (root / "bomb.csv.bz2").write_bytes(bz2.compress(row + b"x" * (8 * MB)))
    (root / "bomb.csv.xz").write_bytes(lzma.compress(row + b"x" * (8 * MB)))
    with (root / "huge-row.csv").open("wb") as out:
        out.write(row.split(b"\nFM ", 1)[0] + b"\n")
        out.write(b"x" * (10 * MB) + b"\n")  # one line, larger than a record may be
    (root / "huge-line.jsonl").write_text(_jsonl() + "[" + "1," * (5 * MB) + "1]\n")
    # Just under the record limit, one paragraph per line: the costliest cable to build.
    dense = "1. THE EMBASSY REPORTS NOTHING OF NOTE.\n\n" * (int(3.9 * MB) // 41)
    (root / "dense-row.csv").write_text(row.decode().rstrip()[:-1] + dense + '"\n')
    (root / "nested.jsonl").write_text(_jsonl() + "[" * 200_000 + "\n")
    bad_ids = [123, True, "9" * 100_000, "../../etc/passwd", "hello @everyone"]
    (root / "ids.jsonl").write_text("".join(_jsonl(ref_id) for ref_id in bad_ids))
    (root / "glued.html").write_bytes(page + page)  # two copies of one page in one file
    (root / "dangling.html").symlink_to(root / "deleted.html")
    (root / "loop").symlink_to(root)
    elsewhere = directory / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(PAGE, elsewhere / PAGE.name)
    (root / "linked-folder").symlink_to(elsewhere)
    return root
