"""Sending rendered pages: one embed at a time, with page and delete buttons for the asker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

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
    extra: Sequence[discord.ui.Item[Any]] = (),
    files: Sequence[discord.File] = (),
) -> discord.Message:
    """`files` go with the first page (an embed shows one as `attachment://<name>`)."""
    if ephemeral:  # an error: one page, seen by the asker only, who can dismiss it
        return await ctx.send(embed=pages[0], ephemeral=True)
    pager = pager_for(ctx.bot, pages, ctx.author.id, more=more, extra=extra)
    pager.message = await ctx.send(embed=pages[0], view=pager, files=list(files))
    return pager.message


def pager_for(
    bot: CableBot,
    pages: Sequence[discord.Embed],
    owner_id: int,
    *,
    more: MorePages | None = None,
    extra: Sequence[discord.ui.Item[Any]] = (),
) -> Pager:
    timeout = bot.settings.pager_timeout_seconds
    return Pager(pages, owner_id, timeout=timeout, more=more, extra=extra)
