"""`!thread <id>`: a public thread named after the cable, its card posted there, and the
thread focused on it (a thread shares its channel's desk but has its own focus)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord.ext import commands

import handlers.cable
import handlers.focus
import handlers.thread
from bot.chat.replies import CableCard, Reply
from bot.chat.text import clean_line
from bot.discord.desk import caller_for, save_controls
from bot.discord.respond import pager_for
from bot.render.discord import cut, error_embed, render_reply
from handlers.dispatch import answer

if TYPE_CHECKING:
    from bot.discord.client import CableBot

Context = commands.Context["CableBot"]

THREAD_NAME_LIMIT = 100
# A research thread stays open for a week of quiet before Discord archives it.
ARCHIVE_MINUTES: Literal[10080] = 10080
NOT_HERE = (
    "Threads can be opened from a server's text channel only. Here, `{prefix}focus <id>` "
    "focuses this conversation on a cable."
)
FORBIDDEN = (
    "I may not open a thread here: I need the Create Public Threads and Send Messages in "
    "Threads permissions in this channel."
)


def _refusal(error: discord.HTTPException) -> str:
    """What to tell the user when Discord refuses the thread or its first message."""
    if isinstance(error, discord.Forbidden):
        return FORBIDDEN
    return f"Discord would not open a thread here ({error.text or error.status}); try again later."


async def _refuse(ctx: Context, message: str) -> None:
    await ctx.send(embed=error_embed(message), ephemeral=True)


async def thread_for_cable(bot: CableBot, ctx: Context, typed: str) -> None:
    prefix = bot.settings.command_prefix
    state = bot.state
    channel = ctx.channel
    if not isinstance(channel, discord.TextChannel):
        await _refuse(ctx, NOT_HERE.format(prefix=prefix))
        return
    request = handlers.thread.parse(clean_line(typed).text)
    cable_request = handlers.cable.CableRequest(request.id_text or "")
    found = await asyncio.to_thread(answer, state, handlers.cable.COMMAND, lambda: cable_request)
    card: Reply = found.reply
    if not isinstance(card, CableCard):  # an unknown id: the error reply `!cable` gives
        await ctx.send(embed=render_reply(card, prefix)[0], ephemeral=True)
        return
    # Checked before anything is made, so the refusal can be private (a deferred slash
    # reply's visibility is fixed) and no thread is left without its card.
    allowed = ctx.bot_permissions
    if not (allowed.create_public_threads and allowed.send_messages_in_threads):
        await _refuse(ctx, FORBIDDEN)
        return
    if ctx.interaction is not None:
        await ctx.defer()  # creating a thread and posting may take more than 3 s
    try:
        thread = await channel.create_thread(
            name=cut(f"{card.ref_id} {card.subject}".strip(), THREAD_NAME_LIMIT),
            type=discord.ChannelType.public_thread,
            auto_archive_duration=ARCHIVE_MINUTES,
        )
    except discord.HTTPException as error:
        await _refuse(ctx, _refusal(error))
        return
    caller = caller_for(bot, thread, ctx.author)
    ref_id = card.ref_id
    focus_request = handlers.focus.FocusRequest(ref_id)

    def focus_and_card() -> Reply:
        answer(state, handlers.focus.COMMAND, lambda: focus_request, (), caller)
        return answer(state, handlers.cable.COMMAND, lambda: cable_request, (), caller).reply

    focused = await asyncio.to_thread(focus_and_card)
    pages = render_reply(focused, prefix)
    pager = pager_for(bot, pages, ctx.author.id, extra=save_controls(focused))
    try:
        pager.message = await thread.send(embed=pages[0], view=pager)
    except discord.HTTPException as error:
        # An empty thread helps nobody: gone if Discord lets the bot delete it.
        with contextlib.suppress(discord.HTTPException):
            await thread.delete()
        await _refuse(ctx, _refusal(error))
        return
    said: Any = f"Opened {thread.mention} on {ref_id}; ask and search there look inside it first."
    await ctx.send(said)
