"""The research desk end to end in simcord: the tour, Save controls and the 🔖 reaction,
exports as attachments, threads, isolation, persistence and fifty people at once."""

from __future__ import annotations

import csv
import io
from typing import Any

import discord
import simcord

from tests.discord.limits import limit_problems
from tests.simcord.helpers import world

DUSHANBE = "07DUSHANBE313"
SHELTERS = f"{DUSHANBE} ¶PROTECTION.F"


def _text(message: discord.Message | None) -> str:
    assert message is not None
    return "\n".join((e.title or "") + "\n" + (e.description or "") for e in message.embeds)


def _custom_ids(message: discord.Message) -> list[str]:
    return [str(getattr(c, "custom_id", "")) for row in message.components for c in row.children]


async def _desk(actor: Any, channel: simcord.ChannelHandle, filters: str = "") -> str:
    await actor.send(channel, f"!desk {filters}")
    return _text(channel.last_message)


async def test_save_note_export_unsave_and_focus(simcord_env: simcord.Env) -> None:
    w = await world(simcord_env, synced=False)
    await w.alice.send(w.channel, f"!cable {DUSHANBE} protection F")
    quoted = w.channel.last_message
    assert quoted is not None
    assert f"desk:save:{SHELTERS}" in _custom_ids(quoted)

    # Bob (not the asker) saves with the button: answered to him alone, nothing in the channel.
    clicked = await w.bob.click(quoted, custom_id=f"desk:save:{SHELTERS}")
    assert clicked.response is not None and clicked.ephemeral
    assert "#1" in _text(clicked.response.message)
    assert w.channel.last_message is not None and w.channel.last_message.id == quoted.id

    await w.alice.send(w.channel, f"!note {DUSHANBE} protection F IOM runs both <@&1> shelters")
    await w.alice.send(w.channel, f"!cable {DUSHANBE} protection F")
    shown = _text(w.channel.last_message)
    assert "IOM runs both shelters" in shown and "alice" in shown
    assert w.channel.last_message is not None
    assert limit_problems(w.channel.last_message.embeds) == []

    await w.alice.send(w.channel, f"!cable {DUSHANBE}")
    assert f"1 note on this cable: `!notes {DUSHANBE}`" in _text(w.channel.last_message)

    await w.bob.send(w.channel, "!search shelters IOM")
    results = w.channel.last_message
    assert results is not None and "desk:save" in _custom_ids(results)
    await w.alice.react(results, "🔖")
    # Confirmed with the bot's own reaction (nobody else adds ✅ here), not a message.
    assert "✅" in [str(r.emoji) for r in _refetch(w.channel, results).reactions]
    assert w.channel.last_message is not None and w.channel.last_message.id == results.id

    listing = await _desk(w.alice, w.channel, "by:bob")
    assert "\\#1 " in listing and "bob" in listing and "IOM runs both shelters" in listing
    assert "alice" in await _desk(w.bob, w.channel, "by:alice")  # what the 🔖 saved

    await w.alice.send(w.channel, "!export csv")
    exported = w.channel.last_message
    assert exported is not None and len(exported.attachments) == 1
    rows = list(csv.DictReader(io.StringIO((await exported.attachments[0].read()).decode())))
    assert rows[0]["locator"] == SHELTERS and rows[0]["saved_by"] == "bob"

    await w.alice.send(w.channel, "!unsave 1")
    assert "saved by bob; only they or a moderator" in _text(w.channel.last_message)

    await w.bob.send(w.channel, "!unsave 1")
    assert "Removed" in _text(w.channel.last_message)

    await w.alice.send(w.channel, f"!focus {DUSHANBE}")
    await w.bob.send(w.channel, "!ask who runs the shelters")
    assert "this channel's focus" in _text(w.channel.last_message)


def _refetch(channel: simcord.ChannelHandle, message: discord.Message) -> discord.Message:
    return next(m for m in channel.history() if m.id == message.id)
