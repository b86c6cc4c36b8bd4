"""Prefix commands through discord.py's own parsing, checks and cooldowns (no network)."""

from __future__ import annotations

import asyncio
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock, MagicMock

import discord
import pytest
from discord.ext import commands

from bot.chat.caller import Caller
from bot.chat.commands import Command
from bot.chat.state import AppState
from bot.discord import client, errors
from bot.discord.cogs import chat
from config.settings import Settings
from handlers.cable import COMMAND, CableRequest
from handlers.dispatch import Answer, answer, answer_text
from tests.discord.limits import limit_problems
from tests.discord.mocks import ALICE, Outbox, install_outbox, invoke, running
from tests.discord.shared import REPO, offline_settings

REF = "08REYKJAVIK195"
APP_OWNER = 77


@pytest.fixture
def outbox(monkeypatch: pytest.MonkeyPatch) -> Outbox:
    return install_outbox(monkeypatch)


async def test_cable_card_by_prefix_command(state: AppState, outbox: Outbox) -> None:
    async with running(offline_settings(), state) as bot:
        await invoke(bot, "!cable 08 reykjavik-195")
    card = outbox.last.embeds[0]
    assert card.title == REF
    assert card.url == "https://wikileaks.org/cable/2008/09/08REYKJAVIK195.html"
    assert {f.name for f in card.fields} >= {"Created", "Classification", "Origin", "Links"}
    assert limit_problems(outbox.last.embeds) == []


async def test_paragraph_is_quoted_exactly_with_its_permalink(
    state: AppState, outbox: Outbox
) -> None:
    cable = state.library.get(REF)
    assert cable is not None
    paragraph = next(p for p in cable.paragraphs if p.label == "2")
    async with running(offline_settings(), state) as bot:
        await invoke(bot, f"!cable {REF} ¶2")
    text = outbox.last.embeds[0].description or ""
    assert f"```\n{paragraph.text}\n```" in text
    assert paragraph.permalink in text


async def test_a_typo_answers_privately_and_costs_no_turn(state: AppState, outbox: Outbox) -> None:
    settings = offline_settings(cooldown_rate=1, cooldown_seconds=600)
    async with running(settings, state) as bot:
        await invoke(bot, "!cable 99QQQQQQ1")
        await invoke(bot, "!cable")  # missing argument: a user-input error
        await invoke(bot, f"!cable {REF}")
        await invoke(bot, f"!cable {REF}")
    typo, missing, answer, slowed = outbox.sent
    assert typo.ephemeral and typo.embeds[0].title == "Sorry"
    assert "Usage: `!cable <id>" in (missing.embeds[0].description or "")
    assert answer.embeds[0].title == REF
    assert "try again in" in (slowed.embeds[0].description or "")


async def test_long_results_come_with_a_pager(state: AppState, outbox: Outbox) -> None:
    async with running(offline_settings(), state) as bot:
        await invoke(bot, "!browse year:2009")
    assert isinstance(outbox.last.view, discord.ui.View)
    labels = {getattr(c, "label", None) for c in outbox.last.view.children}
    assert {"Previous", "Next", "Delete"} <= labels


async def test_other_channels_are_ignored_when_channels_are_restricted(
    state: AppState, outbox: Outbox
) -> None:
    async with running(offline_settings(allowed_channel_ids=[4242]), state) as bot:
        await invoke(bot, f"!cable {REF}")
        await invoke(bot, f"!cable {REF}", channel_id=4242)
    assert [s.embeds[0].title for s in outbox.sent] == [REF]


