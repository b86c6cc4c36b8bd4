"""Owner commands: slash commands appear only after a sync, which only owners may run."""

from __future__ import annotations

import simcord
from discord.ext import commands

from handlers.registry import COMMAND_NAMES
from tests.simcord.helpers import world


async def test_sync_global_is_for_owners_and_publishes_slash_commands(
    simcord_env: simcord.Env,
) -> None:
    w = await world(simcord_env, synced=False)
    simcord_env.bot.settings.owner_ids = [w.alice.id]
    simcord_env.bot.owner_id = simcord_env.bot.user.id + 1  # the application owner, cached
    assert "cable" not in w.alice.available_commands(w.channel)

    await w.bob.send(w.channel, "!sync global")
    simcord.assert_error(simcord_env, commands.NotOwner)
    assert "cable" not in w.alice.available_commands(w.channel)

    await w.alice.send(w.channel, "!sync global")
    assert w.channel.last_message is not None
    synced = f"Synced {len(COMMAND_NAMES)} slash commands globally"  # every chat command
    assert w.channel.last_message.content.startswith(synced)
    assert set(COMMAND_NAMES) <= set(w.alice.available_commands(w.channel))
