"""`!cable` on real cables of several eras: cards, numbered paragraphs, ranges, permalinks."""

from __future__ import annotations

import json

from bot.chat.replies import REPLY_ADAPTER, CableCard, ErrorReply, ParagraphsReply
from bot.chat.state import AppState
from bot.render.wording import card_flags
from config.settings import Settings
from handlers.dispatch import dispatch
from tests.chat.conftest import Ask


def _card(ask: Ask, line: str) -> CableCard:
    reply = ask(line)
    assert isinstance(reply, CableCard), reply
    return reply


def _paragraphs(ask: Ask, line: str) -> ParagraphsReply:
    reply = ask(line)
    assert isinstance(reply, ParagraphsReply), reply
    return reply


def test_card_of_a_2008_cable(ask: Ask) -> None:
    card = _card(ask, "!cable 08REYKJAVIK195")
    assert card.subject.startswith("ICELAND: PEACEKEEPING TAKES ON A MORE CIVILIAN LOOK")
    assert (card.classification, card.origin) == ("CONFIDENTIAL", "Embassy Reykjavik")
    assert card.created is not None and card.created.isoformat() == "2008-09-09T17:05:00"
    # Released in January 2011, on the old site whose minutes are unreliable.
    assert card.minutes_unreliable
    meanings = {tag.tag: tag.meaning for tag in card.tags}
    assert meanings["IC"] == "Iceland"
    assert meanings["KPKO"] == "Peacekeeping operations"
    assert card.permalink == "https://wikileaks.org/cable/2008/09/08REYKJAVIK195.html"
    assert card.plusd_link == "https://wikileaks.org/plusd/cables/08REYKJAVIK195_a.html"


def test_card_json_contract(ask: Ask) -> None:
    data = json.loads(ask("!cable 66BUENOSAIRES2481").model_dump_json())
    assert data["kind"] == "cable"
    for key in ("ref_id", "subject", "created", "released", "classification", "origin"):
        assert key in data
    for key in ("tags", "references", "sections", "permalink"):
        assert key in data
    assert data["ref_id"] == "66BUENOSAIRES2481"
    assert data["created"].startswith("1966-12-28")
    assert {"tag": "AR", "meaning": "Argentina"} in data["tags"]
    assert data["permalink"] == "https://wikileaks.org/cable/1966/12/66BUENOSAIRES2481.html"
    assert REPLY_ADAPTER.validate_json(json.dumps(data)) == ask("!cable 66BUENOSAIRES2481")


def test_ids_tolerate_case_spaces_dashes_and_links(ask: Ask) -> None:
    expected = ask("!cable 08REYKJAVIK195")
    for spelling in (
        "!cable 08reykjavik195",
        "!cable 08 REYKJAVIK 195",
        "!cable 08-Reykjavik-195",
        "cable 08REYKJAVIK195",
        "!cable https://wikileaks.org/plusd/cables/08REYKJAVIK195_a.html",
    ):
        assert ask(spelling) == expected, spelling


def test_numbered_paragraph_forms(ask: Ask) -> None:
    first = _paragraphs(ask, "!cable 08REYKJAVIK195 ¶2")
    for form in ("2", "para 2", "paragraph 2", "¶ 2", "p2"):
        assert ask(f"!cable 08REYKJAVIK195 {form}") == first, form
    [paragraph] = first.paragraphs
    assert paragraph.label == "2"
    assert "Chicken Street" in paragraph.text
    assert paragraph.permalink == "https://wikileaks.org/cable/2008/09/08REYKJAVIK195.html#par2"


def test_paragraph_from_a_pasted_permalink(ask: Ask) -> None:
    url = "https://wikileaks.org/cable/2008/09/08REYKJAVIK195.html#par2"
    assert ask(f"!cable {url}") == ask("!cable 08REYKJAVIK195 ¶2")


def test_range_of_paragraphs_in_order(ask: Ask) -> None:
    reply = _paragraphs(ask, "!cable 72TEHRAN1164 ¶3-5")
    assert [p.label for p in reply.paragraphs] == ["3", "4", "5"]
    assert "CHARGE REVIEWED RECENT DEVELOPMENTS" in reply.paragraphs[0].text
    assert ask("!cable 72TEHRAN1164 3 to 5") == reply
    assert reply.permalink == "https://wikileaks.org/cable/1972/02/72TEHRAN1164.html"


def test_a_label_printed_twice_returns_both(ask: Ask) -> None:
    # 79TEHRAN8980 numbers two consecutive paragraphs 6.
    reply = _paragraphs(ask, "!cable 79TEHRAN8980 6")
    assert [p.label for p in reply.paragraphs] == ["6", "6"]
    assert "PROCLIVITY" in reply.paragraphs[0].text
    assert "CONCEPTS OF INFLUENCE" in reply.paragraphs[1].text