async def test_commands_before_the_library_is_loaded_say_so(
    state: AppState, outbox: Outbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = threading.Event()

    def slow_load(settings: Settings) -> AppState:
        loaded.wait(timeout=30)
        return state

    monkeypatch.setattr(client, "load_state", slow_load)
    async with running(offline_settings(), None) as bot:
        await invoke(bot, f"!cable {REF}")  # setup_hook started the load; it is not done
        loaded.set()
        await bot.wait_for_library()
        await invoke(bot, f"!cable {REF}")
    assert outbox.sent[0].embeds[0].description == errors.LOADING
    assert outbox.sent[1].embeds[0].title == REF


async def test_a_failed_first_load_is_reported_not_awaited_forever(
    outbox: Outbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_load(settings: Settings) -> AppState:
        raise OSError("disk on fire")

    monkeypatch.setattr(client, "load_state", broken_load)
    async with running(offline_settings(), None) as bot:
        await bot.wait_for_library()
        await invoke(bot, f"!cable {REF}")
    assert outbox.last.embeds[0].description == errors.LOAD_FAILED


async def test_reload_is_for_owners_and_swaps_the_whole_library(
    state: AppState, outbox: Outbox, tmp_path: Path
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(REPO / "seeds" / "raw" / f"{REF}.html", library)
    settings = offline_settings(
        owner_ids=[ALICE], library_paths=[library], cache_dir=tmp_path / "cache"
    )
    async with running(settings, state) as bot:
        bot.owner_id = APP_OWNER  # as discord.py caches it from the application info
        await invoke(bot, "!reload", author_id=ALICE + 1)
        assert bot.state is state
        await invoke(bot, "!reload")
        assert bot.state is not state
        assert bot.state.library.ids() == [REF]
    assert len(state.library) > 1  # the old state was swapped out whole, never changed
    assert outbox.sent[0].embeds[0].description == errors.NOT_OWNER
    assert outbox.last.content is not None and "1 cables" in outbox.last.content


async def test_no_reply_can_ping_anyone(state: AppState) -> None:
    async with running(offline_settings(), state) as bot:
        mentions = bot.allowed_mentions
    assert mentions is not None
    assert mentions.to_dict() == discord.AllowedMentions.none().to_dict()


async def test_a_reload_that_finds_no_cable_keeps_the_library(
    state: AppState, outbox: Outbox, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-folder"
    settings = offline_settings(owner_ids=[ALICE], library_paths=[missing])
    async with running(settings, state) as bot:
        await invoke(bot, "!reload")
        assert bot.state is state
    assert outbox.last.content is not None
    assert outbox.last.content.startswith("Reload kept the current library: no cables found in")
    assert str(missing) in outbox.last.content


async def test_a_slow_answer_does_not_block_the_event_loop(
    state: AppState, outbox: Outbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow_answer(
        state: AppState, command: Command[Any], args: str, caller: Caller | None
    ) -> Answer[Any]:
        time.sleep(0.3)  # a long search, in the worker thread
        return answer_text(state, command, args, caller)

    monkeypatch.setattr(chat, "answer_text", slow_answer)
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    beating = asyncio.create_task(heartbeat())
    async with running(offline_settings(), state) as bot:
        await invoke(bot, f"!cable {REF}")
    beating.cancel()
    assert outbox.last.embeds[0].title == REF
    assert ticks >= 10  # the loop kept running while the answer was computed


@pytest.mark.parametrize(("work_seconds", "deferred"), [(0.3, True), (0.0, False)])
async def test_slash_answers_are_deferred_only_when_slow(
    state: AppState, monkeypatch: pytest.MonkeyPatch, work_seconds: float, deferred: bool
) -> None:
    def timed_answer(
        state: AppState,
        command: Command[Any],
        read: Callable[[], Any],
        notes: list[str],
        caller: Caller | None,
    ) -> Answer[Any]:
        time.sleep(work_seconds)
        return answer(state, command, read, notes, caller)

    monkeypatch.setattr(chat, "answer", timed_answer)
    monkeypatch.setattr(chat, "_DEFER_AFTER_SECONDS", 0.1)
    async with running(offline_settings(), state) as bot:
        ctx = MagicMock(spec=commands.Context, bot=bot, command=bot.get_command("cable"))
        ctx.interaction = MagicMock(spec=discord.Interaction)
        ctx.author = MagicMock(spec=discord.Member, id=ALICE)
        ctx.defer, ctx.send = AsyncMock(), AsyncMock()
        cog = bot.get_cog("Cables")
        assert isinstance(cog, chat.ChatCog)
        await cog._answer(ctx, COMMAND, chat.Options(), lambda _state: CableRequest(REF))
    assert ctx.defer.await_count == int(deferred)
    assert ctx.send.await_args.kwargs["embed"].title == REF
