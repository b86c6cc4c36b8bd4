"""Duplicate copies of one cable: the most authoritative is kept, and the report says why."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.cables.loader import load_library
from tests.loader.conftest import FIXTURES, RAW

FINAL_PAGE = RAW / "72TEHRAN1164.html"
DEC_2010_PAGE = FIXTURES / "alt" / "72TEHRAN1164.site-2010-12.html"
CSV_ROW = RAW / "72TEHRAN1164.csv"


def test_final_2011_page_beats_its_dec_2010_copy_in_either_order() -> None:
    for paths in ([FINAL_PAGE, DEC_2010_PAGE], [DEC_2010_PAGE, FINAL_PAGE]):
        library = load_library(paths)
        cable = library.get("72TEHRAN1164")
        assert cable is not None
        assert cable.source.path == str(FINAL_PAGE)
        assert cable.created == datetime(1972, 2, 25, 9, 30)  # the 2010 page says 09:09
        [dup] = library.report.duplicates
        assert dup.dropped == [str(DEC_2010_PAGE)]
        assert "final 2011 site page is more authoritative" in dup.reason


def test_final_page_and_csv_row_are_on_par_and_the_page_is_kept_consistently() -> None:
    for paths in ([CSV_ROW, FINAL_PAGE, DEC_2010_PAGE], [DEC_2010_PAGE, FINAL_PAGE, CSV_ROW]):
        library = load_library(paths)
        cable = library.get("72TEHRAN1164")
        assert cable is not None and cable.source.path == str(FINAL_PAGE)
        [dup] = library.report.duplicates
        assert sorted(dup.dropped) == sorted([str(DEC_2010_PAGE), f"{CSV_ROW}#row 2"])
        assert "same final release" in dup.reason and "¶ anchors" in dup.reason


def test_csv_row_beats_a_dec_2010_page() -> None:
    library = load_library(
        [FIXTURES / "alt" / "75TEHRAN2069.site-2010-12.html", RAW / "75TEHRAN2069.csv"]
    )
    cable = library.get("75TEHRAN2069")
    assert cable is not None and cable.source.format.value == "cables-csv"
    assert "cables.csv row is more authoritative" in library.report.duplicates[0].reason


def test_dec_2010_page_beats_text_dumps(tmp_path: Path) -> None:
    """The same cable as JSON lines (2010 dump) loses to its 2010 site page."""
    line = next(
        line
        for line in (FIXTURES / "bulk" / "wikileaks-11-28-10.jsonl").read_text("utf-8").splitlines()
        if '"_id" : "72TEHRAN1164"' in line
    )
    dump = tmp_path / "dump.jsonl"
    dump.write_text(line + "\n", "utf-8")
    library = load_library([dump, DEC_2010_PAGE])
    cable = library.get("72TEHRAN1164")
    assert cable is not None and cable.source.path == str(DEC_2010_PAGE)
    assert "JSON-lines record dropped" in library.report.duplicates[0].reason


def test_a_complete_csv_row_beats_a_cut_off_final_page() -> None:
    # The final 2011 pages of these three cables stop at `...`; their csv rows are whole.
    for ref_id, paragraphs in (("73TEHRAN2077", 7), ("73TEHRAN8233", 3), ("7575LIBREVILLE1895", 4)):
        page, row = RAW / f"{ref_id}.html", RAW / f"{ref_id}.csv"
        for paths in ([page, row], [row, page]):
            library = load_library(paths)
            cable = library.get(ref_id)
            assert cable is not None and cable.source.path.startswith(str(row)), ref_id
            assert len(cable.paragraphs) == paragraphs and not cable.body_withheld
            [dup] = library.report.duplicates
            assert dup.dropped == [str(page)]
            assert "final 2011 site page dropped: its body is cut off" in dup.reason
            assert "the cables.csv row is complete" in dup.reason


def test_a_page_cut_mid_word_is_flagged_cut_off() -> None:
    library = load_library([RAW / "73TEHRAN8233.html"])
    cable = library.get("73TEHRAN8233")
    assert cable is not None and cable.body_cut_off and cable.body_withheld
    assert cable.paragraphs[0].text.endswith("I ASKED TO ST...")


def test_a_cable_glued_into_another_page_is_loaded_as_its_own() -> None:
    library = load_library([RAW / "07BERN881.html"])
    assert library.report.records == 2 and library.report.cables == 2
    glued = library.get("07TBILISI2290")
    assert glued is not None and glued.source.glued_to == "07BERN881"
