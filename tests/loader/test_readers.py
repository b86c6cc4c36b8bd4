"""Each format reader on the real files of its format."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from bot.cables.raw import RawCable
from bot.cables.readers import cables_csv, jsonl, pdf_text, scraper_text
from bot.cables.readers.detect import decode
from bot.cables.readers.rejected import RejectedRecord
from tests.loader.conftest import FIXTURES, RAW

HEAD_CSV = FIXTURES / "bulk" / "cables_csv_head_37rows.csv"
JSONL = FIXTURES / "bulk" / "wikileaks-11-28-10.jsonl"


def _one(reader_read: Iterator[RawCable]) -> RawCable:
    [raw] = list(reader_read)
    return raw


def _text(name: str) -> str:
    return decode((RAW / name).read_bytes())


# cables.csv


def _csv_items() -> list[RawCable | RejectedRecord]:
    with HEAD_CSV.open(encoding="utf-8", newline="") as lines:
        return list(cables_csv.stream(lines, str(HEAD_CSV)))


def test_csv_skips_the_stray_quote_line_and_rejects_the_cut_row() -> None:
    items = _csv_items()
    assert HEAD_CSV.read_text("utf-8").startswith('"\n')
    cables = [i for i in items if isinstance(i, RawCable)]
    rejected = [i for i in items if isinstance(i, RejectedRecord)]
    assert len(cables) == 36
    assert cables[0].ref_id == "66BUENOSAIRES2481"
    assert [r.path for r in rejected] == [f"{HEAD_CSV}#row 37"]


def test_csv_columns_escapes_and_exact_minutes() -> None:
    raw = next(i for i in _csv_items() if isinstance(i, RawCable) and i.ref_id == "72TEHRAN1164")
    assert raw.path == f"{HEAD_CSV}#row 2"
    assert raw.created == datetime(1972, 2, 25, 9, 30)
    assert not raw.minutes_unreliable
    assert raw.origin == "Embassy Tehran"
    assert raw.classification == "UNCLASSIFIED"
    assert raw.csv_references == ["72MOSCOW1603", "72TEHRAN1091", "72TEHRAN263"]
    assert raw.header.startswith("R 250930Z FEB 72 \nFM AMEMBASSY TEHRAN")
    assert raw.body.startswith("UNCLASSIFIED SECTION 01 OF 01 TEHRAN 1164")
    assert "SHAH'S INCREASING CONCERN" in raw.body
    assert "\\'" not in raw.body


def test_csv_is_read_one_record_at_a_time() -> None:
    """The reader pulls lines lazily: after the first record most of the file is unread."""
    consumed = 0

    def lines() -> Iterator[str]:
        nonlocal consumed
        with HEAD_CSV.open(encoding="utf-8", newline="") as f:
            for line in f:
                consumed += 1
                yield line

    first = next(cables_csv.stream(lines(), "head.csv"))
    assert isinstance(first, RawCable)
    total = len(HEAD_CSV.read_text("utf-8").splitlines())
    assert consumed < total / 10


def test_csv_part_starting_inside_a_record_reports_the_skipped_tail() -> None:
    """A `split` part that begins in the middle of row 1: its tail is reported, row 2 on load."""
    text = HEAD_CSV.read_text("utf-8")
    part = text[text.index('"2","2/25/1972') - 300 :]
    assert cables_csv.sniff(part[:5000])
    items = list(cables_csv.stream(part.splitlines(keepends=True), "part.csv"))
    assert isinstance(items[0], RejectedRecord) and items[0].path == "part.csv#start"
    assert "starts inside a record" in items[0].reason
    assert isinstance(items[1], RawCable) and items[1].ref_id == "72TEHRAN1164"


def test_csv_record_with_too_few_columns_is_rejected_and_reading_goes_on() -> None:
    text = '"1","1/2/1985 10:00","85X1","Embassy X","SECRET"\n' + (
        RAW / "85BEIRUT992.csv"
    ).read_text("utf-8")
    items = list(cables_csv.stream(text.splitlines(keepends=True), "mixed.csv"))
    assert isinstance(items[0], RejectedRecord)
    assert "5 columns instead of 8" in items[0].reason
    assert isinstance(items[1], RawCable) and items[1].ref_id == "85BEIRUT992"


# alx scraper text


def test_scraper_splits_the_glued_header_and_body_at_the_banner() -> None:
    raw = _one(scraper_text.read(_text("07DUSHANBE314.txt"), "07DUSHANBE314.txt"))
    assert raw.ref_id == "07DUSHANBE314"
    assert raw.header.startswith("VZCZCXRO4725")
    assert raw.header.endswith("RUEHDBU/AMEMBASSY DUSHANBE 1346")
    assert raw.body.startswith("UNCLAS SECTION 01 OF 02 DUSHANBE 000314")
    assert raw.title == "FEBRUARY 2007 BORDER WRAP-UP REPORT"
    assert raw.created == datetime(2007, 3, 5, 4, 46)  # date line + same-day DTG time
    assert (raw.classification, raw.origin) == ("UNCLASSIFIED", "Embassy Dushanbe")


def test_scraper_misc_wrapper_does_not_leak_into_the_body() -> None:
    raw = _one(scraper_text.read(_text("07HAVANA258.txt"), "07HAVANA258.txt"))
    assert raw.body.startswith("C O N F I D E N T I A L SECTION 01 OF 02 HAVANA 000258")
    for wrapper in ("CLASSIFICATION:", "MISC:", "DESTINATION:", "VZCZC"):
        assert wrapper not in raw.body
    assert raw.header.endswith("COMNAVBASE GUANTANAMO BAY CU")


def test_scraper_database_record_wrapper() -> None:
    raw = _one(scraper_text.read(_text("02BOGOTA1025.txt"), "02BOGOTA1025.txt"))
    assert raw.created == datetime(2002, 2, 4, 11, 52)
    assert raw.csv_references == ["02BOGOTA879", "02BOGOTA918"]
    assert raw.header.startswith("P 041152Z FEB 02")
    assert raw.body.startswith("C O N F I D E N T I A L SECTION 01 OF 02 BOGOTA 001025")
    assert raw.body.rstrip().endswith("PATTERSON")
    for wrapper in ("header ends", "CABLE ENDS", "refid:", "destination:"):
        assert wrapper not in raw.body


def test_scraper_media_partner_text() -> None:
    raw = _one(scraper_text.read(_text("07BANDARSERIBEGAWAN112.txt"), "x.txt"))
    assert raw.header.endswith("RUEHUNV/USMISSION UNVIE VIENNA 0007")
    assert raw.body.startswith("C O N F I D E N T I A L BANDAR SERI BEGAWAN 000112")
    assert "Thursday, 29 March 2007" not in raw.body


def test_scraper_partial_extract_notice_stays_in_the_header() -> None:
    raw = _one(scraper_text.read(_text("00KINSHASA8651.txt"), "x.txt"))
    assert "partial extract" in raw.header
    assert raw.body.startswith("UNCLAS KINSHASA 008651")
    assert raw.minutes_unreliable  # no routing header, so no DTG time


# Tika text of the PDFs


def test_pdf_text_recovers_the_metadata_from_the_telegram() -> None:
    data = (RAW / "06NEWDELHI5238.txt").read_bytes()
    assert b"\xb6" in data and b"\r\n" in data  # cp1252 pilcrows, CRLF
    raw = _one(pdf_text.read(decode(data), "06NEWDELHI5238.txt"))
    assert raw.ref_id == "06NEWDELHI5238"
    assert raw.created == datetime(2006, 7, 26, 8, 43)
    assert raw.classification == "CONFIDENTIAL"
    assert raw.origin == "Embassy New Delhi"
    assert raw.header.startswith("VZCZCXRO1359")
    assert raw.body.startswith("CONFIDENTIAL NEW DELHI 005238")
    assert "¶1." in raw.body and "\r" not in raw.body


def test_pdf_text_mission_origins_and_caption_classifications() -> None:
    unvie = _one(pdf_text.read(_text("09UNVIEVIENNA279.txt"), "a"))
    assert (unvie.ref_id, unvie.origin) == ("09UNVIEVIENNA279", "UNVIE")
    assert unvie.classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"  # SENSITIVE caption
    secret = _one(pdf_text.read(_text("09UNVIEVIENNA289.txt"), "b"))
    assert secret.classification == "SECRET//NOFORN"
    useu = _one(pdf_text.read(_text("09USEUBRUSSELS1177.txt"), "c"))  # starts at INFO LOG-00
    assert (useu.ref_id, useu.origin) == ("09USEUBRUSSELS1177", "USEU Brussels")


def test_pdf_text_gives_the_wikileaks_spelling_of_a_malformed_id() -> None:
    """The scraper's copy without its 5 metadata lines is a bare telegram text."""
    telegram = _text("07EFTORABAT521.txt").split("\n", 5)[5]
    raw = _one(pdf_text.read(telegram, "rabat.txt"))
    assert raw.ref_id == "07EFTORABAT521"
    assert raw.classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"  # E F T O, as the site


