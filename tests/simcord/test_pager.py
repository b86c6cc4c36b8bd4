"""Page buttons: only the asker turns pages; they disappear when the pager times out."""

from __future__ import annotations

import discord
import pytest
import simcord

from bot.discord.cogs import chat as chat_cog
from bot.discord.pager import NOT_YOURS, PAGE_FAILED
from tests.discord.limits import limit_problems
from tests.simcord.helpers import world


def _now(channel: simcord.ChannelHandle, message_id: int) -> discord.Message:
    """The message as it is now in the channel (pages are turned by editing it)."""
    return next(m for m in channel.history() if m.id == message_id)


async def test_only_the_asker_turns_pages_and_buttons_go_on_timeout(
    simcord_env: simcord.Env,
) -> None:
    w = await world(simcord_env, synced=False)
    await w.alice.send(w.channel, "!browse year:2009")
    listing = w.channel.last_message
    assert listing is not None
    first = listing.embeds[0]
    assert "page 1 of " in (first.footer.text or "")

    refused = await w.bob.click(listing, label="Next")
    assert refused.ephemeral and refused.response is not None
    assert refused.response.content == NOT_YOURS
    assert _now(w.channel, listing.id).embeds[0].description == first.description

    await w.alice.click(listing, label="Next")
    page = _now(w.channel, listing.id).embeds[0]
    assert "page 2 of " in (page.footer.text or "")
    assert page.description != first.description
    assert limit_problems([page]) == []

    await simcord_env.advance_time(simcord_env.bot.settings.pager_timeout_seconds + 1)
    assert _now(w.channel, listing.id).components == []


async def test_the_asker_can_delete_the_reply(simcord_env: simcord.Env) -> None:
    w = await world(simcord_env, synced=False)
    await w.alice.send(w.channel, "!browse year:2009")
    listing = w.channel.last_message
    assert listing is not None
    await w.bob.click(listing, label="Delete")
    assert any(m.id == listing.id for m in w.channel.history())
    await w.alice.click(listing, label="Delete")
    assert all(m.id != listing.id for m in w.channel.history())


async def test_search_pages_turn_past_the_first_pages_counted(simcord_env: simcord.Env) -> None:
    # The first reply counts 5 pages and says more follow ("page 1 of 5+"); Next goes on.
    w = await world(simcord_env, synced=False)
    await w.alice.send(w.channel, "!search trafficking")
    listing = w.channel.last_message
    assert listing is not None
    assert "Results page 1 of 5+" in (listing.embeds[0].footer.text or "")
    footer = ""
    for _ in range(20):
        await w.alice.click(listing, label="Next")
        footer = _now(w.channel, listing.id).embeds[0].footer.text or ""
        if "Results page 6 of" in footer:
            break
    assert "Results page 6 of" in footer


async def test_a_page_that_fails_to_render_says_so_and_the_buttons_keep_working(
    simcord_env: simcord.Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = await world(simcord_env, synced=False)
    await w.alice.send(w.channel, "!search trafficking")
    listing = w.channel.last_message
    assert listing is not None
    real_render = chat_cog.render_reply

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("injected render failure")

    # Pages already rendered turn as before; the first one to fetch and render fails.
    monkeypatch.setattr(chat_cog, "render_reply", broken)
    for _ in range(10):
        clicked = await w.alice.click(listing, label="Next")
        if clicked.followups:
            break
    assert [(m.content, m.ephemeral) for m in clicked.followups] == [(PAGE_FAILED, True)]
    assert [str(error) for error in simcord_env.errors] == ["injected render failure"]
    assert "Results page 1 of" in (_now(w.channel, listing.id).embeds[0].footer.text or "")

    monkeypatch.setattr(chat_cog, "render_reply", real_render)
    await w.alice.click(listing, label="Next")
    assert "Results page 2 of" in (_now(w.channel, listing.id).embeds[0].footer.text or "")
