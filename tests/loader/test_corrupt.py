"""Bad inputs, made from real cables, are rejected with a reason and never stop a load."""

from __future__ import annotations

import gzip
import io
import os
import random
import shutil
import tarfile
from pathlib import Path

import pytest

from bot.cables.library import Library
from bot.cables.loader import load_library
from tests.loader.conftest import FIXTURES, RAW

PAGE = RAW / "08REYKJAVIK195.html"
GOOD_ID = "08REYKJAVIK195"


def _reasons(library: Library) -> dict[str, str]:
    return {Path(r.path).name: r.reason for r in library.report.rejected}


def _with_good_page(tmp_path: Path) -> Path:
    shutil.copy(PAGE, tmp_path / PAGE.name)
    return tmp_path


def test_truncated_site_pages(tmp_path: Path) -> None:
    page = PAGE.read_bytes()
    body_end = page.rindex(b"</pre></code>")
    (tmp_path / "half.html").write_bytes(page[: len(page) // 2])
    (tmp_path / "cut_in_body.html").write_bytes(page[: body_end - 200])
    library = load_library([_with_good_page(tmp_path)])
    reasons = _reasons(library)
    assert "cut off before the table" in reasons["half.html"]
    assert "cut off" in reasons["cut_in_body.html"]
    assert library.ids() == [GOOD_ID]


def test_binary_garbage_empty_file_and_real_pdf(tmp_path: Path) -> None:
    (tmp_path / "garbage.txt").write_bytes(random.Random(7).randbytes(8192))
    (tmp_path / "empty.html").write_bytes(b"")
    shutil.copy(FIXTURES / "pdf" / "00HANOI686.pdf", tmp_path / "00HANOI686.pdf")
    reasons = _reasons(load_library([_with_good_page(tmp_path)]))
    assert "binary data" in reasons["garbage.txt"]
    assert reasons["empty.html"] == "empty file"
    assert (
        "PDF file" in reasons["00HANOI686.pdf"] and "extract its text" in reasons["00HANOI686.pdf"]
    )


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    noise = bytes(random.Random(3).choice(range(1, 32)) for _ in range(4096))
    (tmp_path / "noise.csv").write_bytes(noise)
    assert "binary data" in _reasons(load_library([tmp_path]))["noise.csv"]


def test_csv_row_missing_its_closing_quote() -> None:
    library = load_library([RAW / "85CAIRO6360.csv", RAW / "85BEIRUT992.csv"])
    [rejection] = library.report.rejected
    assert rejection.path.endswith("85CAIRO6360.csv#row 37")
    assert "closing quote missing" in rejection.reason
    assert library.ids() == ["85BEIRUT992"]


def test_unreadable_directory_entries(tmp_path: Path) -> None:
    """A dangling symlink and a FIFO are rejected (opening a FIFO would hang the load)."""
    (tmp_path / "gone.html").symlink_to(tmp_path / "deleted.html")
    os.mkfifo(tmp_path / "pipe.html")
    (tmp_path / "loop").symlink_to(tmp_path)  # a directory link is reported, not followed
    library = load_library([_with_good_page(tmp_path)])
    reasons = _reasons(library)
    assert reasons["gone.html"] == "broken symbolic link"
    assert "not a regular file" in reasons["pipe.html"]
    assert "symbolic link to a directory, not followed" in reasons["loop"]
    assert library.ids() == [GOOD_ID]
    assert library.report.files == 4


def test_permission_denied(tmp_path: Path) -> None:
    locked = tmp_path / "locked.html"
    shutil.copy(PAGE, locked)
    closed = tmp_path / "closed"
    closed.mkdir()
    locked.chmod(0)
    closed.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: chmod 000 does not deny reads")
        reasons = _reasons(load_library([tmp_path]))
        assert "cannot read" in reasons["locked.html"]
        assert "cannot read directory" in reasons["closed"]
    finally:
        locked.chmod(0o644)
        closed.chmod(0o755)


def test_gzip_that_is_not_gzip_and_damaged_gzip(tmp_path: Path) -> None:
    (tmp_path / "pages.tar.gz").write_bytes(PAGE.read_bytes())
    packed = gzip.compress(PAGE.read_bytes())
    (tmp_path / "cut.html.gz").write_bytes(packed[: len(packed) // 2])
    (tmp_path / "whole.html.gz").write_bytes(packed)
    library = load_library([tmp_path])
    reasons = _reasons(library)
    assert "not gzip data" in reasons["pages.tar.gz"]
    assert "damaged" in reasons["cut.html.gz"]
    assert library.ids() == [GOOD_ID]
    assert library.get(GOOD_ID) is not None


def _tarball(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_tarball_with_bad_members(tmp_path: Path) -> None:
    members = {
        "cable/08REYKJAVIK195.html": PAGE.read_bytes(),
        "cable/garbage.html": random.Random(1).randbytes(2048),
        "cable/empty.html": b"",
        "cable/72TEHRAN1164.csv": (RAW / "72TEHRAN1164.csv").read_bytes(),
    }
    archive = tmp_path / "pages.tgz"
    archive.write_bytes(_tarball(members))
    library = load_library([archive])
    assert sorted(library.ids()) == [GOOD_ID, "72TEHRAN1164"]
    rejected = {r.path: r.reason for r in library.report.rejected}
    assert "binary data" in rejected[f"{archive}!cable/garbage.html"]
    assert rejected[f"{archive}!cable/empty.html"] == "empty file"
    assert library.report.files == 4


def test_truncated_tarball_keeps_what_came_before(tmp_path: Path) -> None:
    pages = sorted(RAW.glob("0*.html"))[:6]
    packed = _tarball({p.name: p.read_bytes() for p in pages})
    archive = tmp_path / "cut.tar.gz"
    archive.write_bytes(packed[: len(packed) * 2 // 3])
    library = load_library([archive])
    report = library.report
    assert 0 < len(library) < len(pages)
    assert report.rejected and "damaged" in report.rejected[-1].reason
    assert report.records == report.cables + report.dropped() + len(report.rejected)


def test_format_is_chosen_by_content_not_by_name(tmp_path: Path) -> None:
    shutil.copy(RAW / "72TEHRAN1164.csv", tmp_path / "looks_like_a_page.html")
    shutil.copy(RAW / "07DUSHANBE314.txt", tmp_path / "looks_like.csv")
    library = load_library([tmp_path])
    formats = {c.ref_id: c.source.format.value for c in library}
    assert formats == {"72TEHRAN1164": "cables-csv", "07DUSHANBE314": "scraper-text"}