def test_pdf_text_origin_names() -> None:
    assert pdf_text.origin_name("AMEMBASSY BANDAR SERI BEGAWAN") == "Embassy Bandar Seri Begawan"
    assert pdf_text.origin_name("AMCONSUL RIO DE JANEIRO") == "Consulate Rio De Janeiro"
    assert pdf_text.origin_name("USMISSION USNATO") == "Mission USNATO"
    assert pdf_text.origin_name("SECSTATE WASHDC") == "Secretary of State"


def test_pdf_text_without_a_cablegate_id_is_refused() -> None:
    text = _text("06NEWDELHI5238.txt").replace("NEW DELHI 005238", "NEW DELHI 995238")
    text = text.replace("#5238", "#9952")
    try:
        list(pdf_text.read(text, "x"))
    except ValueError as error:
        assert "no Cablegate id" in str(error)
    else:
        raise AssertionError("an id that is not in Cablegate was accepted")


# mongoexport JSON lines


def _jsonl() -> list[RawCable]:
    return list(jsonl.read(JSONL.read_text("utf-8"), str(JSONL)))


def test_jsonl_line_breaks_are_restored_for_the_structure_parser() -> None:
    cables = {raw.ref_id: raw for raw in _jsonl()}
    assert len(cables) >= 216
    ankara = cables["04ANKARA348"]
    lines = ankara.body.splitlines()
    assert lines[0] == "C o n f i d e n t i a l section 01 of 04 ankara 000348"
    assert "Tags: prel, pgov, pins, tu" in lines
    assert any(line.startswith("Subject: turkish p.m. Erdogan") for line in lines)
    assert "\n\n¶1. (C) Summary:" in ankara.body
    assert "\n\n¶2. (C)" in ankara.body
    assert ankara.minutes_unreliable


def test_jsonl_ref_bullets_and_routing_header() -> None:
    raw = next(r for r in _jsonl() if r.ref_id == "05ANKARA1730")
    assert "\nREF: A. ANKARA 1074\n¶B. ANKARA 1231\n" in raw.body
    routed = next(r for r in _jsonl() if r.header.startswith("VZCZC"))
    header = routed.header.splitlines()
    assert header[0].startswith("VZCZC") and len(header[0]) == 12
    assert any(line.startswith("FM ") for line in header)
    assert any(line.startswith("DE R") for line in header)


def test_jsonl_bad_line_is_rejected_with_its_line_number() -> None:
    lines = [*JSONL.read_text("utf-8").splitlines(keepends=True)[:2], '{"_id": ""}\n', "not json\n"]
    items = list(jsonl.stream(lines, "dump.jsonl"))
    assert [type(i) for i in items] == [RawCable, RawCable, RejectedRecord, RejectedRecord]
    assert items[2].path == "dump.jsonl#line 3"
    assert items[3].path == "dump.jsonl#line 4"
