"""Sending rendered pages: one embed at a time, with page and delete buttons for the asker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.discord.pager import MorePages, Pager

if TYPE_CHECKING:
    from bot.discord.client import CableBot


async def send_pages(
    ctx: commands.Context[CableBot],
    pages: Sequence[discord.Embed],
    *,
    more: MorePages | None = None,
    ephemeral: bool = False,
    files: Sequence[discord.File] = (),
) -> discord.Message:
    """`files` go with the first page (an embed shows one as `attachment://<name>`)."""
    if ephemeral:  # an error: one page, seen by the asker only, who can dismiss it
        return await ctx.send(embed=pages[0], ephemeral=True)
    pager = Pager(pages, ctx.author.id, timeout=ctx.bot.settings.pager_timeout_seconds, more=more)
    pager.message = await ctx.send(
        embed=pages[0], view=pager, ephemeral=ephemeral, files=list(files)
    )
    return pager.message
