"""A guild with a channel and two members, as most tests need."""

from __future__ import annotations

from dataclasses import dataclass

import simcord


@dataclass
class World:
    channel: simcord.ChannelHandle
    alice: simcord.MemberActor
    bob: simcord.MemberActor


async def world(env: simcord.Env, *, synced: bool = True) -> World:
    if synced:
        await env.bot.tree.sync()
    guild = env.create_guild()
    channel = guild.create_text_channel("general")
    alice = guild.add_member(env.create_user("alice"))
    bob = guild.add_member(env.create_user("bob"))
    return World(channel, alice, bob)
