"""The plain-text renderer, on replies from the real pipeline."""

from __future__ import annotations

import pytest

from bot.chat.replies import AnswerReply, ParagraphItem, ParagraphsReply
from bot.render.terminal import render
from tests.chat.conftest import Ask

LINES = [
    "!cable 08REYKJAVIK195",
    "!cable 72TEHRAN1164 ¶3-5",
    "!ask why did Iceland stop arming its peacekeepers",
    "!search peacekeeping tag:KPKO",
    "!browse year:1972",
    "!refs 72TEHRAN1164",
    "!help",
    "!cable 09 baku 17",
]


@pytest.mark.parametrize("line", LINES)
def test_lines_fit_the_width_except_links(ask: Ask, line: str) -> None:
    text = render(ask(line), width=72)
    assert text.strip()
    for row in text.splitlines():
        assert len(row) <= 72 or "https://" in row or row.startswith("#"), row


def test_card_text(ask: Ask) -> None:
    text = render(ask("!cable 08REYKJAVIK195"))
    assert text.splitlines()[0].startswith("08REYKJAVIK195: ICELAND: PEACEKEEPING")
    # The minutes of this early-release cable are not trustworthy, so they are not shown.
    assert "Created 2008-09-09 17:?? · Released 2011-01-13 05:05" in text
    assert "IC (Iceland)" in text
    assert "WikiLeaks: https://wikileaks.org/cable/2008/09/08REYKJAVIK195.html" in text
    assert "PlusD:     https://wikileaks.org/plusd/cables/08REYKJAVIK195_a.html" in text


def test_hits_show_plain_excerpts_and_full_links(ask: Ask) -> None:
    reply = ask("!ask 72TEHRAN1164 what did the shah request")
    assert isinstance(reply, AnswerReply)
    best = reply.hits[0]
    text = render(reply)
    assert f"1. 72TEHRAN1164 ¶{best.label} · ACCELERATION OF F-4ES FOR IRAN" in text
    assert "**" not in text
    assert best.permalink in text


def test_a_hit_whose_anchor_repeats_says_so(ask: Ask) -> None:
    text = render(ask("!ask how many victims were repatriated from the UAE"))
    assert "(¶G is printed more than once, so the link opens the cable, not this ¶G.)" in text


def test_notes_come_first(ask: Ask) -> None:
    text = render(ask("!cable 08REYKJAVK195"))
    assert text.startswith("Note: Showing 08REYKJAVIK195, the closest match to 08REYKJAVK195.")


def test_terminal_escapes_in_cable_text_are_removed() -> None:
    reply = ParagraphsReply(
        ref_id="X",
        subject="S",
        paragraphs=[
            ParagraphItem(
                section="A",
                label="1",
                text="a\x1b[2Jb\x07c",
                permalink="https://x#par1",
                locator="X ¶A.1",
            )
        ],
        permalink="https://x",
    )
    text = render(reply)
    assert "\x1b" not in text and "\x07" not in text
    assert "a[2Jbc" in text
    assert "¶1 (A)" in text


def test_lists_in_cable_text_keep_their_lines(ask: Ask) -> None:
    text = render(ask("!cable 07DUSHANBE313 3"))
    assert "\n    Time spent preparing this report:\n\n    Pol/Econ Officers: 10 hours\n" in text
    assert "\n    SLEA: 1 hour\n    INL: 1 hour\n" in text


def test_lists_say_how_to_get_the_next_page(ask: Ask) -> None:
    assert render(ask("!search trafficking")).endswith("\nMore: add page:2 to the command.")
    assert render(ask("!browse tag:KCRM page:2")).endswith("\nMore: add page:3 to the command.")
    assert "More:" not in render(ask("!browse tag:KCRM page:4"))  # the last of 4 pages
    assert "More:" not in render(ask("!search peacekeeping origin:reykjavik"))
