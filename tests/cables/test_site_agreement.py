"""The 1,295 site pages of the Dec 2010 mirror: our labels against the site's own `¶`
anchors, metadata against each page's table, and no page marker in any paragraph.

Labels are found in the text (most formats carry no anchors), so the same labels must
come out when the anchor markup is removed from the pages.
"""

from __future__ import annotations

import html as html_lib
import re
import time
from collections import Counter

from bot.cables.build import build_cable
from bot.cables.model import Cable
from bot.cables.months import MonthTable
from bot.cables.raw import RawCable
from bot.cables.readers import site_html

_ANCHOR = re.compile(r"<a id='par[^']*' href='#par[^']*'>¶</a>")
_ANCHORED_LINE = re.compile(r"^\s*¶(\d+|[A-Z])\.")
_REF_LINE = re.compile(r"^\s*REF", re.I)
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
_CLASSIFIED_BY = re.compile(r"Classified By", re.I)
_TABLE_CELL = re.compile(r"<td>\s*<a[^>]*>([^<]*)</a>\s*</td>")
_NEW_MARKER = re.compile(r"\b\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\b")
_OLD_MARKER = re.compile(
    r"\bPAGE \d{2,3}\s+(?:[A-Z][A-Z .]*?\s+\d{3,6}\s+\d\d\s+OF\s+\d\d\b|R[A-Z]{4,}\d+\s)"
)
MIN_AGREEMENT = 0.98


def site_anchor_labels(raw: RawCable) -> list[str]:
    """The site's paragraph anchors, without its false ones: 4-digit years and numbers
    (`par2006`, `par1737`) and the lettered bullets of a REF block (`¶B. RABAT 171`):
    lettered anchors after a REF line, before the first numbered anchor, whose text has
    no lower-case word."""
    labels: list[str] = []
    seen_ref = seen_number = False
    for line in raw.body.split("\n"):
        seen_ref = seen_ref or _REF_LINE.match(line) is not None
        m = _ANCHORED_LINE.match(line)
        if m is None:
            continue
        label = m.group(1)
        if label.isdigit():
            if len(label) < 4:
                seen_number = True
                labels.append(label)
            continue
        rest = _CLASSIFIED_BY.split(line[m.end() :])[0]
        if seen_ref and not seen_number and not _LOWER_WORD.search(rest):
            continue
        labels.append(label)
    return labels


def our_labels(cable: Cable) -> list[str]:
    return [p.label for p in cable.paragraphs if p.label is not None]


def test_labels_agree_with_the_site_anchors(
    site_raws: list[RawCable], site_cables: list[Cable]
) -> None:
    anchors = matched = extra = 0
    for raw, cable in zip(site_raws, site_cables, strict=True):
        site, ours = Counter(site_anchor_labels(raw)), Counter(our_labels(cable))
        common = sum(min(n, ours[label]) for label, n in site.items())
        anchors += sum(site.values())
        matched += common
        extra += sum(ours.values()) - common
    agreement = matched / anchors
    print(
        f"\nsite anchors: {anchors:,} on {len(site_raws):,} pages; found {matched:,} "
        f"({agreement:.2%}); labels the site did not anchor (`1.(C)`, `9 (SBU/NF)`, "
        f"`C)`): {extra:,}"
    )
    assert agreement >= MIN_AGREEMENT


def test_labels_do_not_depend_on_the_anchor_markup(
    site_pages: list[tuple[str, str]], site_cables: list[Cable], months: MonthTable
) -> None:
    for (name, page), cable in zip(site_pages, site_cables, strict=True):
        bare = build_cable(next(site_html.read(_ANCHOR.sub("", page), name)), months)
        assert [(p.label, p.text) for p in bare.paragraphs] == [
            (p.label, p.text) for p in cable.paragraphs
        ], name


def test_metadata_equals_the_page_table(
    site_pages: list[tuple[str, str]], site_cables: list[Cable]
) -> None:
    for (name, page), cable in zip(site_pages, site_cables, strict=True):
        table = page[page.index("<table class='cable'>") :]
        ref_id, created, _released, classification, origin = (
            html_lib.unescape(c).strip() for c in _TABLE_CELL.findall(table)[:5]
        )
        assert cable.ref_id == ref_id, name
        assert cable.created is not None
        assert cable.created.strftime("%Y-%m-%d %H:%M") == created, name
        assert (cable.classification, cable.origin) == (classification, origin), name
        assert cable.minutes_unreliable  # a Dec 2010 page: minutes are hour mod 12


