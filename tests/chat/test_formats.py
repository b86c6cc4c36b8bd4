"""The same commands on cables read from every input format in the bundled library."""

from __future__ import annotations

import pytest

from bot.cables.model import SourceFormat
from bot.chat.replies import ErrorReply, ParagraphsReply
from tests.chat.conftest import Ask

CASES = [
    # (format, command, labels, section, opening of the first paragraph)
    (
        SourceFormat.SITE_HTML,
        "!cable 06LAPAZ906 quintana 7-8",
        ["7", "8"],
        "Juan Ramon Quintana",
        "Quintana is a disgruntled former military officer",
    ),
    (
        SourceFormat.SCRAPER_TEXT,
        "!cable 07DUSHANBE314 ¶3",
        ["3"],
        None,
        "Post's Office of Defense Cooperation hosted a seminar on Civil-Military",
    ),
    (
        SourceFormat.SCRAPER_TEXT,
        "!cable 02BOGOTA1025 protests",
        ["4", "5"],
        "GROWING PROTESTS",
        "THE NEW MEASURES WERE ANNOUNCED",
    ),
    (
        SourceFormat.SCRAPER_TEXT,
        "!cable 01HAVANA4690 F-G",
        ["F", "G"],
        None,
        "PUBLIC STATEMENTS FROM THE CUBAN GOVERNMENT",
    ),
    (
        SourceFormat.PDF_TEXT,
        "!cable 06NEWDELHI5239 original list C",
        ["C"],
        'India\'s Original "List of 20 Most Wanted Persons in Pakistan"',
        "Dawood Ibrahim, Indian underworld don",
    ),
    (
        SourceFormat.CABLES_CSV,
        "!cable 79TEHRAN8980 para 3-4",
        ["3", "4"],
        None,
        "PERHAPS THE SINGLE DOMINANT ASPECT OF THE PERSIAN PSYCHE",
    ),
]


@pytest.mark.parametrize(
    ("source", "line", "labels", "section", "opening"), CASES, ids=[c[1] for c in CASES]
)
def test_paragraphs_from_each_format(
    ask: Ask, source: SourceFormat, line: str, labels: list[str], section: str | None, opening: str
) -> None:
    reply = ask(line)
    assert isinstance(reply, ParagraphsReply), reply
    cable = ask.state.library.get(reply.ref_id)
    assert cable is not None and cable.source.format is source
    assert [p.label for p in reply.paragraphs] == labels
    assert reply.section == section
    assert reply.paragraphs[0].text.startswith(opening)
    for paragraph in reply.paragraphs:
        assert paragraph.permalink.startswith(cable.permalink)


def test_a_section_name_shared_by_two_headings_asks_which(ask: Ask) -> None:
    reply = ask("!cable 06NEWDELHI5239 new list")
    assert isinstance(reply, ErrorReply)
    assert reply.suggestions == [
        "New List Hard to Come By",
        "New List Includes New Names; One Surprise Deletion",
    ]


def test_a_heading_printed_twice_gives_both_parts(ask: Ask) -> None:
    cable = ask.state.library.get("06MOSCOW12751")
    assert cable is not None
    twice = [s for s in cable.sections if s.heading == "Make Putin Stay"]
    assert len(twice) == 2
    reply = ask("!cable 06MOSCOW12751 make putin stay")
    assert isinstance(reply, ParagraphsReply)
    assert reply.section == "Make Putin Stay"
    expected = [cable.paragraphs[i].label for s in twice for i in s.paragraphs]
    assert [p.label for p in reply.paragraphs] == expected
