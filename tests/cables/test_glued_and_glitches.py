"""Issue 11 on the real cables: a second cable glued into a site page, and parser
glitches (rules, headings, classification banners, site anchors, restarting runs)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from bot.cables.build import build_cable
from bot.cables.library import Library
from bot.cables.model import Cable
from bot.cables.months import MonthTable
from bot.cables.readers import site_html
from tests.cables.conftest import RAW

_ANCHOR_ID = re.compile(r"id='par([^']+)'")


def _glued_page(months: MonthTable) -> list[Cable]:
    path = RAW / "07BERN881.html"
    return [build_cable(raw, months) for raw in site_html.read(path.read_text("utf-8"), str(path))]


def test_the_cable_glued_after_07bern881_is_split_off(months: MonthTable) -> None:
    bern, tbilisi = _glued_page(months)
    assert bern.ref_id == "07BERN881" and bern.source.glued_to is None
    assert bern.subject == (
        'FM CALMY-REY "TAKES NOTE" OF USG CONCERNS REGARDING IRAN/IAEA AND IRAN/EGL'
    )
    assert [p.label for p in bern.paragraphs] == ["1", "2", "3", "4"]
    headings = ["SUMMARY", "IRAN/IAEA", "IRAN/EGL Gas Deal", "COMMENT"]
    assert [s.heading for s in bern.sections] == headings
    assert bern.summary is not None and bern.summary.text.startswith("Per instructions in reftel A")
    assert bern.signer == "CARTER"
    assert not any("Georgia" in p.text or "TBILISI" in p.text for p in bern.paragraphs)

    assert tbilisi.ref_id == "07TBILISI2290"
    assert tbilisi.source.glued_to == "07BERN881"
    assert tbilisi.source.path.endswith("07BERN881.html#row 2")
    assert tbilisi.created == datetime(2007, 9, 11, 12, 50) and not tbilisi.minutes_unreliable
    assert tbilisi.released is None
    assert tbilisi.classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    assert tbilisi.origin == "Embassy Tbilisi"
    assert tbilisi.subject == "REGIONAL GOVERNORS - WHO ARE THEY?"
    assert tbilisi.tags == []  # the page's TAGS line there is 07BERN881's, rewritten by the site
    assert tbilisi.routing is not None and tbilisi.routing.fm == "AMEMBASSY TBILISI"
    assert tbilisi.summary is not None and tbilisi.summary.text.startswith("Following a series")
    assert [p.label for p in tbilisi.paragraphs if p.label] == [str(n) for n in range(1, 9)]
    assert tbilisi.signer == "TEFFT"
    assert tbilisi.permalink == "https://wikileaks.org/cable/2007/09/07TBILISI2290.html"


def test_spaced_dash_rules_underline_headings(raw_cable: Callable[[str], Cable]) -> None:
    cable = raw_cable("06MANAGUA1002.html")
    thirteen = cable.paragraph("13")
    assert thirteen is not None
    assert thirteen.text.endswith("complaints filed with the CPDH human rights organization.")
    assert not any("- - -" in p.text for p in cable.paragraphs)
    fourteen = cable.paragraph("14")
    assert fourteen is not None
    assert fourteen.section == "Cover-up of Daniel,s Son,s Involvement in Fatal Car Accident"
    # A heading wrapped over two lines above its rule.
    nine = cable.paragraph("9")
    assert nine is not None
    assert nine.section == "Protection and Blackmail of Fellow Alleged Rapist Ricardo Mayorga"


def test_a_rule_on_the_heading_line_is_not_part_of_the_name(site_cables: list[Cable]) -> None:
    [cable] = [c for c in site_cables if c.ref_id == "10BOGOTA243"]
    assert [s.heading for s in cable.sections] == [
        "SUMMARY",
        "INDIGENOUS MAINTAIN MILITARY ERRED",
        "MILITARY SAYS STRIKE HIT OUTSIDE INDIGENOUS TERRITORY",
        "INVESTIGATION TO FOLLOW",
        "GLEANING THE TRUTH",
    ]
    glued_rule = re.compile(r"\s-{3,}$")
    assert not any(glued_rule.search(s.heading) for c in site_cables for s in c.sections)


def test_a_classification_banner_is_no_section(raw_cable: Callable[[str], Cable]) -> None:
    cable = raw_cable("09STATE67105.html")
    assert cable.sections == []
    assert not any("SECRET//FGI//NOFORN" in p.text for p in cable.paragraphs)
    last = cable.paragraphs[-1]
    assert last.label is None and last.text == "Full Appendix with sourcing available upon request."
    sixty_four = cable.paragraph("64")
    assert sixty_four is not None and "Appendix" not in sixty_four.text


def test_every_permalink_anchor_is_on_its_page(
    site_pages: list[tuple[str, str]], site_cables: list[Cable], months: MonthTable
) -> None:
    pages = [(name, html) for name, html in site_pages]
    cables = list(site_cables)
    for path in sorted(RAW.glob("*.html")):
        html = path.read_text("utf-8")
        pages.append((str(path), html))
        cables.append(build_cable(next(site_html.read(html, str(path))), months))
    for (name, html), cable in zip(pages, cables, strict=True):
        ids = set(_ANCHOR_ID.findall(html))
        for p in cable.paragraphs:
            anchor = p.permalink.partition("#par")[2]
            assert not anchor or anchor in ids, (name, p.key)


def test_a_label_after_a_page_marker_on_its_line_has_no_anchor(
    raw_cable: Callable[[str], Cable],
) -> None:
    # `PAGE 03 HARARE 06677 03 OF 03 291401Z 11. (C) COMMENT: ...`: the page has no #par11.
    cable = raw_cable("00HARARE6677.html")
    eleven, twelve = cable.paragraph("11"), cable.paragraph("12")
    assert eleven is not None and twelve is not None
    assert eleven.permalink == cable.permalink and not eleven.anchor_ambiguous
    assert eleven.text.startswith("COMMENT: TSVANGIRAI WAS FRANK")
    assert twelve.permalink == f"{cable.permalink}#par12"


def test_lettered_runs_hang_from_their_numbered_paragraph(
    raw_cable: Callable[[str], Cable],
) -> None:
    # 09STATE80163: A-H under 3, then `15. Collection requirements and tasking` and A-H again.
    cable = raw_cable("09STATE80163.html")
    fifteen = cable.paragraph("15")
    assert fifteen is not None and fifteen.text.startswith("Collection requirements and tasking")
    assert fifteen.permalink.endswith("#par15")
    run = [p.key for p in cable.paragraphs if p.key.startswith("15.")]
    assert run == [f"15.{letter}" for letter in "ABCDEFGH"]
    assert not any("~" in p.key for p in cable.paragraphs)


def test_table_rows_over_a_dash_line_are_not_headings(bundled_library: Library) -> None:
    # 85MOGADISHU1175 (a cables.csv row) prints tables whose rows and footnotes stand over
    # lone `-` lines: `DISCREPANCY - - 1.1`, `FOREIGN GRANTS AND LOANS 13.8 15.7`,
    # `-  (1) REAL PER CAPITA GDP ...`. The cable has no sections.
    cable = bundled_library.get("85MOGADISHU1175")
    assert cable is not None
    assert cable.sections == []
