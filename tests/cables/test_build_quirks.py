"""One regression test per quirk of CABLES.md section 7, on the real cables in seeds/raw."""

from __future__ import annotations

from collections.abc import Callable

from bot.cables.build import build_cable
from bot.cables.model import Cable
from bot.cables.readers import jsonl

from .conftest import REPO

Build = Callable[[str], Cable]
PAGE = "https://wikileaks.org/cable"


def labels(cable: Cable) -> list[str | None]:
    return [p.label for p in cable.paragraphs]


def test_marking_glued_to_the_number(raw_cable: Build) -> None:
    # 07BAGHDAD3895 `1.(C) UK Ambassador ...`: labelled, but the site gave no anchor.
    cable = raw_cable("07BAGHDAD3895.html")
    assert labels(cable)[:4] == ["1", "2", "3", "4"]
    first = cable.paragraphs[0]
    assert first.marking == "(C)" and first.text.startswith("UK Ambassador to Tehran")
    assert first.permalink == f"{PAGE}/2007/11/07BAGHDAD3895.html"


def test_number_without_period_and_compound_marking(raw_cable: Build) -> None:
    # 07EFTORABAT521 `9 (SBU/NF) Comment: ...`; the id keeps the WikiLeaks spelling.
    cable = raw_cable("07EFTORABAT521.txt")
    assert cable.canonical_id == "07RABAT521"
    nine = cable.paragraph("9")
    assert nine is not None and nine.marking == "(SBU/NF)"
    assert nine.permalink == f"{PAGE}/2007/03/07EFTORABAT521.html"
    assert nine.text.startswith("Comment:")
    assert cable.paragraphs[0].permalink == f"{PAGE}/2007/03/07EFTORABAT521.html#par1"


def test_rel_marking(raw_cable: Build) -> None:
    cable = raw_cable("10USNATO35.html")
    assert cable.paragraphs[0].marking == "(S/REL NATO)"


def test_two_spaces_before_the_marking(raw_cable: Build) -> None:
    # 08REYKJAVIK195 `¶6.  (U) The lawyer ...`
    six = raw_cable("08REYKJAVIK195.html").paragraph("6")
    assert six is not None and six.marking == "(U)" and six.text.startswith("The lawyer")


def test_lettered_paragraphs_with_parenthesis(raw_cable: Build) -> None:
    # 01HAVANA4690: `C)` .. `M)` keyed to a questionnaire; `(REF\nB)` is a citation.
    cable = raw_cable("01HAVANA4690.txt")
    assert labels(cable) == [None, *"CDEFGHIJKLM"]
    assert "(REF B)  THIS WAS FOLLOWED" in cable.paragraph("F").text  # type: ignore[union-attr]
    assert all(p.permalink.endswith("01HAVANA4690.html") for p in cable.paragraphs)


def test_year_at_a_line_start_is_no_label(raw_cable: Build) -> None:
    # 06VIENNA515 wraps `... as of early\n2003. PVOE --`; the site anchored it as par2003.
    cable = raw_cable("06VIENNA515.html")
    assert all(p.label is None or len(p.label) < 4 for p in cable.paragraphs)
    assert any("as of early 2003. PVOE" in p.text for p in cable.paragraphs)


def test_marking_without_number(raw_cable: Build) -> None:
    # 08KUALALUMPUR317: one unnumbered paragraph ` (SBU) Poloff delivered ...`
    cable = raw_cable("08KUALALUMPUR317.html")
    [only] = cable.paragraphs
    assert (only.label, only.marking, only.key) == (None, "(SBU)", "p1")
    assert only.text.startswith("Poloff delivered reftel demarche")
    assert only.locator == "08KUALALUMPUR317 ¶p1"
    assert cable.signer == "KEITH"
    assert [r.ref_id for r in cable.references] == ["08STATE40380"]


def test_cable_without_labels_keeps_its_body(raw_cable: Build) -> None:
    cable = raw_cable("09ANKARA1594.html")
    assert len(cable.paragraphs) > 10 and all(p.label is None for p in cable.paragraphs)
    assert cable.paragraphs[0].text.startswith("Media Highlights:")
    assert [p.key for p in cable.paragraphs[:3]] == ["p1", "p2", "p3"]


def test_dashed_headings_and_comment_section(raw_cable: Build) -> None:
    cable = raw_cable("02BOGOTA1025.txt")
    assert [s.heading for s in cable.sections] == [
        "ATTACKS CONTINUE",
        "NEW SECURITY MEASURES",
        "GROWING PROTESTS",
        "MILITARY DEPLOYMENTS",
        "COMMENT",
    ]
    assert cable.paragraph("7").section == "COMMENT"  # type: ignore[union-attr]
    assert [c.label for c in cable.comments] == ["7"]
    assert cable.paragraphs[1].locator == "02BOGOTA1025 ¶2"  # no section key when unique


