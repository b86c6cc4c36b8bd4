"""One loaded library and search index for the whole chat suite (loading takes seconds)."""

from __future__ import annotations

import pytest

from bot.chat.dispatch import dispatch
from bot.chat.replies import Reply
from bot.chat.state import AppState, load_state
from config.settings import Settings


@pytest.fixture(scope="session")
def state(tmp_path_factory: pytest.TempPathFactory) -> AppState:
    settings = Settings(cache_dir=tmp_path_factory.mktemp("chat-cache"))
    return load_state(settings)


@pytest.fixture(scope="session")
def ask(state: AppState) -> Ask:
    return Ask(state)


class Ask:
    """`ask("!cable ...")` -> the reply, as a front end would get it."""

    def __init__(self, state: AppState) -> None:
        self.state = state

    def __call__(self, line: str) -> Reply:
        return dispatch(self.state, line)