def test_no_page_marker_in_any_paragraph(site_cables: list[Cable]) -> None:
    paragraphs = [(c.ref_id, p.text) for c in site_cables for p in c.paragraphs]
    assert len(paragraphs) > 14_000
    for ref_id, text in paragraphs:
        assert not _NEW_MARKER.search(text), ref_id
        assert not _OLD_MARKER.search(text), ref_id


def test_no_section_heading_is_a_page_marker(site_cables: list[Cable]) -> None:
    # 10BEIJING207's second page starts `XXXXXXXXXXXX  002 OF 002`: the station and
    # serial redacted into one run; it is a marker, not the heading of paragraph 4.
    headings = {(c.ref_id, s.heading) for c in site_cables for s in c.sections}
    assert not [h for h in headings if re.search(r"\d{3} OF \d{3}", h[1])]
    beijing = next(c for c in site_cables if c.ref_id == "10BEIJING207")
    industry = "Industry: Interference Common, Paranoia Driving PRC Policy"
    assert [p.section for p in beijing.paragraphs if p.label == "4"] == [industry]


def test_partial_extracts_and_withheld_bodies(site_cables: list[Cable]) -> None:
    partial = {c.ref_id for c in site_cables if c.partial}
    withheld = {c.ref_id for c in site_cables if c.body_withheld}
    assert len(partial) == 92
    assert {"00HARARE6677", "05BRASILIA1207", "06ABUDHABI1401"} <= partial
    assert all(
        c.routing is None or c.routing.fm is None or c.partial
        for c in site_cables
        if c.ref_id in partial
    )
    assert {"09MADRID604", "09BERLIN406", "09DUSHANBE575", "08MOSCOW2700"} <= withheld
    assert len(withheld) == 11
    # Complete cables with a stray `...` fragment after the signer are not withheld.
    by_id = {c.ref_id: c for c in site_cables}
    for ref_id, signer in [("06MANAGUA1002", "TRIVELLI"), ("08BEIJING4687", "Randt")]:
        assert not by_id[ref_id].body_withheld and by_id[ref_id].signer == signer
        assert not by_id[ref_id].paragraphs[-1].text.endswith("...")
    for cable in site_cables:
        assert all("partial extract" not in p.text for p in cable.paragraphs)


def test_a_body_cut_before_any_text_has_no_paragraph(site_cables: list[Cable]) -> None:
    # 06KABUL3934 is cut among its office addressees (`STATE FOR SA/FO`, `NSC FOR
    # AHARRIMAN`), 09LIMA1191 right after `¶1.`: neither keeps a word of the body.
    by_id = {c.ref_id: c for c in site_cables}
    for ref_id in ("06KABUL3934", "09LIMA1191"):
        assert by_id[ref_id].body_withheld and by_id[ref_id].paragraphs == [], ref_id
    # What a cut body does keep is still quoted (08MOSCOW2700 keeps its summary).
    assert by_id["08MOSCOW2700"].body_withheld and len(by_id["08MOSCOW2700"].paragraphs) == 1
    # Every withheld cable's paragraphs hold words, never a bare label or the cut's dots.
    for cable in site_cables:
        if cable.body_withheld:
            assert all(any(ch.isalpha() for ch in p.text) for p in cable.paragraphs), cable.ref_id


def test_every_body_is_kept(site_cables: list[Cable]) -> None:
    """Cables without labels still have paragraphs (label None)."""
    empty = [c.ref_id for c in site_cables if not c.paragraphs and not c.body_withheld]
    assert empty == []


def test_paragraph_keys_are_unique(site_cables: list[Cable]) -> None:
    for cable in site_cables:
        keys = [p.key for p in cable.paragraphs]
        assert len(keys) == len(set(keys)), cable.ref_id
        assert all(cable.paragraph(key) is p for key, p in zip(keys, cable.paragraphs, strict=True))
        sections = [s.key for s in cable.sections]
        assert len(sections) == len(set(sections)), cable.ref_id


def test_builder_speed_is_reported(site_raws: list[RawCable], months: MonthTable) -> None:
    start = time.perf_counter()
    cables = [build_cable(raw, months) for raw in site_raws]
    seconds = time.perf_counter() - start
    rate = len(cables) / seconds
    print(f"\nbuilt {len(cables):,} site pages in {seconds:.2f} s: {rate:,.0f} cables/s")
    assert len(cables) == len(site_raws)
