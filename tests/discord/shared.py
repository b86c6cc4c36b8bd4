"""One loaded library for both Discord test folders (loading takes seconds)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.cables.library import Library
from bot.cables.model import Cable
from bot.chat.state import AppState, load_state
from config.settings import Settings

REPO = Path(__file__).resolve().parents[2]
SEED_ID = "07DUSHANBE313"


@functools.cache
def _load(cache_dir: Path) -> AppState:
    state = load_state(offline_settings(cache_dir=cache_dir))
    state.engine()  # as the bot does before answering: no test waits for the index
    return state


def full_cables(library: Library) -> Iterator[Cable]:
    """Every cable with its body (a stored library's iteration may yield metadata only)."""
    for ref_id in library.ids():
        cable = library.get(ref_id)
        assert cable is not None
        yield cable


def shared_state(base: Path) -> AppState:
    """The bundled library, loaded once per test session (`base`: the session's temp root)."""
    return _load(base / "discord-state-cache")


def offline_settings(**overrides: Any) -> Settings:
    """The documented defaults plus `overrides`, whatever the environment or `.env` say."""
    defaults = {
        name: field.get_default(call_default_factory=True)
        for name, field in Settings.model_fields.items()
    }
    return Settings(_env_file=None, **{**defaults, **overrides})  # type: ignore[call-arg]
