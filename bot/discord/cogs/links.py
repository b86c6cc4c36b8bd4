"""Opt-in per channel: a pasted cable id or WikiLeaks link becomes a compact card."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.chat.replies import CableCard
from bot.discord.links import cable_ids_in
from bot.render.discord import compact_card
from handlers.cable import COMMAND, CableRequest
from handlers.dispatch import answer

if TYPE_CHECKING:
    from bot.discord.client import CableBot


class LinksCog(commands.Cog, name="Links"):
    def __init__(self, bot: CableBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        settings = self.bot.settings
        if (
            message.author.bot
            or message.channel.id not in settings.link_expansion_channel_ids
            or not self.bot.ready_to_answer
        ):
            return
        prefixes = await self.bot.get_prefix(message)
        if message.content.startswith(tuple(prefixes) if isinstance(prefixes, list) else prefixes):
            return  # a command: the command answers, not the expansion
        state = self.bot.state
        embeds = []
        for ref_id in cable_ids_in(message.content, state.library):
            done = await asyncio.to_thread(answer, state, COMMAND, partial(CableRequest, ref_id))
            if isinstance(done.reply, CableCard):
                embeds.append(compact_card(done.reply, settings.command_prefix))
        if embeds:
            await message.reply(embeds=embeds, mention_author=False)
