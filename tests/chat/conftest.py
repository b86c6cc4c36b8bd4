"""`ask("!cable ...")`: a chat line answered over the session's shared state."""

from __future__ import annotations

import pytest

from bot.chat.replies import Reply
from bot.chat.state import AppState
from handlers.dispatch import dispatch


@pytest.fixture(scope="session")
def ask(state: AppState) -> Ask:
    return Ask(state)


class Ask:
    """`ask("!cable ...")` -> the reply, as a front end would get it."""

    def __init__(self, state: AppState) -> None:
        self.state = state

    def __call__(self, line: str) -> Reply:
        return dispatch(self.state, line)
