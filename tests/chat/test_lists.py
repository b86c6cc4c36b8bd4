"""`!browse`, `!refs` and `!help` over the bundled library."""

from __future__ import annotations

from pathlib import Path

from bot.chat.replies import BrowseReply, ErrorReply, HelpReply, RefsReply, Reply
from handlers.registry import COMMAND_NAMES, reference
from tests.chat.conftest import Ask

DOCS = Path(__file__).resolve().parents[2] / "docs" / "commands.md"


def _browse(reply: Reply) -> BrowseReply:
    assert isinstance(reply, BrowseReply), reply
    return reply


def _error(reply: Reply) -> ErrorReply:
    assert isinstance(reply, ErrorReply), reply
    return reply


def test_browse_by_tag_lists_newest_first(ask: Ask) -> None:
    reply = _browse(ask("!browse tag:kpko"))
    ids = [cable.ref_id for cable in reply.cables]
    assert "08REYKJAVIK195" in ids
    assert reply.filters == {"tag": "KPKO"}
    assert reply.total == len(ids)
    dates = [cable.created for cable in reply.cables if cable.created]
    assert dates == sorted(dates, reverse=True)
    for ref_id in ids:
        cable = ask.state.library.get(ref_id)
        assert cable is not None and "KPKO" in cable.tags


def test_browse_by_origin_year_and_both(ask: Ask) -> None:
    year = _browse(ask("!browse year:1972")).cables
    assert {"72TEHRAN5055", "72TEHRAN1164"} <= {c.ref_id for c in year}
    assert all(c.created and c.created.year == 1972 for c in year)
    tehran = _browse(ask("!browse origin:tehran"))
    assert {"72TEHRAN1164", "79TEHRAN8980"} <= {c.ref_id for c in tehran.cables}
    both = _browse(ask("!browse origin:tehran year:1979"))
    assert all(c.created and c.created.year == 1979 for c in both.cables)
    assert "79TEHRAN8980" in {c.ref_id for c in both.cables}


def test_browse_by_classification_level_or_full_marking(ask: Ask) -> None:
    level = _browse(ask("!browse class:secret"))
    full = _browse(ask("!browse class:SECRET//NOFORN"))
    assert full.total < level.total
    assert {c.classification for c in full.cables} == {"SECRET//NOFORN"}
    markings = set()
    for page in range(1, level.pages + 1):
        markings |= {
            c.classification for c in _browse(ask(f"!browse class:secret page:{page}")).cables
        }
    assert markings == {"SECRET", "SECRET//NOFORN"}


def test_browse_pages_do_not_overlap_and_stop_at_the_last(ask: Ask) -> None:
    first = _browse(ask("!browse class:confidential"))
    second = _browse(ask("!browse class:confidential page:2"))
    assert first.pages > 2
    assert second.page == 2
    assert not {c.ref_id for c in first.cables} & {c.ref_id for c in second.cables}
    assert first.cables[-1].created and second.cables[0].created
    assert first.cables[-1].created >= second.cables[0].created
    beyond = _browse(ask("!browse class:confidential page:99"))
    assert beyond.page == first.pages
    assert beyond.notes == [f"There are only {first.pages} pages; this is the last."]


def test_past_the_only_page_is_said_in_the_singular(ask: Ask) -> None:
    reply = _browse(ask("!browse origin:dushanbe page:2"))
    assert (reply.page, reply.pages) == (1, 1)
    assert reply.notes == ["There is only 1 page; this is the last."]


def test_browse_with_quoted_origin(ask: Ask) -> None:
    reply = _browse(ask('!browse origin:"buenos aires" year:1966'))
    assert reply.filters == {"origin": "buenos aires", "year": "1966"}
    assert [c.ref_id for c in reply.cables] == ["66BUENOSAIRES2481"]


def test_browse_typos_get_the_closest_tag_or_origin(ask: Ask) -> None:
    error = _error(ask("!browse tag:KPKOO"))
    assert "KPKO" in error.suggestions
    error = _error(ask("!browse origin:reykjavk"))
    assert error.suggestions[0] == "Embassy Reykjavik"
    error = _error(ask("!browse year:1967"))
    assert error.message == "No cable in the library matches year:1967."


def test_refs_reply(ask: Ask) -> None:
    reply = ask("!refs 08 reykjavik 195")
    assert isinstance(reply, RefsReply)
    assert reply.ref_id == "08REYKJAVIK195"
    assert reply.permalink == "https://wikileaks.org/cable/2008/09/08REYKJAVIK195.html"
    assert isinstance(ask("!refs 09 baku 17"), ErrorReply)


def test_help_is_the_command_reference(ask: Ask) -> None:
    reply = ask("!help")
    assert isinstance(reply, HelpReply)
    assert reply.text == reference("!")
    assert reply.commands == list(COMMAND_NAMES)
    for name in COMMAND_NAMES:
        assert f"## `!{name}" in reply.text
    one = ask("help !cable")
    assert isinstance(one, HelpReply)
    assert one.topic == "cable"
    assert one.text.startswith("## `!cable <id> [<section>]")
    assert "!cable 07DUSHANBE313 prevention F" in one.text
    assert _error(ask("!help frob")).suggestions == list(COMMAND_NAMES)


def test_docs_show_the_same_reference_as_help() -> None:
    assert DOCS.read_text("utf-8") == reference("!")


def test_filters_are_shown_as_they_are_typed(ask: Ask) -> None:
    # Two tags read as two filters, a place with a space quoted: each can be typed again.
    assert _browse(ask("!browse tag:kcrm tag:phum")).title == "Cables with tag:KCRM tag:PHUM"
    reply = _browse(ask('!browse origin:"buenos aires" year:2009'))
    assert reply.title == 'Cables with origin:"buenos aires" year:2009'
    error = _error(ask("!browse tag:kcrm year:1975"))
    assert error.message == "No cable in the library matches tag:KCRM year:1975."