def test_unknown_label_lists_the_labels_there(ask: Ask) -> None:
    reply = ask("!cable 72TEHRAN1164 ¶42")
    assert isinstance(reply, ErrorReply)
    assert "¶42" in reply.message
    assert reply.suggestions == ["1", "2", "3", "4", "5", "6", "7", "8"]
    # A range typed backwards gives the same paragraphs in the cable's order.
    backwards = _paragraphs(ask, "!cable 72TEHRAN1164 ¶7-2")
    assert [p.label for p in backwards.paragraphs] == ["2", "3", "4", "5", "6", "7"]
    reply = ask("!cable 07DUSHANBE313 prevention E-Z")
    assert isinstance(reply, ErrorReply)
    assert "no ¶Z after ¶E in PREVENTION" in reply.message


def test_typo_in_id_is_taken_when_one_match_is_strong(ask: Ask) -> None:
    card = _card(ask, "!cable 08REYKJAVK195")
    assert card.ref_id == "08REYKJAVIK195"
    assert card.notes == ["Showing 08REYKJAVIK195, the closest match to 08REYKJAVK195."]


def test_typo_in_id_gets_did_you_mean(ask: Ask) -> None:
    # Two cables are equally close: neither is taken.
    reply = ask("!cable 09 baku 17")
    assert isinstance(reply, ErrorReply)
    assert set(reply.suggestions[:2]) == {"09BAKU175", "09BAKU179"}
    assert len(reply.suggestions) == 3
    assert "Did you mean 09BAKU17" in reply.message


def test_id_in_cablegate_but_not_loaded_gets_its_link(ask: Ask) -> None:
    # 07DUSHANBE314 cites 06DUSHANBE2153, which is in Cablegate but not bundled.
    reply = ask("!cable 06DUSHANBE2153")
    assert isinstance(reply, ErrorReply)
    assert reply.message.startswith("06DUSHANBE2153 is in Cablegate but not in this library")
    assert "https://wikileaks.org/cable/2006/11/06DUSHANBE2153.html" in reply.message
    # The seed's reference 06STATE202745 was never leaked.
    reply = ask("!cable 06STATE202745")
    assert isinstance(reply, ErrorReply)
    assert reply.message.startswith("No cable 06STATE202745 in the library")


def test_the_prefix_is_configurable(state: AppState) -> None:
    question_mark = AppState(state.library, Settings(command_prefix="?"))
    card = dispatch(question_mark, "?cable 08REYKJAVIK195")
    assert isinstance(card, CableCard)
    assert dispatch(question_mark, "cable 08REYKJAVIK195") == card
    error = dispatch(question_mark, "!cable 08REYKJAVIK195")
    assert isinstance(error, ErrorReply)
    assert error.suggestions == ["?cable"]
    assert "`?help`" in error.message


def test_a_bare_id_or_link_reads_as_cable(ask: Ask) -> None:
    assert ask("08REYKJAVIK195") == ask("!cable 08REYKJAVIK195")
    assert ask("!08 reykjavik 195 ¶2") == ask("!cable 08REYKJAVIK195 ¶2")
    url = "https://wikileaks.org/cable/2008/09/08REYKJAVIK195.html#par2"
    assert ask(url) == ask("!cable 08REYKJAVIK195 ¶2")
    assert isinstance(ask("09 baku 17"), ErrorReply)


def test_a_cable_rejected_at_load_says_why(ask: Ask) -> None:
    # seeds/raw/85CAIRO6360.csv is a cables.csv row cut off inside its body: it was loaded
    # and rejected, which the user must learn rather than "not in this library".
    for line in ("!cable 85CAIRO6360", "!refs 85 cairo-6360", "!ask 85CAIRO6360 who"):
        reply = ask(line)
        assert isinstance(reply, ErrorReply), line
        assert reply.message.startswith(
            "85CAIRO6360 was in the files loaded but could not be read"
        ), reply.message
        assert "closing quote missing" in reply.message
        assert "(85CAIRO6360.csv#row 37)" in reply.message
        assert "https://wikileaks.org/cable/1985/03/85CAIRO6360.html" in reply.message
        assert "/work/" not in reply.message  # no server paths


