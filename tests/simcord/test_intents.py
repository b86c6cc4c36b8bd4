"""Without the message-content intent, slash commands and @mentions still work."""

from __future__ import annotations

import pytest
import simcord

from bot.chat.state import AppState
from bot.discord.client import CableBot, create_bot
from tests.discord.shared import offline_settings
from tests.simcord.helpers import world

REF = "08REYKJAVIK195"


@pytest.fixture
def simcord_bot(state: AppState) -> CableBot:
    return create_bot(offline_settings(message_content_intent=False), state=state)


async def test_mention_prefix_and_slash_work_without_message_content(
    simcord_env: simcord.Env,
) -> None:
    w = await world(simcord_env)
    bot_id = simcord_env.bot.user.id

    await w.alice.send(w.channel, f"!cable {REF}")
    assert [m.author.id for m in w.channel.history()] == [w.alice.id]  # Discord hid the text

    await w.alice.send(w.channel, f"<@{bot_id}> cable {REF}")
    assert w.channel.last_message is not None
    assert w.channel.last_message.embeds[0].title == REF

    result = await w.alice.slash(w.channel, "cable", id=REF)
    assert result.response is not None and result.response.embeds[0].title == REF