def test_old_style_page_markers_glued_to_text(raw_cable: Build) -> None:
    # 00HARARE6677: ` CONFIDENTIAL` / `PAGE 04 HARARE 06677 01 OF 03 291400Z` inside ¶4,
    # sections 02 and 03 repeat the routing and header lines, ¶11 follows a marker.
    cable = raw_cable("00HARARE6677.html")
    assert cable.subject == "ASSISTANT SECRETARY MEETS WITH ZIMBABWE OPPOSITION LEADER"
    assert labels(cable) == [str(n) for n in range(1, 13)]
    four = cable.paragraph("4")
    assert four is not None and "ESSENTIALLY, A COALITION GOVERNMENT." in four.text
    assert "SCENARIOS UNDER WHICH" in cable.paragraphs[0].text  # `SIPDIS ` prefix dropped
    text = "\n".join(p.text for p in cable.paragraphs)
    for junk in ("PAGE 0", "PTQ18", "ACTION AF-00", "NSC FOR SENIOR", "OPPOSITION LEADER\n"):
        assert junk not in text
    assert cable.sections[0].heading == "TSVANGIRAI LOOKS INTO THE CRYSTAL BALL"
    assert cable.signer == "MCDONALD"


def test_old_style_markers_between_classification_lines(raw_cable: Build) -> None:
    # 90CAPETOWN97: `THE` / `CONFIDENTIAL` / `CONFIDENTIAL` / `PAGE 02 CAPE T 00097 ...`
    cable = raw_cable("90CAPETOWN97.html")
    two = cable.paragraph("2")
    assert two is not None
    assert "AND THE RELEASE OF SEVERAL POLITICAL PRISONERS" in two.text
    assert labels(cable)[:3] == ["1", "2", "3"]
    assert not any("CONFIDENTIAL\n" in p.text or "FM AMCONSUL" in p.text for p in cable.paragraphs)
    assert cable.summary is not None and cable.summary.section == "SUMMARY"


def test_transmission_page_header_and_singular_tag(site_cables: list[Cable]) -> None:
    by_id = {c.ref_id: c for c in site_cables}
    # 07PARIS2440: `PAGE 02 RUEHFRA2440 C O N F I D E N T I A L PARIS 002440` mid-paragraph
    paris = by_id["07PARIS2440"].paragraphs[0]
    assert "FOR THE PERSIAN GULF, SHARED HIS VIEWS" in paris.text
    # 09DOHA214: `TAG: PTER, PREL, ...` and `DOHA 152 (08)`
    doha = by_id["09DOHA214"]
    assert doha.tags[:3] == ["PTER", "PREL", "PGOV"]
    assert "08DOHA152" in {r.ref_id for r in doha.references}
    assert all("Classified By" not in p.text for p in doha.paragraphs)


def test_glued_and_split_header_fields(site_cables: list[Cable]) -> None:
    by_id = {c.ref_id: c for c in site_cables}
    # 09SAOPAULO660: `E.O. 12958: N/A TAGS: PGOV PINR ...` on one line
    assert by_id["09SAOPAULO660"].tags[:2] == ["PGOV", "PINR"]
    # 09LONDON1946: the subject continues after a blank line, before `REF:`
    london = by_id["09LONDON1946"]
    assert london.subject.endswith("SESSION AS DEBATE OVER MEGRAHI DECISION REACHES FEVER PITCH")
    assert london.paragraphs[0].label == "1"
    # 05ANKARA1730: `(U) Classified by ...` after the REF bullets
    assert by_id["05ANKARA1730"].paragraphs[0].label == "1"


def test_new_style_marker_inside_a_paragraph(raw_cable: Build) -> None:
    # 10DUSHANBE173: unwrapped paragraphs, markers with no blank lines around them.
    cable = raw_cable("10DUSHANBE173.txt")
    assert all("OF 005" not in p.text for p in cable.paragraphs)
    assert cable.subject.startswith("CORRECTED COPY - TAJIKISTAN SCENESETTER")
    assert cable.sections[0].heading == "A DIFFICULT NEIGHBORHOOD"


def test_begin_summary(raw_cable: Build) -> None:
    cable = raw_cable("72TEHRAN1164.html")
    assert cable.summary is not None
    assert cable.summary.text.startswith("GENERAL AZIMI, MINISTER OF WAR")
    assert cable.summary.text.endswith("MOST DEPENDABLE FRIEND.")
    assert cable.paragraphs[0].text == "COUNTRY TEAM. MESSAGE"  # body before ¶1 is kept


def test_summary_and_comment_heading_form(raw_cable: Build) -> None:
    cable = raw_cable("08TBILISI1343.html")
    assert cable.summary is not None and cable.summary.text.startswith("Multiple bases")


def test_end_summary_without_start(raw_cable: Build) -> None:
    cable = raw_cable("07BAGHDAD3895.html")
    assert cable.summary is not None and cable.summary.label == "1"
    assert cable.summary.text.startswith("UK Ambassador to Tehran Geoffrey Adams")