def test_a_heading_ending_like_a_label_is_one_section(ask: Ask) -> None:
    # 07PORTAUPRINCE408 has sections "Question A" ... "Question L".
    for line in (
        '!cable 07PORTAUPRINCE408 "Question A"',
        "!cable 07PORTAUPRINCE408 “Question A”",
        "!cable 07PORTAUPRINCE408 question a:",
        "!cable 07PORTAUPRINCE408 Question A",
    ):
        reply = _paragraphs(ask, line)
        assert reply.section == "Question A", line
        assert [p.label for p in reply.paragraphs] == ["3", "4", "5"], line
    reply = _paragraphs(ask, "!cable 07PORTAUPRINCE408 Question B: 7")
    assert (reply.section, [p.label for p in reply.paragraphs]) == ("Question B", ["7"])
    reply = _paragraphs(ask, '!cable 07PORTAUPRINCE408 "Question B" 7-8')
    assert [p.label for p in reply.paragraphs] == ["7", "8"]
    # A missing label in a real section is still reported, not replaced by the section.
    reply = ask("!cable 07PORTAUPRINCE408 Question B 1")
    assert isinstance(reply, ErrorReply)
    assert reply.message.startswith("07PORTAUPRINCE408 has no ¶1 in Question B.")


def test_the_end_of_a_heading_is_enough(ask: Ask) -> None:
    # Not section "SCUD" and ¶B: the heading ISKANDER STILL BEST ALTERNATIVE TO LIBYAN SCUD B.
    reply = _paragraphs(ask, "!cable 10TRIPOLI115 SCUD B")
    assert reply.section == "ISKANDER STILL BEST ALTERNATIVE TO LIBYAN SCUD B"


def test_a_cable_glued_into_another_page_has_its_own_card(ask: Ask) -> None:
    bern = _card(ask, "!cable 07BERN881")
    assert bern.subject.endswith("REGARDING IRAN/IAEA AND IRAN/EGL")
    assert bern.sections == ["SUMMARY", "IRAN/IAEA", "IRAN/EGL Gas Deal", "COMMENT"]
    assert bern.glued_to is None
    tbilisi = _card(ask, "!cable 07TBILISI2290")
    assert tbilisi.subject == "REGIONAL GOVERNORS - WHO ARE THEY?"
    assert tbilisi.glued_to == "07BERN881" and tbilisi.tags == []
    [flag] = [f for f in card_flags(tbilisi) if "glued" in f]
    assert "07BERN881's site page" in flag and "its own tags are not known" in flag


def test_a_cut_off_copy_says_its_text_stops_short(ask: Ask) -> None:
    # 73TEHRAN8233's complete csv row is loaded; only a cut-off copy would carry the flag.
    card = _card(ask, "!cable 73TEHRAN8233")
    assert card.paragraph_count == 3 and not card.body_cut_off
    assert not any("cut it off" in flag for flag in card_flags(card))


def test_a_lettered_run_is_named_by_its_numbered_paragraph(ask: Ask) -> None:
    # 09STATE80163 restarts A-H under ¶3 and ¶15, with no headings.
    reply = _paragraphs(ask, "!cable 09STATE80163 15 B-G")
    assert [p.label for p in reply.paragraphs] == list("BCDEFG")
    assert reply.paragraphs[0].text.startswith("Key Continuing Issues\n\n1) UN Security")
    ambiguous = ask("!cable 09STATE80163 B-G")
    assert isinstance(ambiguous, ErrorReply)
    assert "¶B under several paragraphs: ¶1, ¶2, ¶3, ¶15" in ambiguous.message
    assert ambiguous.suggestions[-1] == "!cable 09STATE80163 15 ¶B-G"


def test_a_pasted_link_to_a_repeated_label_opens_its_first_paragraph(ask: Ask) -> None:
    # The seed prints ¶C in all four sections; the site's #parC is the overview's.
    page = "https://wikileaks.org/cable/2007/03/07DUSHANBE313.html"
    reply = _paragraphs(ask, f"!cable {page}#parC")
    [paragraph] = reply.paragraphs
    assert (reply.section, paragraph.label) == ("OVERVIEW", "C")
    assert paragraph.permalink == f"{page}#parC"
    assert reply.notes == ["¶C is printed more than once; the link opens this first one."]
    # With a section, that section's ¶C, linked to the page (its anchor is the overview's).
    [other] = _paragraphs(ask, f"!cable {page}#parC prevention").paragraphs
    assert other.section == "PREVENTION" and other.anchor_ambiguous
    assert other.permalink == page
    card = _card(ask, f"!cable {page}#parZ")
    assert card.notes == ["The link's anchor #parZ is on no paragraph here."]


def test_asking_for_text_of_a_withheld_cable_says_it_was_withheld(ask: Ask) -> None:
    for line in ("!cable 09MADRID604 1", "!cable 06KABUL3934 summary"):
        reply = ask(line)
        assert isinstance(reply, ErrorReply), line
        assert "was withheld from the release: there is no such text to quote" in reply.message
    # What survives of a withheld cable can still be read (08MOSCOW2700 keeps its summary).
    assert _paragraphs(ask, "!cable 08MOSCOW2700 summary").paragraphs
