"""`!cable <id> header`: the routing header and handling markings of cables of every era
and format in the bundled library (1966 to 2010; site pages, cables.csv rows, text dumps)."""

from __future__ import annotations

from collections import Counter

from bot.cables.library import Library
from bot.chat.replies import HeaderReply
from bot.render.terminal import render
from tests.chat.conftest import Ask


def _header(ask: Ask, line: str) -> HeaderReply:
    reply = ask(line)
    assert isinstance(reply, HeaderReply), reply
    return reply


def test_1966_airgram_era_cable_from_the_national_archives(ask: Ask) -> None:
    header = _header(ask, "!cable 66BUENOSAIRES2481 header")
    # `P R 281848Z DEC 66`: PRIORITY to the action addressee, ROUTINE for information.
    assert (header.precedence, header.dtg) == ("PRIORITY", "281848Z DEC 66")
    assert header.fm == "AMEMBASSY BUENOS AIRES"
    assert header.to == ["SECSTATE WASHDC PRIORITY"]
    assert header.info[:2] == ["USCINCSO", "CINCLANT"] and len(header.info) == 11
    assert header.declassify == "DECLASSIFIED BY NARA 09/02/2009"
    assert header.classified_by is None and header.captions == []
    assert header.signer == "SACCIO"


def test_1972_and_1985_cables(ask: Ask) -> None:
    tehran = _header(ask, "!cable 72TEHRAN1164 header")
    assert (tehran.precedence, tehran.dtg, tehran.fm) == (
        "ROUTINE",
        "250930Z FEB 72",
        "AMEMBASSY TEHRAN",
    )
    assert tehran.info == ["SECDEF", "EUCOM", "CSAF"]
    assert tehran.eo == "12958: AS AMENDED; DECLASSIFIED JUNE 21, 2006"
    brunei = _header(ask, "!cable 85BANDARSERIBEGAWAN214 header")  # a cables.csv row
    assert (brunei.classification, brunei.dtg) == ("CONFIDENTIAL", "040620Z MAR 85")
    assert (brunei.eo, brunei.declassify) == ("12356:  DECL:  OADR", "OADR")
    assert brunei.signer == "KING"


def test_2007_cable_with_its_full_routing_block(ask: Ask) -> None:
    header = _header(ask, "!cable 07dushanbe-313 HEADER")
    assert header.transmission_id == "VZCZCXRO3412"
    assert (header.precedence, header.dtg) == ("ROUTINE", "021348Z MAR 07")
    assert header.to == ["RUEHC/SECSTATE WASHDC 9721"]
    assert header.info[-1] == "RUEHDBU/AMEMBASSY DUSHANBE 1338" and len(header.info) == 9
    assert header.eo == "12958: N/A" and header.declassify is None
    assert header.captions == ["SIPDIS", "SENSITIVE BUT UNCLASSIFIED"]
    assert header.signer == "JACOBSON"
    assert {t.tag: t.meaning for t in header.tags}["KCRM"] == ("Criminal activity")


def test_2010_secret_noforn_cable_with_classifier_and_reasons(ask: Ask) -> None:
    header = _header(ask, "!cable 10ABUDHABI33 header")
    assert header.classification == "SECRET//NOFORN"
    assert header.classified_by == "Richard G. Olson, Ambassador"
    assert header.reasons == "1.4(B), (D)"
    assert header.declassify == "2020/01/25"
    assert header.captions == ["SIPDIS", "NOFORN"]
    assert header.to[-1] == "RUEHC/SECSTATE WASHDC 0187"


def test_a_partial_extract_says_what_its_copy_lacks(ask: Ask) -> None:
    header = _header(ask, "!cable 02AMMAN2221 header")  # scraper text, no routing block
    assert header.fm is None and header.to == [] and header.precedence is None
    assert header.captions == ["SIPDIS", "SENSITIVE BUT UNCLASSIFIED"]
    shown = render(header)
    assert "FM:" in shown and "not in this copy" in shown
    assert "Captions:        SIPDIS, SENSITIVE BUT UNCLASSIFIED" in shown


def test_markings_are_read_in_cables_of_every_decade(bundled_library: Library) -> None:
    """Every decade of the bundled library has cables whose E.O. line is read, and the
    classifier's reasons are found wherever a `Classified By` line gives `1.4`/`1.5`."""
    with_eo: Counter[str] = Counter()
    for cable in bundled_library:
        if cable.markings.eo:
            with_eo[cable.ref_id[0]] += 1
        classified = cable.markings.classified_by
        if classified and cable.markings.reasons is None:
            assert "1.4" not in classified and "1.5" not in classified, cable.ref_id
    assert set(with_eo) == {"0", "1", "6", "7", "8", "9"}
    assert sum(with_eo.values()) >= 1300  # of 1,366


def test_header_of_a_cable_without_such_a_section_only(ask: Ask) -> None:
    """`header` is not a paragraph request: other words still read as a section."""
    reply = ask("!cable 07DUSHANBE313 prevention F")
    assert not isinstance(reply, HeaderReply)
