"""Starting and stopping: intents from the settings, SIGTERM closes the bot."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from bot.cli import run
from bot.discord.client import create_bot
from tests.discord.shared import offline_settings


def test_message_content_intent_follows_the_settings() -> None:
    assert create_bot(offline_settings()).intents.message_content
    assert not create_bot(offline_settings(message_content_intent=False)).intents.message_content


async def test_sigterm_closes_the_bot_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    bot = create_bot(offline_settings())
    closed = asyncio.Event()

    async def start(token: str) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # what a service manager sends
        await closed.wait()

    async def close() -> None:
        closed.set()

    monkeypatch.setattr(bot, "start", start)
    monkeypatch.setattr(bot, "close", close)
    await asyncio.wait_for(run._serve(bot, "token"), timeout=10)
    assert closed.is_set()
