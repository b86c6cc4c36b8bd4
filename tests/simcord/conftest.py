"""simcord runs the real bot against an in-memory Discord, over the session's shared state."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.chat.state import AppState
from bot.discord.client import CableBot, create_bot
from tests.discord.shared import offline_settings


@pytest.fixture
def simcord_bot(state: AppState, tmp_path: Path) -> CableBot:
    """The bot over the shared library, with a desk of its own in tmp_path/data."""
    return create_bot(offline_settings(cooldown_rate=50, data_dir=tmp_path / "data"), state=state)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder carries the `simcord` marker (select with -m simcord)."""
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.simcord)
