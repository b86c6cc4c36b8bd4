"""`!ask` and `!search` through the real engine over the bundled library."""

from __future__ import annotations

from bot.chat.replies import AnswerReply, ErrorReply, Reply, SearchReply
from bot.chat.text import only_pages
from tests.chat.conftest import Ask


def _answer(reply: Reply) -> AnswerReply:
    assert isinstance(reply, AnswerReply), reply
    return reply


def _error(reply: Reply) -> ErrorReply:
    assert isinstance(reply, ErrorReply), reply
    return reply


def _search(reply: Reply) -> SearchReply:
    assert isinstance(reply, SearchReply), reply
    return reply


def test_ask_finds_the_paragraph_that_answers(ask: Ask) -> None:
    reply = _answer(ask("!ask why did Iceland stop arming its peacekeepers"))
    assert not reply.weak
    best = reply.hits[0]
    assert best.ref_id == "08REYKJAVIK195"
    assert (
        best.permalink == f"https://wikileaks.org/cable/2008/09/08REYKJAVIK195.html#par{best.label}"
    )
    assert best.subject.startswith("ICELAND: PEACEKEEPING TAKES ON A MORE CIVILIAN LOOK")
    scores = [hit.score for hit in reply.hits]
    assert scores == sorted(scores, reverse=True)


def test_ask_inside_one_cable(ask: Ask) -> None:
    reply = _answer(ask("!ask 08 reykjavik 195 who was frustrated by the announcement"))
    assert reply.ref_id == "08REYKJAVIK195"
    assert reply.query == "who was frustrated by the announcement"
    assert reply.hits
    assert {hit.ref_id for hit in reply.hits} == {"08REYKJAVIK195"}
    assert reply.hits[0].label == "7"


def test_ask_with_a_mistyped_id_gets_did_you_mean(ask: Ask) -> None:
    error = ask("!ask 09BAKU17 what happened")
    assert isinstance(error, ErrorReply)
    assert "09BAKU175" in error.suggestions


def test_search_with_a_tag_filter(ask: Ask) -> None:
    reply = _search(ask("!search peacekeeping tag:KPKO"))
    assert reply.filters == {"tag": "KPKO"}
    assert reply.hits
    for hit in reply.hits:
        cable = ask.state.library.get(hit.ref_id)
        assert cable is not None and "KPKO" in cable.tags
        # Labels printed twice link to the page itself: the site anchor would be ambiguous.
        assert hit.permalink.startswith(cable.permalink)


def test_search_pages(ask: Ask) -> None:
    first = _search(ask("!search embassy"))
    second = _search(ask("!search embassy page:2"))
    assert first.pages >= 2
    assert len(first.hits) == 10
    # Some cables print a label twice, so a paragraph is known by its text too.
    seen = {(h.ref_id, h.label, h.excerpt) for h in first.hits}
    assert not seen & {(h.ref_id, h.label, h.excerpt) for h in second.hits}
    assert first.hits[-1].score >= second.hits[0].score


def test_search_that_matches_nothing_says_so(ask: Ask) -> None:
    reply = _search(ask("!search zzxqv qqzzv"))
    assert reply.hits == []
    assert reply.weak


def test_search_pages_say_when_more_follow_and_stop_at_the_last(ask: Ask) -> None:
    # "trafficking" matches over 300 paragraphs of the bundled library.
    first = _search(ask("!search trafficking"))
    assert (first.page, first.pages, first.more_pages) == (1, 5, True)
    later = _search(ask("!search trafficking page:7"))
    assert later.page == 7 and later.pages > 7 and later.first_rank == 61
    past = _search(ask("!search trafficking page:99"))
    assert past.page == past.pages < 99 and not past.more_pages
    assert past.hits and past.first_rank == (past.pages - 1) * 10 + 1
    assert past.notes == [only_pages(past.pages, " of hits")]
    few = _search(ask("!search peacekeeping origin:reykjavik"))
    assert not few.more_pages and few.pages == 1


def test_ask_takes_the_search_filters(ask: Ask) -> None:
    reply = _answer(ask("!ask who runs the shelters year:1972"))
    assert reply.query == "who runs the shelters" and reply.filters == {"year": "1972"}
    assert reply.hits and all(hit.ref_id.startswith("72") for hit in reply.hits)
    reply = _answer(ask("!ask who runs the shelters tag:kcrm page:2"))
    assert reply.filters == {"tag": "KCRM"}
    assert reply.notes == ["An answer is one list of the best paragraphs: page: is ignored here."]
    assert _error(ask("!ask shelters year:1850")).message.startswith("year: needs a number")


def test_search_names_a_filter_value_no_cable_has(ask: Ask) -> None:
    error = _error(ask("!search peacekeeping origin:reykjavk"))
    assert error.message == (
        "No cable in the library comes from reykjavk. Closest: Embassy Reykjavik."
    )
    assert _error(ask("!search trafficking tag:KCRN")).suggestions[0] == "KCRM"
    assert _error(ask("!ask who runs the shelters origin:atlantis")).message == (
        "No cable in the library comes from atlantis."
    )


def test_quoted_words_are_searched_as_a_phrase(ask: Ask) -> None:
    # Only 08REYKJAVIK195 ¶2 and ¶3 say "chicken street"; other paragraphs say "street".
    loose = _search(ask("!search chicken street"))
    assert [(h.ref_id, h.label) for h in loose.hits[:2]] == [
        ("08REYKJAVIK195", "2"),
        ("08REYKJAVIK195", "3"),
    ]
    assert len(loose.hits) > 2
    quoted = _search(ask('!search "chicken street"'))
    assert [(h.ref_id, h.label) for h in quoted.hits] == [
        ("08REYKJAVIK195", "2"),
        ("08REYKJAVIK195", "3"),
    ]
    answer = _answer(ask('!ask 08REYKJAVIK195 what happened on "chicken street"'))
    assert {h.label for h in answer.hits} == {"2", "3"}


def test_a_hit_whose_anchor_repeats_says_so(ask: Ask) -> None:
    reply = _answer(ask("!ask how many victims were repatriated from the UAE"))
    best = reply.hits[0]
    assert (best.ref_id, best.label, best.section) == (
        "07DUSHANBE313",
        "G",
        "PROTECTION AND ASSISTANCE TO VICTIMS",
    )
    # ¶G is printed in three sections: the site's #parG opens PREVENTION's.
    assert best.anchor_ambiguous and best.permalink.endswith("07DUSHANBE313.html")
    assert not any(hit.anchor_ambiguous for hit in reply.hits if "#par" in hit.permalink)
