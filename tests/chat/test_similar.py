"""`!similar`: paragraphs of other cables like a passage, or like a whole cable."""

from __future__ import annotations

from bot.chat.replies import ErrorReply, SimilarReply
from bot.search.similar import distinctive_terms
from tests.chat.conftest import Ask


def _similar(ask: Ask, line: str) -> SimilarReply:
    reply = ask(line)
    assert isinstance(reply, SimilarReply), reply
    return reply


def test_a_trafficking_section_finds_trafficking_paragraphs_elsewhere(ask: Ask) -> None:
    reply = _similar(ask, "!similar 07DUSHANBE313 prevention")
    assert reply.section == "PREVENTION" and reply.labels == []
    assert len(reply.hits) == 5 and not reply.weak
    assert all(hit.ref_id != "07DUSHANBE313" for hit in reply.hits)
    about = [f"{hit.excerpt} {hit.section} {hit.subject}".lower() for hit in reply.hits]
    assert sum("traffick" in text for text in about) >= 3
    scores = [hit.score for hit in reply.hits]
    assert scores == sorted(scores, reverse=True)


def test_one_paragraph_and_the_whole_cable(ask: Ask) -> None:
    one = _similar(ask, "!similar 08REYKJAVIK195 2")
    assert one.labels == ["2"]
    assert one.hits and all(hit.ref_id != "08REYKJAVIK195" for hit in one.hits)
    assert "peacekeeping" in one.hits[0].excerpt.lower()
    whole = _similar(ask, "!similar 07DUSHANBE313")
    assert whole.section is None and whole.labels == []
    assert all(hit.ref_id != "07DUSHANBE313" for hit in whole.hits)


def test_mistakes_are_explained(ask: Ask) -> None:
    assert isinstance(ask("!similar"), ErrorReply)
    assert isinstance(ask("!similar 07DUSHANBE313 ¶99"), ErrorReply)
    assert isinstance(ask("!similar 99NOWHERE1"), ErrorReply)


def test_distinctive_terms_weigh_rare_words_over_common_ones() -> None:
    idf = {"trafficking": 5.0, "government": 1.0, "shelter": 4.0}.__getitem__
    stems = ["government", "government", "government", "trafficking", "shelter", "2007"]
    assert distinctive_terms(stems, idf, 2) == [("trafficking", 1.0), ("shelter", 0.8)]
