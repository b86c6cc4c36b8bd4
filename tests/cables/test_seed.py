"""The seed cable (seeds/07DUSHANBE313.txt, rendered site text) parses exactly."""

from __future__ import annotations

from datetime import datetime

from bot.cables.model import Cable, SiteGeneration, SourceFormat


def test_metadata(seed: Cable) -> None:
    assert seed.ref_id == "07DUSHANBE313"
    assert seed.created == datetime(2007, 3, 2, 13, 48)
    assert seed.released is not None and seed.released.date().isoformat() == "2011-08-26"
    assert not seed.minutes_unreliable
    assert seed.classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    assert seed.origin == "Embassy Dushanbe"
    assert seed.source.format is SourceFormat.SITE_TEXT
    assert seed.source.generation is SiteGeneration.FINAL_2011
    assert seed.subject == "TAJIKISTAN'S 2006-2007 TRAFFICKING IN PERSONS REPORT"
    tags = ["KCRM", "PHUM", "KWMN", "SMIG", "KFRD", "ASEC", "PREF", "ELAB", "PGOV", "TI"]
    assert seed.tags == tags
    assert seed.signer == "JACOBSON"
    assert not seed.partial and not seed.body_withheld


def test_references_dated_from_serial_ranges(seed: Cable) -> None:
    # STATE had issued at most 40,909 serials by March 2007: 202745 is from 2006.
    [ref] = seed.references
    assert (ref.ref_id, ref.as_written, ref.year_inferred) == (
        "06STATE202745",
        "STATE 202745",
        True,
    )
    assert not ref.in_cablegate


def test_routing_header(seed: Cable) -> None:
    routing = seed.routing
    assert routing is not None
    assert routing.transmission_id == "VZCZCXRO3412"
    assert routing.station == "RUEHDBU"
    assert (routing.precedence, routing.dtg) == ("ROUTINE", "021348Z MAR 07")
    assert routing.fm == "AMEMBASSY DUSHANBE"
    assert routing.to == ["RUEHC/SECSTATE WASHDC 9721"]
    assert routing.info[0] == "RUCNCIS/CIS COLLECTIVE" and len(routing.info) == 9


def test_sections_restart_their_letters(seed: Cable) -> None:
    assert [s.heading for s in seed.sections] == [
        "OVERVIEW",
        "PREVENTION",
        "INVESTIGATION AND PROSECUTION OF TRAFFICKERS",
        "PROTECTION AND ASSISTANCE TO VICTIMS",
    ]
    letters = [[seed.paragraphs[i].label for i in s.paragraphs] for s in seed.sections]
    assert letters == [list("ABCD"), list("ABCDEFGH"), list("ABCDEFGHIJKLMNO"), list("ABCDEFGHI")]


def test_numbered_paragraphs_sit_outside_the_sections(seed: Cable) -> None:
    numbered = [(p.label, p.section) for p in seed.paragraphs if p.label and p.label.isdigit()]
    assert numbered == [("1", None), ("2", None), ("3", None)]
    assert seed.paragraphs[0].label == "1"
    assert [p.label for p in seed.paragraphs[-2:]] == ["2", "3"]


def test_paragraph_reads_across_the_page_break(seed: Cable) -> None:
    overview_c = seed.paragraph("OVERVIEW.C")
    assert overview_c is not None
    assert overview_c.text.startswith(
        "The inter-agency commission and the International Organization for Migration "
        "continue to point out that"
    )
    assert "OF 008" not in overview_c.text and "00000313" not in overview_c.text
    assert all("00000313" not in p.text for p in seed.paragraphs)


def test_continuation_blocks_stay_with_their_paragraph(seed: Cable) -> None:
    overview_b = seed.paragraph("OVERVIEW.B")
    assert overview_b is not None
    assert "The typical trafficker is a middle-aged woman." in " ".join(overview_b.text.split())
    assert overview_b.text.count("\n\n") == 3  # four blocks
    last = seed.paragraphs[-1]
    assert last.label == "3" and last.text.endswith("Total: 15 hours")
    assert "JACOBSON" not in last.text


def test_permalinks_and_locators(seed: Cable) -> None:
    base = "https://wikileaks.org/cable/2007/03/07DUSHANBE313.html"
    assert seed.permalink == base
    assert seed.plusd_link == "https://wikileaks.org/plusd/cables/07DUSHANBE313_a.html"
    first = seed.paragraphs[0]
    assert (first.locator, first.permalink, first.anchor_ambiguous) == (
        "07DUSHANBE313 ¶1",
        f"{base}#par1",
        False,
    )
    overview_a, prevention_f = seed.paragraph("OVERVIEW.A"), seed.paragraph("prevention.f")
    assert overview_a is not None and prevention_f is not None
    # The site's #parA jumps to the first A: only OVERVIEW.A may use it, and its link
    # is exact; a later F links to the page and is flagged.
    assert overview_a.permalink == f"{base}#parA" and not overview_a.anchor_ambiguous
    assert prevention_f.locator == "07DUSHANBE313 ¶PREVENTION.F"
    assert prevention_f.permalink == f"{base}#parF" and not prevention_f.anchor_ambiguous
    protection_f = seed.paragraph("PROTECTION.F")
    assert protection_f is not None and protection_f.permalink == base
    assert protection_f.anchor_ambiguous
    only_once = seed.paragraph("INVESTIGATION.J")
    assert only_once is not None and only_once.permalink == f"{base}#parJ"
    assert not only_once.anchor_ambiguous
    assert [s.key for s in seed.sections] == [
        "OVERVIEW",
        "PREVENTION",
        "INVESTIGATION",
        "PROTECTION",
    ]


def test_sentence_spacing_is_not_a_table_column(seed: Cable) -> None:
    # "repatriate victims.   The interagency ..." is prose: it unwraps like its neighbours.
    last_block = seed.paragraph("PROTECTION.G").text.split("\n\n")[-1]
    assert "\n" not in last_block
    assert "Emirates to repatriate victims." in last_block
