"""The rendered site page text reader (seeds/07DUSHANBE313.txt layout)."""

from __future__ import annotations

import pytest

from bot.cables.readers import site_html, site_text

from .conftest import RAW, SEEDS

SEED_TEXT = (SEEDS / "07DUSHANBE313.txt").read_text("utf-8")
VALUES = (
    "07DUSHANBE313 2007-03-02 13:48 2011-08-26 00:00 "
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY Embassy Dushanbe"
)


def test_sniff_tells_page_text_from_html() -> None:
    assert site_text.sniff(SEED_TEXT[:65536])
    page = (RAW / "08REYKJAVIK195.html").read_text("utf-8")
    assert not site_text.sniff(page[:65536]) and site_html.sniff(page[:65536])


def test_header_and_body_split_at_the_banner() -> None:
    raw = next(site_text.read(SEED_TEXT, "seed"))
    assert raw.header.startswith("VZCZCXRO3412\n")
    assert raw.header.rstrip().endswith("RUEHDBU/AMEMBASSY DUSHANBE 1338")
    assert raw.body.startswith("UNCLAS SECTION 01 OF 08 DUSHANBE 000313")
    assert raw.body.rstrip().endswith("JACOBSON")
    assert raw.title == "TAJIKISTAN'S 2006-2007 TRAFFICKING IN PERSONS REPORT"
    assert "Browse by tag" not in raw.header + raw.body


@pytest.mark.parametrize(
    ("classification", "origin"),
    [
        ("SECRET//NOFORN", "US Interests Section Havana"),
        ("CONFIDENTIAL", "American Institute Taiwan, Taipei"),
        ("UNCLASSIFIED", "Iran RPO Dubai"),
    ],
)
def test_origin_is_what_follows_the_closed_classification_list(
    classification: str, origin: str
) -> None:
    values = VALUES.replace(
        "UNCLASSIFIED//FOR OFFICIAL USE ONLY Embassy Dushanbe", f"{classification} {origin}"
    )
    raw = next(site_text.read(SEED_TEXT.replace(VALUES, values), "variant"))
    assert (raw.classification, raw.origin) == (classification, origin)


def test_bad_input_gets_a_clear_error() -> None:
    with pytest.raises(ValueError, match="not a cable page text"):
        next(site_text.read("Keep Us Strong WikiLeaks logo\nnothing else", "junk.txt"))
    broken = SEED_TEXT.replace(VALUES, "07DUSHANBE313 yesterday")
    with pytest.raises(ValueError, match="metadata values line"):
        next(site_text.read(broken, "broken.txt"))
