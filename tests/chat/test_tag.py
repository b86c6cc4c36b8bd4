"""`!tag`: the glossary entry and the library's use of a tag, checked against counts made
here independently from the bundled library's cables."""

from __future__ import annotations

from collections import Counter

from bot.cables.library import Library
from bot.cables.tags import TagKind, tag_kind
from bot.chat.replies import ErrorReply, TagReply
from tests.chat.conftest import Ask


def _tag(ask: Ask, line: str) -> TagReply:
    reply = ask(line)
    assert isinstance(reply, TagReply), reply
    return reply


def test_statistics_match_counts_made_from_the_cables(ask: Ask, bundled_library: Library) -> None:
    cables = list(bundled_library)
    for tag in ("PREL", "KCRM", "IR", "PGOV", "KTIP", "EUN"):
        carrying = [c for c in cables if tag in c.tags]
        reply = _tag(ask, f"!tag {tag.lower()}")
        assert reply.cables == len(carrying) > 0
        assert reply.library_cables == len(cables)
        years = Counter(c.created.year for c in carrying if c.created)
        assert [(int(y.value), y.cables) for y in reply.years] == sorted(
            years.items(), key=lambda item: (-item[1], item[0])
        )[:5]
        origins = Counter(c.origin for c in carrying if c.origin)
        assert [(o.value, o.cables) for o in reply.origins] == sorted(
            origins.items(), key=lambda item: (-item[1], item[0])
        )[:5]
        newest = sorted(carrying, key=lambda c: (c.created, c.ref_id), reverse=True)[:5]
        assert [c.ref_id for c in reply.newest] == [c.ref_id for c in newest]


def test_glossary_entry_and_kind(ask: Ask) -> None:
    ktip = _tag(ask, "!tag KTIP")
    assert (ktip.meaning, ktip.tag_kind) == ("Trafficking in persons", "program")
    assert _tag(ask, "!tag IC").tag_kind == "geographic"
    assert _tag(ask, "!tag PHUM").tag_kind == "subject"
    assert _tag(ask, "!tag NATO").tag_kind == "organisation"
    assert tag_kind("JAMES") is TagKind.PERSON


def test_a_glossary_tag_no_cable_carries(ask: Ask) -> None:
    reply = _tag(ask, "!tag KFLU")
    assert (
        reply.meaning == "Influenza (avian and pandemic)"
        and reply.cables == 0
        and reply.newest == []
    )


def test_unknown_tag_gets_the_closest_known_ones(ask: Ask) -> None:
    reply = ask("!tag KTPI")
    assert isinstance(reply, ErrorReply)
    assert "KTPI" in reply.message and "KTIP" in reply.message
    assert "!tag KTIP" in reply.suggestions
    empty = ask("!tag")
    assert isinstance(empty, ErrorReply) and "Which tag?" in empty.message
