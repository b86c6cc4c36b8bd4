"""Spec'd mock messages run through discord.py's real parsing, checks and cooldowns.

Only the network is replaced: `Context.send` records what the bot would send.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest.mock import MagicMock

import discord
import pytest
from discord.ext import commands

from bot.chat.state import AppState
from bot.discord.client import CableBot, create_bot
from config.settings import Settings

BOT_USER_ID = 1000
ALICE = 11
CHANNEL = 22


@dataclass
class Sent:
    content: str | None
    embeds: list[discord.Embed]
    view: discord.ui.View | None
    ephemeral: bool


@dataclass
class Outbox:
    sent: list[Sent] = field(default_factory=list)

    @property
    def last(self) -> Sent:
        return self.sent[-1]


def install_outbox(monkeypatch: pytest.MonkeyPatch) -> Outbox:
    outbox = Outbox()

    async def send(self: commands.Context[Any], content: str | None = None, **kw: Any) -> Any:
        embeds = kw.get("embeds") or ([kw["embed"]] if kw.get("embed") else [])
        outbox.sent.append(Sent(content, embeds, kw.get("view"), kw.get("ephemeral", False)))
        return MagicMock(spec=discord.Message)

    monkeypatch.setattr(commands.Context, "send", send)
    return outbox


def message(content: str, *, author_id: int = ALICE, channel_id: int = CHANNEL) -> Any:
    msg = MagicMock(spec=discord.Message)
    msg.content = content
    msg.author = MagicMock(spec=discord.Member, id=author_id, bot=False)
    msg.channel = MagicMock(spec=discord.TextChannel, id=channel_id)
    msg.guild = MagicMock(spec=discord.Guild, id=33)
    msg.created_at = discord.utils.utcnow()
    msg.edited_at = None
    return msg


@asynccontextmanager
async def running(settings: Settings, state: AppState | None) -> AsyncIterator[CableBot]:
    """The bot set up as at start, without logging in (no dev guilds: no network)."""
    bot = create_bot(settings, state=state)
    async with bot:
        await bot.setup_hook()
        bot._connection.user = MagicMock(spec=discord.ClientUser, id=BOT_USER_ID)
        yield bot


async def invoke(bot: CableBot, content: str, **kw: Any) -> commands.Context[Any]:
    ctx = await bot.get_context(message(content, **kw))
    await bot.invoke(ctx)
    # Error handlers run as tasks scheduled by `bot.dispatch`: let them finish.
    events = [t for t in asyncio.all_tasks() if t.get_name().startswith("discord.py: on_")]
    await asyncio.gather(*events)
    return ctx
