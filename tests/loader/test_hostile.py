"""Hostile inputs, made from real cables: each is loaded, or rejected with a reason that
names the limit it broke; the inputs around it are never lost."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import shutil
import tarfile
from pathlib import Path

from bot.cables.inputs import input_key
from bot.cables.library import Library
from bot.cables.limits import MB, InputLimits
from bot.cables.loader import load_library
from tests.loader.conftest import FIXTURES, RAW

PAGE = RAW / "08REYKJAVIK195.html"
GOOD_ID = "08REYKJAVIK195"
CSV = FIXTURES / "bulk" / "cables_csv_head_37rows.csv"
JSONL = FIXTURES / "bulk" / "wikileaks-11-28-10.jsonl"
SMALL = InputLimits(max_record_bytes=MB, max_file_bytes=8 * MB, max_ratio=200)


def _reasons(library: Library) -> dict[str, str]:
    return {r.path.rsplit("/", 1)[-1]: r.reason for r in library.report.rejected}


def _csv_rows() -> list[str]:
    """The complete rows of the real cables.csv head (row 37 is cut off), one string each."""
    text = CSV.read_text("utf-8")
    starts = [i for i in range(len(text)) if text.startswith('\n"', i) and text[i + 2].isdigit()]
    return [text[a + 1 : b + 1] for a, b in itertools.pairwise(starts)]


def _jsonl_line(ref_id: object = None) -> str:
    record = json.loads(JSONL.read_text("utf-8").splitlines()[0])
    if ref_id is not None:
        record["_id"] = record["reference_id"] = ref_id
    return json.dumps(record) + "\n"


def test_a_file_name_that_is_not_utf8_is_loaded_and_shown_escaped(tmp_path: Path) -> None:
    shutil.copy(PAGE, os.fsdecode(bytes(tmp_path) + b"/x\xff.html"))
    library = load_library([tmp_path])
    assert library.ids() == [GOOD_ID]
    assert library.get(GOOD_ID).source.path.endswith("/x\\xff.html")  # type: ignore[union-attr]
    assert input_key([tmp_path], "v")  # the store's key hashes the same names


def test_a_latin1_member_name_keeps_the_rest_of_the_archive(tmp_path: Path) -> None:
    archive = tmp_path / "pages.tar"
    with tarfile.open(archive, "w", format=tarfile.USTAR_FORMAT, encoding="latin-1") as tar:
        tar.add(PAGE, arcname="café.html")
        tar.add(RAW / "66BUENOSAIRES2481.html", arcname="second.html")
    library = load_library([archive])
    paths = {cable.ref_id: cable.source.path for cable in library}
    assert paths[GOOD_ID].endswith("pages.tar!caf\\xe9.html")
    assert paths["66BUENOSAIRES2481"].endswith("pages.tar!second.html")
    assert library.report.rejected == []


def test_a_deeply_nested_json_line_is_rejected_alone(tmp_path: Path) -> None:
    (tmp_path / "dump.jsonl").write_text(_jsonl_line() + "[" * 100_000 + "\n" + "{}\n")
    library = load_library([tmp_path])
    reasons = _reasons(library)
    assert reasons["dump.jsonl#line 2"] == "bad JSON line: nested too deeply to read"
    assert reasons["dump.jsonl#line 3"].startswith("bad JSON line: no reference id")
    assert library.ids() == ["04ANKARA348"]


def test_json_ids_of_the_wrong_type_or_shape_are_rejected(tmp_path: Path) -> None:
    bad = [123, True, "9" * 100_000, "../../etc/passwd", "hello @everyone", "᧚᧚ANKARA1"]
    (tmp_path / "ids.jsonl").write_text("".join(_jsonl_line(ref_id) for ref_id in bad))
    library = load_library([tmp_path])
    assert len(library) == 0
    reasons = _reasons(library)
    assert reasons["ids.jsonl#line 1"] == "bad JSON line: the reference id is a JSON int, not text"
    assert reasons["ids.jsonl#line 2"] == "bad JSON line: the reference id is a JSON bool, not text"
    for line in range(3, 7):
        assert "malformed reference id" in reasons[f"ids.jsonl#line {line}"]
    assert max(len(reason) for reason in reasons.values()) < 200  # the 100 KB id is cut


def test_a_row_swallowed_by_an_unclosed_row_is_named(tmp_path: Path) -> None:
    rows = _csv_rows()
    unclosed = rows[0].rstrip()[:-1] + "\\\n"  # the closing quote escaped: the field runs on
    (tmp_path / "cables.csv").write_text(unclosed + rows[1] + rows[2])
    library = load_library([tmp_path])
    reasons = _reasons(library)
    assert reasons["cables.csv#row 1"] == "bad csv record: 15 columns instead of 8"
    assert reasons["cables.csv#row 2"].startswith("unreadable: taken into the unreadable record")
    assert len(library) == 1
    assert library.report.records == 3


def test_a_symlinked_subfolder_is_reported(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(PAGE, elsewhere / PAGE.name)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "linked").symlink_to(elsewhere)
    library = load_library([inputs])
    assert "symbolic link to a directory, not followed" in _reasons(library)["linked"]
    assert library.report.files == 1


def test_a_reason_never_quotes_100kb_of_input(tmp_path: Path) -> None:
    row = _csv_rows()[0]
    (tmp_path / "cables.csv").write_text(row.replace("66BUENOS", "66" + "x" * 100_000, 1))
    [rejection] = load_library([tmp_path]).report.rejected
    assert rejection.reason.startswith("bad csv record: malformed reference id")
    assert len(rejection.reason) < 200


def test_a_csv_field_over_the_record_limit_is_rejected_and_the_next_row_read(
    tmp_path: Path,
) -> None:
    rows = _csv_rows()
    huge = rows[0].replace("\nFM ", "\n" + "A long line of filler text.\n" * 60_000 + "FM ", 1)
    (tmp_path / "cables.csv").write_text(huge + rows[1])
    library = load_library([tmp_path], SMALL)
    reasons = _reasons(library)
    assert "a field is over the record size limit of 1 MB" in reasons["cables.csv#row 1"]
    assert "INPUT_MAX_RECORD_MB" in reasons["cables.csv#row 1"]
    # The rest of the field, read on as records, is skipped up to the next row: one reason.
    assert "do not start like a row" in reasons["cables.csv#after row 1"]
    assert len(library) == 1 and len(reasons) == 2


def test_a_line_over_the_record_limit_stops_the_file_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "dump.jsonl").write_text(_jsonl_line() + "x" * (3 * MB) + "\n")
    library = load_library([tmp_path], SMALL)
    reason = _reasons(library)["dump.jsonl"]
    assert reason.startswith("a line is over the record size limit of 1 MB")
    assert reason.endswith("the rest of the file is not read")
    assert library.ids() == ["04ANKARA348"]


def test_a_whole_file_record_over_the_limit(tmp_path: Path) -> None:
    page = PAGE.read_text("utf-8")
    (tmp_path / "big.html").write_text(page.replace("<pre>", "<pre>" + "filler\n" * 200_000, 1))
    reason = _reasons(load_library([tmp_path], SMALL))["big.html"]
    assert reason.startswith("the file (one site_html record) is over the record size limit")


def test_a_decompression_bomb_stops_at_the_ratio_limit(tmp_path: Path) -> None:
    filler = gzip.compress(b"filler line\n" * (2 * MB))  # 24 MB of text in ~25 KB
    (tmp_path / "bomb.csv.gz").write_bytes(gzip.compress(_csv_rows()[0].encode()) + filler)
    reason = _reasons(load_library([tmp_path]))["bomb.csv.gz"]
    assert "over the decompression-ratio limit (setting INPUT_MAX_RATIO)" in reason


def test_a_file_over_the_file_limit(tmp_path: Path) -> None:
    rows = "".join(_csv_rows())
    copies = (9 * MB) // len(rows) + 1
    (tmp_path / "cables.csv").write_text(rows * copies)
    library = load_library([tmp_path], SMALL)
    assert "over the file size limit of 8 MB" in _reasons(library)["cables.csv"]
    assert len(library) == 36  # the rows read before the limit are kept


def test_a_tar_member_past_a_bomb_is_accounted_for(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        info = tarfile.TarInfo("zeros.html")
        info.size = 40 * MB
        tar.addfile(info, io.BytesIO(b"\n" * info.size))
        tar.add(PAGE, arcname=PAGE.name)
    (tmp_path / "bomb.tar.gz").write_bytes(gzip.compress(buffer.getvalue()))
    reasons = _reasons(load_library([tmp_path]))
    assert "empty file" in reasons["bomb.tar.gz!zeros.html"]
    assert "decompression-ratio limit" in reasons["bomb.tar.gz!(after 1 members)"]


def test_a_flood_of_bad_lines_is_summed_up(tmp_path: Path) -> None:
    (tmp_path / "dump.jsonl").write_text(_jsonl_line() + "{}\n" * 5000)
    library = load_library([tmp_path])
    assert len(library.report.rejected) == 1001
    assert _reasons(library)["dump.jsonl#more"] == (
        "4,000 more records of this file rejected (only the first 1,000 are listed)"
    )
    assert library.ids() == ["04ANKARA348"]
