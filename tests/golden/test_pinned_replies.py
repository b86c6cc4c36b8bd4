"""Behaviour is pinned: the JSON reply to every scenario line is what it was when pinned."""

from __future__ import annotations

import json

from bot.chat.state import AppState
from tests.golden.scenarios import PINNED, pinned_lines, replies_json


def test_every_scenario_answers_as_pinned(state: AppState) -> None:
    expected = PINNED.read_text(encoding="utf-8").splitlines()
    actual = replies_json(state)
    assert len(actual) == len(expected) == len(pinned_lines())
    for line, got, want in zip(pinned_lines(), actual, expected, strict=True):
        assert json.loads(got) == json.loads(want), line
