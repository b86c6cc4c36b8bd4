from __future__ import annotations

import pytest

from bot.chat.state import AppState
from tests.discord.shared import shared_state


@pytest.fixture(scope="session")
def state(tmp_path_factory: pytest.TempPathFactory) -> AppState:
    return shared_state(tmp_path_factory.getbasetemp())
