"""One cooldown bucket per user covers both `!cable` and `/cable`; typos cost nothing."""

from __future__ import annotations

import simcord
from discord.ext import commands

from tests.simcord.helpers import world

REF = "08REYKJAVIK195"


async def test_cooldown_spans_prefix_and_slash_and_spares_typos(
    simcord_env: simcord.Env,
) -> None:
    settings = simcord_env.bot.settings
    settings.cooldown_rate, settings.cooldown_seconds = 1, 60.0
    w = await world(simcord_env)

    typo = await w.alice.slash(w.channel, "cable", id="99QQQQQQ1")
    assert typo.ephemeral
    await w.alice.send(w.channel, f"!cable {REF}")
    assert w.channel.last_message is not None
    assert w.channel.last_message.embeds[0].title == REF

    slowed = await w.alice.slash(w.channel, "cable", id=REF)
    assert slowed.ephemeral and slowed.response is not None
    assert "try again in" in (slowed.response.embeds[0].description or "")
    simcord.assert_error(simcord_env, commands.CommandOnCooldown)

    other = await w.bob.slash(w.channel, "cable", id=REF)
    assert other.response is not None and other.response.embeds[0].title == REF

    await simcord_env.advance_time(61)
    again = await w.alice.slash(w.channel, "cable", id=REF)
    assert again.response is not None and again.response.embeds[0].title == REF
