"""Prefix and slash commands end to end in simcord, which rejects over-limit messages."""

from __future__ import annotations

from typing import Any

import pytest
import simcord

import handlers.cable
import handlers.search
from bot.chat.commands import Command
from bot.chat.filters import Filters
from bot.chat.grammar import LabelRange, Locator, parse_locator
from bot.chat.replies import Reply
from bot.chat.state import AppState
from tests.discord.limits import limit_problems, quoted_text
from tests.discord.shared import full_cables
from tests.simcord.helpers import world

REF = "08REYKJAVIK195"


async def test_prefix_command_answers_with_a_card(simcord_env: simcord.Env) -> None:
    w = await world(simcord_env, synced=False)
    await w.alice.send(w.channel, f"!cable {REF}")
    card = w.channel.last_message
    assert card is not None and card.author.id == simcord_env.bot.user.id
    assert card.embeds[0].title == REF
    assert card.embeds[0].url == "https://wikileaks.org/cable/2008/09/08REYKJAVIK195.html"
    assert limit_problems(card.embeds) == []
    buttons = [getattr(c, "label", None) for row in card.components for c in row.children]
    assert buttons == ["Delete", "Save"]  # one page: nothing to turn; the card can be saved


async def test_slash_command_quotes_a_paragraph(simcord_env: simcord.Env, state: AppState) -> None:
    w = await world(simcord_env)
    cable = state.library.get(REF)
    assert cable is not None
    paragraph = next(p for p in cable.paragraphs if p.label == "2")
    result = await w.alice.slash(w.channel, "cable", id=REF, paragraphs="2")
    assert result.response is not None and not result.ephemeral
    embed = result.response.embeds[0]
    assert quoted_text([embed]) == " ".join(paragraph.text.split())
    assert paragraph.permalink in (embed.description or "")


async def test_slash_miss_is_answered_privately_with_suggestions(
    simcord_env: simcord.Env, state: AppState
) -> None:
    typo = "08REYJKAVIK159"
    assert state.library.resolve(typo).cable is None  # two swaps: no single strong match
    w = await world(simcord_env)
    result = await w.alice.slash(w.channel, "cable", id=typo)
    assert result.ephemeral and not result.deferred
    assert result.response is not None
    embed = result.response.embeds[0]
    assert embed.title == "Sorry"
    assert REF in (embed.description or "")


async def test_search_with_slash_filters(simcord_env: simcord.Env) -> None:
    w = await world(simcord_env)
    result = await w.alice.slash(w.channel, "search", query="peacekeeping", origin="reykjavik")
    assert result.response is not None
    pages = result.response.embeds
    assert "Filters: origin:reykjavik" in (pages[0].description or "")
    assert REF in (pages[0].description or "")


async def test_the_longest_paragraph_is_accepted_by_discord(
    simcord_env: simcord.Env, state: AppState
) -> None:
    cable, longest = max(
        ((c, p) for c in full_cables(state.library) for p in c.paragraphs if p.label),
        key=lambda cp: len(cp[1].text),
    )
    w = await world(simcord_env, synced=False)
    await w.alice.send(w.channel, f"!cable {cable.ref_id} ¶{longest.label}")
    reply = w.channel.last_message
    assert reply is not None and reply.embeds
    assert "Page 1/" in (reply.embeds[0].footer.text or "")


async def test_help_lists_every_command(simcord_env: simcord.Env) -> None:
    w = await world(simcord_env)
    available = set(w.alice.available_commands(w.channel))
    assert {"cable", "ask", "search", "browse", "refs", "help"} <= available
    result = await w.alice.slash(w.channel, "help", command="browse")
    assert result.response is not None
    assert result.response.embeds[0].title == "Help: browse"
    # The reference text only, as in the terminal: no stray list of command names after it.
    description = result.response.embeds[0].description or ""
    assert description.startswith("## `!browse tag:<TAG>")
    assert description.endswith("!browse subject:iceland redacted:no sort:oldest")


async def test_a_heading_ending_like_a_label_is_read_as_a_section(
    simcord_env: simcord.Env, state: AppState
) -> None:
    # e.g. "Question A": typed after an id, "A" would be taken for paragraph A.
    cable, heading = next(
        (c, s.heading)
        for c in full_cables(state.library)
        for s in c.sections
        if s.paragraphs and parse_locator(s.heading.split()).labels is not None
    )
    w = await world(simcord_env)
    result = await w.alice.slash(w.channel, "cable", id=cable.ref_id, section=heading)
    assert result.response is not None
    assert f"Section: {heading}" in (result.response.embeds[0].description or "")


async def test_a_quoted_heading_after_the_prefix_command_is_one_section(
    simcord_env: simcord.Env,
) -> None:
    # discord.py unquotes "Question A" before the callback sees it; the cog keeps it whole.
    w = await world(simcord_env, synced=False)
    for line in (
        '!cable 07PORTAUPRINCE408 "Question A" 4',
        "!cable 07PORTAUPRINCE408 Question A: 4",
    ):
        await w.alice.send(w.channel, line)
        reply = w.channel.last_message
        assert reply is not None and reply.author.id == simcord_env.bot.user.id
        description = reply.embeds[0].description or ""
        assert "Section: Question A" in description, line
        assert "¶4" in description and "¶3" not in description, line


