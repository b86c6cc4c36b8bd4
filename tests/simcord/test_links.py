"""Opt-in link expansion: a pasted cable link becomes a card, only where switched on."""

from __future__ import annotations

import simcord

from tests.discord.limits import limit_problems
from tests.simcord.helpers import world

REF = "08REYKJAVIK195"
LINK = f"https://wikileaks.org/cable/2008/09/{REF}.html#par2"


async def test_links_expand_only_in_chosen_channels(simcord_env: simcord.Env) -> None:
    w = await world(simcord_env, synced=False)
    quiet = simcord_env.guild.create_text_channel("quiet")
    simcord_env.bot.settings.link_expansion_channel_ids = [w.channel.id]

    await w.alice.send(quiet, f"have you read {LINK} ?")
    assert len(quiet.history()) == 1

    await w.alice.send(w.channel, f"have you read {LINK} ?")
    card = w.channel.last_message
    assert card is not None and card.author.id == simcord_env.bot.user.id
    assert card.embeds[0].url == f"https://wikileaks.org/cable/2008/09/{REF}.html"
    assert (card.embeds[0].title or "").startswith(REF)
    assert limit_problems(card.embeds) == []


async def test_commands_are_not_expanded_twice(simcord_env: simcord.Env) -> None:
    w = await world(simcord_env, synced=False)
    simcord_env.bot.settings.link_expansion_channel_ids = [w.channel.id]
    await w.alice.send(w.channel, f"!cable {REF}")
    replies = [m for m in w.channel.history() if m.author.id == simcord_env.bot.user.id]
    assert len(replies) == 1
    assert replies[0].embeds[0].title == REF
