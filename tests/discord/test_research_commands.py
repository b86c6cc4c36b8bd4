"""Slash forms of the research commands: /cable's header and version options build the
same request as the typed words, and /tag completes known tags."""

from __future__ import annotations

from bot.chat.state import AppState
from bot.discord.autocomplete import MAX_CHOICES, tag_choices
from bot.discord.cogs.chat import cable_request
from bot.render.discord import render_reply
from handlers import cable
from handlers.dispatch import answer, dispatch
from tests.discord.limits import limit_problems


def test_cable_header_and_version_options_match_typed_lines(state: AppState) -> None:
    library = state.library
    for options, typed in (
        (dict(header=True), "!cable 72TEHRAN1164 header"),
        (dict(header=True, version=2), "!cable 72TEHRAN1164 header version:2"),
        (dict(version=3), "!cable 72TEHRAN1164 version:3"),
    ):
        request = cable_request(library, "72TEHRAN1164", "", "", **options)  # type: ignore[arg-type]
        slash = answer(state, cable.COMMAND, lambda request=request: request).reply
        assert slash == dispatch(state, typed)
    located = cable_request(library, "72TEHRAN1164", "", "3", version=2)
    assert located.version == 2 and located.locator.labels is not None


def test_tag_autocomplete_puts_the_most_used_first(state: AppState) -> None:
    choices = tag_choices(state.library, "p")
    assert 0 < len(choices) <= MAX_CHOICES
    assert choices[0].value == "PREL" and "External political relations" in choices[0].name
    assert all(len(choice.name) <= 100 for choice in choices)
    assert tag_choices(state.library, "ktpi")[0].value in {"KTIP", "KMPI"}


def test_research_replies_render_within_discord_limits(state: AppState) -> None:
    for line in (
        "!cable 07DUSHANBE313 header",
        "!tag PREL",
        "!similar 07DUSHANBE313 prevention",
        "!versions 72TEHRAN1164",
    ):
        assert limit_problems(render_reply(dispatch(state, line))) == [], line