async def test_unbalanced_quotes_are_read_or_explained(simcord_env: simcord.Env) -> None:
    w = await world(simcord_env, synced=False)
    # A missing closing quote at the end: still the heading "Question A".
    await w.alice.send(w.channel, '!cable 07PORTAUPRINCE408 "Question A')
    reply = w.channel.last_message
    assert reply is not None and reply.author.id == simcord_env.bot.user.id
    assert "Section: Question A" in (reply.embeds[0].description or "")
    # A quote discord.py cannot split arguments around: said so, privately.
    await w.alice.send(w.channel, '!cable 07PORTAUPRINCE408"Question A" 4')
    reply = w.channel.last_message
    assert reply is not None and reply.author.id == simcord_env.bot.user.id
    assert (reply.embeds[0].description or "").startswith("Check the quotes")
    # simcord records every command error, handled or not: this one was expected.
    [error] = simcord_env.errors
    assert type(error).__name__ == "UnexpectedQuoteError"


async def test_a_section_and_label_typed_in_the_section_box(simcord_env: simcord.Env) -> None:
    # Not a heading of the cable: read as typed after `!cable <id>`, section then label.
    w = await world(simcord_env)
    result = await w.alice.slash(w.channel, "cable", id="07DUSHANBE313", section="prevention F")
    assert result.response is not None
    description = result.response.embeds[0].description or ""
    assert "¶F (PREVENTION)" in description and "¶E (PREVENTION)" not in description


@pytest.fixture
def requests_seen(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The requests the cable and search handlers get (the real handlers still answer)."""
    seen: list[object] = []
    for module in (handlers.cable, handlers.search):
        real = module.COMMAND

        def handle(state: AppState, request: Any, real: Command[Any] = real) -> Reply:
            seen.append(request)
            return real.handle(state, request)

        monkeypatch.setattr(module, "COMMAND", Command(real.spec, real.parse, handle))
    return seen


async def test_slash_search_passes_a_place_with_a_space_as_one_origin(
    simcord_env: simcord.Env, requests_seen: list[object]
) -> None:
    w = await world(simcord_env)
    result = await w.alice.slash(w.channel, "search", query="inflation", origin="buenos aires")
    assert requests_seen == [
        handlers.search.SearchRequest(Filters(["inflation"], origin="buenos aires"))
    ]
    assert result.response is not None and not result.ephemeral
    assert 'Filters: origin:"buenos aires"' in (result.response.embeds[0].description or "")


async def test_slash_cable_passes_a_picked_section_whole(
    simcord_env: simcord.Env, requests_seen: list[object]
) -> None:
    ref = "07PORTAUPRINCE408"
    w = await world(simcord_env)
    whole = await w.alice.slash(w.channel, "cable", id=ref, section="Question A")
    labelled = await w.alice.slash(w.channel, "cable", id=ref, section="Question A", paragraphs="3")
    typed = await w.alice.slash(w.channel, "cable", id="07DUSHANBE313", section="prevention F")
    assert [request.locator for request in requests_seen] == [  # type: ignore[attr-defined]
        Locator("Question A"),
        Locator("Question A", LabelRange("3")),
        Locator("prevention", LabelRange("F")),  # typed in the box: read as the grammar reads it
    ]
    sections = []
    for result in (whole, labelled, typed):
        assert result.response is not None and not result.ephemeral
        sections.append((result.response.embeds[0].description or "").split("\n")[1])
    assert sections == ["Section: Question A", "Section: Question A", "Section: PREVENTION"]


async def test_prefix_command_is_read_as_typed_quotes_and_all(
    simcord_env: simcord.Env, requests_seen: list[object]
) -> None:
    w = await world(simcord_env, synced=False)
    await w.alice.send(w.channel, '!cable 07PORTAUPRINCE408 "Question A"')
    assert requests_seen == [handlers.cable.parse('07PORTAUPRINCE408 "Question A"')]
    reply = w.channel.last_message
    assert reply is not None
    assert "Section: Question A\n" in (reply.embeds[0].description or "")


@pytest.mark.parametrize(
    ("name", "option", "text"),
    [
        ("ask", "question", f"{REF} did the peacekeepers carry weapons"),
        ("refs", "id", "07DUSHANBE313"),
        ("tag", "tag", "KTIP"),
        ("versions", "id", "72TEHRAN1164"),
    ],
)
async def test_a_one_option_slash_command_answers_as_the_typed_one(
    simcord_env: simcord.Env, name: str, option: str, text: str
) -> None:
    w = await world(simcord_env)
    result = await w.alice.slash(w.channel, name, **{option: text})
    assert result.response is not None and not result.ephemeral
    await w.alice.send(w.channel, f"!{name} {text}")
    typed = w.channel.last_message
    assert typed is not None and typed.embeds
    assert [e.to_dict() for e in result.response.embeds] == [e.to_dict() for e in typed.embeds]