def test_comment_forms(raw_cable: Build) -> None:
    reykjavik = raw_cable("08REYKJAVIK195.html")
    [comment] = reykjavik.comments
    assert comment.label == "8" and comment.text.startswith("FM Gisladottir's decision")
    assert comment.text.endswith("operational value of Iceland's support to ISAF.")
    havana = raw_cable("07HAVANA258.txt")
    kinds = [(c.kind, c.label) for c in havana.comments]
    assert ("note", "4") in kinds and ("comment", "7") in kinds
    health = [c for c in havana.comments if c.text.startswith("Simple diverticulitis")]
    assert health and health[0].kind == "comment"  # `(Health Unit Comment: ... End Comment.)`


def test_redactions_are_kept(raw_cable: Build) -> None:
    cable = raw_cable("07HAVANA258.txt")
    assert cable.summary is not None and cable.summary.text.startswith("XXXXXXXXXXXX passed us")
    assert sum(p.text.count("XXXXXXXXXXXX") for p in cable.paragraphs) >= 5


def test_subject_marking_stripped_and_withheld_body(raw_cable: Build) -> None:
    cable = raw_cable("09BERLIN406.html")
    assert cable.subject == "GERMANY TAKING ACTION ON SHIPMENT OF ..."
    assert cable.body_withheld and cable.paragraphs == []


def test_multi_line_subject(raw_cable: Build) -> None:
    cable = raw_cable("08REYKJAVIK195.html")
    assert cable.subject == (
        "ICELAND: PEACEKEEPING TAKES ON A MORE CIVILIAN LOOK AFTER "
        'REPORT ON 2004 "CHICKEN STREET INCIDENT"'
    )
    assert cable.signer == "VAN VOORST"


def test_signer_after_end_comment_and_dump_line_ends(raw_cable: Build) -> None:
    assert raw_cable("09ROME1187.html").signer == "THORNE"  # `... END COMMENT THORNE`
    # cablemap's 07BERN881 page ends every line with a backslash
    bern = raw_cable("07BERN881.html")
    assert bern.paragraphs and not any(
        "\\\n" in p.text or p.text.endswith("\\") for p in bern.paragraphs
    )


def test_media_partner_text(raw_cable: Build) -> None:
    # `TAGS` without colon, `EO 12958 DECL:`, signer glued to the last sentence.
    cable = raw_cable("07BANDARSERIBEGAWAN112.txt")
    assert cable.tags[:3] == ["AORC", "BX", "EFIN"]
    assert cable.signer == "SKODON"
    assert not cable.paragraphs[-1].text.endswith("SKODON")
    assert labels(cable)[:3] == ["1", "2", "3"]


def test_partial_extract(raw_cable: Build) -> None:
    cable = raw_cable("05BRASILIA1207.html")
    assert cable.partial
    assert cable.paragraphs and "partial extract" not in cable.paragraphs[0].text


def test_repeated_number_is_ambiguous(raw_cable: Build) -> None:
    # 79TEHRAN8980 numbers two paragraphs `6.`: only the first takes #par6.
    cable = raw_cable("79TEHRAN8980.html")
    sixes = [p for p in cable.paragraphs if p.label == "6"]
    assert len(sixes) == 2 and [p.anchor_ambiguous for p in sixes] == [False, True]
    assert sixes[0].permalink.endswith("#par6") and "#" not in sixes[1].permalink
    assert [p.key for p in sixes] == ["6", "6~2"]


def test_site_anchor_on_a_wrapped_number_is_not_the_paragraphs(site_cables: list[Cable]) -> None:
    # 09BUENOSAIRES1235 wraps a `12.` to a line start before paragraph 12: the site's
    # #par12 jumps there, so paragraph 12 links to the page and is flagged.
    cable = next(c for c in site_cables if c.ref_id == "09BUENOSAIRES1235")
    twelve = cable.paragraph("12")
    assert twelve is not None and twelve.anchor_ambiguous
    assert twelve.permalink == cable.permalink
    assert cable.paragraph("11").permalink.endswith("#par11")  # type: ignore[union-attr]


def test_section_keys(site_cables: list[Cable]) -> None:
    by_id = {c.ref_id: c for c in site_cables}
    # 06MOSCOW12751 prints `MAKE PUTIN STAY` twice; 09STATE120288 has `THE ...` headings
    assert [s.key for s in by_id["06MOSCOW12751"].sections][:3] == [
        "MAKE-PUTIN-STAY",
        "MAKE-PUTIN-PLAY",
        "MAKE-PUTIN-STAY-2",
    ]
    assert "THE" not in [s.key for s in by_id["09STATE120288"].sections]


def test_first_paragraph_glued_to_classified_by_in_a_newline_stripped_export() -> None:
    # wikileaks-11-28-10.jsonl 06ANKARA4688: `Classified By: ... 1.4 (b), (d)  1.(C)  The ...`
    path = REPO / "tests/fixtures/bulk/wikileaks-11-28-10.jsonl"
    raw = next(
        r for r in jsonl.read(path.read_text("utf-8"), str(path)) if r.ref_id == "06ANKARA4688"
    )
    cable = build_cable(raw)
    assert labels(cable)[:2] == ["1", "2"]
    assert cable.paragraphs[0].text.startswith("The long-standing split")
