"""On Discord too, a search that makes tantivy panic gets an answer: the index is rebuilt
and the asker gets the search reply, where before they got no reply at all."""

from __future__ import annotations

from pathlib import Path

import pytest
import simcord

from bot.discord.client import CableBot, create_bot
from tests.discord.shared import offline_settings
from tests.faults.cache_scenes import CABLE, copy_seeds, opened
from tests.faults.test_cache_damage import make_tantivy_panic
from tests.simcord.helpers import world


@pytest.fixture
def simcord_bot(tmp_path: Path) -> CableBot:
    library = copy_seeds(tmp_path / "cables")
    opened(library, tmp_path / "cache")  # a first start writes store and index
    make_tantivy_panic(tmp_path / "cache")
    state = opened(library, tmp_path / "cache")  # the next start opens them
    return create_bot(offline_settings(cooldown_rate=50), state=state)


async def test_a_search_on_a_panicking_index_is_answered(simcord_env: simcord.Env) -> None:
    w = await world(simcord_env, synced=False)
    await w.alice.send(w.channel, "!search boycott of israeli products")
    reply = w.channel.last_message
    assert reply is not None and reply.author.id == simcord_env.bot.user.id
    assert CABLE in (reply.embeds[0].description or "") + str(reply.embeds[0].fields)
