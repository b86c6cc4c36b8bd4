"""Starting and stopping: intents from the settings, SIGTERM closes the bot."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from bot.cli import run
from bot.discord.client import create_bot
from bot.search.engine import CableSearchEngine
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


async def test_a_load_prepares_what_searches_count_off_the_loop(tmp_path: Path) -> None:
    # At full scale the facets' per-cable columns (and the catalogue under them) take
    # seconds: made after the load, so the first search does not wait for them.
    settings = offline_settings(
        library_paths=[Path("seeds/raw/00HARARE6677.html"), Path("seeds/raw/02AMMAN2221.txt")],
        cache_dir=tmp_path,
    )
    bot = create_bot(settings)
    state = await bot.reload_state()
    assert bot.counting is not None
    await asyncio.wait_for(bot.counting, timeout=60)
    engine = state.engine()
    assert isinstance(engine, CableSearchEngine)
    assert engine.counting_prepared
