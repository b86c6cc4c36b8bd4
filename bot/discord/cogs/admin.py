"""Owner-only maintenance: reload the library, sync slash commands."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from discord.ext import commands

from bot.discord.errors import EmptyLibraryError

if TYPE_CHECKING:
    from bot.discord.client import CableBot

Context = commands.Context["CableBot"]
log = logging.getLogger(__name__)


class AdminCog(commands.Cog, name="Admin"):
    def __init__(self, bot: CableBot) -> None:
        self.bot = bot

    async def cog_check(self, ctx: Context) -> bool:  # type: ignore[override]
        if not await self.bot.is_owner(ctx.author):
            raise commands.NotOwner()
        return True

    @commands.command(name="reload")
    async def reload(self, ctx: Context) -> None:
        """Load the library again and swap it in; commands meanwhile use the old one."""
        await ctx.send("Reloading the cable library…")
        started = time.perf_counter()
        try:
            state = await self.bot.reload_state()
        except EmptyLibraryError as error:
            await ctx.send(f"Reload kept the current library: {error}.")
            return
        except Exception as error:
            log.exception("reload failed")
            await ctx.send(f"Reload failed ({type(error).__name__}); the old library stays in use.")
            return
        seconds = time.perf_counter() - started
        await ctx.send(f"Library reloaded: {len(state.library):,} cables in {seconds:.1f} s.")

    @commands.command(name="sync")
    async def sync(self, ctx: Context, scope: str = "dev") -> None:
        """`!sync` copies slash commands to the dev guilds; `!sync global` everywhere (slow)."""
        if scope == "global":
            synced = await self.bot.tree.sync()
            await ctx.send(
                f"Synced {len(synced)} slash commands globally; clients may take a while to"
                " show them."
            )
            return
        guilds = await self.bot.sync_dev_guilds()
        if not guilds:
            await ctx.send("No dev guild synced: set DEV_GUILD_IDS, or use `sync global`.")
            return
        await ctx.send(f"Synced slash commands to {len(guilds)} dev guild(s).")
