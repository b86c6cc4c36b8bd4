"""The bot's cogs: chat commands, owner maintenance, link expansion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.discord.cogs.admin import AdminCog
from bot.discord.cogs.chat import ChatCog
from bot.discord.cogs.links import LinksCog

if TYPE_CHECKING:
    from bot.discord.client import CableBot


async def add_cogs(bot: CableBot) -> None:
    for cog in (ChatCog(bot), AdminCog(bot), LinksCog(bot)):
        await bot.add_cog(cog)
