"""cablebot: a chat bot for researchers of the WikiLeaks US diplomatic cables.

`create_bot` is imported lazily so that `import bot.cables` never imports discord.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.discord.client import create_bot

__all__ = ["create_bot"]


def __getattr__(name: str) -> Any:
    if name == "create_bot":
        from bot.discord.client import create_bot

        return create_bot
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
