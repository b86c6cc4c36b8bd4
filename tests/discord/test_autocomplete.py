"""Every section offered by autocomplete leads to that section's paragraphs."""

from __future__ import annotations

from bot.chat.replies import ParagraphsReply
from bot.chat.state import AppState
from bot.discord.autocomplete import cable_id_choices, section_choices
from bot.discord.cogs.chat import cable_request
from handlers.cable import COMMAND
from handlers.dispatch import answer
from tests.discord.shared import full_cables


def test_every_offered_section_opens_that_section(state: AppState) -> None:
    misses = []
    offered = 0
    for cable in full_cables(state.library):
        for choice in section_choices(cable, ""):
            offered += 1
            # What the /cable command asks for a section picked from the list.
            request = cable_request(state.library, cable.ref_id, choice.value, "")
            reply = answer(state, COMMAND, lambda r=request: r).reply
            if not isinstance(reply, ParagraphsReply) or reply.section != choice.value:
                misses.append((cable.ref_id, choice.value))
    assert offered > len(state.library)
    assert misses == []


def test_id_choices_are_within_discord_limits(state: AppState) -> None:
    for typed in ("", "0", "07dush", "zzzzzzzzzz" * 20):
        choices = cable_id_choices(state.library, typed)
        assert 0 < len(choices) <= 25
        assert all(len(c.name) <= 100 and len(c.value) <= 100 for c in choices)
        assert all(state.library.get(c.value) is not None for c in choices)
